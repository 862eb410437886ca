use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{is_own_account, name_list, not_own_account_label, with_deployment_evidence};
use crate::{Context, Rule};
use tfkms_iam::arn::{self, PrincipalAccount};
use tfkms_iam::{Field, Grant, GrantConstraint};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS009",
    slug: "kms-grant",
    severity: Severity::Note,
    summary: "An `aws_kms_grant` gives access that neither the key policy nor IAM policies show",
    docs: r#"## What it does

Reports every `aws_kms_grant` resource, naming its grantee, its operations,
the key and its encryption context constraints. It is a warning when the
grantee belongs to another AWS account: another account than the key's,
when the key is named by an ARN that says its account, or else an account
not in `own_accounts` in `.tfkms.toml` (and not
`data.aws_caller_identity.x.account_id`). Without
`own_accounts`, the accounts the configuration deploys to stand in (see
TFKMS008); with neither, an account ID is not taken for another owner's.

## Why is this bad?

A grant is a third way to give access to a KMS key, beside the key policy
and IAM policies, and it shows in neither: reviewers reading the key policy
do not see it, the console does not list it, and it lasts until it is
retired or revoked. A grant alone (with no deny in the way) lets its
grantee use the key. A grant to another account is cross-account access to
the key that the key policy does not mention.

## Example

```hcl
resource "aws_kms_grant" "reports" {
  name              = "reports"
  key_id            = aws_kms_key.data.key_id
  grantee_principal = "arn:aws:iam::444455556666:role/reports"
  operations        = ["Decrypt", "GenerateDataKey"]
}
```

If the grant is intended, keep it narrow: the fewest operations, and a
constraint that ties it to the data it is for.

```hcl
resource "aws_kms_grant" "reports" {
  name              = "reports"
  key_id            = aws_kms_key.data.key_id
  grantee_principal = aws_iam_role.reports.arn
  operations        = ["Decrypt"]
  constraints {
    encryption_context_equals = {
      Department = "Reports"
    }
  }
}
```

Where a key policy statement can give the same access, prefer it: it is
visible where access to the key is reviewed.

## References

- AWS KMS Developer Guide: "Grants in AWS KMS".
"#,
};

pub struct KmsGrant;

impl Rule for KmsGrant {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_grant(&self, ctx: &Context, grant: &Grant, out: &mut Vec<Finding>) {
        out.push(finding(ctx, grant));
    }
}

fn finding(ctx: &Context, grant: &Grant) -> Finding {
    let grantee = grant
        .grantee_principal
        .as_ref()
        .map(|g| g.describe())
        .unwrap_or_else(|| "no grantee".to_string());
    let grantee_account = grant
        .grantee_principal
        .as_ref()
        .map(|g| arn::principal_account(&g.value));
    let account_if = |own: Option<bool>| match &grantee_account {
        Some(a @ PrincipalAccount::Id(id)) if is_own_account(ctx, a) == own => Some(id.clone()),
        _ => None,
    };
    // A key named by a literal ARN says its own account: a grantee of
    // another one is cross-account whichever of the two is yours.
    let key_account = grant
        .key_id
        .as_ref()
        .and_then(|k| match arn::principal_account(&k.value) {
            PrincipalAccount::Id(id) => Some(id),
            _ => None,
        });
    let across_key_account = match (&grantee_account, &key_account) {
        (Some(PrincipalAccount::Id(grantee)), Some(key)) if grantee != key => {
            Some((grantee.clone(), key.clone()))
        }
        _ => None,
    };
    // A key ARN that says its account decides: a grantee of that same
    // account is no other account, whatever `own_accounts` lists.
    let other_account = match &key_account {
        Some(_) => across_key_account
            .as_ref()
            .map(|(grantee, _)| grantee.clone()),
        None => account_if(Some(false)),
    };
    let unplaced = match account_if(None).filter(|_| key_account.is_none()) {
        Some(id) => format!(
            "; whether account `{id}` is yours cannot be told: no `own_accounts` is configured and the configuration does not say which accounts it deploys to"
        ),
        None => String::new(),
    };
    let operations = match &grant.operations {
        Field::Items(items) => {
            let names: Vec<String> = items
                .iter()
                .map(|i| match i.known() {
                    Some(s) => s.into_owned(),
                    None => i.display(),
                })
                .collect();
            name_list(&names)
        }
        Field::Unknown(i) => format!("the operations in {}", i.describe()),
        Field::Absent => "no operation".to_string(),
    };
    let key = grant
        .key_id
        .as_ref()
        .map(|k| format!(" on {}", k.describe()))
        .unwrap_or_default();
    let constraints = describe_constraints(&grant.constraints);
    let (severity, message, primary) = match (&other_account, &grant.grantee_principal) {
        (Some(account), Some(g)) => (
            Severity::Warning,
            format!(
                "`{}` lets {grantee}, of account `{account}`, call {operations}{key} {constraints}: cross-account access to the key that neither the key policy nor IAM policies show",
                grant.address
            ),
            Label {
                span: g.source_span(),
                message: match &across_key_account {
                    Some((_, key)) => {
                        format!("account `{account}`, not the key's account `{key}`")
                    }
                    None => not_own_account_label(ctx, account),
                },
            },
        ),
        _ => (
            Severity::Note,
            format!(
                "`{}` lets {grantee} call {operations}{key} {constraints}: access to the key that neither the key policy nor IAM policies show{unplaced}",
                grant.address
            ),
            Label {
                span: grant.span,
                message: "a grant".into(),
            },
        ),
    };
    let mut help = "make sure this access is intended; keep the operations to what the grantee needs and tie the grant to its data with `constraints { encryption_context_equals = {...} }`; where a key policy statement can give the same access, prefer it, as it is visible where access to the key is reviewed".to_string();
    if let (Some(account), None) = (&other_account, &across_key_account) {
        help.push_str(&format!(
            "\n\nIf `{account}` is one of your accounts, list it in `own_accounts` in `.tfkms.toml`."
        ));
    }
    let mut f = Finding::new(&META, primary, message)
        .with_severity(severity)
        .with_help(help)
        .related(grant.span, format!("`{}`", grant.address));
    if let Some(g) = &grant.grantee_principal {
        f = f.related(g.source_span(), "the grantee");
    }
    match &grant.operations {
        Field::Items(items) => {
            for i in items {
                f = f.related(i.source_span(), "an operation granted");
            }
        }
        Field::Unknown(i) => f = f.related(i.source_span(), "the operations granted"),
        Field::Absent => {}
    }
    if let Some(k) = &grant.key_id {
        f = f.related(k.source_span(), "the key");
    }
    if let Some(r) = &grant.retiring_principal {
        f = f.related(r.source_span(), "may retire the grant");
    }
    for c in &grant.constraints {
        f = f.related(
            c.span,
            "the grant applies only with this encryption context",
        );
    }
    if other_account.is_some() && across_key_account.is_none() {
        f = with_deployment_evidence(f, ctx);
    }
    f.documents = vec![grant.address.clone()];
    f
}

fn describe_constraints(constraints: &[GrantConstraint]) -> String {
    let mut parts = Vec::new();
    for c in constraints {
        if c.dynamic {
            parts.push("with constraints from a `dynamic` block".to_string());
            continue;
        }
        if let Some(e) = &c.encryption_context_equals {
            parts.push(format!("only with the encryption context `{}`", e.value));
        }
        if let Some(s) = &c.encryption_context_subset {
            parts.push(format!(
                "only with an encryption context including `{}`",
                s.value
            ));
        }
    }
    if parts.is_empty() {
        "with no encryption context constraint".to_string()
    } else {
        parts.join(" and ")
    }
}
