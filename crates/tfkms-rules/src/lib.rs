//! The tfkms rules, one file each with its documentation beside its code
//! (see [`rules`]), and the [`finding`] model they report.

pub mod docs;
pub mod finding;
pub mod rewrite;
pub mod rules;
pub mod support;

use finding::{Finding, RuleMeta, Severity};
use std::sync::Arc;
use tfkms_iam::{Document, Grant};

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
    ]
}

/// Diagnostics that are not rules over documents: the scan itself reports
/// them (parse errors, variable files, suppression comments).
pub fn scan_metas() -> [&'static RuleMeta; 4] {
    [
        &PARSE_ERROR,
        &rules::undeclared_variable::META,
        &rules::invalid_suppression::META,
        &rules::unused_suppression::META,
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
    for rule in all_rules() {
        rule.check(ctx, doc, out);
    }
}

/// Runs every rule's grant check over one grant.
pub fn check_grant(ctx: &Context, grant: &Grant, out: &mut Vec<Finding>) {
    for rule in all_rules() {
        rule.check_grant(ctx, grant, out);
    }
}

/// What one rule keeps of one document for its project-wide check; its own
/// type, opaque to everyone else.
pub type ProjectFacts = Box<dyn std::any::Any + Send>;

/// The project-wide facts of the documents resolved so far, per rule.
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

/// Merges findings with the same rule, primary span and message.
pub fn merge_duplicates(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        if let Some(last) = out.last_mut()
            && last.rule.code == f.rule.code
            && last.primary.span == f.primary.span
            && last.message == f.message
        {
            for d in f.documents {
                if !last.documents.contains(&d) {
                    last.documents.push(d);
                }
            }
            for l in f.related {
                last.merge_label(l);
            }
            for a in f.anchors {
                if !last.anchors.contains(&a) {
                    last.anchors.push(a);
                }
            }
            continue;
        }
        out.push(f);
    }
    out
}
