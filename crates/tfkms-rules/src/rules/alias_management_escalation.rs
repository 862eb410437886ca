use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::rules::alias_condition_arn_value::value_problem;
use crate::support::{alias_conditions, known_actions, name_list, with_provenance};
use crate::{Context, Rule};
use std::collections::BTreeMap;
use tfkms_eval::{Origin, Value};
use tfkms_iam::actions::{self, ResourceTypes};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Effect, Field, Item, Statement, glob};
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS007",
    slug: "alias-management-escalation",
    severity: Severity::Warning,
    summary: "A policy allows managing aliases that another policy's alias condition trusts for access",
    docs: r#"## What it does

Looks at all policies of the scan together. Reports a statement that allows
`kms:CreateAlias`, `kms:UpdateAlias` or `kms:DeleteAlias` (directly, or
through `kms:*`, `kms:*Alias`, `*` or `NotAction`) on alias resources
(`arn:aws:kms:*:111122223333:alias/app-*`, `*`,
`arn:aws:kms:*:*:*`) that include aliases another statement's
`kms:RequestAlias` / `kms:ResourceAliases` condition trusts to grant access.
Both places are shown, across files and modules.

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
of the permission).

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

/// An alias condition value an Allow statement trusts for access.
struct Trusted<'a> {
    doc: &'a Document,
    st: &'a Statement,
    value: &'a Item,
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

impl Trusted<'_> {
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
            glob::patterns_overlap(&m.pattern, &self.pattern, self.ignore_case)
        } else {
            glob::matches(&m.pattern, &self.pattern, self.ignore_case)
        }
    }
}

impl Rule for AliasManagementEscalation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn project_view(&self, doc: &Document, st: &Statement) -> Option<Statement> {
        if !denied_by(st).is_empty()
            || (!doc.is_key_policy && !managements(doc, st, &[]).is_empty())
        {
            return Some(st.clone());
        }
        if trusted(doc, st).is_empty() {
            return None;
        }
        // A trusting statement is read for its name, effect and the known
        // strings and source spans of its alias conditions. Most statements
        // of a large project that survive to the project-wide pass are of
        // this kind, so the rest, provenance included, is left out.
        let alias: Vec<&tfkms_iam::Condition> = alias_conditions(st).map(|(c, _, _)| c).collect();
        let mut view = Statement::new(st.span, st.index);
        view.head = st.head;
        view.sid = st.sid.as_ref().map(bare);
        view.effect = st.effect.as_ref().map(bare);
        view.conditions = st
            .conditions
            .iter()
            .filter(|c| alias.iter().any(|a| std::ptr::eq(*a, *c)))
            .map(|c| tfkms_iam::Condition {
                test: bare(&c.test),
                variable: bare(&c.variable),
                values: match &c.values {
                    Field::Items(items) => Field::Items(items.iter().map(bare).collect()),
                    other => other.clone(),
                },
                span: c.span,
            })
            .collect();
        Some(view)
    }

    fn check_project(&self, _ctx: &Context, docs: &[Document], out: &mut Vec<Finding>) {
        let managements: Vec<Management> = docs
            .iter()
            .filter(|d| !d.is_key_policy)
            .flat_map(|d| {
                let denied = denied(d);
                d.statements
                    .iter()
                    .flat_map(move |st| managements(d, st, &denied))
                    .collect::<Vec<_>>()
            })
            .collect();
        if managements.is_empty() {
            return;
        }
        let trusted: Vec<Trusted> = docs
            .iter()
            .flat_map(|d| d.statements.iter().flat_map(move |st| trusted(d, st)))
            .collect();
        // One finding per management literal, however many documents (module
        // instances) it is in and however many conditions it reaches.
        let mut by_literal: BTreeMap<Span, (Vec<&Management>, Vec<&Trusted>)> = BTreeMap::new();
        for m in &managements {
            let reached: Vec<&Trusted> = trusted
                .iter()
                .filter(|t| t.st.span != m.st.span && t.reachable_by(m))
                .collect();
            if reached.is_empty() {
                continue;
            }
            let entry = by_literal.entry(m.resource.source_span()).or_default();
            entry.0.push(m);
            for t in reached {
                if !entry
                    .1
                    .iter()
                    .any(|e| e.value.source_span() == t.value.source_span())
                {
                    entry.1.push(t);
                }
            }
        }
        for (ms, ts) in by_literal.values() {
            out.push(finding(ms, ts));
        }
    }
}

/// Alias actions a document denies unconditionally, with the alias name
/// patterns they are denied on. A Deny in the same policy applies to the
/// same principals; across policies, who holds what is not known.
fn denied(doc: &Document) -> Vec<(String, String)> {
    doc.statements.iter().flat_map(denied_by).collect()
}

/// A known string item without the path it travelled: its value and the
/// span of its source stay, which is what this rule reads of a trusting
/// statement.
fn bare(item: &Item) -> Item {
    match (item.known(), item.value.origin.span) {
        (Some(s), Some(span)) => Item {
            value: Value::string(s.into_owned(), Origin::at(span)),
            used_at: item.used_at,
        },
        _ => item.clone(),
    }
}

/// The alias actions one statement denies unconditionally, with their alias
/// name patterns.
fn denied_by(st: &Statement) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if st.effect() != Some(Effect::Deny) || !st.conditions.is_empty() {
        return out;
    }
    let Some((acts, not_acts)) = known_actions(st) else {
        return out;
    };
    for a in actions::effective(acts.as_deref(), not_acts.as_deref()) {
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
    let Some((acts, not_acts)) = known_actions(st) else {
        return Vec::new();
    };
    let actions: Vec<String> = actions::effective(acts.as_deref(), not_acts.as_deref())
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

fn trusted<'a>(doc: &'a Document, st: &'a Statement) -> Vec<Trusted<'a>> {
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
                doc,
                st,
                value,
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
                t.value.source_span(),
                format!(
                    "grants access to keys with an alias matching `{}`",
                    t.pattern
                ),
            )
            .related(
                t.st.head,
                format!("in statement `{}` of `{}`", t.st.name(), t.doc.address),
            );
    }
    for address in ms
        .iter()
        .map(|m| &m.doc.address)
        .chain(ts.iter().map(|t| &t.doc.address))
    {
        if !f.documents.contains(address) {
            f.documents.push(address.clone());
        }
    }
    f
}
