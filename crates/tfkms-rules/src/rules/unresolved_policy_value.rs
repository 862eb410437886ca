use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::rules::alias_condition_arn_value::value_problem;
use crate::support::{AliasKey, Operator, with_provenance};
use crate::{Context, Rule};
use tfkms_eval::{Cause, Unknown};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Field, Item, Statement};
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS010",
    slug: "unresolved-policy-value",
    severity: Severity::Note,
    summary: "A value in a KMS-relevant statement could not be evaluated, so the statement was only partly checked",
    docs: r#"## What it does

Reports each place where tfkms could not evaluate a value it needed to check
a KMS-relevant statement: its actions, its resources, an alias condition, the
`for_each` of a `dynamic` block, or a whole policy. The note names what is
missing and how to supply it.

## Why it matters

tfkms never guesses an unknown value. Where evaluation stops, the rules that
depend on the value cannot run, so the statement was only partly checked.
This note tells you what was and was not checked.

## Example

```hcl
variable "region" {}   # no default

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key_arn]
  }
}
```

Fix: pass the value (`tfkms scan --var key_arn=arn:aws:kms:...` or
`--var-file prod.tfvars`), give the variable a default, or accept the note.
Values only known after apply (a resource's `id`) stay unknown; typed values
such as `aws_kms_key.x.arn` (a key ARN) are understood without being known.
"#,
};

pub struct UnresolvedPolicyValue;

/// A module call tfkms could not evaluate (a registry module without
/// `.terraform/modules`, a source outside the scanned directories, an
/// unknown `for_each`): no policy inside it was checked.
pub fn module_not_evaluated(span: Span, address: &str, why: &Unknown) -> Finding {
    Finding::new(
        &META,
        Label {
            span,
            message: "not evaluated".into(),
        },
        format!("`{address}` could not be evaluated, so no policy inside it was checked"),
    )
    .with_help(match &*why.cause {
        // The message names the module already; the help is the reason.
        Cause::ModuleOutput { why, .. } => why.clone(),
        cause => cause.explain(),
    })
    .stopped_by(&why.cause)
}

impl Rule for UnresolvedPolicyValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for u in &doc.unresolved {
            let mut f = Finding::new(
                &META,
                Label {
                    span: u.span,
                    message: "could not be evaluated".into(),
                },
                format!(
                    "{} could not be evaluated, so `{}` was only partly checked",
                    u.what, doc.address
                ),
            )
            .with_help(u.unknown.cause.explain())
            .stopped_by(&u.unknown.cause);
            for hop in &u.via {
                f = f.related(hop.span, hop.label.clone());
            }
            f.documents = vec![doc.address.clone()];
            out.push(f);
        }
        for st in &doc.statements {
            check_statement(doc, st, out);
        }
    }
}

fn is_kms_action(s: &str) -> bool {
    tfkms_iam::actions::matching(s).next().is_some()
}

fn check_statement(doc: &Document, st: &Statement, out: &mut Vec<Finding>) {
    let action_items: Vec<&Item> = [&st.actions, &st.not_actions]
        .into_iter()
        .flat_map(field_items)
        .collect();
    let actions_known = action_items.iter().all(|i| i.known().is_some());
    let kms_known = action_items
        .iter()
        .filter_map(|i| i.known())
        .any(|a| is_kms_action(&a));
    let resources_kms_ish = [&st.resources, &st.not_resources]
        .into_iter()
        .flat_map(field_items)
        .any(|i| !matches!(arn::classify(&i.value), KmsResource::Other));
    let relevant = kms_known || (!actions_known && resources_kms_ish);
    if !relevant {
        return;
    }
    let mut report = |item: &Item, what: &str| {
        let unknown = match item.value.first_unknown() {
            Some(u) => u.clone(),
            None => return,
        };
        let f = Finding::new(
            &META,
            Label {
                span: item.used_at,
                message: format!("`{}` is not known", unknown.cause.expression()),
            },
            format!(
                "{what} of statement `{}` could not be evaluated, so the statement was only partly checked",
                st.name()
            ),
        )
        .with_help(unknown.cause.explain())
        .stopped_by(&unknown.cause);
        out.push(with_provenance(f, item, doc, st));
    };
    for i in &action_items {
        if i.known().is_none() {
            report(i, "an action");
        }
    }
    for i in [&st.resources, &st.not_resources]
        .into_iter()
        .flat_map(field_items)
    {
        if matches!(arn::classify(&i.value), KmsResource::Unknown) {
            report(i, "a resource");
        }
    }
    for c in &st.conditions {
        let Some(var) = c.variable.known() else {
            continue;
        };
        if AliasKey::parse(&var).is_none() {
            continue;
        }
        let op = Operator::parse(&c.test.known().unwrap_or_default());
        for i in field_items(&c.values) {
            // A typed unknown that can name no alias (`aws_kms_alias.x.arn`)
            // was fully checked: TFKMS003 reports it.
            if i.known().is_none() && value_problem(i, &op).is_none() {
                report(i, "an alias condition value");
            }
        }
    }
}

fn field_items(f: &Field) -> Vec<&Item> {
    match f {
        Field::Absent => Vec::new(),
        Field::Items(v) => v.iter().collect(),
        Field::Unknown(i) => vec![i],
    }
}
