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
    /// For a value stopped by an evaluation limit: the limit and where it
    /// was reached. Such a limit stops many values at once, and the scan
    /// reports it once.
    pub limit: Option<(String, Option<Span>)>,
    /// The value that stopped evaluation, for a note about one: two notes
    /// of one cause are one report.
    pub cause: Option<std::sync::Arc<tfkms_eval::Cause>>,
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
            limit: None,
            cause: None,
        }
    }

    /// Marks a finding about a value that could not be evaluated with its
    /// cause; for an evaluation limit, points at the place it was reached.
    pub fn stopped_by(mut self, cause: &std::sync::Arc<tfkms_eval::Cause>) -> Finding {
        self.cause = Some(cause.clone());
        if let tfkms_eval::Cause::Limit { what, at } = &**cause {
            if let Some(at) = at {
                self = self.related(*at, "evaluation stopped here");
            }
            self.limit = Some((what.clone(), *at));
        }
        self
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

    /// Adds a label another report of this finding carries. A label saying
    /// the same thing as one already here at an overlapping span is the same
    /// place reached another way (a statement seen in its data source and
    /// again in the `.json` rendered from it): the smaller span, the more
    /// precise, is kept. Same words at separate places are both kept.
    pub fn merge_label(&mut self, label: Label) {
        if label.message == self.primary.message && overlaps(label.span, self.primary.span) {
            return;
        }
        let same = |l: &Label| l.message == label.message && overlaps(l.span, label.span);
        if self
            .related
            .iter()
            .any(|l| same(l) && l.span.len() <= label.span.len())
        {
            return;
        }
        match self.related.iter().position(same) {
            Some(at) => {
                self.related.retain(|l| !same(l));
                self.related.insert(at.min(self.related.len()), label);
            }
            None => self.related.push(label),
        }
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

/// Whether two spans share a character, or one lies within the other (an
/// empty span marks a position).
fn overlaps(a: Span, b: Span) -> bool {
    let within = |i: Span, o: Span| o.start <= i.start && i.end <= o.end;
    a.file == b.file && (a.start.max(b.start) < a.end.min(b.end) || within(a, b) || within(b, a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tfkms_syntax::FileId;

    static META: RuleMeta = RuleMeta {
        code: "TFKMS999",
        slug: "test",
        severity: Severity::Error,
        summary: "",
        docs: "",
    };

    fn label(file: u32, start: u32, end: u32, message: &str) -> Label {
        Label {
            span: Span {
                file: FileId(file),
                start,
                end,
            },
            message: message.to_string(),
        }
    }

    fn finding(related: &[Label]) -> Finding {
        let mut f = Finding::new(&META, label(0, 100, 120, "this alias ARN"), "message");
        f.related = related.to_vec();
        f
    }

    fn spans(f: &Finding) -> Vec<(u32, u32, &str)> {
        f.related
            .iter()
            .map(|l| (l.span.start, l.span.end, l.message.as_str()))
            .collect()
    }

    #[test]
    fn a_label_inside_one_that_says_the_same_replaces_it() {
        let mut f = finding(&[
            label(0, 10, 19, "in statement `UseKey`"),
            label(0, 40, 50, "merged from `base`"),
        ]);
        f.merge_label(label(0, 10, 11, "in statement `UseKey`"));
        assert_eq!(
            spans(&f),
            [
                (10, 11, "in statement `UseKey`"),
                (40, 50, "merged from `base`")
            ]
        );
    }

    #[test]
    fn a_label_around_one_that_says_the_same_is_dropped() {
        let mut f = finding(&[label(0, 10, 11, "in statement `UseKey`")]);
        f.merge_label(label(0, 10, 19, "in statement `UseKey`"));
        f.merge_label(label(0, 5, 12, "in statement `UseKey`"));
        f.merge_label(label(0, 10, 11, "in statement `UseKey`"));
        assert_eq!(spans(&f), [(10, 11, "in statement `UseKey`")]);
    }

    #[test]
    fn a_label_covering_several_that_say_the_same_replaces_them_all_by_itself() {
        let mut f = finding(&[
            label(0, 10, 19, "in statement `A`"),
            label(0, 15, 30, "in statement `A`"),
        ]);
        f.merge_label(label(0, 15, 17, "in statement `A`"));
        assert_eq!(spans(&f), [(15, 17, "in statement `A`")]);
    }

    #[test]
    fn separate_places_and_different_words_are_kept() {
        let mut f = finding(&[label(0, 10, 19, "`var.key_arn` used here")]);
        // The same words at another place, in another file, or touching
        // without overlapping.
        f.merge_label(label(0, 30, 39, "`var.key_arn` used here"));
        f.merge_label(label(1, 10, 19, "`var.key_arn` used here"));
        f.merge_label(label(0, 19, 25, "`var.key_arn` used here"));
        // Other words at an overlapping place.
        f.merge_label(label(0, 12, 14, "in statement `A`"));
        assert_eq!(f.related.len(), 5);
    }

    #[test]
    fn a_label_repeating_the_primary_one_is_dropped() {
        let mut f = finding(&[]);
        f.merge_label(label(0, 105, 110, "this alias ARN"));
        f.merge_label(label(0, 105, 110, "the value comes from here"));
        assert_eq!(spans(&f), [(105, 110, "the value comes from here")]);
    }
}
