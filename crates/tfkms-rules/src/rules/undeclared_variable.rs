use crate::finding::{Finding, Label, RuleMeta, Severity};
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS014",
    slug: "undeclared-variable",
    severity: Severity::Warning,
    summary: "A variables file sets a variable the root module does not declare; the value is ignored",
    docs: r#"## What it does

Reports an assignment in a root module's `terraform.tfvars` or
`*.auto.tfvars` file to a variable the module does not declare, as
Terraform warns ("Value for undeclared variable").

A `--var-file` given to `tfkms scan` applies to every root module scanned,
so its assignments are reported only when no scanned root declares the
name. A `--var` that no root declares has no place in a file to point at:
it is a warning on stderr, with the declared name it most likely meant.

## Why is this bad?

The value is ignored. Usually the name has a typo, so the variable it was
meant for keeps its default, and the policy tfkms checked (and Terraform
applies) is built from the default, not from the value you wrote.

## Example

```hcl
# variables.tf
variable "key_arns" {
  type    = list(string)
  default = []
}
```

```hcl
# terraform.tfvars
key_arn = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-..."]
```

Fix: use the declared name (`key_arns`), or declare the variable.
"#,
};

/// A `.tfvars` assignment to a variable the module does not declare, with
/// the closest declared name as a suggestion.
pub fn finding<'a>(span: Span, name: &str, declared: impl Iterator<Item = &'a str>) -> Finding {
    undeclared(
        span,
        name,
        declared,
        "the root module declares no such variable",
    )
}

/// A `--var-file` value for a variable that no scanned root module
/// declares: the file applies to every root, so only a name none of them
/// knows is a mistake.
pub fn in_var_file<'a>(span: Span, name: &str, declared: impl Iterator<Item = &'a str>) -> Finding {
    undeclared(
        span,
        name,
        declared,
        "no scanned root module declares such a variable",
    )
}

fn undeclared<'a>(
    span: Span,
    name: &str,
    declared: impl Iterator<Item = &'a str>,
    why: &str,
) -> Finding {
    let help = match suggestion(name, declared) {
        Some(s) => {
            format!("did you mean `{s}`? Otherwise declare `variable \"{name}\"` in the module")
        }
        None => format!("declare `variable \"{name}\"` in the module, or remove the assignment"),
    };
    Finding::new(
        &META,
        Label {
            span,
            message: "no variable of this name".into(),
        },
        format!("value for undeclared variable `{name}`: {why}, so the value is ignored"),
    )
    .with_help(help)
}

/// The declared name `name` was most likely meant to be, if one is close.
pub fn suggestion<'a>(name: &str, declared: impl Iterator<Item = &'a str>) -> Option<String> {
    declared
        .map(|d| (edit_distance(name, d), d))
        .filter(|(dist, d)| *dist <= 2.max(d.len() / 4))
        .min()
        .map(|(_, d)| d.to_string())
}

/// Levenshtein distance, for suggesting the intended name.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("key_arn", "key_arns"), 1);
        assert_eq!(edit_distance("region", "regoin"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
