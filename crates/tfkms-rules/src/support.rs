//! Helpers shared by rules: labels for a value's path and its statement,
//! condition operators and keys.

use crate::finding::Finding;
use tfkms_iam::{Document, Item, Statement};

/// Adds the labels that show where a value came from and where it is used:
/// each hop it travelled, the place in the statement, and the statement.
pub fn with_provenance(mut f: Finding, item: &Item, doc: &Document, st: &Statement) -> Finding {
    let hops = item.hops();
    // A value that travelled through hundreds of references (generated or
    // hostile code) shows where it started and where it arrived.
    const SHOWN: usize = 12;
    if hops.len() > SHOWN {
        let skipped = hops.len() - SHOWN;
        for hop in &hops[..SHOWN / 2] {
            f = f.related(hop.span, hop.label.clone());
        }
        let resume = &hops[hops.len() - SHOWN / 2];
        f = f.related(
            resume.span,
            format!("{} (after {skipped} more steps)", resume.label),
        );
        for hop in &hops[hops.len() - SHOWN / 2 + 1..] {
            f = f.related(hop.span, hop.label.clone());
        }
    } else {
        for hop in hops {
            f = f.related(hop.span, hop.label);
        }
    }
    if !f.primary.span.contains(item.used_at) && !item.used_at.contains(f.primary.span) {
        f = f.related(item.used_at, "used in this statement");
    }
    for hop in &st.via {
        f = f.related(hop.span, hop.label.clone());
    }
    f = f.related(st.head, format!("in statement `{}`", st.name()));
    f.documents = vec![doc.address.clone()];
    f.statement = Some(st.name());
    f
}

/// A condition operator, parsed: `ForAnyValue:StringLikeIfExists` is set
/// operator `ForAnyValue`, base `StringLike`, if-exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operator {
    pub set: Option<SetOperator>,
    /// Without prefix and `IfExists`, e.g. `StringLike`, `StringNotEquals`.
    pub base: String,
    pub if_exists: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOperator {
    ForAnyValue,
    ForAllValues,
}

impl Operator {
    pub fn parse(test: &str) -> Operator {
        let (set, rest) = if let Some(r) = strip_prefix_ci(test, "ForAnyValue:") {
            (Some(SetOperator::ForAnyValue), r)
        } else if let Some(r) = strip_prefix_ci(test, "ForAllValues:") {
            (Some(SetOperator::ForAllValues), r)
        } else {
            (None, test)
        };
        let (base, if_exists) = match rest.len().checked_sub(8) {
            Some(i) if rest.is_char_boundary(i) && rest[i..].eq_ignore_ascii_case("IfExists") => {
                (&rest[..i], true)
            }
            _ => (rest, false),
        };
        Operator {
            set,
            base: base.to_string(),
            if_exists,
        }
    }

    /// `StringLike` / `ArnLike` (not the negated forms): wildcards match.
    pub fn is_like(&self) -> bool {
        self.base.eq_ignore_ascii_case("StringLike") || self.base.eq_ignore_ascii_case("ArnLike")
    }

    /// `StringEquals` / `StringEqualsIgnoreCase` / `ArnEquals`.
    pub fn is_equals(&self) -> bool {
        self.base.eq_ignore_ascii_case("StringEquals")
            || self.base.eq_ignore_ascii_case("StringEqualsIgnoreCase")
            || self.base.eq_ignore_ascii_case("ArnEquals")
    }

    /// Negated operators are true when the key is absent.
    pub fn is_negated(&self) -> bool {
        let b = self.base.to_ascii_lowercase();
        b.contains("not")
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &s[prefix.len()..])
}

/// The alias condition keys, matched case-insensitively as IAM does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasKey {
    RequestAlias,
    ResourceAliases,
}

impl AliasKey {
    pub fn parse(variable: &str) -> Option<AliasKey> {
        if variable.eq_ignore_ascii_case("kms:RequestAlias") {
            Some(AliasKey::RequestAlias)
        } else if variable.eq_ignore_ascii_case("kms:ResourceAliases") {
            Some(AliasKey::ResourceAliases)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AliasKey::RequestAlias => "kms:RequestAlias",
            AliasKey::ResourceAliases => "kms:ResourceAliases",
        }
    }
}

/// `Action` and `NotAction` as known strings, each `None` when absent.
pub type ActionLists = (Option<Vec<String>>, Option<Vec<String>>);

/// The statement's `Action`/`NotAction` as known strings; `None` when any
/// element is unknown (the statement is then checked by TFKMS010 only).
pub fn known_actions(st: &Statement) -> Option<ActionLists> {
    let a = match &st.actions {
        tfkms_iam::Field::Absent => None,
        f => Some(f.known_strings()?),
    };
    let n = match &st.not_actions {
        tfkms_iam::Field::Absent => None,
        f => Some(f.known_strings()?),
    };
    Some((a, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_condition_operators() {
        let op = Operator::parse("ForAnyValue:StringLikeIfExists");
        assert_eq!(op.set, Some(SetOperator::ForAnyValue));
        assert_eq!(op.base, "StringLike");
        assert!(op.if_exists && op.is_like());
        assert!(Operator::parse("StringNotLike").is_negated());
        assert!(!Operator::parse("StringNotLike").is_like());
        assert!(Operator::parse("stringequals").is_equals());
    }
}
