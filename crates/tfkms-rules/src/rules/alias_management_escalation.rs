use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::rules::alias_condition_arn_value::value_problem;
use crate::support::{alias_conditions, name_list, with_provenance};
use crate::{Context, ProjectFacts, Rule};
use std::collections::{BTreeMap, HashSet};
use tfkms_iam::actions::{self, ResourceTypes};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Effect, Item, Statement, glob};
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS007",
    slug: "alias-management-escalation",
    severity: Severity::Warning,
    summary: "A policy allows managing aliases that another policy's alias condition trusts for access",
    docs: r#"## What it does

Looks at all policies of one deployment together. Reports a statement that allows
`kms:CreateAlias`, `kms:UpdateAlias` or `kms:DeleteAlias` (directly, or
through `kms:*`, `kms:*Alias`, `*` or `NotAction`) on alias resources
(`arn:aws:kms:*:111122223333:alias/app-*`, `*`,
`arn:aws:kms:*:*:*`) that include aliases another statement's
`kms:RequestAlias` / `kms:ResourceAliases` condition trusts to grant access.
Both places are shown, across files and modules.

### One deployment at a time

Aliases belong to an account and Region, so only policies of the same
account can reach each other's aliases. By default a deployment is one
root module with the modules it calls (a module called from several roots
counts in each), and policies of unrelated root modules in one repository
are never related. When several root modules deploy to the same account
(stacks split by layer or by team), say so in `.tfkms.toml`, with globs
of root module directories relative to the file, one list per account:

```toml
same_account_roots = [
  ["live/prod/*", "shared/prod"],   # one account
  ["live/dev/*"],                   # another
]
```

A root matching none of the groups stays a deployment of its own; one
matching several belongs to the first.

## Why is this bad?

Alias conditions match by name pattern, not by alias instance. Whoever may
create or update an alias matching the pattern can point it at any key they
can reach, and so give the condition's principals access to that key (or,
by deleting or repointing it, take access away; a Deny that relies on the
alias stops applying). Alias changes reach authorization within five
minutes. Key administrators who cannot change key policies or create grants
can still move access around this way.

Only IAM policies can allow the alias resource, so key policies are not
searched for alias management (their `kms:CreateAlias` covers the key half
of the permission). That includes an `aws_iam_policy_document` whose `json`
is used only as key policies (`aws_kms_key.policy`, `aws_kms_key_policy`,
..., directly, through locals, module variables and outputs, or as a source
or override document of one): AWS's default key policy, `kms:*` for the
account root, is not reported.

Policies that only limit what others grant are not searched either, for
management or for alias conditions: a permissions boundary (an
`aws_iam_policy` whose ARN a role or user uses as `permissions_boundary`
and nothing attaches), a service or resource control policy
(`aws_organizations_policy`), and the `aws_iam_policy_document`s used only
there. Their `Allow` statements, `NotAction` and `*` included, allow no one
anything. A document whose `json` is also an IAM
policy's is reported, as is one whose use the scan cannot see (a root
module output, an argument tfkms does not read): there it may be an IAM
policy.

## Example

```hcl
# Consumers: any key carrying an alias/app-* alias.
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:*:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-*"]
    }
  }
}

# Operators: may manage every alias.
data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["kms:CreateAlias", "kms:UpdateAlias"]
    resources = ["*"]
  }
}
```

Use instead: keep the alias actions on the trusted names to the principals
meant to grant that access, and scope everyone else's away from them:

```hcl
data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["kms:CreateAlias", "kms:UpdateAlias"]
    resources = ["arn:aws:kms:*:111122223333:alias/ops-*"]
  }
}
```

or select the consumers' keys by key ARN instead of by alias.

## References

- AWS KMS Developer Guide: "Using aliases to control access to KMS keys"
  ("Be cautious about giving principals the kms:CreateAlias,
  kms:UpdateAlias, or kms:DeleteAlias permissions").
"#,
};

pub struct AliasManagementEscalation;

/// A statement allowing alias actions on alias resources matching `pattern`.
struct Management<'a> {
    doc: &'a Document,
    st: &'a Statement,
    resource: &'a Item,
    /// The alias names the resource covers, as a pattern (`alias/app-*`).
    pattern: String,
    actions: Vec<String>,
}

/// What this rule keeps of one document for the project-wide check.
struct Facts {
    /// Each alias-management statement in a copy of its document holding
    /// that statement alone (findings show its provenance), with the index
    /// of the resource among its resources. Rare in real code.
    managements: Vec<(Document, usize, String, Vec<String>)>,
    trusted: Vec<Trusted>,
}

/// An alias condition value an Allow statement trusts for access: what the
/// finding says of it. Large projects have many, so no value or statement
/// is kept, only the strings and places shown.
struct Trusted {
    statement_span: Span,
    statement_head: Span,
    statement_name: String,
    document: String,
    value_span: Span,
    pattern: String,
    /// Under a `Like` operator the value is a pattern, else a literal name.
    like: bool,
    ignore_case: bool,
}

/// The longest alias name AWS accepts, `alias/` included.
const MAX_ALIAS_NAME: usize = 256;

/// Whether a pattern can match some alias name at all: one with more
/// literal characters than the longest name cannot. Checked once per
/// pattern, it also bounds the pairwise overlap test, quadratic in the
/// lengths, on hostile input.
fn could_name_an_alias(pattern: &str) -> bool {
    pattern.chars().filter(|c| *c != '*').count() <= MAX_ALIAS_NAME
        && pattern.len() <= 16 * MAX_ALIAS_NAME
}

impl Trusted {
    fn reachable_by(&self, m: &Management) -> bool {
        // Two patterns whose literal starts disagree match nothing in
        // common: a cheap answer for most pairs of a large project.
        let literal_start = |p: &str| -> String {
            let start = p.split(['*', '?']).next().unwrap_or_default();
            if self.ignore_case {
                start.to_lowercase()
            } else {
                start.to_string()
            }
        };
        let (a, b) = (literal_start(&m.pattern), literal_start(&self.pattern));
        if !a.starts_with(&b) && !b.starts_with(&a) {
            return false;
        }
        if self.like {
            glob::patterns_overlap_within(
                &m.pattern,
                &self.pattern,
                self.ignore_case,
                tfkms_iam::arn::ALIAS_NAME_MAX_CHARS,
            )
        } else {
            glob::matches(&m.pattern, &self.pattern, self.ignore_case)
        }
    }
}

impl Rule for AliasManagementEscalation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn project_facts(&self, _ctx: &Context, doc: &Document) -> Option<ProjectFacts> {
        // A permissions boundary or control policy allows no one anything:
        // neither alias management nor access through an alias condition.
        if doc.only_limits {
            return None;
        }
        let mut managements_of_doc = Vec::new();
        if !doc.is_key_policy {
            let denied = denied(doc);
            for st in &doc.statements {
                for m in managements(doc, st, &denied) {
                    let resource = st
                        .resources
                        .items()
                        .iter()
                        .position(|r| std::ptr::eq(r, m.resource))
                        .unwrap_or(0);
                    managements_of_doc.push((alone(doc, st), resource, m.pattern, m.actions));
                }
            }
        }
        let trusted: Vec<Trusted> = doc
            .statements
            .iter()
            .flat_map(|st| trusted(doc, st))
            .collect();
        if managements_of_doc.is_empty() && trusted.is_empty() {
            return None;
        }
        Some(std::sync::Arc::new(Facts {
            managements: managements_of_doc,
            trusted,
        }))
    }

    fn check_project(&self, _ctx: &Context, facts: &[ProjectFacts], out: &mut Vec<Finding>) {
        let facts: Vec<&Facts> = facts.iter().filter_map(|f| f.downcast_ref()).collect();
        let managements: Vec<Management> = facts
            .iter()
            .flat_map(|f| &f.managements)
            .filter_map(|(doc, resource, pattern, actions)| {
                let st = doc.statements.first()?;
                Some(Management {
                    doc,
                    st,
                    resource: st.resources.items().get(*resource)?,
                    pattern: pattern.clone(),
                    actions: actions.clone(),
                })
            })
            .collect();
        if managements.is_empty() {
            return;
        }
        let trusted: Vec<&Trusted> = facts.iter().flat_map(|f| &f.trusted).collect();
        // One finding per management literal, however many documents (module
        // instances) it is in and however many conditions it reaches.
        let mut by_literal: BTreeMap<Span, (Vec<&Management>, Vec<&Trusted>)> = BTreeMap::new();
        for m in &managements {
            let reached: Vec<&Trusted> = trusted
                .iter()
                .filter(|t| t.statement_span != m.st.span && t.reachable_by(m))
                .copied()
                .collect();
            if reached.is_empty() {
                continue;
            }
            let entry = by_literal.entry(m.resource.source_span()).or_default();
            entry.0.push(m);
            for t in reached {
                if !entry.1.iter().any(|e| e.value_span == t.value_span) {
                    entry.1.push(t);
                }
            }
        }
        for (ms, ts) in by_literal.values() {
            out.push(finding(ms, ts));
        }
    }
}

/// A copy of `doc` holding `st` alone.
fn alone(doc: &Document, st: &Statement) -> Document {
    Document {
        statements: vec![st.clone()],
        ..doc.empty_like()
    }
}

/// Alias actions a document denies unconditionally, with the alias name
/// patterns they are denied on. A Deny in the same policy applies to the
/// same principals; across policies, who holds what is not known.
fn denied(doc: &Document) -> Vec<(String, String)> {
    doc.statements.iter().flat_map(denied_by).collect()
}

/// The alias actions one statement denies unconditionally, with their alias
/// name patterns.
fn denied_by(st: &Statement) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if st.effect() != Some(Effect::Deny) || !st.conditions.is_empty() {
        return out;
    }
    let Some(actions) = st.kms_actions() else {
        return out;
    };
    for a in actions {
        if a.resources != ResourceTypes::AliasAndKey {
            continue;
        }
        for r in st.resources.items() {
            if let Some(pattern) = alias_pattern(r) {
                out.push((format!("kms:{}", a.name), pattern));
            }
        }
    }
    out
}

/// The alias names a resource covers, as a pattern.
fn alias_pattern(resource: &Item) -> Option<String> {
    match arn::classify(&resource.value) {
        KmsResource::Any => Some("alias/*".to_string()),
        KmsResource::AliasArn { alias: Some(a) } => Some(a),
        _ => None,
    }
}

fn managements<'a>(
    doc: &'a Document,
    st: &'a Statement,
    denied: &[(String, String)],
) -> Vec<Management<'a>> {
    if st.effect() != Some(Effect::Allow) {
        return Vec::new();
    }
    let Some(actions) = st.kms_actions() else {
        return Vec::new();
    };
    let actions: Vec<String> = actions
        .iter()
        .filter(|a| a.resources == ResourceTypes::AliasAndKey)
        .map(|a| format!("kms:{}", a.name))
        .collect();
    if actions.is_empty() {
        return Vec::new();
    }
    st.resources
        .items()
        .iter()
        .filter_map(|resource| {
            let pattern = alias_pattern(resource).filter(|p| could_name_an_alias(p))?;
            // A Deny pattern that matches this pattern as text covers every
            // alias it matches.
            let actions: Vec<String> = actions
                .iter()
                .filter(|a| {
                    !denied
                        .iter()
                        .any(|(d, p)| d == *a && glob::matches(p, &pattern, false))
                })
                .cloned()
                .collect();
            (!actions.is_empty()).then_some(Management {
                doc,
                st,
                resource,
                pattern,
                actions,
            })
        })
        .collect()
}

fn trusted(doc: &Document, st: &Statement) -> Vec<Trusted> {
    if st.effect() != Some(Effect::Allow) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (c, op, _) in alias_conditions(st) {
        if !op.compares_strings() || op.is_negated() {
            continue;
        }
        for value in c.values.items() {
            let Some(pattern) = value.known() else {
                continue;
            };
            // Values that can name no alias are other rules' findings, and
            // reach nothing.
            let literal_wildcard = !op.is_like() && glob::has_wildcard(&pattern);
            if literal_wildcard
                || !could_name_an_alias(&pattern)
                || value_problem(value, &op).is_some()
            {
                continue;
            }
            out.push(Trusted {
                statement_span: st.span,
                statement_head: st.head,
                statement_name: st.name(),
                document: doc.address.clone(),
                value_span: value.source_span(),
                pattern: pattern.into_owned(),
                like: op.is_like(),
                ignore_case: op.ignores_case(),
            });
        }
    }
    out
}

fn finding(ms: &[&Management], ts: &[&Trusted]) -> Finding {
    let m = ms[0];
    let mut patterns: Vec<&str> = Vec::new();
    for t in ts {
        if !patterns.contains(&t.pattern.as_str()) {
            patterns.push(&t.pattern);
        }
    }
    let conditions = if ts.len() == 1 {
        "an alias condition trusts"
    } else {
        "alias conditions trust"
    };
    let message = format!(
        "allowing {} on {} reaches aliases that {conditions} for access ({}): whoever holds this permission can point such an alias at a key and so grant that access, or delete it to take access away",
        name_list(&m.actions),
        m.resource.describe(),
        name_list(&patterns)
    );
    let mut f = Finding::new(
        &META,
        Label {
            span: m.resource.source_span(),
            message: format!("alias management on `{}`", m.pattern),
        },
        message,
    )
    .with_help(format!(
        "allow the alias actions only on alias ARNs that no access condition trusts (e.g. `arn:aws:kms:REGION:ACCOUNT:alias/ops-*`), and keep {} to the principals meant to grant that access; or select those keys by key ARN instead of by alias",
        name_list(&patterns)
    ));
    for item in m.st.actions.items() {
        let Some(a) = item.known() else { continue };
        if actions::matching(&a).any(|k| k.resources == ResourceTypes::AliasAndKey) {
            f = f.related(item.source_span(), "allows alias management");
        }
    }
    f = with_provenance(f, m.resource, m.doc, m.st);
    for t in ts {
        f = f
            .related(
                t.value_span,
                format!(
                    "grants access to keys with an alias matching `{}`",
                    t.pattern
                ),
            )
            .related(
                t.statement_head,
                format!("in statement `{}` of `{}`", t.statement_name, t.document),
            );
    }
    // A suppression may sit on the first line of a management statement or
    // of its document.
    let mut anchors: HashSet<Span> = f.anchors.iter().copied().collect();
    for m in ms {
        for anchor in [m.doc.span, m.st.head] {
            if anchors.insert(anchor) {
                f.anchors.push(anchor);
            }
        }
    }
    let mut documents: HashSet<&str> = f.documents.iter().map(String::as_str).collect();
    let mut added = Vec::new();
    for address in ms
        .iter()
        .map(|m| &m.doc.address)
        .chain(ts.iter().map(|t| &t.document))
    {
        if documents.insert(address) {
            added.push(address.clone());
        }
    }
    f.documents.extend(added);
    f
}
