//! Findings as LSP diagnostics: one per finding, published on the file of
//! its primary span, wherever the policy that offends was evaluated.

use super::position::{Encoding, LineIndex};
use super::uri;
use crate::scan::ScanResult;
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::str::FromStr;
use tfkms_rules::finding::{Finding, RuleMeta, Severity};
use tfkms_syntax::{FileId, Span};

/// Line indexes of the files of one scan, built when first needed.
pub struct Positions<'a> {
    result: &'a ScanResult,
    encoding: Encoding,
    indexes: HashMap<FileId, LineIndex<'a>>,
    cwd: PathBuf,
}

impl<'a> Positions<'a> {
    pub fn new(result: &'a ScanResult, encoding: Encoding) -> Positions<'a> {
        Positions {
            result,
            encoding,
            indexes: HashMap::new(),
            cwd: std::env::current_dir().unwrap_or_default(),
        }
    }

    /// The absolute path of a file. Files the scan refused carry only their
    /// display path, relative to the working directory.
    pub fn path(&self, file: FileId) -> PathBuf {
        let path = &self.result.sources.get(file).path;
        if path.is_absolute() {
            path.clone()
        } else {
            self.cwd.join(path)
        }
    }

    pub fn range(&mut self, span: Span) -> lsp_types::Range {
        let (result, encoding) = (self.result, self.encoding);
        self.indexes
            .entry(span.file)
            .or_insert_with(|| LineIndex::new(&result.sources.get(span.file).text, encoding))
            .range(span.start as usize, span.end as usize)
    }

    pub fn location(&mut self, span: Span) -> Location {
        Location::new(uri::from_path(&self.path(span.file)), self.range(span))
    }
}

/// Every finding of a scan as a diagnostic, by the absolute path of the
/// file it is published on.
pub fn by_file(result: &ScanResult, encoding: Encoding) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut positions = Positions::new(result, encoding);
    let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for finding in &result.findings {
        let path = positions.path(finding.primary.span.file);
        out.entry(path)
            .or_default()
            .push(diagnostic(finding, &mut positions));
    }
    out
}

pub fn diagnostic(finding: &Finding, positions: &mut Positions) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: positions.location(label.span),
            message: label.message.clone(),
        })
        .collect();
    Diagnostic {
        range: positions.range(finding.primary.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.code.to_string())),
        code_description: rule_page(finding.rule).map(|href| CodeDescription { href }),
        source: Some("tfkms".to_string()),
        message: message(finding),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// The headline, what the primary label says about the text, and the fix:
/// an editor shows the message alone, without the snippet the terminal
/// report labels.
fn message(finding: &Finding) -> String {
    let mut message = finding.message.clone();
    let label = finding.primary.message.trim();
    if !label.is_empty() && !finding.message.contains(label) {
        message.push('\n');
        message.push_str(label);
    }
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    message
}

/// The rule's page in the repository's `docs/rules/`, generated from the
/// same text `tfkms explain` prints.
pub fn rule_page(rule: &RuleMeta) -> Option<Uri> {
    let repository = env!("CARGO_PKG_REPOSITORY");
    Uri::from_str(&format!(
        "{repository}/blob/main/docs/rules/{}-{}.md",
        rule.code, rule.slug
    ))
    .ok()
}
