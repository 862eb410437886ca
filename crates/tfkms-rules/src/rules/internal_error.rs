use crate::finding::{Finding, Label, RuleMeta, Severity};
use std::any::Any;
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS019",
    slug: "internal-error",
    severity: Severity::Error,
    summary: "A rule failed on this policy or grant; its findings here are missing, the other rules' are not",
    docs: r#"## What it does

Reports that one of tfkms's own rules stopped with an internal error
(a bug in tfkms, not in your Terraform) while checking a policy document,
a grant or a key. The failure is confined to that rule and that document:
every other rule still checks it, and the rule still checks every other
document.

## Why it matters

What the failed rule would have reported for this document is missing, so
the document was only partly checked. The message names the rule and what
went wrong.

## Example

A rule failing on a document of this kind reports, at the document:

```text
TFKMS019 error: TFKMS016 (key-policy-lockout) failed on document
`data.aws_iam_policy_document.app` with an internal error: ...; its
findings here are missing
```

Report it to the tfkms maintainers with the document (or a reduced copy of
it) and the message. Until it is fixed, the finding can be suppressed with a
reason like any other:

```hcl
# tfkms:ignore TFKMS019 reason="tfkms bug #123, reported"
data "aws_iam_policy_document" "app" {
```
"#,
};

/// The finding for `rule`, which panicked with `payload` while checking
/// what `at` points at (`subject` names it: "document `x`").
pub fn finding(
    rule: &'static RuleMeta,
    at: Span,
    subject: &str,
    payload: &(dyn Any + Send),
) -> Finding {
    let reason = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    let message = format!(
        "{} ({}) failed on {subject} with an internal error: {reason}; its findings here are missing",
        rule.code, rule.slug
    );
    Finding::new(
        &META,
        Label {
            span: at,
            message: format!("{} was not checked here", rule.code),
        },
        message,
    )
    .with_help("this is a bug in tfkms, not in your Terraform: please report it with this document; the other rules checked it")
}
