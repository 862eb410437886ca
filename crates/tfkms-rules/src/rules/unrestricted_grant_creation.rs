use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::name_list;
use crate::{Context, Rule};
use tfkms_access::{AccessModel, AccessPath, Account, Certainty, KeyAccess, Via, WhoKind};
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS018",
    slug: "unrestricted-grant-creation",
    severity: Severity::Warning,
    summary: "A principal may create grants on a key without limits: it can give any principal the key's use, in grants no policy shows",
    docs: r#"## What it does

Finds principals of the key's own account (roles, users, groups and
permission sets of the configuration, principal ARNs of the key's
account, or `*`) that a key policy statement, or an IAM policy naming the
key by reference, allows to call `kms:CreateGrant` (directly, or through
`kms:*`, `kms:Create*`, `*` or `NotAction`) without a condition that
limits the grants:

- `kms:GrantIsForAWSResource`: only AWS services acting for the
  principal (EBS, RDS, ...) create the grants, for their resources;
- `kms:GrantOperations`: the grants carry only the operations listed;
- `kms:GranteePrincipal`: the grants go only to the principals listed;
- `kms:ViaService`: the calls come only through that service, which
  creates grants for its own resources.

A principal that may also call `kms:PutKeyPolicy` on the key is not
reported: it controls the key policy, and can already give anyone any
access to the key; a grant gives it nothing more. This keeps the rule off
every key administrator with `kms:*`.

Principals of other accounts are TFKMS008's (`cross-account-key-policy`),
which reports a key policy letting another account create grants without
`kms:GrantIsForAWSResource`: the two rules never report the same
principal. Paths that depend on an unknown value, or that an unconditional
Deny cancels, are not reported; other conditions are shown in the message.
IAM policies that reach the key only through `*` or `key/*` are not
examined.

## Why is this bad?

With `kms:CreateGrant` a principal can create a grant that gives any
principal, of any account, the key's grant operations: the cryptographic
operations (`kms:Decrypt`, `kms:Encrypt`, `kms:GenerateDataKey*`,
`kms:ReEncrypt*`, `kms:Sign`, `kms:Verify`, `kms:GenerateMac`,
`kms:VerifyMac`, `kms:DeriveSharedSecret`), `kms:DescribeKey`,
`kms:GetPublicKey`, and `kms:CreateGrant` and `kms:RetireGrant`
themselves, so the grantee can pass them on again. Grants need no key
policy or IAM policy change, show in neither, and last until they are
retired or revoked. Only grants created by a grantee are limited to the
creating grant's operations; a principal allowed by a policy is not.

## Example

```hcl
{
  Sid       = "App"
  Effect    = "Allow"
  Principal = { AWS = aws_iam_role.app.arn }
  Action    = ["kms:Decrypt", "kms:CreateGrant"]
  Resource  = "*"
}
```

Use instead: let only AWS services create grants for the role's resources,

```hcl
{
  Sid       = "AppGrantsForResources"
  Effect    = "Allow"
  Principal = { AWS = aws_iam_role.app.arn }
  Action    = "kms:CreateGrant"
  Resource  = "*"
  Condition = { Bool = { "kms:GrantIsForAWSResource" = "true" } }
}
```

or limit what the grants carry with `kms:GrantOperations`.

## References

- AWS KMS Developer Guide, "Controlling access to grants" (the condition
  keys that limit `CreateGrant`):
  <https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html>
- AWS KMS Developer Guide, "Grants in AWS KMS" (grant operations, and the
  limits on grants created from a grant):
  <https://docs.aws.amazon.com/kms/latest/developerguide/grants.html>
- AWS KMS Developer Guide, "AWS KMS condition keys", `kms:GrantOperations`
  and `kms:GrantIsForAWSResource`:
  <https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html>
"#,
};

/// Condition keys after which a `CreateGrant` permission is limited.
const LIMITING_KEYS: &[&str] = &[
    "kms:grantisforawsresource",
    "kms:grantoperations",
    "kms:granteeprincipal",
    "kms:viaservice",
];

pub struct UnrestrictedGrantCreation;

impl Rule for UnrestrictedGrantCreation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_access_model(&self) -> bool {
        true
    }

    fn check_access(&self, _ctx: &Context, model: &AccessModel, out: &mut Vec<Finding>) {
        // One statement naming several keys is one finding naming them all.
        let mut found: Vec<Unchecked> = Vec::new();
        for key in &model.keys {
            check_key(key, &mut found);
        }
        out.extend(found.into_iter().map(finding));
    }
}

/// The principals one statement lets create grants unchecked: one
/// finding per place.
struct Unchecked<'a> {
    at: Span,
    head: Span,
    document: &'a str,
    statement: &'a str,
    principals: Vec<&'a str>,
    keys: Vec<&'a str>,
    conditions: &'a [String],
}

fn check_key<'a>(key: &'a KeyAccess, found: &mut Vec<Unchecked<'a>>) {
    for p in &key.paths {
        let Some(at) = p.grant_at else { continue };
        // A Deny may have taken it away.
        if !p.actions.contains(&"CreateGrant")
            || !matches!(p.certainty, Certainty::Allowed | Certainty::Conditional)
            || !in_key_account(key, &p.who.kind)
            || limited(&p.conditions)
            || manages_policy(key, p)
        {
            continue;
        }
        let Some((document, statement, head)) = statement_of(p) else {
            continue;
        };
        match found.iter_mut().find(|u| u.at == at) {
            Some(u) => {
                if !u.principals.contains(&p.who.display.as_str()) {
                    u.principals.push(&p.who.display);
                }
                if !u.keys.contains(&key.address.as_str()) {
                    u.keys.push(&key.address);
                }
            }
            None => found.push(Unchecked {
                at,
                head,
                document,
                statement,
                principals: vec![&p.who.display],
                keys: vec![&key.address],
                conditions: &p.conditions,
            }),
        }
    }
}

fn statement_of(p: &AccessPath) -> Option<(&str, &str, Span)> {
    let head = p.steps.iter().map(|(s, _)| *s).next_back()?;
    match &p.via {
        Via::KeyPolicy {
            document,
            statement,
        } => Some((document, statement, head)),
        Via::IdentityPolicy {
            document,
            statement,
            head,
            ..
        } => Some((document, statement, *head)),
        _ => None,
    }
}

/// A principal of the key's account, or anyone; other accounts are
/// TFKMS008's, and principals that cannot be placed are left alone.
fn in_key_account(key: &KeyAccess, who: &WhoKind) -> bool {
    match who {
        WhoKind::Everyone => true,
        // A declared principal created in another account is one of the
        // key policy's cross-account principals.
        WhoKind::Declared { .. } => !key.cross_account.iter().any(|c| c.who.kind == *who),
        WhoKind::Arn {
            account: Account::Own,
            ..
        } => true,
        WhoKind::Arn {
            account: Account::Id(id),
            ..
        } => key.account.as_deref() == Some(id.as_str()),
        _ => false,
    }
}

fn limited(conditions: &[String]) -> bool {
    conditions.iter().any(|c| {
        c.split_whitespace()
            .nth(1)
            .is_some_and(|key| LIMITING_KEYS.contains(&key.to_ascii_lowercase().as_str()))
    })
}

/// Whether the path's principal may also change the key policy (by any
/// path the model shows): a grant gives it nothing it does not have.
fn manages_policy(key: &KeyAccess, path: &AccessPath) -> bool {
    key.paths.iter().any(|p| {
        let same = p.who.kind == path.who.kind || p.who.kind == WhoKind::Everyone;
        same && !matches!(p.certainty, Certainty::Blocked(_)) && p.actions.contains(&"PutKeyPolicy")
    })
}

/// Names for a message; `anyone (`*`)` is already quoted where it needs.
fn principal_list(names: &[&str]) -> String {
    if names.iter().any(|n| n.contains('`')) {
        let shown: Vec<String> = names
            .iter()
            .map(|n| {
                if n.contains('`') {
                    n.to_string()
                } else {
                    format!("`{n}`")
                }
            })
            .collect();
        return shown.join(", ");
    }
    name_list(names)
}

fn finding(u: Unchecked) -> Finding {
    let principals = principal_list(&u.principals);
    let keys = name_list(&u.keys);
    let when = if u.conditions.is_empty() {
        String::new()
    } else {
        format!(" (when {})", u.conditions.join(" and "))
    };
    let mut f = Finding::new(
        &META,
        Label {
            span: u.at,
            message: format!("lets {principals} create grants on {keys}"),
        },
        format!(
            "{principals} may call `kms:CreateGrant` on {keys}{when} with no `kms:GrantIsForAWSResource` or `kms:GrantOperations` condition: {} can give any principal, of any account, {} grant operations (the cryptographic operations, `kms:DescribeKey`, `kms:GetPublicKey`, `kms:CreateGrant` and `kms:RetireGrant`) in grants that no key policy or IAM policy shows",
            if u.principals.len() == 1 { "it" } else { "each" },
            if u.keys.len() == 1 { "the key's" } else { "each key's" },
        ),
    )
    .with_help(
        "add `Condition = { Bool = { \"kms:GrantIsForAWSResource\" = \"true\" } }` when only AWS services create grants for the principal's resources, or list the operations the grants may carry with `kms:GrantOperations`; drop `kms:CreateGrant` if the principal needs no grants",
    )
    .related(u.head, format!("in statement `{}`", u.statement));
    f.documents = vec![u.document.to_string()];
    f
}
