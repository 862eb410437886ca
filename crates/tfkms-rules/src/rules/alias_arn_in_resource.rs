use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{Syntax, known_actions, quoted, with_provenance};
use crate::{Context, Rule};
use tfkms_iam::actions::{self, ResourceTypes};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Effect, Item, Statement};

mod fix;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS001",
    slug: "alias-arn-in-resource",
    severity: Severity::Error,
    summary: "An alias ARN in `Resource` of a statement with key actions grants nothing (and a Deny protects nothing)",
    docs: r#"## What it does

Finds a KMS alias ARN (exact, like `arn:aws:kms:us-east-1:111122223333:alias/app`,
or a pattern, like `arn:aws:kms:*:*:alias/app-*`) in the `Resource` of a
statement whose actions include an action that works on keys (`kms:Decrypt`,
`kms:GenerateDataKey*`, `kms:*`, ...).

## Why is this bad?

IAM authorizes a KMS request against the resource type of its action. An
alias ARN in `Resource` matches the alias resource itself, never the key it
points to: IAM does not dereference aliases. So:

- in an `Allow`, the key actions are silently **never granted** (the caller
  gets `AccessDenied ... no identity-based policy allows the kms:Decrypt
  action`);
- in a `Deny`, the protection **never applies**: the key stays usable.

Only `kms:CreateAlias`, `kms:UpdateAlias` and `kms:DeleteAlias` are authorized
against alias resources, so a statement whose actions are all alias actions is
not reported.

## Example

```hcl
data "aws_iam_policy_document" "my_key_access" {
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:alias/app-*"]
  }
}
```

Use instead: name the key ARN, or allow the account's keys and select them
by alias with a condition:

```hcl
data "aws_iam_policy_document" "my_key_access" {
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-*"]
    }
  }
}
```

Where the alias ARN is a string literal in an HCL `statement` block, or in
a JSON policy written in the policy argument itself (a heredoc, a string,
`jsonencode({...})`, an escaped string in `.tf.json`), `tfkms scan --fix`
makes this change (when the statement names other resources too, it moves
the alias ARN to a copy of the statement, so the condition narrows nothing
else). In JSON the condition joins the statement's `Condition` when it has
one. A statement that already has a `kms:ResourceAliases` condition, or a
policy taken from a variable or a local, gets the help text only.

`kms:ResourceAliases` matches whatever the request names the key by;
`kms:RequestAlias` only matches requests that name the key by that alias.
Mind TFKMS002: a wildcard alias pattern lets anyone who can create a
matching alias grant themselves access.

## References

- AWS KMS Developer Guide: "Specifying KMS keys in IAM policy statements"
  and "ABAC for AWS KMS".
"#,
};

pub struct AliasArnInResource;

impl Rule for AliasArnInResource {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for st in &doc.statements {
            check_statement(ctx, doc, st, out);
        }
    }
}

fn check_statement(ctx: &Context, doc: &Document, st: &Statement, out: &mut Vec<Finding>) {
    let Some((acts, not_acts)) = known_actions(st) else {
        return;
    };
    let effective = st.kms_actions().unwrap_or_default();
    let key_actions: Vec<_> = effective
        .iter()
        .filter(|a| a.resources == ResourceTypes::Key)
        .collect();
    if key_actions.is_empty() {
        return;
    }
    let Some(effect) = st.effect() else { return };
    let offending: Vec<(&Item, Option<String>)> = st
        .resources
        .items()
        .iter()
        .filter_map(|item| match arn::classify(&item.value) {
            KmsResource::AliasArn { alias } => Some((item, alias)),
            _ => None,
        })
        .collect();
    if offending.is_empty() {
        return;
    }
    // One fix per statement: it rewrites all of its alias ARNs together, so
    // each of their findings carries the same edit.
    let items: Vec<&Item> = offending.iter().map(|(i, _)| *i).collect();
    let fix = fix::statement_fix(ctx, doc, st, &items, effective);
    for (item, alias) in offending {
        let shown = item.describe();
        let action_names = describe_actions(acts.as_deref(), not_acts.as_deref(), &key_actions);
        let (message, label) = match effect {
            Effect::Allow => (
                format!(
                    "alias ARN in `Resource` grants nothing: IAM matches {shown} against the alias itself, never the key behind it, so {action_names} {} never granted",
                    // The verb agrees with what the message names: the
                    // written action, or the actions a pattern expands to.
                    if acts.as_ref().map_or(key_actions.len(), Vec::len) == 1 {
                        "is"
                    } else {
                        "are"
                    }
                ),
                "this alias ARN matches no key".to_string(),
            ),
            Effect::Deny => (
                format!(
                    "alias ARN in `Resource` of a Deny protects nothing: IAM matches {shown} against the alias itself, never the key behind it, so the deny of {action_names} never applies"
                ),
                "this alias ARN matches no key, so nothing is denied".to_string(),
            ),
        };
        let help = fix_help(ctx, st, item, alias.as_deref(), effect);
        let mut f = Finding::new(
            &META,
            Label {
                span: item.source_span(),
                message: label,
            },
            message,
        )
        .with_help(help);
        f.fix = fix.clone();
        out.push(with_provenance(f, item, doc, st));
    }
}

fn describe_actions(
    acts: Option<&[String]>,
    not_acts: Option<&[String]>,
    key_actions: &[&&actions::KmsAction],
) -> String {
    let quoted = |list: &[String]| -> String {
        let names: Vec<String> = list.iter().map(|x| format!("`{x}`")).collect();
        match names.len() {
            0 => String::new(),
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            n => format!("{}, {} and {} more", names[0], names[1], n - 2),
        }
    };
    match (acts, not_acts) {
        (Some(a), _) => quoted(a),
        (None, Some(n)) => format!(
            "{} key actions (every action but {})",
            key_actions.len(),
            quoted(n)
        ),
        (None, None) => format!("{} key actions", key_actions.len()),
    }
}

/// The concrete fix: the key ARN pattern of the same account and region,
/// plus an alias condition carrying the alias name, written in the
/// statement's own syntax.
fn fix_help(
    ctx: &Context,
    st: &Statement,
    item: &Item,
    alias: Option<&str>,
    effect: Effect,
) -> String {
    let key_pattern = key_pattern_source(ctx, item)
        .or_else(|| key_pattern_value(item))
        .unwrap_or_else(|| "arn:aws:kms:REGION:ACCOUNT:key/*".to_string());
    let alias = alias.unwrap_or("alias/NAME");
    let test = match (effect, tfkms_iam::glob::has_wildcard(alias)) {
        (_, true) => "ForAnyValue:StringLike",
        (_, false) => "ForAnyValue:StringEquals",
    };
    let deny_note = if effect == Effect::Deny {
        "\n  (a key with no alias at all does not match `ForAnyValue:`; deny by key ARN to cover it)"
    } else {
        ""
    };
    let alias = quoted(alias);
    // Laid out over lines as the fix writes it: one long line would wrap
    // in the report, in the middle of the alias.
    let lines = match Syntax::of(ctx, st) {
        Syntax::Block => format!(
            "  resources = [\"{key_pattern}\"]\n  condition {{\n    test     = \"{test}\"\n    variable = \"kms:ResourceAliases\"\n    values   = [{alias}]\n  }}"
        ),
        Syntax::Object => format!(
            "  Resource = [\"{key_pattern}\"]\n  Condition = {{\n    \"{test}\" = {{\n      \"kms:ResourceAliases\" = {alias}\n    }}\n  }}"
        ),
        Syntax::Json => format!(
            "  \"Resource\": [\"{key_pattern}\"],\n  \"Condition\": {{\n    \"{test}\": {{\n      \"kms:ResourceAliases\": {alias}\n    }}\n  }}"
        ),
    };
    format!(
        "name the key by its key ARN, or select the account's keys by alias with a condition:\n\
         \n{lines}{deny_note}"
    )
}

/// The resource rewritten as a key ARN pattern, in the source's own words
/// where it is a string literal (`arn:aws:kms:${var.region}:...:key/*`).
fn key_pattern_source(ctx: &Context, item: &Item) -> Option<String> {
    let span = item.source_span();
    let text = ctx.files.get(span.file.0 as usize)?;
    let src = text.get(span.range())?;
    let inner = src.strip_prefix('"')?.strip_suffix('"')?;
    key_pattern(inner)
}

/// The key ARN pattern from the evaluated alias ARN, where the source is no
/// plain string (escaped in `.tf.json`, built by a function, passed in a
/// variable); unknown parts keep their `${...}` placeholders.
fn key_pattern_value(item: &Item) -> Option<String> {
    key_pattern(&item.display())
}

fn key_pattern(alias_arn: &str) -> Option<String> {
    let i = alias_arn.rfind(":alias/")?;
    let prefix = &alias_arn[..i];
    prefix
        .starts_with("arn:")
        .then(|| format!("{prefix}:key/*"))
}
