//! The KMS action table: which resource types each action is authorized
//! against, and whether it uses, reads or controls the key. Kept as data in
//! one place; every rule asks it.

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

/// What an action does with a key: the line between using a key and
/// controlling it, which cross-account and grant checks draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Uses the key: cryptographic operations, and `DescribeKey` /
    /// `GetPublicKey`, which callers need to use it.
    Use,
    /// Creates, retires or revokes grants: access that no policy shows.
    Grant,
    /// Reads metadata (the key policy, grants, tags, rotation status, lists).
    Read,
    /// Changes the key, its policy, aliases, tags, material or lifecycle.
    Manage,
}

#[derive(Debug)]
pub struct KmsAction {
    /// Without the `kms:` prefix.
    pub name: &'static str,
    pub resources: ResourceTypes,
    pub access: Access,
}

const fn key(name: &'static str, access: Access) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::Key,
        access,
    }
}

const fn none(name: &'static str, access: Access) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::None,
        access,
    }
}

/// Alias actions manage: pointing an alias at a key changes who may use it
/// wherever policies select keys by alias.
const fn alias(name: &'static str) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::AliasAndKey,
        access: Access::Manage,
    }
}

pub static KMS_ACTIONS: &[KmsAction] = &[
    key("CancelKeyDeletion", Access::Manage),
    none("ConnectCustomKeyStore", Access::Manage),
    alias("CreateAlias"),
    none("CreateCustomKeyStore", Access::Manage),
    key("CreateGrant", Access::Grant),
    none("CreateKey", Access::Manage),
    key("Decrypt", Access::Use),
    alias("DeleteAlias"),
    none("DeleteCustomKeyStore", Access::Manage),
    key("DeleteImportedKeyMaterial", Access::Manage),
    key("DeriveSharedSecret", Access::Use),
    none("DescribeCustomKeyStores", Access::Read),
    key("DescribeKey", Access::Use),
    key("DisableKey", Access::Manage),
    key("DisableKeyRotation", Access::Manage),
    none("DisconnectCustomKeyStore", Access::Manage),
    key("EnableKey", Access::Manage),
    key("EnableKeyRotation", Access::Manage),
    key("Encrypt", Access::Use),
    key("GenerateDataKey", Access::Use),
    key("GenerateDataKeyPair", Access::Use),
    key("GenerateDataKeyPairWithoutPlaintext", Access::Use),
    key("GenerateDataKeyWithoutPlaintext", Access::Use),
    key("GenerateMac", Access::Use),
    none("GenerateRandom", Access::Read),
    key("GetKeyPolicy", Access::Read),
    key("GetKeyRotationStatus", Access::Read),
    key("GetParametersForImport", Access::Manage),
    key("GetPublicKey", Access::Use),
    key("ImportKeyMaterial", Access::Manage),
    none("ListAliases", Access::Read),
    key("ListGrants", Access::Read),
    key("ListKeyPolicies", Access::Read),
    key("ListKeyRotations", Access::Read),
    none("ListKeys", Access::Read),
    key("ListResourceTags", Access::Read),
    none("ListRetirableGrants", Access::Read),
    key("PutKeyPolicy", Access::Manage),
    key("ReEncryptFrom", Access::Use),
    key("ReEncryptTo", Access::Use),
    key("ReplicateKey", Access::Manage),
    key("RetireGrant", Access::Grant),
    key("RevokeGrant", Access::Grant),
    key("RotateKeyOnDemand", Access::Manage),
    key("ScheduleKeyDeletion", Access::Manage),
    key("Sign", Access::Use),
    key("SynchronizeMultiRegionKey", Access::Manage),
    key("TagResource", Access::Manage),
    key("UntagResource", Access::Manage),
    alias("UpdateAlias"),
    none("UpdateCustomKeyStore", Access::Manage),
    key("UpdateKeyDescription", Access::Manage),
    key("UpdatePrimaryRegion", Access::Manage),
    key("Verify", Access::Use),
    key("VerifyMac", Access::Use),
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
    fn usage_is_told_apart_from_control() {
        let access = |n: &str| find(n).map(|a| a.access);
        assert_eq!(access("kms:Decrypt"), Some(Access::Use));
        assert_eq!(access("GetPublicKey"), Some(Access::Use));
        assert_eq!(access("kms:CreateGrant"), Some(Access::Grant));
        assert_eq!(access("kms:GetKeyPolicy"), Some(Access::Read));
        assert_eq!(access("kms:PutKeyPolicy"), Some(Access::Manage));
        assert_eq!(access("kms:UpdateAlias"), Some(Access::Manage));
        assert_eq!(access("kms:TagResource"), Some(Access::Manage));
    }

    #[test]
    fn not_action_means_every_other_action() {
        let got = effective(None, Some(&["kms:*".into()]));
        assert!(got.is_empty());
        let got = effective(None, Some(&["kms:Decrypt".into()]));
        assert_eq!(got.len(), KMS_ACTIONS.len() - 1);
    }
}
