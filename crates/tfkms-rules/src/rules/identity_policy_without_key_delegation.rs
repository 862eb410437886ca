use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::name_list;
use crate::{Context, Rule};
use tfkms_access::{AccessModel, Blocked, Certainty, KeyAccess, KeyPolicy, Via};
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS015",
    slug: "ignored-identity-policy",
    severity: Severity::Error,
    summary: "An IAM policy allows actions on a key whose key policy ignores IAM policies: the calls are denied",
    docs: r#"## What it does

Finds IAM policies (inline role, user and group policies, `aws_iam_policy`
documents attached in the same configuration, `inline_policy` blocks, SSO
permission set inline policies) that allow KMS actions on a key they name
by reference (`aws_kms_key.app.arn`, or a key ARN built from its
`key_id`), when the key's policy, also in the configuration, neither names
the principal the IAM policy is attached to nor enables IAM policies for
its account, for some or all of those actions: the finding names the
actions that have no effect.

A key policy enables IAM policies with a statement whose principal is the
account (`arn:aws:iam::111122223333:root`, or the account ID), for the
actions that statement lists: a key policy that names the account only
for `kms:DescribeKey` leaves an IAM policy's `kms:Decrypt` without effect,
and the finding names the statement that covers the account for other
actions only. An IAM policy allowing `kms:Decrypt` and `kms:Encrypt` on a
key whose policy enables IAM policies for `kms:Encrypt` only is reported
for `kms:Decrypt`: the key policy and the IAM policy must both allow a
call. Where the key policy enables some of the actions, only those the
IAM statement names exactly are reported: an IAM `kms:*` (or `kms:Get*`,
or `NotAction`) on a key whose policy deliberately enables a few actions
is the usual least-privilege pattern, and the help says to drop the
actions from the IAM statement or add them to the key policy statements
that enable the others, not to enable `kms:*`. A key
created without a `policy` gets the default key policy, which has that
statement, so it is never reported.

Nothing is reported when tfkms cannot be sure: when a key policy
statement's principal, effect or actions are not known, when a principal
account cannot be told apart from the key's (no `own_accounts` and the
configuration does not say where it deploys), when the IAM policy names
the key through `*` or `key/*`, when the policy is attached to no
principal the configuration shows, or when an `aws_kms_key_policy` whose
`key_id` is unknown may replace the key's policy.

## Why is this bad?

Unlike most AWS resources, a KMS key does not honour IAM policies unless
its key policy says so: "Unless the key policy explicitly allows it, you
cannot use IAM policies to allow access to a KMS key. Without permission
from the key policy, IAM policies that allow permissions have no effect."
The plan applies cleanly and every call the IAM policy seems to allow
fails with `AccessDeniedException`.

## Example

```hcl
resource "aws_kms_key" "app" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admins"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_iam_role_policy" "reader" {
  role = aws_iam_role.reader.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.app.arn }]
  })
}
```

Use instead: enable IAM policies for the account in the key policy,

```hcl
{
  Sid       = "EnableIAMPolicies"
  Effect    = "Allow"
  Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
  Action    = "kms:*"
  Resource  = "*"
}
```

or name the role in a key policy statement that allows it the actions.

## References

- AWS KMS Developer Guide, "Key policies in AWS KMS":
  <https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html>
- AWS KMS Developer Guide, "Default key policy", section "Allows access to
  the AWS account and enables IAM policies":
  <https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html>
"#,
};

pub struct IdentityPolicyWithoutKeyDelegation;

impl Rule for IdentityPolicyWithoutKeyDelegation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_access_model(&self) -> bool {
        true
    }

    fn check_access(&self, _ctx: &Context, model: &AccessModel, out: &mut Vec<Finding>) {
        for key in &model.keys {
            check_key(key, out);
        }
    }
}

/// The paths of one identity statement's reference to the key that cannot
/// work, by the reference: one finding names every principal concerned.
struct Dead<'a> {
    resource: Span,
    head: Span,
    document: &'a str,
    statement: &'a str,
    principals: Vec<&'a str>,
    actions: Vec<&'static str>,
    /// Key policy statements that cover the principal for other actions
    /// only, by name and head.
    for_other_actions: &'a [(String, Span)],
}

fn check_key(key: &KeyAccess, out: &mut Vec<Finding>) {
    let KeyPolicy::Documents(_) = &key.policy else {
        return;
    };
    let mut dead: Vec<Dead> = Vec::new();
    for p in &key.paths {
        let Via::IdentityPolicy {
            document,
            statement,
            resource,
            by_reference: true,
            head,
            ..
        } = &p.via
        else {
            continue;
        };
        let Certainty::Blocked(Blocked::NoKeyPolicyDelegation { for_other_actions }) = &p.certainty
        else {
            continue;
        };
        match dead.iter_mut().find(|d| d.resource == *resource) {
            Some(d) => {
                if !d.principals.contains(&p.who.display.as_str()) {
                    d.principals.push(&p.who.display);
                }
            }
            None => dead.push(Dead {
                resource: *resource,
                head: *head,
                document,
                statement,
                principals: vec![&p.who.display],
                actions: p.actions.clone(),
                for_other_actions,
            }),
        }
    }
    for d in dead {
        out.push(finding(key, d));
    }
}

fn finding(key: &KeyAccess, d: Dead) -> Finding {
    let principals = name_list(&d.principals);
    let actions: Vec<String> = d.actions.iter().map(|a| format!("kms:{a}")).collect();
    let others: Vec<&str> = d
        .for_other_actions
        .iter()
        .map(|(s, _)| s.as_str())
        .collect();
    let (why, label, help) = if others.is_empty() {
        (
            format!(
                "the key's policy neither names {principals} nor enables IAM policies for the account"
            ),
            "does not enable IAM policies",
            format!(
                "add a statement to the key policy that enables IAM policies for the account (`Principal = {{ AWS = \"arn:aws:iam::${{data.aws_caller_identity.current.account_id}}:root\" }}`, `Action = \"kms:*\"`, `Resource = \"*\"`), or name {principals} in a key policy statement that allows these actions"
            ),
        )
    } else {
        // The key policy names the account (or the principal), for other
        // actions: saying it names neither would be false, and telling
        // users to enable every action would undo a deliberate choice.
        let verb = if others.len() == 1 { "allows" } else { "allow" };
        (
            format!(
                "no statement of the key's policy that names {principals} or enables IAM policies for the account allows these actions ({} {verb} other actions only)",
                tfkms_access::statements_named("key policy", &others, "and")
            ),
            "does not enable IAM policies for these actions",
            format!(
                "drop these actions from the IAM statement, or add them to {}",
                tfkms_access::statements_named("key policy", &others, "or")
            ),
        )
    };
    let mut f = Finding::new(
        &META,
        Label {
            span: d.resource,
            message: format!("names `{}`, whose key policy {label}", key.address),
        },
        format!(
            "`{}` allows {} on `{}`, but {why}: AWS KMS denies these calls",
            d.document,
            name_list(&actions),
            key.address,
        ),
    )
    .with_help(help)
    .related(d.head, format!("in statement `{}`", d.statement));
    f = match d.for_other_actions {
        [] => f.related(
            key.span,
            format!(
                "the key policy of `{}` names neither the account nor {principals}",
                key.address
            ),
        ),
        others => others.iter().fold(f, |f, (statement, head)| {
            f.related(
                *head,
                format!(
                    "key policy statement `{statement}` allows {principals} or the account other actions only"
                ),
            )
        }),
    };
    f.documents = vec![d.document.to_string()];
    f
}
