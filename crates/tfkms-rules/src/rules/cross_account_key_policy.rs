use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{
    Operator, Syntax, is_own_account, name_list, not_own_account_label, quoted,
    with_deployment_evidence, with_provenance,
};
use crate::{Context, Rule};
use tfkms_eval::{Cause, Kind, Value};
use tfkms_iam::actions::{self, Access, CrossAccount, KmsAction, ResourceTypes};
use tfkms_iam::arn::{self, PrincipalAccount};
use tfkms_iam::{Document, Effect, Field, Item, Statement, glob};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS008",
    slug: "cross-account-key-policy",
    severity: Severity::Warning,
    summary: "A key policy lets another account create grants on the key unchecked, handing its use on to anyone",
    docs: r#"## What it does

Checks key policies (`aws_kms_key.policy`, `aws_kms_key_policy`,
`aws_kms_replica_key`, ..., and `aws_iam_policy_document`s whose `json` is
used only there) for `Allow` statements that let a principal of another
AWS account (an account ID in a principal ARN, or a bare 12-digit ID)
call `kms:CreateGrant` (directly, or through `kms:*`, `kms:Create*`, `*` or
`NotAction`) without a `kms:GrantIsForAWSResource` condition.

AWS KMS honours only some operations from another account: the
cryptographic ones, `DescribeKey`, `GetPublicKey`, `GetKeyRotationStatus`
and the grant operations (the "Cross-account use" column of the AWS KMS
permissions reference). Management actions such as `kms:PutKeyPolicy`,
`kms:ScheduleKeyDeletion` or `kms:TagResource` given to another account
have no effect, so they are not reported as cross-account control; the
finding says they are ineffective when the statement names them.

### Which accounts are yours

Your own accounts are, in this order:

1. those listed in `own_accounts` in `.tfkms.toml`;
2. without that list, the accounts the configuration deploys to, where it
   says so: a root module's `provider "aws"` blocks, by their
   `allowed_account_ids` and the account of their `assume_role` role ARN,
   and the literal accounts it compares
   `data.aws_caller_identity.X.account_id` with (`==`). A provider block
   whose two disagree, or that forbids the account
   (`forbidden_account_ids`), says nothing, and a compared account the
   providers do not allow is dropped. The finding labels the evidence.
   tfkms does not guess from the accounts ARNs happen to name: a key
   policy shared with a partner names mostly the partner's;
3. always, any account written as `data.aws_caller_identity.x.account_id`
   read through the provider configuration the module's keys are created
   through (for a module without keys, those of the modules it calls).

A caller identity read through another configuration (`provider =
aws.target` beside keys of `aws.source`) may be another account: a
statement that lets it create grants unchecked gets a note saying tfkms
cannot tell whether that account is yours.

When none of these is known, tfkms cannot tell another account from your
own: instead of a warning per statement, it reports one note per key
policy naming the accounts it could not place. Set `own_accounts` to have
them checked.

## Why is this bad?

Sharing a key across accounts shares its **use**: the other account's
administrators delegate that use to their principals with IAM policies.
`kms:CreateGrant` goes further: with it the other account can hand the use
of the key on to any principal it chooses, of any account, in a grant that
no key policy or IAM policy shows and that lasts until it is retired or
revoked. `kms:GrantIsForAWSResource` limits grant creation to AWS services
acting for the account (EBS, RDS, ...).

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

- AWS KMS Developer Guide: "AWS KMS permissions" (column "Cross-account
  use"), and "Allowing users in other accounts to use a KMS key".
- AWS Security Blog: "Share custom encryption keys more securely between
  accounts by using AWS Key Management Service".
"#,
};

pub struct CrossAccountKeyPolicy;

/// The actions a message names first among those with no effect across
/// accounts: the ones readers most fear in other hands.
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
        // Accounts of statements that would be reported were the account
        // known to be another's; reported once for the key.
        let mut unplaced: Vec<(&Item, String)> = Vec::new();
        for st in &doc.statements {
            if st.effect() != Some(Effect::Allow) {
                continue;
            }
            let Some(gains) = Gains::of(st) else { continue };
            for p in &st.principals {
                if p.r#type.known().as_deref() != Some("AWS") {
                    continue;
                }
                for id in p.identifiers.items() {
                    let account = arn::principal_account(&id.value);
                    match (is_own_account(ctx, &account), account) {
                        (Some(false), PrincipalAccount::Id(account)) => {
                            out.push(finding(ctx, doc, st, id, &account, &gains))
                        }
                        (None, PrincipalAccount::Id(account))
                            if !unplaced.iter().any(|(_, a)| *a == account) =>
                        {
                            unplaced.push((id, account))
                        }
                        (_, PrincipalAccount::Unknown) => {
                            if let Some(caller) = other_callers_account(&id.value) {
                                out.push(other_caller_note(ctx, doc, st, id, &caller, &gains));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        if !unplaced.is_empty() {
            out.push(unplaced_note(doc, &unplaced));
        }
    }
}

/// What another account gains from a statement: the use of the key, and
/// `kms:CreateGrant` unchecked, with which it hands that use on.
struct Gains {
    /// Cross-account actions the statement allows, grant creation first.
    effective: Vec<&'static KmsAction>,
    /// Actions the statement names that AWS KMS refuses across accounts.
    ineffective: Vec<&'static KmsAction>,
}

impl Gains {
    /// `None` when the statement lets no other account create grants
    /// unchecked: sharing the use of a key is what cross-account key
    /// policies are for.
    fn of(st: &Statement) -> Option<Gains> {
        // A key policy's `Resource` is the key itself: actions without a
        // resource type (`kms:CreateKey`) cannot be granted by it.
        let on_key = st
            .kms_actions()?
            .iter()
            .copied()
            .filter(|a| a.resources != ResourceTypes::None);
        let (mut effective, mut ineffective): (Vec<&KmsAction>, Vec<&KmsAction>) =
            on_key.partition(|a| a.cross_account == CrossAccount::Yes);
        if !effective.iter().any(|a| is_create_grant(a)) || for_aws_resources_only(st) {
            return None;
        }
        effective.sort_by_key(|a| (!is_create_grant(a), a.access != Access::Use, a.name));
        ineffective.sort_by_key(|a| {
            let rank = WORST_FIRST.iter().position(|w| *w == a.name);
            (rank.unwrap_or(WORST_FIRST.len()), a.name)
        });
        Some(Gains {
            effective,
            ineffective,
        })
    }

    fn uses_key(&self) -> bool {
        self.effective.iter().any(|a| a.access == Access::Use)
    }
}

fn is_create_grant(action: &KmsAction) -> bool {
    action.name == "CreateGrant"
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
    gains: &Gains,
) -> Finding {
    let gained = if gains.uses_key() {
        "use this key and create grants on it"
    } else {
        "create grants on this key"
    };
    let mut message = format!(
        "key policy lets account `{account}` {gained} without a `kms:GrantIsForAWSResource` condition: a grant hands the use of the key on to any principal it names, and no key policy or IAM policy shows it"
    );
    if !gains.ineffective.is_empty() {
        message.push_str(&format!(
            "; {} {} no effect across accounts",
            name_list(&kms_names(&gains.ineffective)),
            if gains.ineffective.len() == 1 {
                "has"
            } else {
                "have"
            }
        ));
    }
    let mut f = Finding::new(
        &META,
        Label {
            span: id.source_span(),
            message: not_own_account_label(ctx, account),
        },
        message,
    )
    .with_help(help(
        Syntax::of(ctx, st),
        &format!("account `{account}`"),
        gains.uses_key(),
        &format!(
            "If `{account}` is one of your accounts, list it in `own_accounts` in `.tfkms.toml`."
        ),
    ));
    f = label_actions(f, st, gains);
    f = with_deployment_evidence(f, ctx);
    with_provenance(f, id, doc, st)
}

fn kms_names(actions: &[&KmsAction]) -> Vec<String> {
    actions.iter().map(|a| format!("kms:{}", a.name)).collect()
}

/// Labels each action pattern with what it gives the other account.
fn label_actions(mut f: Finding, st: &Statement, gains: &Gains) -> Finding {
    let gives = |a: &KmsAction| gains.effective.iter().any(|e| std::ptr::eq(*e, a));
    for item in st.actions.items() {
        let Some(pattern) = item.known() else {
            continue;
        };
        let named: Vec<&KmsAction> = actions::matching(&pattern).collect();
        let label = if named.iter().any(|a| is_create_grant(a)) {
            if glob::has_wildcard(&pattern) {
                "includes `kms:CreateGrant`: a grant can give anyone use of the key"
            } else {
                "a grant can give anyone use of the key"
            }
        } else if !named.is_empty() && !named.iter().any(|a| gives(a)) {
            "no effect from another account"
        } else {
            continue;
        };
        f = f.related(item.source_span(), label);
    }
    for item in st.not_actions.items() {
        f = f.related(
            item.source_span(),
            "`NotAction` allows every other action, `kms:CreateGrant` included",
        );
    }
    f
}

/// The caller identity (`data.aws_caller_identity.to`) whose `account_id`
/// a principal's account is, when the evaluator left it unknown: it does
/// so only for a caller read through another provider configuration than
/// the keys of its module (or, without keys, than its other callers), an
/// account that may be another than the key's.
fn other_callers_account(v: &Value) -> Option<String> {
    let unknowns: Vec<&tfkms_eval::Unknown> = match &v.kind {
        Kind::Unknown(u) => vec![u],
        Kind::String(t) => t.unknowns().collect(),
        _ => return None,
    };
    unknowns.iter().find_map(|u| match &*u.cause {
        Cause::ResourceAttribute { address } => {
            let caller = address.strip_suffix(".account_id")?;
            let name = caller.rsplit("data.aws_caller_identity.").next()?;
            (caller.ends_with(&format!("data.aws_caller_identity.{name}")) && !name.contains('.'))
                .then(|| caller.to_string())
        }
        _ => None,
    })
}

/// A note for a principal whose account is that of a caller identity of
/// another provider configuration: it may be the key's account or not.
fn other_caller_note(
    ctx: &Context,
    doc: &Document,
    st: &Statement,
    id: &Item,
    caller: &str,
    gains: &Gains,
) -> Finding {
    let gained = if gains.uses_key() {
        "use this key and create grants on it"
    } else {
        "create grants on this key"
    };
    let account = format!("the account of `{caller}`");
    let f = Finding::new(
        &META,
        Label {
            span: id.source_span(),
            message: format!("may create grants on this key: is {account} yours?"),
        },
        format!(
            "cannot tell whether {account} is yours: that caller identity is read through another provider configuration than the keys of its module (or, in a module without keys, than its other caller identities), so it may be another account; if it is, this key policy lets it {gained} without a `kms:GrantIsForAWSResource` condition"
        ),
    )
    .with_severity(Severity::Note)
    .with_help(help(
        Syntax::of(ctx, st),
        &account,
        gains.uses_key(),
        "If it is always the key's own account, read it through the key's provider configuration.",
    ));
    let f = label_actions(f, st, gains);
    with_provenance(f, id, doc, st)
}

/// One note for a key policy whose accounts tfkms cannot place.
fn unplaced_note(doc: &Document, unplaced: &[(&Item, String)]) -> Finding {
    let accounts: Vec<String> = unplaced.iter().map(|(_, a)| a.clone()).collect();
    let (first, _) = unplaced[0];
    let (account, them, are) = if unplaced.len() == 1 {
        ("account", "it", "is")
    } else {
        ("accounts", "them", "are")
    };
    let mut f = Finding::new(
        &META,
        Label {
            span: first.source_span(),
            message: format!("may create grants on this key: is `{}` yours?", unplaced[0].1),
        },
        format!(
            "cannot tell whether {account} {} {are} yours: no `own_accounts` is configured and the configuration does not say which accounts it deploys to; if not, this key policy lets {them} create grants on the key unchecked",
            name_list(&accounts)
        ),
    )
    .with_severity(Severity::Note)
    .with_help(
        "list your AWS accounts in `.tfkms.toml` (`own_accounts = [\"111122223333\"]`), or set `allowed_account_ids` in the `aws` provider, so tfkms can tell another account from yours",
    );
    for (item, account) in &unplaced[1..] {
        f = f.related(
            item.source_span(),
            format!("may create grants on this key: is `{account}` yours?"),
        );
    }
    f = f.related(doc.span, "in this key policy");
    f.documents = vec![doc.address.clone()];
    f
}

fn help(syntax: Syntax, account: &str, uses_key: bool, own: &str) -> String {
    let condition = syntax.condition("Bool", "kms:GrantIsForAWSResource", &[quoted("true")]);
    if !uses_key {
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
        "give {account} the use of the key only:\n\n{actions}\n\n\
         and, if its AWS services need grants (EBS, RDS, ...), allow `kms:CreateGrant`, `kms:ListGrants` and `kms:RevokeGrant` in a separate statement with\n\n{condition}\n\n{own}"
    )
}
