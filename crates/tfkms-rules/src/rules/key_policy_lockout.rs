use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::{Context, Rule};
use tfkms_access::{AccessModel, Certainty, Flag, KeyAccess, KeyPolicy, Via, WhoKind};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS016",
    slug: "key-policy-lockout",
    severity: Severity::Error,
    summary: "A key policy lets no principal change it: AWS KMS refuses it, or the key can never be managed again",
    docs: r#"## What it does

Checks the key policy of every key declared in the configuration
(`aws_kms_key.policy`, `aws_kms_key_policy`, replica and external keys)
for a statement that lets some IAM principal call `kms:PutKeyPolicy`:
directly (a role, a user, `*`), or through the account principal
(`arn:aws:iam::111122223333:root`), which enables IAM policies of the
account to allow it. It reports a key policy with none, unless
`bypass_policy_lockout_safety_check = true` says the lockout is intended.

A statement counts when it may apply: one under a condition counts, one
that an unconditional `Deny` for everyone cancels does not. Service
principals do not count: a service is never the principal that applies
the configuration. Nothing is reported while any value of the key policy
is unknown, nor for keys without a `policy` (the default key policy
enables IAM policies).

## Why is this bad?

When a key is created or its policy is set, AWS KMS runs the key policy
lockout safety check: the new policy must allow the principal making the
request to make a later `PutKeyPolicy` call. A policy that allows it to
no one fails the check, so `terraform apply` fails with
`MalformedPolicyDocumentException`. With the check bypassed, the key is
created, and no one, not even the account's root user, can ever change
its policy again: a key nobody can manage, rotate or schedule for
deletion without AWS Support.

## Example

```hcl
resource "aws_kms_key" "app" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = ["kms:Encrypt", "kms:Decrypt"]
      Resource  = "*"
    }]
  })
}
```

Use instead: keep the statement that enables IAM policies for the account
(or name the key administrators with `kms:PutKeyPolicy` among their
actions):

```hcl
{
  Sid       = "EnableIAMPolicies"
  Effect    = "Allow"
  Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
  Action    = "kms:*"
  Resource  = "*"
}
```

## References

- AWS KMS API Reference, `CreateKey` and `PutKeyPolicy`, parameter
  `BypassPolicyLockoutSafetyCheck`.
- AWS KMS Developer Guide, "Default key policy":
  <https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html>
"#,
};

pub struct KeyPolicyLockout;

impl Rule for KeyPolicyLockout {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_access_model(&self) -> bool {
        true
    }

    fn check_access(&self, _ctx: &Context, model: &AccessModel, out: &mut Vec<Finding>) {
        for key in &model.keys {
            if let Some(f) = check_key(key) {
                out.push(f);
            }
        }
    }
}

fn check_key(key: &KeyAccess) -> Option<Finding> {
    let KeyPolicy::Documents(documents) = &key.policy else {
        return None;
    };
    if !key.policy_known || key.bypass_lockout_check == Flag::True {
        return None;
    }
    if key.bypass_lockout_check == Flag::Unknown {
        return None;
    }
    let manages = key.paths.iter().any(|p| {
        let from_key_policy = matches!(
            p.via,
            Via::KeyPolicy { .. } | Via::AccountDelegation { .. } | Via::CrossAccount { .. }
        );
        let someone = !matches!(p.who.kind, WhoKind::Service(_) | WhoKind::Other(_));
        from_key_policy
            && someone
            && !matches!(p.certainty, Certainty::Blocked(_))
            && p.actions.contains(&"PutKeyPolicy")
    });
    if manages {
        return None;
    }
    let (document, span) = documents.first()?;
    // The key's own `policy` argument spans the whole document: point at
    // the key. An `aws_kms_key_policy` is pointed at where it sets it.
    let own_argument = document.starts_with(&format!("{}.", key.address));
    let primary = if own_argument { key.span } else { *span };
    let mut f = Finding::new(
        &META,
        Label {
            span: primary,
            message: format!("`{document}` lets no principal call `kms:PutKeyPolicy`"),
        },
        format!(
            "the key policy of `{}` lets no principal call `kms:PutKeyPolicy`, neither directly nor through IAM policies of the account: AWS KMS refuses it (the key policy lockout safety check), and were the check bypassed, no one could manage the key again",
            key.address
        ),
    )
    .with_help(
        "keep a statement that enables IAM policies for the account (`Principal = { AWS = \"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root\" }`, `Action = \"kms:*\"`, `Resource = \"*\"`), or name the key administrators with `kms:PutKeyPolicy` among their actions; set `bypass_policy_lockout_safety_check = true` only if the key must never be managed again",
    );
    if !own_argument {
        f = f.related(key.span, format!("the key `{}`", key.address));
    }
    for (other, span) in &documents[1..] {
        f = f.related(*span, format!("`{other}` also sets this key's policy"));
    }
    f.documents = vec![document.clone()];
    Some(f)
}
