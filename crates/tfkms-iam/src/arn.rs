//! Recognising what a KMS resource string names, even when parts of it are
//! unknown.

use tfkms_eval::{Kind, Shape, TextPart, Value};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KmsResource {
    /// `*`, or an ARN pattern whose resource part is `*`: keys and aliases.
    Any,
    /// `arn:...:kms:...:key/...` (exact or pattern).
    KeyArn,
    /// `arn:...:kms:...:alias/NAME`; the name (`alias/NAME`) when known.
    AliasArn { alias: Option<String> },
    /// A bare key ID or multi-Region key ID (`1234abcd-...`, `mrk-...`).
    KeyId,
    /// An alias name (`alias/x`).
    AliasName { alias: Option<String> },
    /// An `arn:aws:kms:` ARN whose resource is neither `key/` nor `alias/`.
    InvalidKmsArn,
    /// Not a KMS resource (another service's ARN).
    Other,
    /// Cannot tell: the deciding part is unknown.
    Unknown,
}

/// Placeholder for unknown parts while classifying; cannot occur in text.
const HOLE: char = '\u{0}';

pub fn classify(v: &Value) -> KmsResource {
    let text = match &v.kind {
        Kind::Unknown(u) => return classify_shape(&u.shape),
        Kind::String(t) => t,
        _ => return KmsResource::Other,
    };
    // A string that is wholly one typed unknown keeps its shape.
    if let [TextPart::Unknown(u)] = text.parts.as_slice() {
        return classify_shape(&u.shape);
    }
    let mut s = String::new();
    let mut hole_shapes = Vec::new();
    for p in &text.parts {
        match p {
            TextPart::Known { text, .. } => s.push_str(text),
            TextPart::Unknown(u) => {
                s.push(HOLE);
                hole_shapes.push(u.shape.clone());
            }
        }
    }
    classify_str(&s)
}

fn classify_shape(shape: &Shape) -> KmsResource {
    match shape {
        Shape::KeyArn => KmsResource::KeyArn,
        Shape::AliasArn { name, .. } => KmsResource::AliasArn {
            alias: name.clone(),
        },
        Shape::KeyId => KmsResource::KeyId,
        Shape::AliasName { name } => KmsResource::AliasName {
            alias: name.clone(),
        },
        _ => KmsResource::Unknown,
    }
}

/// Classifies a string where `\0` marks an unknown part.
pub fn classify_str(s: &str) -> KmsResource {
    if s == "*" {
        return KmsResource::Any;
    }
    if let Some(rest) = s.strip_prefix("arn:") {
        let fields: Vec<&str> = rest.splitn(5, ':').collect();
        if fields.len() < 5 {
            return if s.contains(HOLE) {
                KmsResource::Unknown
            } else {
                KmsResource::Other
            };
        }
        let service = fields[1];
        if service.contains(HOLE) {
            return KmsResource::Unknown;
        }
        if service != "kms" && service != "*" {
            return KmsResource::Other;
        }
        let resource = fields[4];
        if resource == "*" {
            return KmsResource::Any;
        }
        if resource.starts_with("key/") {
            return KmsResource::KeyArn;
        }
        if let Some(name) = resource.strip_prefix("alias/") {
            return KmsResource::AliasArn {
                alias: (!name.contains(HOLE)).then(|| format!("alias/{name}")),
            };
        }
        if resource.starts_with(HOLE) || resource.is_empty() && s.ends_with(HOLE) {
            return KmsResource::Unknown;
        }
        if service == "*" {
            return KmsResource::Other;
        }
        return KmsResource::InvalidKmsArn;
    }
    if s.starts_with(HOLE) {
        return KmsResource::Unknown;
    }
    if let Some(name) = s.strip_prefix("alias/") {
        return KmsResource::AliasName {
            alias: (!name.contains(HOLE)).then(|| s.to_string()),
        };
    }
    if is_key_id(s) {
        return KmsResource::KeyId;
    }
    KmsResource::Other
}

/// A KMS key ID: a UUID, or `mrk-` and 32 hex digits.
pub fn is_key_id(s: &str) -> bool {
    let hex = |c: char| c.is_ascii_hexdigit();
    if let Some(rest) = s.strip_prefix("mrk-") {
        return rest.len() == 32 && rest.chars().all(hex);
    }
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(hex))
}

/// The AWS account a principal belongs to, as far as the configuration
/// tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrincipalAccount {
    /// A literal account ID: a bare 12-digit ID, or the account field of an
    /// ARN (`arn:aws:iam::444455556666:role/x`).
    Id(String),
    /// `data.aws_caller_identity.*.account_id`: the account the
    /// configuration is applied in.
    Own,
    /// Not one account: `*`, a service or federated principal.
    NotAnAccount,
    /// The account part is unknown.
    Unknown,
}

/// Which account a principal (a `Principal` identifier, a grantee) belongs to.
pub fn principal_account(v: &Value) -> PrincipalAccount {
    let text = match &v.kind {
        Kind::Unknown(u) => return account_of_shape(&u.shape),
        Kind::String(t) => t,
        _ => return PrincipalAccount::NotAnAccount,
    };
    if let [TextPart::Unknown(u)] = text.parts.as_slice() {
        return account_of_shape(&u.shape);
    }
    let mut s = String::new();
    let mut holes = Vec::new();
    for p in &text.parts {
        match p {
            TextPart::Known { text, .. } => s.push_str(text),
            TextPart::Unknown(u) => {
                s.push(HOLE);
                holes.push(&u.shape);
            }
        }
    }
    // The account field and its byte offset in `s`.
    let (start, account) = match s.strip_prefix("arn:") {
        Some(rest) => match rest.splitn(5, ':').collect::<Vec<_>>().as_slice() {
            [partition, service, region, account, _] => (
                "arn:".len() + partition.len() + service.len() + region.len() + 3,
                *account,
            ),
            _ if s.contains(HOLE) => return PrincipalAccount::Unknown,
            _ => return PrincipalAccount::NotAnAccount,
        },
        None => (0, s.as_str()),
    };
    let mut hole = [0u8; 4];
    if account == HOLE.encode_utf8(&mut hole) {
        // Which hole it is tells its shape.
        let index = s[..start].matches(HOLE).count();
        return match holes.get(index) {
            Some(shape) => account_of_shape(shape),
            None => PrincipalAccount::Unknown,
        };
    }
    if account.contains(HOLE) {
        return PrincipalAccount::Unknown;
    }
    if is_account_id(account) {
        PrincipalAccount::Id(account.to_string())
    } else {
        PrincipalAccount::NotAnAccount
    }
}

fn account_of_shape(shape: &Shape) -> PrincipalAccount {
    match shape {
        Shape::OwnAccountId => PrincipalAccount::Own,
        _ => PrincipalAccount::Unknown,
    }
}

/// An AWS account ID: exactly 12 digits.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The most characters an alias name has, `alias/` included ("The alias
/// must be string of 1–256 characters", AWS KMS Developer Guide, "Create
/// aliases"): patterns are compared only as far as such names go.
pub const ALIAS_NAME_MAX_CHARS: usize = 256;

/// The region and account of a KMS ARN when both are known literally:
/// `arn:aws:kms:us-east-1:111122223333:alias/x` → (partition, region, account).
pub fn arn_scope(s: &str) -> Option<(&str, &str, &str)> {
    let rest = s.strip_prefix("arn:")?;
    let fields: Vec<&str> = rest.splitn(5, ':').collect();
    (fields.len() == 5).then(|| (fields[0], fields[2], fields[3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_kms_resources() {
        use KmsResource::*;
        assert_eq!(
            classify_str("arn:aws:kms:us-east-1:111122223333:key/abc"),
            KeyArn
        );
        assert_eq!(
            classify_str("arn:aws:kms:\0:\0:alias/some-prefix-*-sops"),
            AliasArn {
                alias: Some("alias/some-prefix-*-sops".into())
            }
        );
        assert_eq!(classify_str("arn:aws:kms:*:111122223333:*"), Any);
        assert_eq!(classify_str("arn:aws:kms:us-east-1:1:\0"), Unknown);
        assert_eq!(classify_str("arn:aws:kms:us-east-1:1:keys"), InvalidKmsArn);
        assert_eq!(classify_str("arn:aws:s3:::bucket/*"), Other);
        assert_eq!(
            classify_str("alias/app"),
            AliasName {
                alias: Some("alias/app".into())
            }
        );
        assert_eq!(classify_str("1234abcd-12ab-34cd-56ef-1234567890ab"), KeyId);
        assert_eq!(classify_str("mrk-1234abcd12ab34cd56ef1234567890ab"), KeyId);
        assert_eq!(classify_str("*"), Any);
    }

    #[test]
    fn accounts_of_principals() {
        use tfkms_eval::{Cause, Origin, Text, Unknown};
        let s = |x: &str| Value::string(x, Origin::default());
        let id = |x: &str| PrincipalAccount::Id(x.into());
        assert_eq!(
            principal_account(&s("arn:aws:iam::444455556666:root")),
            id("444455556666")
        );
        assert_eq!(
            principal_account(&s("arn:aws:sts::444455556666:assumed-role/r/s")),
            id("444455556666")
        );
        assert_eq!(principal_account(&s("444455556666")), id("444455556666"));
        assert_eq!(principal_account(&s("*")), PrincipalAccount::NotAnAccount);
        assert_eq!(
            principal_account(&s("logs.amazonaws.com")),
            PrincipalAccount::NotAnAccount
        );
        let hole = |shape| {
            TextPart::Unknown(Unknown::new(
                Cause::ResourceAttribute {
                    address: "x".into(),
                },
                shape,
            ))
        };
        let known = |t: &str| TextPart::Known {
            text: t.into(),
            origin: Origin::default(),
        };
        let text = |parts| {
            Value::new(
                Kind::String(Text {
                    parts,
                    encoded: None,
                }),
                Origin::default(),
            )
        };
        let own_root = text(vec![
            known("arn:"),
            hole(Shape::Any),
            known(":iam::"),
            hole(Shape::OwnAccountId),
            known(":root"),
        ]);
        assert_eq!(principal_account(&own_root), PrincipalAccount::Own);
        let other = text(vec![
            known("arn:aws:iam::"),
            hole(Shape::Any),
            known(":root"),
        ]);
        assert_eq!(principal_account(&other), PrincipalAccount::Unknown);
    }
}
