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
use std::sync::Arc;
use tfkms_rules::finding::{Finding, Label, RuleMeta, Severity};
use tfkms_syntax::{FileId, SourceMap, Span};

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
#[cfg(test)]
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

/// What each file's diagnostics were last built from. A file's diagnostics
/// are a function of its findings and of the texts their spans point into
/// (a range is a line and a column): when neither changed, neither did the
/// diagnostics, and they are not built again. On a large tree an edit
/// changes a few files' findings; building every file's line index and
/// diagnostics at each scan cost more than the scan.
#[derive(Default)]
pub struct Built {
    files: HashMap<PathBuf, Vec<FindingInputs>>,
}

/// The diagnostics of the files that changed since the last scan given to
/// [`Built::changes`]; a file left without findings has an empty list,
/// which clears it in the editor.
pub type Changes = BTreeMap<PathBuf, Vec<Diagnostic>>;

impl Built {
    /// The diagnostics of the files whose findings or texts changed since
    /// the last call, and remembers what they were built from.
    pub fn changes(&mut self, result: &ScanResult, encoding: Encoding) -> Changes {
        let mut positions = Positions::new(result, encoding);
        let mut now: HashMap<PathBuf, Vec<FindingInputs>> = HashMap::new();
        let mut changes = Changes::new();
        for (file, findings) in findings_by_file(result) {
            let path = positions.path(file);
            let unchanged = self.files.remove(&path).filter(|inputs| {
                inputs.len() == findings.len()
                    && inputs
                        .iter()
                        .zip(&findings)
                        .all(|(i, f)| i.matches(f, &result.sources))
            });
            let inputs = unchanged.unwrap_or_else(|| {
                let diagnostics = findings
                    .iter()
                    .map(|f| diagnostic(f, &mut positions))
                    .collect();
                changes.insert(path.clone(), diagnostics);
                findings
                    .iter()
                    .map(|f| FindingInputs::of(f, &result.sources))
                    .collect()
            });
            now.insert(path, inputs);
        }
        // What is left had findings and has none now.
        for (path, _) in std::mem::replace(&mut self.files, now) {
            changes.insert(path, Vec::new());
        }
        changes
    }
}

/// The findings of a scan grouped by the file they are published on, each
/// file's in the scan's order.
fn findings_by_file(result: &ScanResult) -> Vec<(FileId, Vec<&Finding>)> {
    let mut grouped: BTreeMap<FileId, Vec<&Finding>> = BTreeMap::new();
    for finding in &result.findings {
        grouped
            .entry(finding.primary.span.file)
            .or_default()
            .push(finding);
    }
    grouped.into_iter().collect()
}

/// Everything [`diagnostic`] reads of a finding, with the texts its spans
/// point into rather than file IDs, which a rediscovery renumbers.
struct FindingInputs {
    rule: &'static RuleMeta,
    severity: Severity,
    message: String,
    help: Option<String>,
    primary: LabelInputs,
    related: Vec<LabelInputs>,
}

struct LabelInputs {
    path: PathBuf,
    /// Held, so that while it is, no other text can take its address: the
    /// same pointer is the same text.
    text: Arc<str>,
    start: u32,
    end: u32,
    message: String,
}

impl FindingInputs {
    fn of(finding: &Finding, sources: &SourceMap) -> FindingInputs {
        FindingInputs {
            rule: finding.rule,
            severity: finding.severity,
            message: finding.message.clone(),
            help: finding.help.clone(),
            primary: LabelInputs::of(&finding.primary, sources),
            related: finding
                .related
                .iter()
                .map(|l| LabelInputs::of(l, sources))
                .collect(),
        }
    }

    fn matches(&self, finding: &Finding, sources: &SourceMap) -> bool {
        std::ptr::eq(self.rule, finding.rule)
            && self.severity == finding.severity
            && self.message == finding.message
            && self.help == finding.help
            && self.primary.matches(&finding.primary, sources)
            && self.related.len() == finding.related.len()
            && self
                .related
                .iter()
                .zip(&finding.related)
                .all(|(i, l)| i.matches(l, sources))
    }
}

impl LabelInputs {
    fn of(label: &Label, sources: &SourceMap) -> LabelInputs {
        let source = sources.get(label.span.file);
        LabelInputs {
            path: source.path.clone(),
            text: source.text.clone(),
            start: label.span.start,
            end: label.span.end,
            message: label.message.clone(),
        }
    }

    fn matches(&self, label: &Label, sources: &SourceMap) -> bool {
        let source = sources.get(label.span.file);
        self.start == label.span.start
            && self.end == label.span.end
            && self.message == label.message
            && self.path == source.path
            && (Arc::ptr_eq(&self.text, &source.text) || self.text == source.text)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::scan::Overlays;
    use std::path::Path;

    const MAIN: &str = r#"# a b
variable "key" {
  type = string
}

data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key]
  }
}
"#;
    const ALIAS_VALUE: &str = "key = \"arn:aws:kms:us-east-1:111122223333:alias/a\"\n";
    const KEY_VALUE: &str =
        "key = \"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n";
    const OTHER: &str = r#"data "aws_iam_policy_document" "other" {
  statement {
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/other"]
  }
}
"#;

    /// An engine over a workspace, and what an editor shows of the
    /// changes it was sent.
    struct Editor {
        _dir: tempfile::TempDir,
        root: PathBuf,
        engine: Engine,
        overlays: Overlays,
        built: Built,
        shown: BTreeMap<PathBuf, Vec<Diagnostic>>,
    }

    impl Editor {
        fn new(files: &[(&str, &str)]) -> Editor {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().canonicalize().unwrap();
            for (name, text) in files {
                std::fs::write(root.join(name), text).unwrap();
            }
            let (config, config_problem) =
                crate::config::for_scan(None, std::slice::from_ref(&root)).unwrap();
            let opts = crate::scan::ScanOptions {
                config_problem,
                jobs: Some(1),
                ..config.scan_options(vec![root.clone()])
            };
            Editor {
                _dir: dir,
                root,
                engine: Engine::new(opts).unwrap(),
                overlays: Overlays::new(),
                built: Built::default(),
                shown: BTreeMap::new(),
            }
        }

        /// Scans with `text` as the buffer of `name`, shows the changes
        /// as an editor does (a publish replaces a file's diagnostics),
        /// checks that the editor shows what a build of every diagnostic
        /// of the scan gives, and returns the files sent.
        fn edit(&mut self, name: &str, text: &str) -> Vec<String> {
            self.overlays.insert(self.root.join(name), text.into());
            let result = self
                .engine
                .update(Arc::new(self.overlays.clone()), &[], None)
                .unwrap();
            let changes = self.built.changes(&result, Encoding::Utf16);
            let sent = changes.keys().map(|p| self.name(p)).collect();
            for (path, diagnostics) in changes {
                if diagnostics.is_empty() {
                    self.shown.remove(&path);
                } else {
                    self.shown.insert(path, diagnostics);
                }
            }
            assert_eq!(self.shown, by_file(&result, Encoding::Utf16));
            sent
        }

        fn name(&self, path: &Path) -> String {
            path.strip_prefix(&self.root).unwrap().display().to_string()
        }
    }

    #[test]
    fn only_the_files_whose_diagnostics_changed_are_sent_and_they_add_up_to_all() {
        let mut editor = Editor::new(&[
            ("main.tf", MAIN),
            ("terraform.tfvars", ALIAS_VALUE),
            ("other.tf", OTHER),
        ]);
        assert_eq!(
            editor.edit("main.tf", MAIN),
            ["other.tf", "terraform.tfvars"]
        );
        // Fixed: its diagnostics are cleared, nothing else is built.
        let other = OTHER.replace("alias/other", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assert_eq!(editor.edit("other.tf", &other), ["other.tf"]);
        assert_eq!(editor.edit("other.tf", &other), Vec::<String>::new());
        // The same offsets on other lines: the value's finding points into
        // main.tf (the path the value travelled), whose lines moved.
        let moved = MAIN.replacen("# a b\n", "#\n# b\n", 1);
        assert_eq!(moved.len(), MAIN.len());
        assert_eq!(editor.edit("main.tf", &moved), ["terraform.tfvars"]);
        assert_eq!(
            editor.edit("terraform.tfvars", KEY_VALUE),
            ["terraform.tfvars"]
        );
    }
}
