//! The KMS action table: which resource types each action is authorized
//! against. Kept as data in one place; every rule asks it.

use crate::glob;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceTypes {
    /// The action takes the key resource type only.
    Key,
    /// `CreateAlias`, `UpdateAlias`, `DeleteAlias`: the alias, and the key.
    AliasAndKey,
    /// No resource type: the action takes `Resource: "*"`.
    None,
}

#[derive(Debug)]
pub struct KmsAction {
    /// Without the `kms:` prefix.
    pub name: &'static str,
    pub resources: ResourceTypes,
    /// Uses the key's material (encrypt, decrypt, sign, ...).
    pub usage: bool,
}

const fn key(name: &'static str, usage: bool) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::Key,
        usage,
    }
}

const fn none(name: &'static str) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::None,
        usage: false,
    }
}

const fn alias(name: &'static str) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::AliasAndKey,
        usage: false,
    }
}

pub static KMS_ACTIONS: &[KmsAction] = &[
    key("CancelKeyDeletion", false),
    none("ConnectCustomKeyStore"),
    alias("CreateAlias"),
    none("CreateCustomKeyStore"),
    key("CreateGrant", false),
    none("CreateKey"),
    key("Decrypt", true),
    alias("DeleteAlias"),
    none("DeleteCustomKeyStore"),
    key("DeleteImportedKeyMaterial", false),
    key("DeriveSharedSecret", true),
    none("DescribeCustomKeyStores"),
    key("DescribeKey", true),
    key("DisableKey", false),
    key("DisableKeyRotation", false),
    none("DisconnectCustomKeyStore"),
    key("EnableKey", false),
    key("EnableKeyRotation", false),
    key("Encrypt", true),
    key("GenerateDataKey", true),
    key("GenerateDataKeyPair", true),
    key("GenerateDataKeyPairWithoutPlaintext", true),
    key("GenerateDataKeyWithoutPlaintext", true),
    key("GenerateMac", true),
    none("GenerateRandom"),
    key("GetKeyPolicy", false),
    key("GetKeyRotationStatus", false),
    key("GetParametersForImport", false),
    key("GetPublicKey", true),
    key("ImportKeyMaterial", false),
    none("ListAliases"),
    key("ListGrants", false),
    key("ListKeyPolicies", false),
    key("ListKeyRotations", false),
    none("ListKeys"),
    key("ListResourceTags", false),
    none("ListRetirableGrants"),
    key("PutKeyPolicy", false),
    key("ReEncryptFrom", true),
    key("ReEncryptTo", true),
    key("ReplicateKey", false),
    key("RetireGrant", false),
    key("RevokeGrant", false),
    key("RotateKeyOnDemand", false),
    key("ScheduleKeyDeletion", false),
    key("Sign", true),
    key("SynchronizeMultiRegionKey", false),
    key("TagResource", false),
    key("UntagResource", false),
    alias("UpdateAlias"),
    none("UpdateCustomKeyStore"),
    key("UpdateKeyDescription", false),
    key("UpdatePrimaryRegion", false),
    key("Verify", true),
    key("VerifyMac", true),
];

/// The KMS actions an action pattern (`kms:Decrypt*`, `kms:*`, `*`) names.
/// Patterns of other services name none.
pub fn matching(pattern: &str) -> impl Iterator<Item = &'static KmsAction> + '_ {
    let p = ActionPattern::new(pattern);
    KMS_ACTIONS.iter().filter(move |a| p.names(a))
}

/// An action pattern split once into service and name, so testing it
/// against every action of the table does not redo that work.
enum ActionPattern<'a> {
    /// `*`, `kms:*`, ...: every KMS action.
    All,
    /// A KMS action name without wildcards.
    Exact(Option<&'static KmsAction>),
    /// A KMS action name pattern with wildcards.
    Glob(&'a str),
    /// Another service's actions.
    None,
}

impl<'a> ActionPattern<'a> {
    fn new(pattern: &'a str) -> ActionPattern<'a> {
        if pattern == "*" {
            return ActionPattern::All;
        }
        let (service, name) = pattern.split_once(':').unwrap_or((pattern, ""));
        if !glob::matches(service, "kms", true) {
            ActionPattern::None
        } else if name == "*" {
            ActionPattern::All
        } else if glob::has_wildcard(name) {
            ActionPattern::Glob(name)
        } else {
            ActionPattern::Exact(
                KMS_ACTIONS
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(name)),
            )
        }
    }

    fn names(&self, action: &KmsAction) -> bool {
        match self {
            ActionPattern::All => true,
            ActionPattern::Exact(a) => a.is_some_and(|a| std::ptr::eq(a, action)),
            ActionPattern::Glob(name) => glob::matches(name, action.name, true),
            ActionPattern::None => false,
        }
    }
}

/// Looks up an action by exact name (case-insensitive, with or without the
/// `kms:` prefix).
pub fn find(name: &str) -> Option<&'static KmsAction> {
    let n = name
        .strip_prefix("kms:")
        .or_else(|| name.strip_prefix("KMS:"))
        .unwrap_or(name);
    KMS_ACTIONS.iter().find(|a| a.name.eq_ignore_ascii_case(n))
}

/// The statement's effective KMS actions: those its `Action` patterns name,
/// or for `NotAction`, every KMS action none of them names.
pub fn effective<'a>(
    actions: Option<&'a [String]>,
    not_actions: Option<&'a [String]>,
) -> Vec<&'static KmsAction> {
    // Every statement of every document instance comes through here, so the
    // patterns are split once and each action is tested against them once.
    let (list, negated) = match (actions, not_actions) {
        (Some(list), _) => (list, false),
        (None, Some(list)) => (list, true),
        (None, None) => return Vec::new(),
    };
    let patterns: Vec<ActionPattern> = list
        .iter()
        .map(|p| ActionPattern::new(p))
        .filter(|p| !matches!(p, ActionPattern::None))
        .collect();
    if patterns.is_empty() && !negated {
        // Most statements name other services only.
        return Vec::new();
    }
    KMS_ACTIONS
        .iter()
        .filter(|a| patterns.iter().any(|p| p.names(a)) != negated)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: Vec<&KmsAction>) -> Vec<&str> {
        v.into_iter().map(|a| a.name).collect()
    }

    #[test]
    fn wildcards_expand_case_insensitively() {
        let got = names(effective(
            Some(&["KMS:decrypt*".into(), "kms:*Alias".into()]),
            None,
        ));
        assert_eq!(
            got,
            ["CreateAlias", "Decrypt", "DeleteAlias", "UpdateAlias"]
        );
        assert_eq!(
            effective(Some(&["*".into()]), None).len(),
            KMS_ACTIONS.len()
        );
        assert!(effective(Some(&["s3:*".into()]), None).is_empty());
        assert_eq!(
            names(effective(
                Some(&["kms:decrypt".into(), "k?s:Encrypt".into()]),
                None
            )),
            ["Decrypt", "Encrypt"]
        );
        assert!(effective(Some(&["kms:NoSuchAction".into()]), None).is_empty());
        assert_eq!(
            effective(Some(&["kms:*".into()]), None).len(),
            KMS_ACTIONS.len()
        );
    }

    #[test]
    fn not_action_means_every_other_action() {
        let got = effective(None, Some(&["kms:*".into()]));
        assert!(got.is_empty());
        let got = effective(None, Some(&["kms:Decrypt".into()]));
        assert_eq!(got.len(), KMS_ACTIONS.len() - 1);
    }
}
