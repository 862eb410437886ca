//! The tfkms rules, one file each with its documentation beside its code
//! (see [`rules`]), and the [`finding`] model they report.

pub mod docs;
pub mod finding;
pub mod rewrite;
pub mod rules;
pub mod support;

use finding::{Finding, RuleMeta, Severity};
use std::sync::Arc;
use tfkms_iam::{Document, Grant, Statement};

/// What rules may consult besides the document.
pub struct Context<'a> {
    /// File texts by `FileId`, to quote the source in fixes.
    pub files: &'a [Arc<str>],
    /// Alias patterns the team accepts for TFKMS002.
    pub trusted_alias_patterns: &'a [String],
    /// The team's AWS account IDs: principals of any other account are
    /// cross-account (TFKMS008, TFKMS009).
    pub own_accounts: &'a [String],
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one document.
    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let _ = (ctx, doc, out);
    }

    /// Checks all documents of the scan together (project-wide rules).
    fn check_project(&self, ctx: &Context, docs: &[Document], out: &mut Vec<Finding>) {
        let _ = (ctx, docs, out);
    }

    /// Checks one `aws_kms_grant`.
    fn check_grant(&self, ctx: &Context, grant: &Grant, out: &mut Vec<Finding>) {
        let _ = (ctx, grant, out);
    }

    /// What [`Rule::check_project`] needs of this statement: `None` for
    /// nothing, else the statement or a copy trimmed to the parts the rule
    /// reads. Resolved documents take about ten times the size of their
    /// source, so the scan keeps for the project-wide pass only these views
    /// (in their documents, without the other statements); a rule with a
    /// project-wide check must implement this.
    fn project_view(&self, doc: &Document, st: &Statement) -> Option<Statement> {
        let _ = (doc, st);
        None
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
    out.extend(check_project(ctx, docs));
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

/// What the project-wide checks need of a statement; see
/// [`Rule::project_view`]. Where several rules need it, all of it.
pub fn project_view(doc: &Document, st: &Statement) -> Option<Statement> {
    let mut views = all_rules().iter().filter_map(|r| r.project_view(doc, st));
    let first = views.next()?;
    Some(if views.next().is_some() {
        st.clone()
    } else {
        first
    })
}

/// Runs the project-wide checks over all documents of a scan.
pub fn check_project(ctx: &Context, docs: &[Document]) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in all_rules() {
        rule.check_project(ctx, docs, &mut out);
    }
    out
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
                if !last.related.contains(&l) {
                    last.related.push(l);
                }
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
