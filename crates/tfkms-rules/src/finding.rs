//! What a rule reports.

use serde::Serialize;
use tfkms_syntax::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A rule's identity: its code and slug are a public contract.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub slug: &'static str,
    pub severity: Severity,
    /// One line, for `tfkms rules` and SARIF's shortDescription.
    pub summary: &'static str,
    /// The full documentation in Markdown: what it finds, why it matters,
    /// an example, the fix. `tfkms explain` and the rule pages render it.
    pub docs: &'static str,
}

/// A place in the source with what it has to do with the finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A suggested rewrite of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub description: String,
    /// Replacements; applying all of them gives the fixed source.
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// What to do about it, concretely.
    pub help: Option<String>,
    /// The text a user must change; its message labels the snippet.
    pub primary: Label,
    /// The path the value travelled and the other places involved.
    pub related: Vec<Label>,
    /// Addresses of the documents the finding is in.
    pub documents: Vec<String>,
    /// The statement's sid, or its position (`statement[1]`).
    pub statement: Option<String>,
    pub fix: Option<Fix>,
    /// The heads of the documents and statement the finding is in, where a
    /// suppression comment may also sit. Filled in by the scan, which knows
    /// the module tree each document came from: document addresses are
    /// relative to their root module and repeat across roots.
    pub anchors: Vec<Span>,
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, primary: Label, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.severity,
            message: message.into(),
            help: None,
            primary,
            related: Vec::new(),
            documents: Vec::new(),
            statement: None,
            fix: None,
            anchors: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Finding {
        let label = Label {
            span,
            message: message.into(),
        };
        // One label per place: the first message given for a span wins.
        if label.span != self.primary.span && !self.related.iter().any(|l| l.span == label.span) {
            self.related.push(label);
        }
        self
    }

    /// The order findings are reported in: file, position, code.
    pub fn sort_key(&self) -> (u32, u32, u32, &'static str, &str) {
        (
            self.primary.span.file.0,
            self.primary.span.start,
            self.primary.span.end,
            self.rule.code,
            &self.message,
        )
    }
}
