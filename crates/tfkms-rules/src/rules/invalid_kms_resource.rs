use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{attribute_reference, known_actions, name_list, source_text, with_provenance};
use crate::{Context, Rule};
use tfkms_eval::TextPart;
use tfkms_iam::actions::{KmsAction, ResourceTypes};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Effect, Item, Statement};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS006",
    slug: "invalid-kms-resource",
    severity: Severity::Error,
    summary: "A KMS resource written as a key ID, an alias name, a malformed KMS ARN or no ARN at all matches nothing",
    docs: r#"## What it does

Finds, in the `Resource` or `NotResource` of a statement with KMS actions, a
value that IAM cannot match to a key or an alias:

- a bare key ID (`1234abcd-12ab-34cd-56ef-1234567890ab`, `mrk-...`, or
  `aws_kms_key.x.key_id` / `aws_kms_key.x.id`);
- an alias name (`alias/app`, or `aws_kms_alias.x.name` / `.id`);
- an `arn:aws:kms:` ARN whose resource part is neither `key/...` nor
  `alias/...`;
- anything that is not an ARN, `*` or an ARN pattern at all: a placeholder
  left in (`"<arn>"`, `"TODO"`), an empty string, a name.

Arguments that are not policies, such as `kms_master_key_id = "alias/app"`
on an SQS queue or `kms_key_id` on a bucket, accept key IDs and alias names
and are not checked.

## Why is this bad?

IAM compares `Resource` with ARNs. A key ID or an alias name is not an ARN,
so it matches nothing: an `Allow` grants nothing, a `Deny` denies nothing,
and a `NotResource` excludes nothing (so the statement covers every key).

## Example

```hcl
statement {
  actions   = ["kms:Decrypt"]
  resources = [aws_kms_key.app.id, "alias/app"]
}
```

Use instead: the key ARN, or the account's keys selected by alias with a
condition:

```hcl
statement {
  actions   = ["kms:Decrypt"]
  resources = [aws_kms_key.app.arn]
}
statement {
  actions   = ["kms:Decrypt"]
  resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
  condition {
    test     = "ForAnyValue:StringEquals"
    variable = "kms:ResourceAliases"
    values   = ["alias/app"]
  }
}
```

For the alias actions (`kms:CreateAlias`, `kms:UpdateAlias`,
`kms:DeleteAlias`), name the alias by its alias ARN
(`arn:aws:kms:us-east-1:111122223333:alias/app`).

## References

- AWS KMS Developer Guide: "Specifying KMS keys in IAM policy statements".
"#,
};

pub struct InvalidKmsResource;

impl Rule for InvalidKmsResource {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for st in &doc.statements {
            let Some((acts, not_acts)) = known_actions(st) else {
                continue;
            };
            let effective = st.kms_actions().unwrap_or_default();
            if effective.is_empty() {
                continue;
            }
            let granted = match (&acts, &not_acts) {
                // The verb agrees with the actions as written: `kms:*` is
                // one name, and so is "every action but ...".
                (Some(a), _) => (name_list(a), a.len() > 1),
                (None, Some(n)) => (format!("every action but {}", name_list(n)), false),
                (None, None) => continue,
            };
            for (field, negated) in [(&st.resources, false), (&st.not_resources, true)] {
                for item in field.items() {
                    if let Some(f) = check_item(ctx, doc, st, item, negated, effective, &granted) {
                        out.push(f);
                    }
                }
            }
        }
    }
}

fn check_item(
    ctx: &Context,
    doc: &Document,
    st: &Statement,
    item: &Item,
    in_not_resource: bool,
    effective: &[&'static KmsAction],
    (actions, plural): &(String, bool),
) -> Option<Finding> {
    let kind = arn::classify(&item.value);
    if kind == KmsResource::Other && !could_be_arn(item) {
        return Some(not_an_arn(
            doc,
            st,
            item,
            in_not_resource,
            effective,
            actions,
            *plural,
        ));
    }
    let (what, label) = match &kind {
        KmsResource::KeyId => ("a bare key ID, not a key ARN", "a key ID matches no ARN"),
        KmsResource::AliasName { .. } => {
            ("an alias name, not an ARN", "an alias name matches no ARN")
        }
        KmsResource::InvalidKmsArn => (
            "a KMS ARN whose resource is neither `key/...` nor `alias/...`",
            "matches no key or alias",
        ),
        _ => return None,
    };
    let shown = item.describe();
    let consequence = consequence(st, in_not_resource, actions, *plural);
    let field = field_name(in_not_resource);
    let message = format!(
        "{shown} in `{field}` is {what}: IAM matches `{field}` against ARNs, {consequence}"
    );
    let alias_actions_only = effective
        .iter()
        .all(|a| a.resources == ResourceTypes::AliasAndKey);
    let f = Finding::new(
        &META,
        Label {
            span: item.source_span(),
            message: label.into(),
        },
        message,
    )
    .with_help(help(ctx, item, &kind, alias_actions_only));
    Some(with_provenance(f, item, doc, st))
}

fn field_name(in_not_resource: bool) -> &'static str {
    if in_not_resource {
        "NotResource"
    } else {
        "Resource"
    }
}

/// What a resource that matches nothing does to the statement.
fn consequence(st: &Statement, in_not_resource: bool, actions: &str, plural: bool) -> String {
    match (in_not_resource, st.effect()) {
        (true, _) => {
            "so `NotResource` excludes nothing and the statement covers every key".to_string()
        }
        (false, Some(Effect::Deny)) => {
            format!("so the deny of {actions} never applies to it")
        }
        (false, _) => format!(
            "so {actions} {} never granted on it",
            if plural { "are" } else { "is" }
        ),
    }
}

/// Whether the value could be `*` or an ARN (pattern): IAM compares
/// `Resource` with nothing else. Unknown parts could complete anything that
/// has not already left the way to `arn:`.
fn could_be_arn(item: &Item) -> bool {
    let Some(text) = item.text() else {
        return true;
    };
    let mut prefix = String::new();
    let mut complete = true;
    for part in &text.parts {
        match part {
            TextPart::Known { text, .. } => prefix.push_str(text),
            TextPart::Unknown(_) => {
                complete = false;
                break;
            }
        }
    }
    could_start_an_arn(&prefix, complete)
}

/// Whether a pattern beginning with `prefix` (all of it when `complete`)
/// can match `*`-free text starting with `arn:`. ARN prefixes are compared
/// case-insensitively: a finding must never call a real ARN "not an ARN".
fn could_start_an_arn(prefix: &str, complete: bool) -> bool {
    const ARN: &[u8] = b"arn:";
    for (i, c) in prefix.chars().enumerate() {
        if c == '*' || i >= ARN.len() {
            return true;
        }
        if c != '?' && !c.eq_ignore_ascii_case(&char::from(ARN[i])) {
            return false;
        }
    }
    !complete || prefix.chars().count() >= ARN.len()
}

/// A value IAM cannot read as a resource at all: a placeholder left in, an
/// empty string, a name.
fn not_an_arn(
    doc: &Document,
    st: &Statement,
    item: &Item,
    in_not_resource: bool,
    effective: &[&'static KmsAction],
    actions: &str,
    plural: bool,
) -> Finding {
    let field = field_name(in_not_resource);
    let shown = match item.known() {
        Some(s) if s.is_empty() => "an empty string".to_string(),
        _ => item.describe(),
    };
    let consequence = consequence(st, in_not_resource, actions, plural);
    let message = format!(
        "{shown} in `{field}` is not an ARN, `*` or an ARN pattern: IAM matches `{field}` against ARNs, {consequence}"
    );
    let alias_actions_only = effective
        .iter()
        .all(|a| a.resources == ResourceTypes::AliasAndKey);
    let help = if alias_actions_only {
        "the alias actions take the alias ARN and the key ARN: `arn:aws:kms:REGION:ACCOUNT:alias/NAME`, `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`"
    } else {
        "name the key by its key ARN (`arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`, or `aws_kms_key.NAME.arn`), or the account's keys as `arn:aws:kms:REGION:ACCOUNT:key/*`"
    };
    let f = Finding::new(
        &META,
        Label {
            span: item.source_span(),
            message: "not an ARN".into(),
        },
        message,
    )
    .with_help(help);
    with_provenance(f, item, doc, st)
}

fn help(ctx: &Context, item: &Item, kind: &KmsResource, alias_actions_only: bool) -> String {
    // `aws_kms_alias.x.name` evaluates to the name itself; the source still
    // says which alias resource it is.
    let reference = attribute_reference(item).or_else(|| {
        let text = source_text(ctx, item.source_span())?;
        let (object, attribute) = text.rsplit_once('.')?;
        let plain = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
        };
        (object.contains("aws_kms_alias.") && plain(object))
            .then(|| (object.to_string(), attribute.to_string()))
    });
    match kind {
        KmsResource::KeyId => match reference {
            Some((object, _)) if object.contains("aws_kms_") => {
                format!("name the key by its ARN: `{object}.arn`")
            }
            _ => format!(
                "name the key by its ARN: `arn:aws:kms:REGION:ACCOUNT:key/{}`",
                item.known().as_deref().unwrap_or("KEY-ID")
            ),
        },
        KmsResource::AliasName { alias } => {
            let alias = alias.as_deref().unwrap_or("alias/NAME");
            if alias_actions_only {
                return format!(
                    "the alias actions take the alias ARN: `arn:aws:kms:REGION:ACCOUNT:{alias}`"
                );
            }
            let key_arn = match reference {
                Some((object, _)) if object.contains("aws_kms_alias.") => {
                    format!(" (`{object}.target_key_arn`)")
                }
                _ => String::new(),
            };
            format!(
                "name the key by its key ARN{key_arn}, or select the account's keys by alias with a condition:\n\
                 \n  resources = [\"arn:aws:kms:REGION:ACCOUNT:key/*\"]\
                 \n  condition {{\
                 \n    test     = \"ForAnyValue:StringEquals\"\
                 \n    variable = \"kms:ResourceAliases\"\
                 \n    values   = [\"{alias}\"]\
                 \n  }}"
            )
        }
        _ => "a key ARN ends in `:key/KEY-ID` (`arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`), an alias ARN in `:alias/NAME`".to_string(),
    }
}
