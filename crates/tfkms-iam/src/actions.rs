//! The KMS action table: which resource types each action is authorized
//! against, and whether it uses, reads or controls the key. Kept as data in
//! one place; every rule asks it.

use std::cell::RefCell;

use tfkms_eval::FastMap;

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

/// Whether AWS KMS lets a principal of another account perform the action
/// on a key: the "Cross-account use" column of the AWS KMS permissions
/// reference. Granted to another account, an action marked `No` has no
/// effect; the key policy names it in vain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrossAccount {
    Yes,
    No,
}

#[derive(Debug)]
pub struct KmsAction {
    /// Without the `kms:` prefix.
    pub name: &'static str,
    pub resources: ResourceTypes,
    pub access: Access,
    pub cross_account: CrossAccount,
}

const fn key(name: &'static str, access: Access, cross_account: CrossAccount) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::Key,
        access,
        cross_account,
    }
}

const fn none(name: &'static str, access: Access, cross_account: CrossAccount) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::None,
        access,
        cross_account,
    }
}

/// Alias actions manage: pointing an alias at a key changes who may use it
/// wherever policies select keys by alias.
const fn alias(name: &'static str, cross_account: CrossAccount) -> KmsAction {
    KmsAction {
        name,
        resources: ResourceTypes::AliasAndKey,
        access: Access::Manage,
        cross_account,
    }
}

/// Every KMS action. The `CrossAccount` flags are those of the AWS KMS
/// Developer Guide, "AWS KMS permissions"
/// (<https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html>),
/// column "Cross-account use"; actions without a key resource (`CreateKey`,
/// `ListKeys`, ...) act in the caller's own account and are `No`.
pub static KMS_ACTIONS: &[KmsAction] = &[
    key("CancelKeyDeletion", Access::Manage, CrossAccount::No),
    none("ConnectCustomKeyStore", Access::Manage, CrossAccount::No),
    alias("CreateAlias", CrossAccount::No),
    none("CreateCustomKeyStore", Access::Manage, CrossAccount::No),
    key("CreateGrant", Access::Grant, CrossAccount::Yes),
    none("CreateKey", Access::Manage, CrossAccount::No),
    key("Decrypt", Access::Use, CrossAccount::Yes),
    alias("DeleteAlias", CrossAccount::No),
    none("DeleteCustomKeyStore", Access::Manage, CrossAccount::No),
    key(
        "DeleteImportedKeyMaterial",
        Access::Manage,
        CrossAccount::No,
    ),
    key("DeriveSharedSecret", Access::Use, CrossAccount::Yes),
    none("DescribeCustomKeyStores", Access::Read, CrossAccount::No),
    key("DescribeKey", Access::Use, CrossAccount::Yes),
    key("DisableKey", Access::Manage, CrossAccount::No),
    key("DisableKeyRotation", Access::Manage, CrossAccount::No),
    none("DisconnectCustomKeyStore", Access::Manage, CrossAccount::No),
    key("EnableKey", Access::Manage, CrossAccount::No),
    key("EnableKeyRotation", Access::Manage, CrossAccount::No),
    key("Encrypt", Access::Use, CrossAccount::Yes),
    key("GenerateDataKey", Access::Use, CrossAccount::Yes),
    key("GenerateDataKeyPair", Access::Use, CrossAccount::Yes),
    key(
        "GenerateDataKeyPairWithoutPlaintext",
        Access::Use,
        CrossAccount::Yes,
    ),
    key(
        "GenerateDataKeyWithoutPlaintext",
        Access::Use,
        CrossAccount::Yes,
    ),
    key("GenerateMac", Access::Use, CrossAccount::Yes),
    none("GenerateRandom", Access::Read, CrossAccount::No),
    key("GetKeyPolicy", Access::Read, CrossAccount::No),
    key("GetKeyRotationStatus", Access::Read, CrossAccount::Yes),
    key("GetParametersForImport", Access::Manage, CrossAccount::No),
    key("GetPublicKey", Access::Use, CrossAccount::Yes),
    key("ImportKeyMaterial", Access::Manage, CrossAccount::No),
    none("ListAliases", Access::Read, CrossAccount::No),
    key("ListGrants", Access::Read, CrossAccount::Yes),
    key("ListKeyPolicies", Access::Read, CrossAccount::No),
    key("ListKeyRotations", Access::Read, CrossAccount::No),
    none("ListKeys", Access::Read, CrossAccount::No),
    key("ListResourceTags", Access::Read, CrossAccount::No),
    none("ListRetirableGrants", Access::Read, CrossAccount::No),
    key("PutKeyPolicy", Access::Manage, CrossAccount::No),
    key("ReEncryptFrom", Access::Use, CrossAccount::Yes),
    key("ReEncryptTo", Access::Use, CrossAccount::Yes),
    key("ReplicateKey", Access::Manage, CrossAccount::No),
    key("RetireGrant", Access::Grant, CrossAccount::Yes),
    key("RevokeGrant", Access::Grant, CrossAccount::Yes),
    key("RotateKeyOnDemand", Access::Manage, CrossAccount::No),
    key("ScheduleKeyDeletion", Access::Manage, CrossAccount::No),
    key("Sign", Access::Use, CrossAccount::Yes),
    key(
        "SynchronizeMultiRegionKey",
        Access::Manage,
        CrossAccount::No,
    ),
    key("TagResource", Access::Manage, CrossAccount::No),
    key("UntagResource", Access::Manage, CrossAccount::No),
    alias("UpdateAlias", CrossAccount::No),
    none("UpdateCustomKeyStore", Access::Manage, CrossAccount::No),
    key("UpdateKeyDescription", Access::Manage, CrossAccount::No),
    key("UpdatePrimaryRegion", Access::Manage, CrossAccount::No),
    key("Verify", Access::Use, CrossAccount::Yes),
    key("VerifyMac", Access::Use, CrossAccount::Yes),
];

/// The KMS actions an action pattern (`kms:Decrypt*`, `kms:*`, `*`) names.
/// Patterns of other services name none.
pub fn matching(pattern: &str) -> impl Iterator<Item = &'static KmsAction> {
    named_by(pattern).actions()
}

/// A set of rows of `KMS_ACTIONS`, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ActionSet(u64);

const _: () = assert!(
    KMS_ACTIONS.len() <= 64,
    "ActionSet holds one bit per KMS action"
);

impl ActionSet {
    const ALL: ActionSet = ActionSet(u64::MAX >> (64 - KMS_ACTIONS.len()));

    fn of(pred: impl Fn(&KmsAction) -> bool) -> ActionSet {
        ActionSet(
            KMS_ACTIONS
                .iter()
                .enumerate()
                .filter(|(_, a)| pred(a))
                .fold(0, |bits, (i, _)| bits | 1 << i),
        )
    }

    fn actions(self) -> impl Iterator<Item = &'static KmsAction> {
        KMS_ACTIONS
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & 1 << i != 0)
            .map(|(_, a)| a)
    }
}

/// The actions one pattern names. Every statement of every document
/// instance expands its patterns, and a tree repeats the same few
/// (`kms:Decrypt`, `kms:GenerateDataKey*`) thousands of times, so each
/// thread remembers the sets it has computed.
fn named_by(pattern: &str) -> ActionSet {
    // Bounded: a hostile tree can hold any number of distinct patterns.
    const REMEMBERED: usize = 4096;
    thread_local! {
        static NAMED: RefCell<FastMap<Box<str>, ActionSet>> = RefCell::default();
    }
    NAMED.with(|named| {
        if let Some(set) = named.borrow().get(pattern) {
            return *set;
        }
        let set = compute_named_by(pattern);
        let mut named = named.borrow_mut();
        if named.len() >= REMEMBERED {
            named.clear();
        }
        named.insert(pattern.into(), set);
        set
    })
}

fn compute_named_by(pattern: &str) -> ActionSet {
    if pattern == "*" {
        return ActionSet::ALL;
    }
    let (service, name) = pattern.split_once(':').unwrap_or((pattern, ""));
    if !glob::matches(service, "kms", true) {
        ActionSet::default()
    } else if name == "*" {
        ActionSet::ALL
    } else if glob::has_wildcard(name) {
        ActionSet::of(|a| glob::matches(name, a.name, true))
    } else {
        ActionSet::of(|a| a.name.eq_ignore_ascii_case(name))
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
pub fn effective(
    actions: Option<&[String]>,
    not_actions: Option<&[String]>,
) -> Vec<&'static KmsAction> {
    let (list, negated) = match (actions, not_actions) {
        (Some(list), _) => (list, false),
        (None, Some(list)) => (list, true),
        (None, None) => return Vec::new(),
    };
    let named = list.iter().fold(ActionSet::default(), |set, p| {
        ActionSet(set.0 | named_by(p).0)
    });
    let effective = if negated {
        ActionSet(ActionSet::ALL.0 & !named.0)
    } else {
        named
    };
    effective.actions().collect()
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
    fn only_use_and_grants_work_from_another_account() {
        let across = |n: &str| find(n).map(|a| a.cross_account);
        for yes in [
            "Decrypt",
            "GenerateDataKeyPair",
            "DescribeKey",
            "GetPublicKey",
            "GetKeyRotationStatus",
            "CreateGrant",
            "ListGrants",
            "RetireGrant",
            "RevokeGrant",
            "VerifyMac",
        ] {
            assert_eq!(across(yes), Some(CrossAccount::Yes), "{yes}");
        }
        for no in [
            "PutKeyPolicy",
            "GetKeyPolicy",
            "ScheduleKeyDeletion",
            "DisableKey",
            "TagResource",
            "CreateAlias",
            "ReplicateKey",
            "ListRetirableGrants",
            "CreateKey",
        ] {
            assert_eq!(across(no), Some(CrossAccount::No), "{no}");
        }
        // Every action a key policy can give away for use crosses accounts.
        assert!(
            KMS_ACTIONS
                .iter()
                .filter(|a| a.access == Access::Use)
                .all(|a| a.cross_account == CrossAccount::Yes)
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
