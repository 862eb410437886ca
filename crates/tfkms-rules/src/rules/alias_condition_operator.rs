use crate::finding::{Finding, Fix, Label, RuleMeta, Severity};
use crate::rules::alias_condition_arn_value::value_problem;
use crate::support::{
    AliasKey, Operator, SetOperator, Syntax, alias_conditions, replace_literal, values_with,
    with_provenance,
};
use crate::{Context, Rule};
use tfkms_iam::{Condition, Document, Effect, Statement, glob};

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS004",
    slug: "alias-condition-operator",
    severity: Severity::Error,
    summary: "An alias condition whose operator does not test what it seems to: set operators, and wildcards under `StringEquals`",
    docs: r#"## What it does

Finds alias conditions whose operator makes them test something else than
they seem to:

| operator and key | in | severity | what really happens |
|---|---|---|---|
| `ForAllValues:` on `kms:ResourceAliases` | Allow | error | also true for a key with **no alias at all**: every alias-less key the statement's resources cover is granted |
| `ForAnyValue:` on `kms:ResourceAliases` | Deny | warning | false for a key with no alias: alias-less keys, and keys whose aliases are deleted or repointed, escape the deny |
| `kms:ResourceAliases` without `ForAnyValue:`/`ForAllValues:` | any | warning | the key is multi-valued (a key can have several aliases); AWS requires a set operator |
| `ForAnyValue:`/`ForAllValues:` on `kms:RequestAlias` | any | warning | the key is single-valued; `ForAllValues:` also holds when the request names no alias (key ID or key ARN) |
| `StringEquals` with `*` or `?` in an alias value | any | warning | the wildcard is a literal character; no alias name contains it, so the value never matches |

## Why is this bad?

Set operators decide what happens when a key has several values, or none.
`kms:ResourceAliases` holds all of a key's alias names, possibly none;
`kms:RequestAlias` holds at most one, and none when the caller names the key
by key ID or key ARN. Using the wrong kind of operator turns a restriction
into a grant for keys (or requests) without aliases, or lets keys out of a
deny.

## Example

```hcl
statement {
  actions   = ["kms:Decrypt"]
  resources = ["arn:aws:kms:*:111122223333:key/*"]
  condition {
    test     = "ForAllValues:StringLike"
    variable = "kms:ResourceAliases"
    values   = ["alias/app-*"]
  }
}
```

Use instead: `ForAnyValue:`, which requires at least one of the key's
aliases to match.

```hcl
statement {
  actions   = ["kms:Decrypt"]
  resources = ["arn:aws:kms:*:111122223333:key/*"]
  condition {
    test     = "ForAnyValue:StringLike"
    variable = "kms:ResourceAliases"
    values   = ["alias/app-*"]
  }
}
```

In a `Deny` that must also cover keys without a matching alias (keys with no
alias included), use `ForAllValues:StringNotLike`, or deny by key ARN, which
no alias change can undo.

## References

- IAM User Guide: "Single-valued vs. multivalued context keys".
- AWS KMS Developer Guide: "kms:ResourceAliases", "kms:RequestAlias".
"#,
};

pub struct AliasConditionOperator;

impl Rule for AliasConditionOperator {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for st in &doc.statements {
            let Some(effect) = st.effect() else { continue };
            for (c, op, key) in alias_conditions(st) {
                if !op.compares_strings() {
                    continue;
                }
                let found = Found {
                    ctx,
                    doc,
                    st,
                    c,
                    op: &op,
                    key,
                };
                if let Some(f) = set_operator(&found, effect) {
                    out.push(f);
                }
                literal_wildcards(&found, effect, out);
            }
        }
    }
}

/// One alias condition and where it is.
struct Found<'a> {
    ctx: &'a Context<'a>,
    doc: &'a Document,
    st: &'a Statement,
    c: &'a Condition,
    op: &'a Operator,
    key: AliasKey,
}

impl Found<'_> {
    /// A finding on the condition's operator, with the rewritten condition
    /// in `help` and an edit of the operator where it is a plain literal.
    fn on_operator(
        &self,
        severity: Severity,
        label: &str,
        message: String,
        lead: &str,
        proposal: Proposal,
    ) -> Finding {
        let test = &self.c.test;
        let mut help = lead.to_string();
        let (shown, applied) = match proposal {
            Proposal::Fix(op) => (Some(op.clone()), Some(op)),
            Proposal::Suggest(op) => (Some(op), None),
            Proposal::Nothing => (None, None),
        };
        if let Some(fixed) = &shown {
            let values = values_with(self.ctx, self.c, None);
            help.push_str(&format!(
                ":\n\n{}",
                Syntax::of(self.ctx, self.st).condition_with(
                    &fixed.test(),
                    self.key.as_str(),
                    &values
                )
            ));
        }
        let mut f = Finding::new(
            &META,
            Label {
                span: test.source_span(),
                message: label.into(),
            },
            message,
        )
        .with_severity(severity)
        .with_help(help);
        if let Some(fixed) = applied
            && let Some(edit) = replace_literal(self.ctx, test, &fixed.test())
        {
            f.fix = Some(Fix {
                description: format!("use `{}`", fixed.test()),
                edits: vec![edit],
            });
        }
        with_provenance(f, test, self.doc, self.st)
    }
}

/// The operator a finding proposes instead.
enum Proposal {
    /// Does what the condition meant: shown, and offered as an edit.
    Fix(Operator),
    /// One way out among others, which changes what the condition means:
    /// shown only.
    Suggest(Operator),
    Nothing,
}

/// The set-operator cases: wrong for the key's kind, or for the effect.
fn set_operator(x: &Found, effect: Effect) -> Option<Finding> {
    let test = x.op.test();
    let key = x.key.as_str();
    let negated = x.op.is_negated();
    match (x.key, x.op.set, effect) {
        (AliasKey::ResourceAliases, Some(SetOperator::ForAllValues), Effect::Allow) => {
            Some(x.on_operator(
                Severity::Error,
                "also true for a key with no alias",
                format!(
                    "`{test}` on `{key}` also holds for a key with no alias at all: this Allow grants access to every alias-less key its resources cover"
                ),
                "use `ForAnyValue:`, which requires at least one of the key's aliases to match",
                Proposal::Fix(x.op.with_set(Some(SetOperator::ForAnyValue))),
            ))
        }
        (AliasKey::ResourceAliases, Some(SetOperator::ForAnyValue), Effect::Deny) if negated => {
            Some(x.on_operator(
                Severity::Warning,
                "false for a key with no alias",
                format!(
                    "`{test}` on `{key}` is false for a key with no alias, so alias-less keys escape this Deny"
                ),
                &format!(
                    "to deny every key unless one of its aliases matches, keys with no alias included, use `ForAllValues:{}`, or deny alias-less keys by key ARN",
                    x.op.base
                ),
                // Keys with several aliases are judged differently: only
                // the user can say which was meant.
                Proposal::Suggest(x.op.with_set(Some(SetOperator::ForAllValues))),
            ))
        }
        (AliasKey::ResourceAliases, Some(SetOperator::ForAnyValue), Effect::Deny) => {
            Some(x.on_operator(
                Severity::Warning,
                "false for a key with no alias",
                format!(
                    "`{test}` on `{key}` is false for a key with no alias: whoever can delete or repoint a key's aliases takes the key out of this Deny"
                ),
                "where the keys are known, deny by key ARN in `resources`, which no alias change can undo; otherwise allow `kms:DeleteAlias` and `kms:UpdateAlias` only to the key administrators",
                Proposal::Nothing,
            ))
        }
        (AliasKey::ResourceAliases, None, _) => {
            // A Deny that excludes keys by alias must also catch keys with
            // none; everything else wants "at least one alias matches".
            let set = if effect == Effect::Deny && negated {
                SetOperator::ForAllValues
            } else {
                SetOperator::ForAnyValue
            };
            let fixed = x.op.with_set(Some(set));
            Some(x.on_operator(
                Severity::Warning,
                "no set operator on a multi-valued key",
                format!(
                    "`{key}` is multi-valued (a key can have several aliases, or none), but `{test}` has no set operator: AWS requires `ForAnyValue:` or `ForAllValues:` on multi-valued keys"
                ),
                &match set {
                    SetOperator::ForAnyValue => "use `ForAnyValue:` (at least one of the key's aliases matches)".to_string(),
                    SetOperator::ForAllValues => format!(
                        "use `ForAllValues:{}` (none of the key's aliases matches; also true for a key with no alias)",
                        x.op.base
                    ),
                },
                match set {
                    SetOperator::ForAnyValue => Proposal::Fix(fixed),
                    SetOperator::ForAllValues => Proposal::Suggest(fixed),
                },
            ))
        }
        (AliasKey::RequestAlias, Some(set), _) => {
            let consequence = match (set, negated, effect) {
                (SetOperator::ForAllValues, _, Effect::Allow) => {
                    "it also holds when the request names no alias, so this Allow also grants requests that name the key by key ID or key ARN"
                }
                (SetOperator::ForAllValues, _, Effect::Deny) => {
                    "it also holds when the request names no alias, so this Deny also applies to requests that name the key by key ID or key ARN"
                }
                (SetOperator::ForAnyValue, true, _) => {
                    "unlike the plain negated operator, it is false when the request names no alias (key ID or key ARN)"
                }
                (SetOperator::ForAnyValue, false, _) => {
                    "it behaves like the plain operator here, but set operators on single-valued keys are easy to misread and AWS advises against them"
                }
            };
            let prefix = match set {
                SetOperator::ForAnyValue => "ForAnyValue:",
                SetOperator::ForAllValues => "ForAllValues:",
            };
            Some(x.on_operator(
                Severity::Warning,
                "a set operator on a single-valued key",
                format!(
                    "`{prefix}` is for multi-valued keys, and `{key}` is single-valued (the one alias a request uses): {consequence}"
                ),
                "drop the set operator",
                Proposal::Fix(x.op.with_set(None)),
            ))
        }
        _ => None,
    }
}

/// `StringEquals` takes `*` and `?` literally, and alias names cannot
/// contain them: such a value never matches.
fn literal_wildcards(x: &Found, effect: Effect, out: &mut Vec<Finding>) {
    let base = x.op.base.to_ascii_lowercase();
    let like = match base.as_str() {
        "stringequals" | "stringequalsignorecase" => "StringLike",
        "stringnotequals" | "stringnotequalsignorecase" => "StringNotLike",
        _ => return,
    };
    let fixed = x.op.with_base(like);
    for item in x.c.values.items() {
        let Some(value) = item.known() else { continue };
        // Values that are no alias name at all are TFKMS003's.
        if !glob::has_wildcard(&value) || value_problem(item, x.op).is_some() {
            continue;
        }
        let consequence = match (effect, x.op.is_negated()) {
            (Effect::Allow, false) => "so it grants nothing",
            (Effect::Deny, false) => "so nothing is denied through it",
            (_, true) => "so it excludes nothing",
        };
        let values = values_with(x.ctx, x.c, None);
        let mut f = Finding::new(
            &META,
            Label {
                span: item.source_span(),
                message: "a literal `*`/`?` under `StringEquals`".into(),
            },
            format!(
                "`{}` compares `{value}` literally, and no alias name contains `*` or `?`: this value never matches, {consequence}",
                x.op.test()
            ),
        )
        .with_severity(Severity::Warning)
        .with_help(format!(
            "to match the pattern, use `{like}`{}:\n\n{}",
            if x.op.ignores_case() {
                " (which compares case-sensitively, as alias names are)"
            } else {
                ""
            },
            Syntax::of(x.ctx, x.st).condition_with(&fixed.test(), x.key.as_str(), &values)
        ));
        // The pattern made to match in an Allow grants to whoever can create
        // a matching alias (TFKMS002): a fix never writes what another rule
        // reports, so that one is the user's call.
        let grants_by_pattern = effect == Effect::Allow
            && !x.op.is_negated()
            && !x.ctx.trusted_alias_patterns.iter().any(|p| *p == *value);
        if !grants_by_pattern && let Some(edit) = replace_literal(x.ctx, &x.c.test, &fixed.test()) {
            f.fix = Some(Fix {
                description: format!("use `{}`", fixed.test()),
                edits: vec![edit],
            });
        }
        out.push(with_provenance(f, item, x.doc, x.st));
    }
}
