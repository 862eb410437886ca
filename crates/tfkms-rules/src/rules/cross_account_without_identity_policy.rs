use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::name_list;
use crate::{Context, Rule};
use tfkms_access::{AccessModel, CrossAccountUse, IdentitySide, KeyAccess, WhoKind};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS017",
    slug: "cross-account-without-identity-policy",
    severity: Severity::Warning,
    summary: "A key policy opens a key to another account whose IAM policies in the configuration never allow it: the cross-account calls are denied",
    docs: r#"## What it does

Finds key policy statements that allow a principal of another account (the
account, `arn:aws:iam::444455556666:root`, or one of its roles or users)
to use a key, when the configuration also declares that account's
identity side, and none of the IAM policies it gives those principals
allows any of the statement's actions on the key.

Which account a resource belongs to is read from its provider: a
`provider "aws"` configuration whose `assume_role.role_arn` names a role
of one account, or whose `allowed_account_ids` lists one, places every
resource created with it (`provider = aws.shared`, or through a module
call's `providers`) in that account. A configuration that names no
account is not placed in the account another one names (two resources
created with it are in one account, whichever it is); only `own_accounts`
listing a single account places every resource in it. See TFKMS008's
"Which accounts are yours" for the same evidence.

An IAM policy allows the key when one of its `Allow` statements has one of
the actions and names the key by reference (`aws_kms_key.shared.arn`), by
a `*` or `key/*` pattern of the key's account, or selects it with an alias
condition that one of the key's aliases matches. A statement that names
the key by alias ARN does not count, and is shown: IAM never matches an
alias ARN to the key behind it (see TFKMS001).

Nothing is reported when the configuration declares no role, user or
group of the other account: its IAM policies live elsewhere. Nothing is
reported either when tfkms cannot be sure: a principal or permission set
whose account is not known, a policy attached to a principal the
configuration does not declare when its account is not known either (an
ARN naming the account decides, else the provider configuration of the
resource attaching it: IAM attaches policies to principals of the
account the call is made in), a managed policy not in the configuration
(an AWS managed policy may allow `kms:*` on `*`), a user that may belong
to a declared group, a statement whose effect, actions or `Resource` are
not known, or a statement naming a literal key ARN of the key's account
(the key's own ARN, pasted in after it was created).

## Why is this bad?

Cross-account access needs two policies: the key policy, in the key's
account, must allow the other account or its principals, and IAM policies
in the other account must allow its principals to use the key. "Neither
the key policy nor the IAM policy alone is sufficient." The key policy
shows the intent, but every call from the other account fails with
`AccessDeniedException` until an IAM policy there allows it.

## Example

```hcl
provider "aws" {
  alias = "app"
  assume_role { role_arn = "arn:aws:iam::444455556666:role/deploy" }
}

resource "aws_kms_key" "shared" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AppAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }, ...]
  })
}

resource "aws_iam_role_policy" "reader" {
  provider = aws.app
  role     = aws_iam_role.reader.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_alias.shared.arn }]
  })
}
```

Use instead: name the key by its ARN in the other account's IAM policy:

```hcl
Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.shared.arn }]
```

## References

- AWS KMS Developer Guide, "Allowing users in other accounts to use a KMS
  key":
  <https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html>
- AWS KMS Developer Guide, "Using KMS keys in other accounts" (cross-account
  calls name the key by its key ARN or alias ARN; IAM policies by key ARN).
"#,
};

pub struct CrossAccountWithoutIdentityPolicy;

impl Rule for CrossAccountWithoutIdentityPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_access_model(&self) -> bool {
        true
    }

    fn check_access(&self, _ctx: &Context, model: &AccessModel, out: &mut Vec<Finding>) {
        for key in &model.keys {
            for cross in &key.cross_account {
                if let IdentitySide::Missing {
                    principals,
                    alias_arns,
                } = &cross.identity
                {
                    out.push(finding(key, cross, principals, alias_arns));
                }
            }
        }
    }
}

fn finding(
    key: &KeyAccess,
    cross: &CrossAccountUse,
    principals: &[(String, tfkms_syntax::Span)],
    alias_arns: &[(tfkms_syntax::Span, String)],
) -> Finding {
    let actions: Vec<String> = cross.actions.iter().map(|a| format!("kms:{a}")).collect();
    let account = &cross.account;
    let whom = match &cross.who.kind {
        WhoKind::Account(_) => format!("account {account}"),
        _ => format!("`{}` of account {account}", cross.who.display),
    };
    let names: Vec<&str> = principals.iter().map(|(a, _)| a.as_str()).collect();
    let mut f = Finding::new(
        &META,
        Label {
            span: cross.principal,
            message: format!("opens `{}` to {whom}", key.address),
        },
        format!(
            "key policy statement `{}` lets {whom} use `{}` ({}), but no IAM policy this configuration gives {} allows these actions on the key: both sides must allow, so these cross-account calls are denied unless an IAM policy outside the configuration allows them",
            cross.statement,
            key.address,
            name_list(&actions),
            name_list(&names),
        ),
    )
    .with_help(format!(
        "attach to {} a policy that allows {} on the key by its ARN (`Resource = {}.arn`), or remove the statement if the account no longer needs the key",
        name_list(&names),
        name_list(&actions),
        key.address,
    ))
    .related(cross.head, format!("in key policy statement `{}`", cross.statement));
    // A few are enough to show where the account's roles are.
    for (address, span) in principals.iter().take(3) {
        f = f.related(
            *span,
            format!("`{address}` is in account {account} and no policy of it allows the key"),
        );
    }
    for (span, document) in alias_arns {
        f = f.related(
            *span,
            format!("`{document}` names the key by alias ARN: IAM never matches it to the key"),
        );
    }
    f.documents = vec![cross.document.clone()];
    f
}
