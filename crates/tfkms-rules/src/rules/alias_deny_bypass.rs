use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{
    AliasKey, ConditionValues, SetOperator, Syntax, alias_conditions, name_alternatives,
    values_with, with_provenance,
};
use crate::{Context, Rule};
use tfkms_iam::actions::Access;
use tfkms_iam::{Document, Effect};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS005",
    slug: "alias-deny-bypass",
    severity: Severity::Error,
    summary: "A Deny that depends on `kms:RequestAlias` is skipped by naming the key by key ID or key ARN",
    docs: r#"## What it does

Finds a `Deny` statement whose match depends on a positive
`kms:RequestAlias` condition (`StringEquals`, `StringLike`, without
`IfExists`).

## Why is this bad?

`kms:RequestAlias` is in the request only when the caller names the key by
an alias. A caller who names the same key by its key ID or key ARN sends no
`kms:RequestAlias`: the condition is false, and the Deny does not apply. The
protection is one `--key-id` away from being bypassed.

## Example

```hcl
statement {
  effect    = "Deny"
  actions   = ["kms:Decrypt"]
  resources = ["*"]
  condition {
    test     = "StringEquals"
    variable = "kms:RequestAlias"
    values   = ["alias/payroll"]
  }
}
```

Use instead: deny by key ARN, which covers every way of naming the key:

```hcl
statement {
  effect    = "Deny"
  actions   = ["kms:Decrypt"]
  resources = [aws_kms_key.payroll.arn]
}
```

or test the aliases the key has, whatever the request uses:

```hcl
condition {
  test     = "ForAnyValue:StringEquals"
  variable = "kms:ResourceAliases"
  values   = ["alias/payroll"]
}
```

(A key with no alias, or whose alias is deleted, still escapes
`ForAnyValue:`; see TFKMS004.)

## References

- AWS KMS Developer Guide: "kms:RequestAlias" ("a request that used a key
  ID, a key ARN, or a different alias would not fulfill the condition").
"#,
};

pub struct AliasDenyBypass;

impl Rule for AliasDenyBypass {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for st in &doc.statements {
            if st.effect() != Some(Effect::Deny) {
                continue;
            }
            // `kms:RequestAlias` is only sent with the operations that use a
            // key; a Deny of other actions is not bypassed this way.
            let Some(effective) = st.kms_actions() else {
                continue;
            };
            if !effective.iter().any(|a| a.access == Access::Use) {
                continue;
            }
            for (c, op, key) in alias_conditions(st) {
                // Negated, `IfExists` and `ForAllValues:` operators hold when
                // the key is absent: those Denies still apply.
                let positive = op.compares_strings()
                    && !op.is_negated()
                    && !op.if_exists
                    && op.set != Some(SetOperator::ForAllValues);
                if key != AliasKey::RequestAlias || !positive {
                    continue;
                }
                let values = values_with(ctx, c, None);
                let matching = match &values {
                    ConditionValues::Whole(expr) => format!("one of `{expr}`"),
                    ConditionValues::List(_) => {
                        let shown: Vec<String> =
                            c.values.items().iter().map(|i| i.display()).collect();
                        name_alternatives(&shown)
                    }
                };
                let message = format!(
                    "this Deny only applies when the request names the key by an alias matching {matching}: a caller who names the key by key ID or key ARN sends no `kms:RequestAlias` and is not denied"
                );
                let resource_aliases = Syntax::of(ctx, st).condition_with(
                    &format!("ForAnyValue:{}", op.base),
                    AliasKey::ResourceAliases.as_str(),
                    &values,
                );
                let help = format!(
                    "deny by key ARN in `resources`, which covers every way of naming the key; or test the aliases the key has, whatever the request uses:\n\n{resource_aliases}\n\n(a key with no alias, or whose alias is deleted, still escapes `ForAnyValue:`)"
                );
                let f = Finding::new(
                    &META,
                    Label {
                        span: c.variable.source_span(),
                        message: "absent when the key is named by key ID or key ARN".into(),
                    },
                    message,
                )
                .with_help(help);
                out.push(with_provenance(f, &c.variable, doc, st));
            }
        }
    }
}
