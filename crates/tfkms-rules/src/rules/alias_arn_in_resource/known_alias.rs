//! What the configuration knows of the key behind an alias ARN written as a
//! reference to an `aws_kms_alias` (`aws_kms_alias.app.arn`): the help and
//! the fix name that key by reference instead of a key ARN pattern with a
//! condition.

use crate::Context;
use crate::finding::{Edit, Fix};
use crate::support::{attribute_reference, source_text};
use tfkms_eval::Shape;
use tfkms_iam::Item;

/// An alias ARN written as a reference to an alias resource of the
/// statement's own module.
pub(super) struct KnownAlias {
    /// The reference as written: `aws_kms_alias.app.arn`.
    pub written: String,
    /// What names the key behind it: `aws_kms_key.app.arn` when the alias's
    /// `target_key_id` refers to a key resource, else
    /// `aws_kms_alias.app.target_key_arn`.
    pub key_reference: String,
    /// That key resource, as the statement's module names it
    /// (`aws_kms_key.app`).
    pub key_object: Option<String>,
}

impl KnownAlias {
    pub fn of(ctx: &Context, item: &Item) -> Option<KnownAlias> {
        let target_key = match &alias_shape(item)? {
            Shape::AliasArn { target_key, .. } => target_key.clone(),
            _ => return None,
        };
        let written = source_text(ctx, item.used_at)?;
        let (object, attribute) = attribute_reference(item)?;
        // The reference itself, not a module output or a local carrying it:
        // only then does the alias resource live in the statement's module.
        if written != format!("{object}.{attribute}") || !is_plain_reference(written) {
            return None;
        }
        let is_alias =
            object.starts_with("aws_kms_alias.") || object.starts_with("data.aws_kms_alias.");
        if !is_alias {
            return None;
        }
        let key_object = target_key.and_then(|t| same_module_object(item, &t));
        let key_reference = match &key_object {
            Some(key) if !key.contains('[') && !object.contains('[') => format!("{key}.arn"),
            _ => format!("{object}.target_key_arn"),
        };
        Some(KnownAlias {
            written: written.to_string(),
            key_reference,
            key_object,
        })
    }

    /// Whether `other` names the key this alias points at.
    pub fn is_named_by(&self, other: &Item) -> bool {
        let Some(key) = &self.key_object else {
            return false;
        };
        matches!(attribute_reference(other), Some((object, attribute)) if &object == key && attribute == "arn")
    }
}

/// The fix naming the key behind each alias reference instead, keeping the
/// alias ARN beside it where the alias actions need it; `None` unless every
/// offending alias ARN is a known alias.
pub(super) fn reference_fix(ctx: &Context, offending: &[&Item], keep_alias: bool) -> Option<Fix> {
    let mut edits = Vec::new();
    let mut keys = Vec::new();
    for item in offending {
        let known = KnownAlias::of(ctx, item)?;
        let text = if keep_alias {
            // Only inside a list can the alias ARN get a neighbour.
            if !is_list_element(ctx, item) {
                return None;
            }
            format!("{}, {}", known.written, known.key_reference)
        } else {
            known.key_reference.clone()
        };
        keys.push(format!("`{}`", known.key_reference));
        edits.push(Edit {
            span: item.used_at,
            text,
        });
    }
    let description = if keep_alias {
        format!("name the key behind the alias too: {}", keys.join(", "))
    } else {
        format!("name the key behind the alias instead: {}", keys.join(", "))
    };
    Some(Fix { description, edits })
}

fn alias_shape(item: &Item) -> Option<Shape> {
    Some(item.value.as_whole_unknown()?.shape.clone())
}

/// `aws_kms_alias.app.arn`, `aws_kms_alias.app[0].arn`: a traversal with
/// nothing around it.
fn is_plain_reference(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.[]\"".contains(c))
}

/// The key's address as the statement's module names it, when the key is
/// in the same module as the alias.
fn same_module_object(alias: &Item, key_address: &str) -> Option<String> {
    let alias_address = match &*alias.value.as_whole_unknown()?.cause {
        tfkms_eval::Cause::ResourceAttribute { address } => address.clone(),
        _ => return None,
    };
    let (alias_module, _) = split_module(&alias_address);
    let (key_module, key_local) = split_module(key_address);
    (alias_module == key_module).then(|| key_local.to_string())
}

/// `module.a.module.b.aws_kms_key.k` → (`module.a.module.b.`, `aws_kms_key.k`).
fn split_module(address: &str) -> (&str, &str) {
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        match after.split_once('.') {
            Some((_, next)) => rest = next,
            None => break,
        }
    }
    let module_len = address.len() - rest.len();
    (&address[..module_len], rest)
}

/// Whether the text around the item's reference is `[` or `,` before and
/// `,` or `]` after: an element of a list written in place.
fn is_list_element(ctx: &Context, item: &Item) -> bool {
    let Some(file) = ctx.files.get(item.used_at.file.0 as usize) else {
        return false;
    };
    let span = item.used_at.range();
    let before = file[..span.start].trim_end().chars().next_back();
    let after = file[span.end..].trim_start().chars().next();
    matches!(before, Some('[' | ',')) && matches!(after, Some(']' | ','))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_module_paths() {
        assert_eq!(split_module("aws_kms_key.k"), ("", "aws_kms_key.k"));
        assert_eq!(
            split_module("module.a.module.b.aws_kms_key.k"),
            ("module.a.module.b.", "aws_kms_key.k")
        );
    }

    #[test]
    fn plain_references_only() {
        assert!(is_plain_reference("aws_kms_alias.app.arn"));
        assert!(is_plain_reference("aws_kms_alias.app[\"x\"].arn"));
        assert!(!is_plain_reference("\"${aws_kms_alias.app.arn}\""));
        assert!(!is_plain_reference("aws_kms_alias.app.arn # x"));
    }
}
