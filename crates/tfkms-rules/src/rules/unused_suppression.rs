//! Suppressions that suppress nothing. The comments are matched by the
//! `tfkms` crate; this file holds the rule's identity, its documentation and
//! its messages.

use crate::finding::{Finding, Fix, Label, RuleMeta, Severity};
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS013",
    slug: "unused-suppression",
    severity: Severity::Warning,
    summary: "A `tfkms:ignore` comment names a rule that reports nothing where it applies",
    docs: r#"## What it does

Reports each rule named in a `tfkms:ignore` comment that found nothing to
suppress where the comment applies: the line it ends, or the next line with
code below it, or the block whose first line that is.

Rules turned off in `.tfkms.toml`, and suppressions in a file that does not
parse, are left alone: those rules did not run, so tfkms cannot tell
whether the suppressions are still needed.

## Why is this bad?

A stale suppression hides the next real finding on that line: a policy
edited later inherits an exemption nobody decided on. It also misleads
readers about which risks were accepted.

## Example

```hcl
statement {
  # tfkms:ignore TFKMS002 legacy pattern
  resources = ["arn:aws:kms:eu-west-1:111122223333:key/*"]
}
```

Use instead: delete the comment (`tfkms scan --fix` does), or move it to the
line the finding is on.
"#,
};

/// `code` in the suppression at `span` matched no finding; `expired` when
/// its `until=` date has passed. `fix` removes it.
pub fn unused(span: Span, code: &str, expired: Option<&str>, fix: Option<Fix>) -> Finding {
    let message = match expired {
        Some(date) => format!(
            "unused suppression of {code}: nothing to suppress here, and it expired on {date}"
        ),
        None => format!("unused suppression of {code}: no {code} finding where it applies"),
    };
    let mut f = Finding::new(
        &META,
        Label {
            span,
            message: "suppresses nothing".into(),
        },
        message,
    )
    .with_help("remove it, or move it to the line the finding is reported on");
    f.fix = fix;
    f
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
