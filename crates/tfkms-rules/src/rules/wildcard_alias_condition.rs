use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{AliasKey, Operator, with_provenance};
use crate::{Context, Rule};
use tfkms_eval::{Kind, TextPart};
use tfkms_iam::{Document, Effect};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS002",
    slug: "wildcard-alias-condition",
    severity: Severity::Warning,
    summary: "A wildcard alias pattern in a `kms:RequestAlias`/`kms:ResourceAliases` condition grants access to whoever can create a matching alias",
    docs: r#"## What it does

Finds a `kms:RequestAlias` or `kms:ResourceAliases` condition value that
contains `*` or `?` under a `Like` operator (`StringLike`,
`ForAnyValue:StringLike`, ...) in an `Allow` statement. `alias/*` and `*`
are errors; narrower patterns are warnings. Policies that only limit (a
permissions boundary, a service or resource control policy) are not
checked: their `Allow` gives no access.

A value with unknown parts (`alias/${var.env}_backup*`) is reported when
the wildcard is written in its known text: it is a pattern whatever the
unknown part is. Such a value is a warning, never an error, as whether the
unknown part makes it `alias/*` is not known (the message says when it
could); a wildcard that could only come from the unknown part is not
claimed, and a value that could turn out to be one of your
`trusted_alias_patterns` is not reported.

## Why is this bad?

Alias conditions match by pattern, not by alias instance. Anyone who can
create, update or delete aliases (`kms:CreateAlias`, `kms:UpdateAlias`,
`kms:DeleteAlias`, also through `kms:*`) can point an alias matching the
pattern at any key they can manage, and so grant this statement's access to
that key, or take access away. Alias changes reach authorization within five
minutes. `alias/*` matches every alias: it is no restriction at all.

## Example

```hcl
condition {
  test     = "ForAnyValue:StringLike"
  variable = "kms:ResourceAliases"
  values   = ["alias/app-*"]
}
```

Use instead: name the alias exactly (or the key ARN), and keep alias
management for matching names to the key administrators:

```hcl
condition {
  test     = "ForAnyValue:StringEquals"
  variable = "kms:ResourceAliases"
  values   = ["alias/app-prod"]
}
```

If the pattern is intended, restrict `kms:CreateAlias`/`kms:UpdateAlias` on
`arn:aws:kms:*:ACCOUNT:alias/app-*` to the principals that may grant this
access, and accept the pattern with `trusted_alias_patterns` in
`.tfkms.toml` or an inline `# tfkms:ignore TFKMS002 <reason>`.
"#,
};

pub struct WildcardAliasCondition;

/// The exact-match counterpart of a `Like` operator, keeping its set
/// operator: `ForAnyValue:StringLike` → `ForAnyValue:StringEquals`.
fn equals_operator(op: &Operator) -> String {
    let prefix = match op.set {
        Some(crate::support::SetOperator::ForAnyValue) => "ForAnyValue:",
        Some(crate::support::SetOperator::ForAllValues) => "ForAllValues:",
        None => "",
    };
    format!("{prefix}StringEquals")
}

impl Rule for WildcardAliasCondition {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        // An Allow in a permissions boundary or control policy gives no
        // access for an alias to extend.
        if doc.only_limits {
            return;
        }
        for st in &doc.statements {
            if st.effect() != Some(Effect::Allow) {
                continue;
            }
            for c in &st.conditions {
                let (Some(test), Some(var)) = (c.test.known(), c.variable.known()) else {
                    continue;
                };
                let Some(key) = AliasKey::parse(&var) else {
                    continue;
                };
                let op = Operator::parse(&test);
                if !op.is_like() {
                    continue;
                }
                for item in c.values.items() {
                    let Some(pattern) = Pattern::of(item) else {
                        continue;
                    };
                    // A pattern that can match no alias name (an alias ARN
                    // pattern) grants nothing: TFKMS003 reports it.
                    if crate::rules::alias_condition_arn_value::value_problem(item, &op).is_some() {
                        continue;
                    }
                    if ctx
                        .trusted_alias_patterns
                        .iter()
                        .any(|p| pattern.could_be(p))
                    {
                        continue;
                    }
                    let f = finding(&pattern, key.as_str(), &op, item);
                    out.push(with_provenance(f, item, doc, st));
                }
            }
        }
    }
}

/// A condition value with a wildcard that is there whatever its unknown
/// parts are: `alias/app-*`, or `alias/${var.env}_app*` whose `*` is
/// written in the known text.
struct Pattern<'a> {
    /// The text, unknown parts as `${...}`.
    display: String,
    /// Known text and holes, in order: `None` is a hole.
    pieces: Vec<Option<&'a str>>,
    /// The expressions the holes stand for, each once.
    holes: Vec<String>,
}

impl<'a> Pattern<'a> {
    /// `None` when no wildcard is certain: none is written, or the only
    /// place one could come from is an unknown part.
    fn of(item: &'a tfkms_iam::Item) -> Option<Pattern<'a>> {
        let Kind::String(t) = &item.value.kind else {
            return None;
        };
        let mut pieces = Vec::new();
        let mut holes: Vec<String> = Vec::new();
        for p in &t.parts {
            match p {
                TextPart::Known { text, .. } => pieces.push(Some(text.as_str())),
                TextPart::Unknown(u) => {
                    pieces.push(None);
                    let e = u.cause.expression();
                    if !holes.contains(&e) {
                        holes.push(e);
                    }
                }
            }
        }
        let certain = pieces
            .iter()
            .flatten()
            .any(|k| tfkms_iam::glob::has_wildcard(k));
        certain.then(|| Pattern {
            display: t.display_with_placeholders(),
            pieces,
            holes,
        })
    }

    fn is_known(&self) -> bool {
        self.holes.is_empty()
    }

    /// Whether the value may be exactly `text`, some text filling each hole.
    fn could_be(&self, text: &str) -> bool {
        // Positions in `text` the pieces so far may end at.
        let mut ends = vec![false; text.len() + 1];
        ends[0] = true;
        for piece in &self.pieces {
            let mut next = vec![false; text.len() + 1];
            match piece {
                None => {
                    if let Some(first) = ends.iter().position(|&e| e) {
                        next[first..].iter_mut().for_each(|n| *n = true);
                    }
                }
                Some(known) => {
                    for (at, _) in ends.iter().enumerate().filter(|(_, e)| **e) {
                        if text.as_bytes()[at..].starts_with(known.as_bytes()) {
                            next[at + known.len()] = true;
                        }
                    }
                }
            }
            ends = next;
        }
        ends[text.len()]
    }

    /// Whether it matches every alias: `*` or `alias/*` for certain.
    fn is_everything(&self) -> bool {
        self.is_known() && (self.display == "*" || self.display == "alias/*")
    }

    /// Whether some value of the holes makes it match every alias.
    fn may_be_everything(&self) -> bool {
        !self.is_known() && (self.could_be("*") || self.could_be("alias/*"))
    }
}

fn finding(pattern: &Pattern, key: &str, op: &Operator, item: &tfkms_iam::Item) -> Finding {
    let value = &pattern.display;
    let everything = pattern.is_everything();
    let message = if everything {
        format!(
            "`{value}` in a `{key}` condition matches every alias: any key that anyone gives an alias is covered"
        )
    } else if pattern.is_known() {
        format!(
            "wildcard alias pattern `{value}` in a `{key}` condition: whoever can create or update an alias matching it gains this access"
        )
    } else {
        let holes = crate::support::name_list(&pattern.holes);
        let are = if pattern.holes.len() == 1 {
            "is"
        } else {
            "are"
        };
        let reach = if pattern.may_be_everything() {
            format!("; depending on {holes}, it may even match every alias")
        } else {
            String::new()
        };
        format!(
            "wildcard alias pattern `{value}` in a `{key}` condition: whatever {holes} {are}, the wildcard in its written text makes it a pattern, and whoever can create or update an alias matching it gains this access{reach}"
        )
    };
    let accept = if pattern.is_known() {
        format!("`trusted_alias_patterns = [\"{value}\"]`")
    } else {
        "`trusted_alias_patterns` (the pattern as it is once its unknown parts are known)"
            .to_string()
    };
    Finding::new(
        &META,
        Label {
            span: item.source_span(),
            message: "matches any alias someone creates with this name".into(),
        },
        message,
    )
    .with_severity(if everything {
        Severity::Error
    } else {
        Severity::Warning
    })
    .with_help(format!(
        "list the aliases exactly under `{}`, or name the key ARNs; if the pattern is intended, allow `kms:CreateAlias` and `kms:UpdateAlias` on `arn:aws:kms:*:*:{value}` only to the key administrators, and accept the pattern with {accept} in `.tfkms.toml`",
        equals_operator(op)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tfkms_eval::{Cause, Origin, Shape, Text, Unknown, Value};

    fn partly_known(pieces: &[Option<&str>]) -> tfkms_iam::Item {
        let mut t = Text::default();
        for p in pieces {
            match p {
                Some(k) => t.parts.push(TextPart::Known {
                    text: k.to_string(),
                    origin: Origin::default(),
                }),
                None => t.parts.push(TextPart::Unknown(Unknown::new(
                    Cause::Unsupported { what: "x".into() },
                    Shape::Any,
                ))),
            }
        }
        let span = tfkms_syntax::Span::new(tfkms_syntax::FileId(0), 0, 0);
        tfkms_iam::Item {
            value: Value::new(Kind::String(t), Origin::at(span)),
            used_at: span,
        }
    }

    #[test]
    fn a_wildcard_counts_only_in_known_text() {
        assert!(Pattern::of(&partly_known(&[Some("alias/"), None, Some("_db*")])).is_some());
        assert!(Pattern::of(&partly_known(&[Some("alias/app-"), None])).is_none());
    }

    #[test]
    fn holes_may_hold_any_text_but_known_text_is_literal() {
        let item = partly_known(&[Some("alias/"), None, Some("-?")]);
        let p = Pattern::of(&item).unwrap();
        assert!(p.could_be("alias/platform-?"));
        assert!(p.could_be("alias/-?"));
        assert!(!p.could_be("alias/platform-x"));
        assert!(!p.could_be("alias/*"));
        assert!(!p.may_be_everything());

        let item = partly_known(&[None, Some("*")]);
        let p = Pattern::of(&item).unwrap();
        assert!(p.may_be_everything());
        assert!(!p.is_everything());
        // Non-ASCII text around a hole never splits a character.
        assert!(p.could_be("alias/é*"));
        assert!(!p.could_be("alias/é"));
    }
}
