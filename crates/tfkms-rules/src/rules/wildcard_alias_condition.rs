use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{AliasKey, Operator, with_provenance};
use crate::{Context, Rule};
use tfkms_iam::{Document, Effect};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS002",
    slug: "wildcard-alias-condition",
    severity: Severity::Warning,
    summary: "A wildcard alias pattern in a `kms:RequestAlias`/`kms:ResourceAliases` condition grants access to whoever can create a matching alias",
    docs: r#"## What it does

Finds a `kms:RequestAlias` or `kms:ResourceAliases` condition value that
contains `*` or `?` under a `Like` operator (`StringLike`,
`ForAnyValue:StringLike`, ...) in an `Allow` statement. `alias/*` and `*`
are errors; narrower patterns are warnings. Policies that only limit (a
permissions boundary, a service or resource control policy) are not
checked: their `Allow` gives no access.

## Why is this bad?

Alias conditions match by pattern, not by alias instance. Anyone who can
create, update or delete aliases (`kms:CreateAlias`, `kms:UpdateAlias`,
`kms:DeleteAlias`, also through `kms:*`) can point an alias matching the
pattern at any key they can manage, and so grant this statement's access to
that key, or take access away. Alias changes reach authorization within five
minutes. `alias/*` matches every alias: it is no restriction at all.

## Example

```hcl
condition {
  test     = "ForAnyValue:StringLike"
  variable = "kms:ResourceAliases"
  values   = ["alias/app-*"]
}
```

Use instead: name the alias exactly (or the key ARN), and keep alias
management for matching names to the key administrators:

```hcl
condition {
  test     = "ForAnyValue:StringEquals"
  variable = "kms:ResourceAliases"
  values   = ["alias/app-prod"]
}
```

If the pattern is intended, restrict `kms:CreateAlias`/`kms:UpdateAlias` on
`arn:aws:kms:*:ACCOUNT:alias/app-*` to the principals that may grant this
access, and accept the pattern with `trusted_alias_patterns` in
`.tfkms.toml` or an inline `# tfkms:ignore TFKMS002 <reason>`.
"#,
};

pub struct WildcardAliasCondition;

/// The exact-match counterpart of a `Like` operator, keeping its set
/// operator: `ForAnyValue:StringLike` → `ForAnyValue:StringEquals`.
fn equals_operator(op: &Operator) -> String {
    let prefix = match op.set {
        Some(crate::support::SetOperator::ForAnyValue) => "ForAnyValue:",
        Some(crate::support::SetOperator::ForAllValues) => "ForAllValues:",
        None => "",
    };
    format!("{prefix}StringEquals")
}

impl Rule for WildcardAliasCondition {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        // An Allow in a permissions boundary or control policy gives no
        // access for an alias to extend.
        if doc.only_limits {
            return;
        }
        for st in &doc.statements {
            if st.effect() != Some(Effect::Allow) {
                continue;
            }
            for c in &st.conditions {
                let (Some(test), Some(var)) = (c.test.known(), c.variable.known()) else {
                    continue;
                };
                let Some(key) = AliasKey::parse(&var) else {
                    continue;
                };
                let op = Operator::parse(&test);
                if !op.is_like() {
                    continue;
                }
                for item in c.values.items() {
                    let Some(value) = item.known() else { continue };
                    if !tfkms_iam::glob::has_wildcard(&value) {
                        continue;
                    }
                    // A pattern that can match no alias name (an alias ARN
                    // pattern) grants nothing: TFKMS003 reports it.
                    if crate::rules::alias_condition_arn_value::value_problem(item, &op).is_some() {
                        continue;
                    }
                    if ctx
                        .trusted_alias_patterns
                        .iter()
                        .any(|p| p.as_str() == value.as_ref())
                    {
                        continue;
                    }
                    let everything = value == "*" || value == "alias/*";
                    let severity = if everything {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    let message = if everything {
                        format!(
                            "`{value}` in a `{}` condition matches every alias: any key that anyone gives an alias is covered",
                            key.as_str()
                        )
                    } else {
                        format!(
                            "wildcard alias pattern `{value}` in a `{}` condition: whoever can create or update an alias matching it gains this access",
                            key.as_str()
                        )
                    };
                    let f = Finding::new(
                        &META,
                        Label {
                            span: item.source_span(),
                            message: "matches any alias someone creates with this name".into(),
                        },
                        message,
                    )
                    .with_severity(severity)
                    .with_help(format!(
                        "list the aliases exactly under `{}`, or name the key ARNs; if the pattern is intended, allow `kms:CreateAlias` and `kms:UpdateAlias` on `arn:aws:kms:*:*:{value}` only to the key administrators, and accept the pattern with `trusted_alias_patterns = [\"{value}\"]` in `.tfkms.toml`",
                        equals_operator(&op)
                    ));
                    out.push(with_provenance(f, item, doc, st));
                }
            }
        }
    }
}
