use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::{Context, Rule};
use std::collections::BTreeMap;
use tfkms_iam::{Document, DocumentError, DocumentKind, Item, Statement};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS011",
    slug: "policy-document-error",
    severity: Severity::Error,
    summary: "Terraform or the AWS provider would reject this policy document",
    docs: r#"## What it does

Reports what would make `terraform plan` fail on a policy, with the
provider's own message where there is one:

- an `aws_iam_policy_document` `effect` other than `Allow` or `Deny`
  (case matters): `expected statement.0.effect to be one of ["Allow"
  "Deny"], got allow`;
- a `version` other than `2012-10-17` or `2008-10-17`;
- two of the block's own statements with the same `sid` (a `dynamic
  "statement"` block with a fixed `sid` and two or more elements is the
  usual way to get there): `duplicate Sid (X)`;
- the same `sid` twice among `source_policy_documents`;
- a policy argument that is not valid JSON or not a JSON object, a
  `dynamic` block whose `for_each` is not a collection;
- a required policy argument that is `null` (`Missing required
  argument`), an IAM policy that is `""` (`"policy" is an empty string,
  which is not a valid JSON value`), and `""` where the provider lets it
  through the plan (`aws_kms_key_policy`, bucket, topic, queue and secret
  policies), which is no policy either.

A key's own `policy` (`aws_kms_key` and its replica and external kinds)
that is `""` or `null` is not reported: the provider treats it as left
out, and AWS gives the key its default key policy.

## Why is this bad?

The plan fails, or, where the value comes from a variable that only some
environments set, fails in those environments only. tfkms checks what the
document would say, but the provider would never produce it.

## Example

```hcl
data "aws_iam_policy_document" "keys" {
  dynamic "statement" {
    for_each = toset(["alias/payments", "alias/orders"])
    content {
      sid       = "KMSAliasAccess"
      actions   = ["kms:Decrypt"]
      resources = ["*"]
      condition {
        test     = "ForAnyValue:StringEquals"
        variable = "kms:ResourceAliases"
        values   = [statement.value]
      }
    }
  }
}
```

fails with `writing IAM Policy Document: duplicate Sid (KMSAliasAccess).
Remove the Sid or ensure the Sid is unique.` Use instead: no `sid`, a sid
unique per element, or one statement listing all values.
"#,
};

pub struct PolicyDocumentError;

const VERSIONS: [&str; 2] = ["2008-10-17", "2012-10-17"];

impl Rule for PolicyDocumentError {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let mut found = Vec::new();
        provider_checks(doc, &mut found);
        // The renderer stops at the provider's first error and can only
        // point at the statement or the document; the checks above point at
        // the value, and extraction at the repeated sid. The same message
        // is reported once, at the most precise place, found first.
        for e in &doc.errors {
            if !found.iter().any(|f: &Finding| f.message == e.message) {
                found.push(from_error(doc, e));
            }
        }
        out.extend(found);
    }
}

/// The provider's validations of an `aws_iam_policy_document`'s own
/// arguments (JSON policies are IAM's to validate, at apply).
fn provider_checks(doc: &Document, out: &mut Vec<Finding>) {
    if doc.kind != DocumentKind::PolicyDocument {
        return;
    }
    let Some(input) = &doc.render_input else {
        return;
    };
    if let Some(version) = &input.version
        && let Some(v) = version.known()
        && !VERSIONS.contains(&v.as_ref())
    {
        out.push(provider_error(
            doc,
            version,
            format!("expected version to be one of [\"2008-10-17\" \"2012-10-17\"], got {v}"),
            "not a policy language version",
            "use `2012-10-17`, the current policy language version (or leave `version` out)",
        ));
    }
    for (i, st) in input.statements.iter().enumerate() {
        if let Some(effect) = &st.effect
            && let Some(v) = effect.known()
            && v != "Allow"
            && v != "Deny"
        {
            let mut f = provider_error(
                doc,
                effect,
                format!("expected statement.{i}.effect to be one of [\"Allow\" \"Deny\"], got {v}"),
                "must be `Allow` or `Deny`",
                "write `Allow` or `Deny`, capitalized: the provider compares case-sensitively",
            );
            f = in_statement(f, st, i);
            out.push(f);
        }
    }
    duplicate_sids(doc, &input.statements, out);
}

/// The provider rejects two of the block's own statements with the same
/// non-empty sid (sids from source or override documents may repeat them).
fn duplicate_sids(doc: &Document, own: &[Statement], out: &mut Vec<Finding>) {
    let mut first: BTreeMap<String, (usize, &Item)> = BTreeMap::new();
    for (i, st) in own.iter().enumerate() {
        let (Some(sid), Some(item)) = (st.sid(), &st.sid) else {
            continue;
        };
        let Some(&(_, earlier)) = first.get(&sid) else {
            first.insert(sid, (i, item));
            continue;
        };
        let generated = earlier.source_span() == item.source_span();
        let help = if generated {
            format!(
                "every statement this `dynamic` block generates has the sid `{sid}`: remove the sid, make it unique per element (IAM allows letters and digits only), or write one statement listing all the values"
            )
        } else {
            "give each statement its own sid (IAM allows letters and digits only), or remove one"
                .to_string()
        };
        let mut f = provider_error(
            doc,
            item,
            format!(
                "writing IAM Policy Document: duplicate Sid ({sid}). Remove the Sid or ensure the Sid is unique."
            ),
            if generated {
                "the same sid for every generated statement"
            } else {
                "sid used twice"
            },
            &help,
        );
        f = f.related(earlier.source_span(), format!("`{sid}` first used here"));
        out.push(in_statement(f, st, i));
    }
}

fn provider_error(
    doc: &Document,
    item: &Item,
    message: String,
    label: &str,
    help: &str,
) -> Finding {
    let mut f = Finding::new(
        &META,
        Label {
            span: item.source_span(),
            message: label.into(),
        },
        message,
    )
    .with_help(help);
    for hop in item.hops() {
        f = f.related(hop.span, hop.label);
    }
    if !f.primary.span.contains(item.used_at) {
        f = f.related(item.used_at, "used here");
    }
    f.documents = vec![doc.address.clone()];
    f
}

/// Names an own statement by its position among the block's statements, as
/// the provider's messages do.
fn in_statement(mut f: Finding, st: &Statement, index: usize) -> Finding {
    for hop in &st.via {
        f = f.related(hop.span, hop.label.clone());
    }
    let name = st.sid().unwrap_or_else(|| format!("statement[{index}]"));
    f = f.related(st.head, format!("in statement `{name}`"));
    f.statement = Some(name);
    f
}

fn from_error(doc: &Document, e: &DocumentError) -> Finding {
    let (label, help) = if let Some(help) = &e.help {
        ("no policy", help.as_str())
    } else if e.message.contains("duplicate Sid") {
        (
            "sid used twice",
            "sids must be unique across all `source_policy_documents`: rename or remove one; to replace a statement on purpose, give the replacement in `override_policy_documents` or as a statement of this block",
        )
    } else {
        (
            "rejected here",
            "Terraform would stop on this; fix it so that the policy tfkms checks is the one that gets applied",
        )
    };
    let mut f = Finding::new(
        &META,
        Label {
            span: e.span,
            message: label.into(),
        },
        e.message.clone(),
    )
    .with_help(help);
    for hop in &e.related {
        f = f.related(hop.span, hop.label.clone());
    }
    f.documents = vec![doc.address.clone()];
    f
}
