//! Suppression comments that cannot be honoured as written. The comments are
//! read by the `tfkms` crate; this file holds the rule's identity, its
//! documentation and its messages.

use crate::finding::{Finding, Label, RuleMeta, Severity};
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS012",
    slug: "invalid-suppression",
    severity: Severity::Warning,
    summary: "A `tfkms:ignore` comment names no rule or an unknown one, gives no reason, or has an invalid `until=` date",
    docs: r#"## What it does

Checks every `tfkms:ignore` comment. A suppression is written

```hcl
# tfkms:ignore TFKMS002 the platform team owns every alias/app-* alias
```

with one or more rule codes or slugs separated by commas, an optional
expiry `until=YYYY-MM-DD`, and a reason. It goes on the line before the
offending line, at the end of that line, or on the line before the first
line of the enclosing `statement` block or policy document. `//` comments
work as well as `#`.

This rule reports a suppression that:

- names no rule (`# tfkms:ignore` alone suppresses nothing),
- names a rule that does not exist (`TFKMS099`, `alias-arn`),
- gives no reason,
- has an `until=` that is not a real date,
- is misspelled (`tfkms: ignore`, `tfkms-ignore`), so it suppresses nothing,
- names TFKMS012 or TFKMS013, which report suppressions and so cannot be
  suppressed by one (turn them off in `.tfkms.toml` instead).

## Why is this bad?

A suppression is a decision to accept a risk. Without a reason, the next
reader cannot tell whether it still holds; with a typo in the rule name, it
silently suppresses nothing. A suppression without a reason still
suppresses its finding, and this warning asks for the reason.

## Example

```hcl
resources = [
  "arn:aws:kms:*:111122223333:alias/app-*", # tfkms:ignore TFKMS001
]
```

Use instead:

```hcl
resources = [
  # tfkms:ignore TFKMS001 until=2027-03-31 legacy role, removed with app v2
  "arn:aws:kms:*:111122223333:alias/app-*",
]
```
"#,
};

fn finding(span: Span, label: &str, message: String) -> Finding {
    Finding::new(
        &META,
        Label {
            span,
            message: label.into(),
        },
        message,
    )
}

/// `# tfkms:ignore` with no rule after it.
pub fn no_rule(span: Span) -> Finding {
    finding(
        span,
        "names no rule",
        "suppression names no rule, so it suppresses nothing".into(),
    )
    .with_help(
        "name the rules it accepts: `# tfkms:ignore TFKMS002 <reason>`; `tfkms rules` lists them",
    )
}

/// A code or slug no rule has.
pub fn unknown_rule(span: Span, name: &str) -> Finding {
    finding(
        span,
        "no such rule",
        format!("suppression names `{name}`, which is not a rule code or slug"),
    )
    .with_help("`tfkms rules` lists the codes and slugs; put the reason after the codes")
}

/// TFKMS012 and TFKMS013 themselves: a comment cannot vouch for itself.
pub fn not_suppressible(span: Span, code: &str) -> Finding {
    finding(
        span,
        "cannot be suppressed inline",
        format!("{code} reports suppression comments and cannot be suppressed by one"),
    )
    .with_help(format!(
        "fix the comment, or turn {code} off in `.tfkms.toml`"
    ))
}

pub fn no_reason(span: Span) -> Finding {
    finding(
        span,
        "no reason given",
        "suppression without a reason: say why the finding is accepted".into(),
    )
    .with_help("add the reason after the codes: `# tfkms:ignore TFKMS002 the key admins own these aliases`")
}

pub fn invalid_until(span: Span, text: &str) -> Finding {
    finding(
        span,
        "not a date",
        format!("`{text}` is not a valid expiry; the suppression never expires"),
    )
    .with_help("write the date as `until=YYYY-MM-DD`")
}

/// A comment that looks like a suppression but is not spelled as one.
pub fn misspelled(span: Span) -> Finding {
    finding(
        span,
        "not read as a suppression",
        "this comment is not a suppression: write `tfkms:ignore` exactly".into(),
    )
    .with_help("`# tfkms:ignore TFKMS002 <reason>`")
}

#[cfg(test)]
mod tests {
    #[test]
    fn documentation_has_the_sections_users_expect() {
        for section in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(super::META.docs.contains(section), "{section}");
        }
    }
}
