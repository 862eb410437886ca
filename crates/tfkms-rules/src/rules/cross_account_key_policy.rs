use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{Operator, Syntax, is_own_account, name_list, quoted, with_provenance};
use crate::{Context, Rule};
use tfkms_iam::actions::{self, Access, KmsAction, ResourceTypes};
use tfkms_iam::arn::{self, PrincipalAccount};
use tfkms_iam::{Document, Effect, Field, Item, Statement, glob};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS008",
    slug: "cross-account-key-policy",
    severity: Severity::Warning,
    summary: "A key policy lets another account control the key, or create grants on it unchecked",
    docs: r#"## What it does

Checks key policies (`aws_kms_key.policy`, `aws_kms_key_policy`,
`aws_kms_replica_key`, ..., and `aws_iam_policy_document`s whose `json` is
used only there) for `Allow` statements whose principals belong
to another AWS account (an account ID in a principal ARN, or a bare 12-digit
ID) and that give that account more than the use of the key:

- management: `kms:*`, `kms:PutKeyPolicy`, `kms:ScheduleKeyDeletion`,
  `kms:DisableKey`, tagging, the alias actions, ...;
- `kms:CreateGrant` (or `kms:RevokeGrant`, `kms:RetireGrant`) without a
  `kms:GrantIsForAWSResource` condition.

Your own accounts are those listed in `own_accounts` in `.tfkms.toml`, and
any account written as `data.aws_caller_identity.x.account_id`.

## Why is this bad?

Sharing a key across accounts is meant to share its **use**: the other
account's administrators then delegate that use to their principals with
IAM policies. Management permissions let the other account change the key
policy, schedule the key for deletion, disable it or repoint aliases: if
that account is compromised or no longer trusted, so is the key. A grant
created by the other account gives any principal it names use of the key,
and no key policy or IAM policy shows it; `kms:GrantIsForAWSResource`
limits grant creation to AWS services acting for the account (EBS, RDS, ...).

## Example

```hcl
statement {
  principals {
    type        = "AWS"
    identifiers = ["arn:aws:iam::444455556666:root"]
  }
  actions   = ["kms:*"]
  resources = ["*"]
}
```

Use instead: usage actions, and grants for AWS services only.

```hcl
statement {
  principals {
    type        = "AWS"
    identifiers = ["arn:aws:iam::444455556666:root"]
  }
  actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
  resources = ["*"]
}
statement {
  principals {
    type        = "AWS"
    identifiers = ["arn:aws:iam::444455556666:root"]
  }
  actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
  resources = ["*"]
  condition {
    test     = "Bool"
    variable = "kms:GrantIsForAWSResource"
    values   = ["true"]
  }
}
```

If the account is one of yours, list it in `own_accounts` in `.tfkms.toml`.

## References

- AWS KMS Developer Guide: "Allowing users in other accounts to use a KMS
  key".
- AWS Security Blog: "Share custom encryption keys more securely between
  accounts by using AWS Key Management Service".
"#,
};

pub struct CrossAccountKeyPolicy;

/// The actions a message names first, the most damaging in other hands.
const WORST_FIRST: &[&str] = &[
    "PutKeyPolicy",
    "ScheduleKeyDeletion",
    "DisableKey",
    "UpdateAlias",
    "CreateAlias",
    "DeleteAlias",
];

impl Rule for CrossAccountKeyPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        if !doc.is_key_policy {
            return;
        }
        for st in &doc.statements {
            if st.effect() != Some(Effect::Allow) {
                continue;
            }
            let Some(excess) = excess(st) else { continue };
            for p in &st.principals {
                if p.r#type.known().as_deref() != Some("AWS") {
                    continue;
                }
                for id in p.identifiers.items() {
                    let account = arn::principal_account(&id.value);
                    if is_own_account(ctx, &account) != Some(false) {
                        continue;
                    }
                    let PrincipalAccount::Id(account) = account else {
                        continue;
                    };
                    out.push(finding(ctx, doc, st, id, &account, &excess));
                }
            }
        }
    }
}

/// What a statement gives beyond the use of the key.
struct Excess {
    /// Management actions, worst first.
    manage: Vec<&'static KmsAction>,
    /// Grant actions not limited to AWS services.
    grants: Vec<&'static KmsAction>,
}

impl Excess {
    fn all(&self) -> impl Iterator<Item = &&'static KmsAction> {
        self.manage.iter().chain(&self.grants)
    }
}

fn excess(st: &Statement) -> Option<Excess> {
    // A key policy's `Resource` is the key itself: actions without a
    // resource type (`kms:CreateKey`) cannot be granted by it.
    let effective: Vec<&KmsAction> = st
        .kms_actions()?
        .iter()
        .copied()
        .filter(|a| a.resources != ResourceTypes::None)
        .collect();
    let mut manage: Vec<_> = effective
        .iter()
        .copied()
        .filter(|a| a.access == Access::Manage)
        .collect();
    manage.sort_by_key(|a| {
        (
            WORST_FIRST
                .iter()
                .position(|w| *w == a.name)
                .unwrap_or(WORST_FIRST.len()),
            a.name,
        )
    });
    let grants: Vec<_> = if for_aws_resources_only(st) {
        Vec::new()
    } else {
        effective
            .iter()
            .copied()
            .filter(|a| a.access == Access::Grant)
            .collect()
    };
    (!manage.is_empty() || !grants.is_empty()).then_some(Excess { manage, grants })
}

/// A `kms:GrantIsForAWSResource` condition that must be true: grants only
/// for AWS services integrated with KMS.
fn for_aws_resources_only(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        let (Some(test), Some(var)) = (c.test.known(), c.variable.known()) else {
            return false;
        };
        let op = Operator::parse(&test);
        let base = op.base.to_ascii_lowercase();
        var.eq_ignore_ascii_case("kms:GrantIsForAWSResource")
            && (base == "bool" || base == "stringequals")
            && !op.if_exists
            && op.set.is_none()
            && matches!(&c.values, Field::Items(v) if !v.is_empty()
                && v.iter().all(|i| i.known().is_some_and(|s| s.eq_ignore_ascii_case("true"))))
    })
}

fn finding(
    ctx: &Context,
    doc: &Document,
    st: &Statement,
    id: &Item,
    account: &str,
    excess: &Excess,
) -> Finding {
    let names: Vec<String> = excess.all().map(|a| format!("kms:{}", a.name)).collect();
    let message = if excess.manage.is_empty() {
        format!(
            "key policy lets account `{account}` create grants on this key without a `kms:GrantIsForAWSResource` condition: a grant gives any principal it names use of the key, and no key policy or IAM policy shows it"
        )
    } else {
        format!(
            "key policy lets account `{account}` control this key, not only use it: the statement allows {}",
            name_list(&names)
        )
    };
    let configured = if ctx.own_accounts.is_empty() {
        " (no `own_accounts` configured)"
    } else {
        ""
    };
    let mut f = Finding::new(
        &META,
        Label {
            span: id.source_span(),
            message: format!("account `{account}` is not one of your accounts{configured}"),
        },
        message,
    )
    .with_help(help(Syntax::of(ctx, st), account, excess.manage.is_empty()));
    for item in st.actions.items() {
        let Some(a) = item.known() else { continue };
        let brings: Vec<&KmsAction> = actions::matching(&a)
            .filter(|m| excess.all().any(|e| std::ptr::eq(*e, *m)))
            .collect();
        if brings.is_empty() {
            continue;
        }
        let label = if glob::has_wildcard(&a) {
            let names: Vec<String> = brings.iter().map(|m| format!("kms:{}", m.name)).collect();
            format!("includes {}", name_list(&names))
        } else if brings.iter().all(|m| m.access == Access::Grant) {
            "a grant can give anyone use of the key".to_string()
        } else {
            "more than use of the key".to_string()
        };
        f = f.related(item.source_span(), label);
    }
    for item in st.not_actions.items() {
        f = f.related(
            item.source_span(),
            "`NotAction` allows every other action, management included",
        );
    }
    with_provenance(f, id, doc, st)
}

fn help(syntax: Syntax, account: &str, grants_only: bool) -> String {
    let condition = syntax.condition("Bool", "kms:GrantIsForAWSResource", &[quoted("true")]);
    let own = format!(
        "If `{account}` is one of your accounts, list it in `own_accounts` in `.tfkms.toml`."
    );
    if grants_only {
        return format!(
            "if the account's AWS services need grants on this key (EBS, RDS, ...), limit grant creation to them:\n\n{condition}\n\n\
             otherwise remove the grant actions. {own}"
        );
    }
    let actions = syntax.actions(&[
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:DescribeKey",
    ]);
    format!(
        "give account `{account}` the use of the key only:\n\n{actions}\n\n\
         and, if its AWS services need grants (EBS, RDS, ...), allow `kms:CreateGrant`, `kms:ListGrants` and `kms:RevokeGrant` in a separate statement with\n\n{condition}\n\n{own}"
    )
}
