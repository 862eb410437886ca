use crate::finding::{Finding, Fix, Label, RuleMeta, Severity};
use crate::support::{
    AliasKey, Operator, Syntax, alias_conditions, attribute_reference, quoted, replace_literal,
    values_with, with_provenance,
};
use crate::{Context, Rule};
use tfkms_eval::{Kind, TextPart};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Condition, Document, Effect, Item, Statement, glob};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS003",
    slug: "alias-condition-arn-value",
    severity: Severity::Error,
    summary: "A `kms:RequestAlias`/`kms:ResourceAliases` condition value that is an ARN, a key ID or lacks `alias/` never matches",
    docs: r#"## What it does

Finds a `kms:RequestAlias` or `kms:ResourceAliases` condition value that can
never match an alias name: an alias ARN
(`arn:aws:kms:us-east-1:111122223333:alias/app`, or
`aws_kms_alias.app.arn`), a key ARN, a key ID, or any other text that does
not begin with `alias/` (and, under a `Like` operator, no pattern that could
match such a name).

## Why is this bad?

Both condition keys hold alias **names**: `kms:RequestAlias` is the alias
the request used (`alias/app`, even when the caller passed the alias ARN),
`kms:ResourceAliases` the names of the key's aliases. A value written as an
ARN, or without the `alias/` prefix every alias name has, is compared with
those names and never equals one. So:

- in an `Allow`, the access is **never granted** through that value;
- in a `Deny`, the deny **never applies** through that value;
- under a negated operator (`StringNotEquals`), the value excludes nothing.

## Example

```hcl
condition {
  test     = "StringEquals"
  variable = "kms:RequestAlias"
  values   = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
}
```

Use instead: the alias name.

```hcl
condition {
  test     = "StringEquals"
  variable = "kms:RequestAlias"
  values   = ["alias/app"]
}
```

With an `aws_kms_alias` resource, use its `name`, not its `arn`. To select
one key, name its key ARN in `resources` instead of in an alias condition.

## References

- AWS KMS Developer Guide: "kms:RequestAlias" and "kms:ResourceAliases"
  ("You cannot specify an alias ARN").
"#,
};

pub struct AliasConditionArnValue;

/// Why an alias condition value can never match an alias name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueProblem {
    /// An alias ARN, and the alias name it stands for when it can be told.
    AliasArn {
        name: Option<AliasName>,
    },
    KeyArn,
    KeyId,
    /// Neither an ARN nor an alias name; `alias/` + the value when that
    /// reads as the name meant.
    NoAliasPrefix {
        name: Option<AliasName>,
    },
}

/// The alias name a fix writes instead of a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AliasName {
    /// `alias/app`.
    Literal(String),
    /// `aws_kms_alias.app.name`, for a value that was its `arn`.
    Reference(String),
}

impl AliasName {
    /// As an expression in a condition's `values`.
    fn expression(&self) -> String {
        match self {
            AliasName::Literal(s) => quoted(s),
            AliasName::Reference(r) => r.clone(),
        }
    }
}

/// Values longer than this are not judged: pattern overlap costs time and
/// memory in the product of the lengths, and alias names have at most 256
/// characters anyway.
const MAX_JUDGED_LEN: usize = 4096;

/// Whether, and why, an alias condition value under `op` can never match
/// an alias name. Unknown values are not judged.
pub fn value_problem(item: &Item, op: &Operator) -> Option<ValueProblem> {
    if !op.compares_strings() {
        return None;
    }
    match arn::classify(&item.value) {
        KmsResource::AliasArn { .. } => Some(ValueProblem::AliasArn {
            name: alias_name_of_arn(item),
        }),
        KmsResource::KeyArn => Some(ValueProblem::KeyArn),
        KmsResource::KeyId => Some(ValueProblem::KeyId),
        KmsResource::InvalidKmsArn => Some(ValueProblem::NoAliasPrefix { name: None }),
        KmsResource::Other => {
            let pattern = pattern_of(item).filter(|p| p.len() <= MAX_JUDGED_LEN)?;
            let could_match = if op.is_like() || pattern.contains('\u{0}') {
                // A hole may hold anything, like `*`.
                let p = pattern.replace('\u{0}', "*");
                glob::patterns_overlap(&p, "alias/*", op.ignores_case())
            } else if op.ignores_case() {
                pattern.to_ascii_lowercase().starts_with("alias/")
            } else {
                pattern.starts_with("alias/")
            };
            if could_match {
                return None;
            }
            let name = (!pattern.contains(':') && !pattern.starts_with("arn")).then(|| {
                AliasName::Literal(format!("alias/{}", item.display().trim_start_matches('/')))
            });
            Some(ValueProblem::NoAliasPrefix { name })
        }
        KmsResource::AliasName { .. } | KmsResource::Any | KmsResource::Unknown => None,
    }
}

/// The value's text with each unknown part as `\0`; `None` when it is not
/// a string.
fn pattern_of(item: &Item) -> Option<String> {
    let Kind::String(t) = &item.value.kind else {
        return None;
    };
    Some(
        t.parts
            .iter()
            .map(|p| match p {
                TextPart::Known { text, .. } => text.as_str(),
                TextPart::Unknown(_) => "\u{0}",
            })
            .collect(),
    )
}

/// Whether the name, written in, would be a wildcard pattern that grants
/// access (TFKMS002): a fix never writes what another rule reports, so such
/// a name is shown in the help only.
fn grants_by_pattern(ctx: &Context, s: &Situation, name: &str) -> bool {
    s.effect == Effect::Allow
        && s.op.is_like()
        && glob::has_wildcard(name)
        && !ctx.trusted_alias_patterns.iter().any(|p| p == name)
}

/// The alias name an alias ARN value stands for: the text after `:alias/`,
/// or for `aws_kms_alias.x.arn` the reference to its `name`.
fn alias_name_of_arn(item: &Item) -> Option<AliasName> {
    if let Some((object, _)) = attribute_reference(item) {
        return object
            .contains("aws_kms_alias.")
            .then(|| AliasName::Reference(format!("{object}.name")));
    }
    let display = item.display();
    display
        .rfind(":alias/")
        .map(|i| AliasName::Literal(display[i + 1..].to_string()))
}

impl Rule for AliasConditionArnValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for st in &doc.statements {
            let Some(effect) = st.effect() else { continue };
            for (c, op, key) in alias_conditions(st) {
                let problems: Vec<_> = c
                    .values
                    .items()
                    .iter()
                    .map(|i| (i, value_problem(i, &op)))
                    .collect();
                let all_bad = problems.iter().all(|(_, p)| p.is_some());
                for (item, problem) in &problems {
                    let Some(problem) = problem else { continue };
                    let ctx_ = Situation {
                        effect,
                        op: &op,
                        key,
                        all_bad,
                    };
                    out.push(finding(ctx, doc, st, c, item, problem, &ctx_));
                }
            }
        }
    }
}

struct Situation<'a> {
    effect: Effect,
    op: &'a Operator,
    key: AliasKey,
    /// Every value of the condition never matches, so the condition as a
    /// whole never (or, negated, always) holds.
    all_bad: bool,
}

fn finding(
    ctx: &Context,
    doc: &Document,
    st: &Statement,
    c: &Condition,
    item: &Item,
    problem: &ValueProblem,
    s: &Situation,
) -> Finding {
    let shown = item.describe();
    let key = s.key.as_str();
    let holds = match s.key {
        AliasKey::RequestAlias => "the alias name the request used",
        AliasKey::ResourceAliases => "the names of the key's aliases",
    };
    let what = match problem {
        ValueProblem::AliasArn { .. } => format!("alias ARN {shown}"),
        ValueProblem::KeyArn => format!("key ARN {shown}"),
        ValueProblem::KeyId => format!("key ID {shown}"),
        ValueProblem::NoAliasPrefix { .. } => shown.clone(),
    };
    let why = match problem {
        ValueProblem::NoAliasPrefix { .. } => {
            format!("`{key}` holds {holds}, and every alias name begins with `alias/`")
        }
        _ => format!("`{key}` holds {holds} (`alias/...`), never an ARN or a key ID"),
    };
    let consequence = match (s.effect, s.op.is_negated(), s.all_bad) {
        (Effect::Allow, false, true) => "so this statement never grants access",
        (Effect::Allow, false, false) => "so it grants nothing through this value",
        (Effect::Deny, false, true) => "so this Deny never applies",
        (Effect::Deny, false, false) => "so nothing is denied through this value",
        (Effect::Allow, true, true) => {
            "so the negated condition always holds and restricts nothing"
        }
        (Effect::Deny, true, true) => {
            "so the negated condition always holds and the Deny applies whatever alias is used"
        }
        (_, true, false) => "so it excludes nothing",
    };
    let message = format!("{what} in a `{key}` condition never matches: {why}, {consequence}");
    let label = match problem {
        ValueProblem::AliasArn { .. } => "an alias ARN, not an alias name",
        ValueProblem::KeyArn => "a key ARN, not an alias name",
        ValueProblem::KeyId => "a key ID, not an alias name",
        ValueProblem::NoAliasPrefix { .. } => "not an alias name: no `alias/` prefix",
    };
    let replacement = match problem {
        ValueProblem::AliasArn { name } | ValueProblem::NoAliasPrefix { name } => name.as_ref(),
        ValueProblem::KeyArn | ValueProblem::KeyId => None,
    };
    let help = match replacement {
        Some(name) => {
            let values = values_with(ctx, c, Some((item, &name.expression())));
            let condition = Syntax::of(ctx, st).condition_with(&s.op.test(), key, &values);
            let lead = match problem {
                ValueProblem::AliasArn { .. } => "write the alias name, not its ARN",
                _ => "write the alias name, with its `alias/` prefix",
            };
            format!("{lead}:\n\n{condition}")
        }
        None => match problem {
            ValueProblem::KeyArn | ValueProblem::KeyId => format!(
                "to allow or deny one key, name its key ARN in `resources` (`aws_kms_key.x.arn`); to select keys by alias, list alias names (`alias/...`) under `{key}`"
            ),
            _ => format!("list alias names (`alias/...`) under `{key}`"),
        },
    };
    let mut f = Finding::new(
        &META,
        Label {
            span: item.source_span(),
            message: label.into(),
        },
        message,
    )
    .with_help(help);
    if let Some(AliasName::Literal(name)) = replacement
        && !name.contains("${")
        && !grants_by_pattern(ctx, s, name)
        && let Some(edit) = replace_literal(ctx, item, name)
    {
        f.fix = Some(Fix {
            description: format!("use the alias name `{name}`"),
            edits: vec![edit],
        });
    }
    with_provenance(f, item, doc, st)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tfkms_eval::{Cause, Origin, Shape, Unknown, Value};
    use tfkms_syntax::{FileId, Span};

    fn item(v: Value) -> Item {
        Item {
            value: v,
            used_at: Span::new(FileId(0), 0, 0),
        }
    }

    fn s(x: &str) -> Item {
        item(Value::string(x, Origin::default()))
    }

    #[test]
    fn judges_values_by_what_the_keys_hold() {
        let eq = Operator::parse("StringEquals");
        let like = Operator::parse("ForAnyValue:StringLike");
        let problem = |i: &Item, op: &Operator| value_problem(i, op);
        assert_eq!(
            problem(&s("arn:aws:kms:us-east-1:111122223333:alias/app"), &eq),
            Some(ValueProblem::AliasArn {
                name: Some(AliasName::Literal("alias/app".into()))
            })
        );
        assert_eq!(
            problem(&s("arn:aws:kms:*:*:key/*"), &like),
            Some(ValueProblem::KeyArn)
        );
        assert_eq!(
            problem(&s("app-prod"), &eq),
            Some(ValueProblem::NoAliasPrefix {
                name: Some(AliasName::Literal("alias/app-prod".into()))
            })
        );
        assert_eq!(problem(&s("alias/app"), &eq), None);
        // Patterns that can match an alias name are left to TFKMS002.
        assert_eq!(problem(&s("*app*"), &like), None);
        assert_eq!(problem(&s("*"), &like), None);
        assert!(problem(&s("app-*"), &like).is_some());
        assert_eq!(
            problem(&s("ALIAS/app"), &Operator::parse("StringEqualsIgnoreCase")),
            None
        );
        assert_eq!(problem(&s("true"), &Operator::parse("Null")), None);
        let alias_arn = item(Value::unknown(
            Cause::ResourceAttribute {
                address: "aws_kms_alias.app.arn".into(),
            },
            Shape::AliasArn {
                name: Some("alias/app".into()),
                target_key: None,
            },
            Origin::default(),
        ));
        assert_eq!(
            problem(&alias_arn, &eq),
            Some(ValueProblem::AliasArn {
                name: Some(AliasName::Reference("aws_kms_alias.app.name".into()))
            })
        );
        let unknown = item(Value::unknown_from(
            Unknown::new(
                Cause::MissingVariable {
                    name: "x".into(),
                    declared: None,
                },
                Shape::Any,
            ),
            Origin::default(),
        ));
        assert_eq!(problem(&unknown, &eq), None);
    }
}
