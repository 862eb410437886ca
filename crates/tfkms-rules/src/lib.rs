//! The tfkms rules, one file each with its documentation beside its code
//! (see [`rules`]), and the [`finding`] model they report.

pub mod docs;
pub mod finding;
pub mod rewrite;
pub mod rules;
pub mod support;

use finding::{Finding, RuleMeta, Severity};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tfkms_access::AccessModel;
use tfkms_iam::{Document, Grant};
use tfkms_syntax::Span;

/// What rules may consult besides the document.
pub struct Context<'a> {
    /// File texts by `FileId`, to quote the source in fixes.
    pub files: &'a [Arc<str>],
    /// Alias patterns the team accepts for TFKMS002.
    pub trusted_alias_patterns: &'a [String],
    /// The team's AWS account IDs: principals of any other account are
    /// cross-account (TFKMS008, TFKMS009).
    pub own_accounts: &'a [String],
    /// Accounts the configuration itself says it deploys to, each with the
    /// place that says so. Own accounts too, when none are configured.
    pub deployed_accounts: &'a [DeployedAccount],
}

/// An account the scanned configuration deploys to, and the evidence: a
/// provider's `allowed_account_ids`, the role its `assume_role` takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeployedAccount {
    pub id: String,
    /// Where the configuration says so, and how (for a finding's label).
    pub evidence: finding::Label,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one document.
    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let _ = (ctx, doc, out);
    }

    /// For a project-wide rule: what [`Rule::check_project`] needs of one
    /// document. Resolved documents take about ten times the size of their
    /// source, so the scan keeps only these facts, gathered as each root
    /// module tree is evaluated, and drops the documents.
    fn project_facts(&self, ctx: &Context, doc: &Document) -> Option<ProjectFacts> {
        let _ = (ctx, doc);
        None
    }

    /// Checks the facts of all documents of the scan together, in the order
    /// the documents were resolved.
    fn check_project(&self, ctx: &Context, facts: &[ProjectFacts], out: &mut Vec<Finding>) {
        let _ = (ctx, facts, out);
    }

    /// Checks one `aws_kms_grant`.
    fn check_grant(&self, ctx: &Context, grant: &Grant, out: &mut Vec<Finding>) {
        let _ = (ctx, grant, out);
    }

    /// Whether the rule reads the key-access model: the scan builds it
    /// only when a rule that does is on, or `tfkms access` asks.
    fn uses_access_model(&self) -> bool {
        false
    }

    /// Checks the key-access model of one root module tree.
    fn check_access(&self, ctx: &Context, model: &AccessModel, out: &mut Vec<Finding>) {
        let _ = (ctx, model, out);
    }
}

/// Runs every rule's check of the key-access model.
pub fn check_access(ctx: &Context, model: &AccessModel, out: &mut Vec<Finding>) {
    // A failure is shown at the first key: the model has no place of its own.
    let Some(first) = model.keys.first() else {
        return;
    };
    let subject = || format!("the key access of `{}` and its tree", first.address);
    for rule in all_rules().iter().filter(|r| r.uses_access_model()) {
        isolated(*rule, first.span, subject, out, |found| {
            rule.check_access(ctx, model, found)
        });
    }
}

/// Runs one rule's check so that a panic in it costs only its own findings
/// there: the other rules still report, and the failure is a finding of its
/// own (TFKMS019) at `at`, where `subject` is (named only then).
fn isolated(
    rule: &dyn Rule,
    at: tfkms_syntax::Span,
    subject: impl FnOnce() -> String,
    out: &mut Vec<Finding>,
    check: impl FnOnce(&mut Vec<Finding>),
) {
    let mut found = Vec::new();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mut found))) {
        Ok(()) => out.append(&mut found),
        Err(payload) => out.push(rules::internal_error::finding(
            rule.meta(),
            at,
            &subject(),
            payload.as_ref(),
        )),
    }
}

/// A file that could not be read or parsed. Not a rule over documents, but
/// reported like one.
pub static PARSE_ERROR: RuleMeta = RuleMeta {
    code: "TFKMS000",
    slug: "parse-error",
    severity: Severity::Error,
    summary: "A file could not be read or parsed; it was skipped and the scan went on",
    docs: r#"## What it does

Reports a file tfkms could not read or parse: invalid HCL or JSON syntax, a
file that is not UTF-8, a file it has no permission to read, a symbolic link
loop or a link leaving the scanned directories. The file is skipped; the rest
of the scan goes on.

## Why it matters

Nothing in a skipped file was checked. Terraform would refuse the same file,
so fixing it is needed anyway.
"#,
};

/// Every rule, in code order.
pub fn all_rules() -> &'static [&'static dyn Rule] {
    &[
        &rules::alias_arn_in_resource::AliasArnInResource,
        &rules::wildcard_alias_condition::WildcardAliasCondition,
        &rules::alias_condition_arn_value::AliasConditionArnValue,
        &rules::alias_condition_operator::AliasConditionOperator,
        &rules::alias_deny_bypass::AliasDenyBypass,
        &rules::invalid_kms_resource::InvalidKmsResource,
        &rules::alias_management_escalation::AliasManagementEscalation,
        &rules::cross_account_key_policy::CrossAccountKeyPolicy,
        &rules::kms_grant::KmsGrant,
        &rules::unresolved_policy_value::UnresolvedPolicyValue,
        &rules::policy_document_error::PolicyDocumentError,
        &rules::identity_policy_without_key_delegation::IdentityPolicyWithoutKeyDelegation,
        &rules::key_policy_lockout::KeyPolicyLockout,
        &rules::cross_account_without_identity_policy::CrossAccountWithoutIdentityPolicy,
        &rules::unrestricted_grant_creation::UnrestrictedGrantCreation,
    ]
}

/// Diagnostics that are not rules over documents: the scan itself reports
/// them (parse errors, variable files, suppression comments).
pub fn scan_metas() -> [&'static RuleMeta; 5] {
    [
        &PARSE_ERROR,
        &rules::undeclared_variable::META,
        &rules::invalid_suppression::META,
        &rules::unused_suppression::META,
        &rules::internal_error::META,
    ]
}

/// Every rule's metadata including TFKMS000, in code order.
pub fn all_metas() -> Vec<&'static RuleMeta> {
    let mut v: Vec<&'static RuleMeta> = scan_metas()
        .into_iter()
        .chain(all_rules().iter().map(|r| r.meta()))
        .collect();
    v.sort_by_key(|m| m.code);
    v
}

/// Finds a rule by code or slug, case-insensitively.
pub fn find_meta(code_or_slug: &str) -> Option<&'static RuleMeta> {
    all_metas().into_iter().find(|m| {
        m.code.eq_ignore_ascii_case(code_or_slug) || m.slug.eq_ignore_ascii_case(code_or_slug)
    })
}

/// Runs every rule over the documents and grants. A finding on one source
/// literal that offends through several documents is reported once, naming
/// them all.
pub fn check(ctx: &Context, docs: &[Document], grants: &[Grant]) -> Vec<Finding> {
    let mut out = Vec::new();
    for doc in docs {
        check_document(ctx, doc, &mut out);
    }
    for grant in grants {
        check_grant(ctx, grant, &mut out);
    }
    let mut facts = Facts::default();
    for doc in docs {
        facts.add(ctx, doc);
    }
    out.extend(facts.check(ctx));
    merge_duplicates(out)
}

/// Runs every rule's per-document check over one document.
pub fn check_document(ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
    check_document_with(all_rules(), ctx, doc, out);
}

fn check_document_with(rules: &[&dyn Rule], ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
    let subject = || format!("document `{}`", doc.address);
    for rule in rules {
        isolated(*rule, doc.span, subject, out, |found| {
            rule.check(ctx, doc, found)
        });
    }
}

/// Runs every rule's grant check over one grant.
pub fn check_grant(ctx: &Context, grant: &Grant, out: &mut Vec<Finding>) {
    let subject = || format!("grant `{}`", grant.address);
    for rule in all_rules() {
        isolated(*rule, grant.span, subject, out, |found| {
            rule.check_grant(ctx, grant, found)
        });
    }
}

/// What one rule keeps of one document for its project-wide check; its own
/// type, opaque to everyone else. Shared, so an incremental scan can keep a
/// root module tree's facts and check them again with another tree's.
pub type ProjectFacts = std::sync::Arc<dyn std::any::Any + Send + Sync>;

/// The project-wide facts of the documents resolved so far, per rule.
#[derive(Clone)]
pub struct Facts {
    per_rule: Vec<Vec<ProjectFacts>>,
}

impl Default for Facts {
    fn default() -> Facts {
        Facts {
            per_rule: all_rules().iter().map(|_| Vec::new()).collect(),
        }
    }
}

impl Facts {
    pub fn add(&mut self, ctx: &Context, doc: &Document) {
        for (rule, facts) in all_rules().iter().zip(&mut self.per_rule) {
            facts.extend(rule.project_facts(ctx, doc));
        }
    }

    /// Appends facts gathered elsewhere (another module tree), after these.
    pub fn append(&mut self, other: Facts) {
        for (mine, theirs) in self.per_rule.iter_mut().zip(other.per_rule) {
            mine.extend(theirs);
        }
    }

    /// Runs the project-wide checks.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for (rule, facts) in all_rules().iter().zip(&self.per_rule) {
            rule.check_project(ctx, facts, &mut out);
        }
        out
    }
}

/// A document's address inside the module that declares it: a Terragrunt
/// unit's documents are named `DIR//ADDRESS`, and the same module deployed
/// by several units is one place to fix, so what a finding says about it,
/// and how a baseline records it, must not depend on the unit.
pub fn address_in_module(address: &str) -> &str {
    match address.split_once("//") {
        // A `//` after an index key's quote or bracket is part of the key
        // (`x["https://a"]`), not a unit's directory.
        Some((unit, rest)) if !unit.contains(['"', '[']) => rest,
        _ => address,
    }
}

/// Adds the findings of the key-access model to those of the documents of
/// the same tree. A TFKMS010 note of the model whose cause (`Finding::cause`)
/// a document's note already names is folded into that note, the one of
/// one of its documents when there is one: one value without a value is
/// one thing to supply, however many checks it stopped.
pub fn add_model_findings(findings: &mut Vec<Finding>, from_model: Vec<Finding>) {
    for f in from_model {
        match document_note_of_cause(findings, &f) {
            Some(i) => fold_note(&mut findings[i], f),
            None => findings.push(f),
        }
    }
}

/// The document note naming the same cause as a model note, preferring
/// one of the note's documents.
fn document_note_of_cause(findings: &[Finding], note: &Finding) -> Option<usize> {
    if note.rule.code != rules::unresolved_policy_value::META.code {
        return None;
    }
    let cause = note.cause.as_ref()?;
    let same_cause = |f: &Finding| f.rule.code == note.rule.code && f.cause.as_ref() == Some(cause);
    let shares_document = |f: &Finding| f.documents.iter().any(|d| note.documents.contains(d));
    let candidates = || findings.iter().enumerate().filter(|(_, f)| same_cause(f));
    candidates()
        .find(|(_, f)| shares_document(f))
        .or_else(|| candidates().next())
        .map(|(i, _)| i)
}

/// Makes a model note's places labels of a document note of its cause,
/// each saying which check the value also stopped.
fn fold_note(kept: &mut Finding, note: Finding) {
    kept.merge_label(finding::Label {
        span: note.primary.span,
        message: format!("{} here too: {}", note.primary.message, note.message),
    });
    for l in note.related {
        kept.merge_label(l);
    }
    for d in note.documents {
        if !kept.documents.contains(&d) {
            kept.documents.push(d);
        }
    }
}

/// Merges the reports of one problem: findings with the same rule and
/// message whose primary spans are the same, or one within the other in
/// another document. The second is a document reached again through a
/// copy that keeps less of the source: a policy document's statements read
/// back from the `.json` a policy resource uses point at the condition
/// block where the data source points at its `test` argument. The smaller
/// span, the more precise, is kept, with the fix made for it.
pub fn merge_duplicates(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    // Per rule and message, the findings kept so far whose spans may still
    // hold a later one: sorted by start, a span ending before the current
    // start holds nothing after it.
    let mut open: HashMap<(&'static str, String), Vec<usize>> = HashMap::new();
    // What each kept finding already lists, so a problem reported from
    // thousands of documents merges in linear time.
    let mut listed: Vec<Listed> = Vec::with_capacity(findings.len());
    for f in findings {
        let candidates = open.entry((f.rule.code, problem_key(&f))).or_default();
        candidates.retain(|&i| {
            let s = out[i].primary.span;
            s.file == f.primary.span.file && s.end >= f.primary.span.start
        });
        let same = candidates
            .iter()
            .copied()
            .find(|&i| is_same_problem(&out[i], &f));
        match same {
            Some(i) => merge_into(&mut out[i], &mut listed[i], f),
            None => {
                candidates.push(out.len());
                listed.push(Listed::of(&f));
                out.push(f);
            }
        }
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// What two findings at one place must share to be one problem: their
/// message; for a TFKMS010 note, the cause it names (its help), as a note is
/// given once per cause wherever evaluation stopped, however far each
/// document's evaluation got there (a module deployed by several
/// Terragrunt units with different inputs, a module call reached by two
/// paths).
fn problem_key(f: &Finding) -> String {
    match &f.help {
        Some(cause) if f.rule.code == rules::unresolved_policy_value::META.code => cause.clone(),
        _ => f.message.clone(),
    }
}

fn is_same_problem(kept: &Finding, f: &Finding) -> bool {
    let (a, b) = (kept.primary.span, f.primary.span);
    a == b || ((a.contains(b) || b.contains(a)) && kept.documents != f.documents)
}

/// The documents and anchors a kept finding lists, as sets.
struct Listed {
    documents: HashSet<String>,
    anchors: HashSet<Span>,
}

impl Listed {
    fn of(f: &Finding) -> Listed {
        Listed {
            documents: f.documents.iter().cloned().collect(),
            anchors: f.anchors.iter().copied().collect(),
        }
    }
}

/// Adds another report of the same problem to `kept`.
fn merge_into(kept: &mut Finding, listed: &mut Listed, mut f: Finding) {
    if f.primary.span.len() < kept.primary.span.len() {
        std::mem::swap(kept, &mut f);
        if kept.fix.is_none() {
            kept.fix = f.fix.take();
        }
        if kept.help.is_none() {
            kept.help = f.help.take();
        }
        // `kept` is now the other copy; the old one's lists follow its own.
        *listed = Listed::of(kept);
    }
    for d in f.documents {
        if listed.documents.insert(d.clone()) {
            kept.documents.push(d);
        }
    }
    // The other copy's primary span holds this one, or is this one: it
    // adds no place to show.
    for l in f.related {
        kept.merge_label(l);
    }
    for a in f.anchors {
        if listed.anchors.insert(a) {
            kept.anchors.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule that reports every document, and one that panics on it.
    struct Reports;
    struct Panics;
    static REPORTS: RuleMeta = RuleMeta {
        code: "TFKMS900",
        slug: "reports",
        severity: Severity::Note,
        summary: "",
        docs: "",
    };
    impl Rule for Reports {
        fn meta(&self) -> &'static RuleMeta {
            &REPORTS
        }
        fn check(&self, _: &Context, doc: &Document, out: &mut Vec<Finding>) {
            let here = finding::Label {
                span: doc.span,
                message: String::new(),
            };
            out.push(Finding::new(&REPORTS, here, "seen"));
        }
    }
    impl Rule for Panics {
        fn meta(&self) -> &'static RuleMeta {
            &rules::key_policy_lockout::META
        }
        fn check(&self, _: &Context, doc: &Document, out: &mut Vec<Finding>) {
            out.push(Finding::new(
                &REPORTS,
                finding::Label {
                    span: doc.span,
                    message: String::new(),
                },
                "half-done",
            ));
            let statements: Vec<u8> = Vec::new();
            let _ = statements[doc.statements.len()];
        }
    }

    #[test]
    fn a_rule_that_panics_loses_only_its_own_findings() {
        let span = tfkms_syntax::Span::new(tfkms_syntax::FileId(0), 10, 20);
        let doc = Document::empty(
            "data.aws_iam_policy_document.app".into(),
            tfkms_iam::DocumentKind::PolicyDocument,
            span,
        );
        let ctx = Context {
            files: &[],
            trusted_alias_patterns: &[],
            own_accounts: &[],
            deployed_accounts: &[],
        };
        let mut out = Vec::new();
        check_document_with(&[&Panics, &Reports], &ctx, &doc, &mut out);
        let found: Vec<(&str, &str)> = out
            .iter()
            .map(|f| (f.rule.code, f.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "TFKMS019",
                    "TFKMS016 (key-policy-lockout) failed on document `data.aws_iam_policy_document.app` with an internal error: index out of bounds: the len is 0 but the index is 0; its findings here are missing"
                ),
                ("TFKMS900", "seen"),
            ]
        );
        assert_eq!(out[0].primary.span, span);
    }

    #[test]
    fn a_units_directory_is_not_part_of_the_address_in_its_module() {
        assert_eq!(
            address_in_module("live/prod/app//module.s3.data.aws_iam_policy_document.x[0]"),
            "module.s3.data.aws_iam_policy_document.x[0]"
        );
        assert_eq!(
            address_in_module("data.aws_iam_policy_document.x"),
            "data.aws_iam_policy_document.x"
        );
        assert_eq!(
            address_in_module("data.aws_iam_policy_document.x[\"https://a\"]"),
            "data.aws_iam_policy_document.x[\"https://a\"]"
        );
    }
    use finding::{Edit, Fix, Label};
    use tfkms_syntax::{FileId, Span};

    fn finding(start: u32, end: u32, document: &str, fix: bool) -> Finding {
        let span = Span::new(FileId(0), start as usize, end as usize);
        let mut f = Finding::new(
            &rules::alias_condition_operator::META,
            Label {
                span,
                message: "here".into(),
            },
            "one problem",
        );
        f.documents = vec![document.to_string()];
        f.fix = fix.then(|| Fix {
            description: "fix it".into(),
            edits: vec![Edit {
                span,
                text: "fixed".into(),
            }],
        });
        f
    }

    fn note(message: &str, cause: &str, document: &str) -> Finding {
        let mut f = Finding::new(
            &rules::unresolved_policy_value::META,
            Label {
                span: Span::new(FileId(0), 10, 20),
                message: "could not be evaluated".into(),
            },
            message,
        )
        .with_help(cause)
        .stopped_by(&std::sync::Arc::new(tfkms_eval::Cause::Unsupported {
            what: cause.into(),
        }));
        f.documents = vec![document.to_string()];
        f
    }

    #[test]
    fn notes_at_one_place_with_one_cause_are_one_note_whatever_they_say() {
        let merged = merge_duplicates(vec![
            note(
                "`x` could not be evaluated",
                "`a.b` is known after apply",
                "u1//d",
            ),
            note(
                "the rest of `x` could not be evaluated",
                "`a.b` is known after apply",
                "u2//d",
            ),
            note(
                "`x` could not be evaluated",
                "`c.d` is known after apply",
                "u3//d",
            ),
        ]);
        assert_eq!(merged.len(), 2);
        let documents: Vec<&[String]> = merged.iter().map(|f| f.documents.as_slice()).collect();
        assert!(documents.contains(&["u1//d".to_string(), "u2//d".to_string()].as_slice()));
        assert!(documents.contains(&["u3//d".to_string()].as_slice()));
    }

    #[test]
    fn a_model_note_folds_into_the_document_note_of_its_cause_preferring_its_document() {
        let at = |start: usize, mut f: Finding| {
            f.primary.span = Span::new(FileId(0), start, start + 5);
            f
        };
        let mut findings = vec![
            at(
                10,
                note(
                    "a resource could not be evaluated",
                    "`var.a` has no default",
                    "p",
                ),
            ),
            at(
                30,
                note(
                    "an alias value could not be evaluated",
                    "`var.a` has no default",
                    "k",
                ),
            ),
            at(
                50,
                note(
                    "an action could not be evaluated",
                    "`var.b` has no default",
                    "k",
                ),
            ),
        ];
        let model = vec![
            at(
                70,
                note(
                    "the account of `r` could not be evaluated",
                    "`var.a` has no default",
                    "k",
                ),
            ),
            at(
                90,
                note(
                    "the account of `s` could not be evaluated",
                    "`var.c` has no default",
                    "k",
                ),
            ),
        ];
        add_model_findings(&mut findings, model);
        assert_eq!(findings.len(), 4, "the note of `var.c` alone stays");
        let folded = &findings[1];
        assert_eq!(folded.related.len(), 1);
        assert_eq!(folded.related[0].span.start, 70);
        assert_eq!(
            folded.related[0].message,
            "could not be evaluated here too: the account of `r` could not be evaluated"
        );
        assert!(findings[0].related.is_empty() && findings[2].related.is_empty());
        assert_eq!(findings[3].primary.span.start, 90);
    }

    #[test]
    fn a_model_note_folds_by_its_cause_not_by_a_help_text_it_shares() {
        let mut findings = vec![note(
            "an action could not be evaluated",
            "`var.a` has no default",
            "k",
        )];
        let mut other_cause = note(
            "the account of `r` could not be evaluated",
            "`var.b` has no default",
            "k",
        );
        other_cause.help = findings[0].help.clone();
        add_model_findings(&mut findings, vec![other_cause]);
        assert_eq!(findings.len(), 2, "another cause is another note");
    }

    #[test]
    fn a_copy_pointing_around_the_literal_in_another_document_is_the_same_finding() {
        let merged = merge_duplicates(vec![
            finding(100, 180, "aws_iam_policy.app.policy", false),
            finding(120, 132, "data.aws_iam_policy_document.app", true),
        ]);
        assert_eq!(merged.len(), 1);
        let f = &merged[0];
        assert_eq!((f.primary.span.start, f.primary.span.end), (120, 132));
        assert!(f.fix.is_some());
        assert_eq!(
            f.documents,
            [
                "data.aws_iam_policy_document.app",
                "aws_iam_policy.app.policy"
            ]
        );
    }

    #[test]
    fn nested_spans_of_one_document_or_other_words_stay_apart() {
        assert_eq!(
            merge_duplicates(vec![
                finding(100, 180, "data.aws_iam_policy_document.app", false),
                finding(120, 132, "data.aws_iam_policy_document.app", false),
            ])
            .len(),
            2
        );
        let mut other = finding(120, 132, "data.aws_iam_policy_document.app", false);
        other.message = "another problem".into();
        assert_eq!(
            merge_duplicates(vec![
                finding(100, 180, "aws_iam_policy.app.policy", false),
                other
            ])
            .len(),
            2
        );
        // Overlapping without one holding the other: two places.
        assert_eq!(
            merge_duplicates(vec![
                finding(100, 130, "aws_iam_policy.app.policy", false),
                finding(120, 150, "data.aws_iam_policy_document.app", false),
            ])
            .len(),
            2
        );
    }
}
