use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::rules::alias_condition_arn_value::value_problem;
use crate::support::{AliasKey, Operator, with_provenance};
use crate::{Context, Rule};
use std::sync::Arc;
use tfkms_eval::{Cause, Unknown};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Field, Item, Statement, Unresolved};
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
missing and how to supply it. The key-access rules add one where they
stop for the same reason: a principal allowed `kms:CreateGrant` whose
account cannot be told apart from the key's (a principal ARN built from
a value that could not be evaluated, or a role created through another
provider configuration when the two do not both name their account), so
TFKMS018 was not checked for it. A value that stops both a document's
check and a key-access check is one note, the document's, with the place
the key-access check stopped as a label saying what it did not check. Places that stopped for one cause (one
variable without a value, one attribute known only after apply) are one note
per document, each place labelled. One place that stopped for one cause in
several documents (a module deployed by several Terragrunt units, a policy
read back from the `json` of a policy document) is one note listing them.

Values whose kind is known without their text are checked, not reported:
`aws_kms_key.k.arn` is a key ARN, also under an unknown `count` or when the
resource is declared outside the scanned files.

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

/// Terragrunt configuration tfkms does not evaluate (a stack's
/// `autoinclude` block, a block in `terragrunt.values.hcl`): `unchecked`
/// says what that leaves unchecked, `why` why it is not evaluated.
pub fn terragrunt_not_evaluated(span: Span, what: &str, unchecked: &str, why: &str) -> Finding {
    Finding::new(
        &META,
        Label {
            span,
            message: "not evaluated".into(),
        },
        format!("{what} is not evaluated, so {unchecked}"),
    )
    .with_help(why)
}

/// Where the key-access model stopped because a principal's account is
/// not known: what a check needed, once per cause. `cause` is the value
/// that stopped evaluation, when one did; `why` says what would tell the
/// account otherwise. `places` are the principals (or the actions), the
/// first the primary.
pub struct AccountNotKnown<'a> {
    /// What could not be told, as a message's subject: `the account of
    /// ...`, `the principal ...`, `the actions of statement ...`.
    pub whose: String,
    /// What the label says is not known when no value stopped evaluation:
    /// `account`, `principal`, `actions`.
    pub what: &'static str,
    /// What was not checked: `whether it may create grants on ...`.
    pub unchecked: String,
    /// Why that matters, when the subject is not the checked principal's
    /// own account: `: ... may be it, and may change the key policy`.
    pub after: String,
    pub why: &'a str,
    pub cause: Option<&'a Arc<Cause>>,
    pub places: &'a [Span],
}

pub fn account_not_known(n: AccountNotKnown) -> Finding {
    let whose = &n.whose;
    let (how, label, help) = match n.cause {
        Some(cause) => ("evaluated", not_known(cause), cause.explain()),
        None => ("told", format!("{} not known", n.what), n.why.to_string()),
    };
    let mut f = Finding::new(
        &META,
        Label {
            span: n.places[0],
            message: label.clone(),
        },
        format!(
            "{whose} could not be {how}, so {} was not checked{}",
            n.unchecked, n.after
        ),
    )
    .with_help(help);
    if let Some(cause) = n.cause {
        f = f.stopped_by(cause);
    }
    for place in &n.places[1..] {
        f = f.related(*place, format!("{label} here too"));
    }
    f
}

impl Rule for UnresolvedPolicyValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let mut stops: Vec<Stop> = doc.unresolved.iter().map(Stop::Whole).collect();
        for st in &doc.statements {
            statement_stops(st, &mut stops);
        }
        for group in by_cause(stops) {
            out.push(report(doc, &group));
        }
    }
}

/// One place where evaluation stopped.
enum Stop<'a> {
    /// A whole piece of the document: a policy, its statements, a
    /// `dynamic` block's `for_each`.
    Whole(&'a Unresolved),
    /// One value of a statement; `what` says which kind, e.g. "a resource".
    Value {
        statement: &'a Statement,
        item: &'a Item,
        unknown: Unknown,
        what: &'static str,
    },
}

impl Stop<'_> {
    fn unknown(&self) -> &Unknown {
        match self {
            Stop::Whole(u) => &u.unknown,
            Stop::Value { unknown, .. } => unknown,
        }
    }

    fn span(&self) -> Span {
        match self {
            Stop::Whole(u) => u.span,
            Stop::Value { item, .. } => item.used_at,
        }
    }

    fn what(&self) -> String {
        match self {
            Stop::Whole(u) => u.what.clone(),
            Stop::Value {
                statement, what, ..
            } => format!("{what} of statement `{}`", statement.name()),
        }
    }

    fn statement(&self) -> Option<&Statement> {
        match self {
            Stop::Whole(_) => None,
            Stop::Value { statement, .. } => Some(statement),
        }
    }
}

/// The stops in order of first appearance, those with one cause together:
/// one unknown `count` is one thing to supply, however many places use it.
fn by_cause(stops: Vec<Stop>) -> Vec<Vec<Stop>> {
    let mut groups: Vec<Vec<Stop>> = Vec::new();
    for stop in stops {
        match groups
            .iter_mut()
            .find(|g| g[0].unknown().cause == stop.unknown().cause)
        {
            Some(g) => g.push(stop),
            None => groups.push(vec![stop]),
        }
    }
    groups
}

/// What a label says where an unknown stopped evaluation.
fn not_known(cause: &Cause) -> String {
    match cause {
        // An error or a limit stands for no expression: the help says why.
        Cause::Error { .. } | Cause::Limit { .. } => "could not be evaluated".into(),
        cause => format!("`{}` is not known", cause.expression()),
    }
}

fn report(doc: &Document, group: &[Stop]) -> Finding {
    let first = &group[0];
    let message = match (group.len(), first) {
        // Named as in its module: the same note from every unit deploying
        // the module is one note, listing their documents.
        (1, Stop::Whole(u)) => format!(
            "{} could not be evaluated, so `{}` was only partly checked",
            u.what,
            crate::address_in_module(&doc.address)
        ),
        (1, stop) => format!(
            "{} could not be evaluated, so the statement was only partly checked",
            stop.what()
        ),
        // The document is named by the report; naming it here too would
        // keep the same note of two documents from merging.
        (n, stop) => format!(
            "{} and {} more value{} could not be evaluated, for the same reason, so {} only partly checked",
            stop.what(),
            n - 1,
            if n == 2 { "" } else { "s" },
            if group
                .iter()
                .any(|s| s.statement().map(|s| s.head) != stop.statement().map(|s| s.head))
            {
                "their statements were"
            } else {
                "the statement was"
            }
        ),
    };
    let primary = Label {
        span: first.span(),
        message: match first {
            Stop::Whole(_) => "could not be evaluated".into(),
            Stop::Value { unknown, .. } => not_known(&unknown.cause),
        },
    };
    let mut f = Finding::new(&META, primary, message)
        .with_help(first.unknown().cause.explain())
        .stopped_by(&first.unknown().cause);
    f = match first {
        Stop::Whole(u) => u
            .via
            .iter()
            .fold(f, |f, hop| f.related(hop.span, hop.label.clone())),
        Stop::Value {
            statement, item, ..
        } => with_provenance(f, item, doc, statement),
    };
    for stop in &group[1..] {
        f = f.related(
            stop.span(),
            format!("{} here too", not_known(&stop.unknown().cause)),
        );
        if let Some(st) = stop.statement() {
            f = f.related(st.head, st.head_label());
        }
    }
    let one_statement = group
        .iter()
        .all(|s| s.statement().map(|s| s.head) == first.statement().map(|s| s.head));
    if !one_statement {
        f.statement = None;
    }
    f.documents = vec![doc.address.clone()];
    f
}

fn is_kms_action(s: &str) -> bool {
    tfkms_iam::actions::matching(s).next().is_some()
}

fn statement_stops<'a>(st: &'a Statement, stops: &mut Vec<Stop<'a>>) {
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
    let mut stop = |item: &'a Item, what: &'static str| {
        if let Some(u) = item.value.first_unknown() {
            stops.push(Stop::Value {
                statement: st,
                item,
                unknown: u.clone(),
                what,
            });
        }
    };
    for i in action_items {
        if i.known().is_none() {
            stop(i, "an action");
        }
    }
    for i in [&st.resources, &st.not_resources]
        .into_iter()
        .flat_map(field_items)
    {
        if matches!(arn::classify(&i.value), KmsResource::Unknown) {
            stop(i, "a resource");
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
                stop(i, "an alias condition value");
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
