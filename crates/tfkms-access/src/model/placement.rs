//! Which account a resource of the tree is created in, and whether two
//! are in one account: decided in one place, from their provider
//! configurations.
//!
//! A configuration that names its account (`allowed_account_ids`, an
//! `assume_role` role ARN) places what it creates there. Two resources of
//! one configuration are in one account, named or not. A configuration
//! that names none is not placed in an account another configuration
//! names: it may be any. Only `own_accounts` listing a single account
//! places every resource in it, as the team says that is its only one.

use super::{Account, Build};
use crate::resources::{Attachment, KeyDecl, PrincipalDecl};

/// Where something is created: its provider configuration (by address)
/// and the account that configuration names, each when known.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Place<'p> {
    pub configuration: Option<&'p str>,
    pub account: Option<&'p str>,
}

impl<'p> Place<'p> {
    pub fn of_key(key: &'p KeyDecl) -> Place<'p> {
        Place {
            configuration: key.configuration.as_deref(),
            account: key.account.as_deref(),
        }
    }

    pub fn of_decl(d: &'p PrincipalDecl) -> Place<'p> {
        Place {
            configuration: d.configuration.as_deref(),
            account: d.account.as_deref(),
        }
    }

    /// Where the resource attaching a policy is created: IAM attaches it to
    /// a principal of that account.
    pub fn of_attachment(att: &'p Attachment) -> Place<'p> {
        Place {
            configuration: att.configuration.as_deref(),
            account: att.account.as_deref(),
        }
    }

    /// The place an account stands for: an account ID, or a configuration
    /// that names none. `None` for the caller's account and an unknown
    /// one, which no configuration places.
    pub fn of_account(account: &'p Account) -> Option<Place<'p>> {
        match account {
            Account::Id(id) => Some(Place {
                configuration: None,
                account: Some(id),
            }),
            Account::OfConfiguration(name) => Some(Place {
                configuration: Some(name),
                account: None,
            }),
            Account::Own | Account::Unknown => None,
        }
    }
}

impl Build<'_> {
    /// The account of a place: the one its configuration names, else the
    /// only account `own_accounts` lists.
    pub(super) fn account_at(&self, place: Place) -> Option<String> {
        place
            .account
            .map(str::to_string)
            .or_else(|| self.only_listed_account())
    }

    /// Whether two places are in one account: `Some` when both accounts
    /// are known, or both are created through one configuration; `None`
    /// when it cannot be told.
    pub(super) fn same_account(&self, a: Place, b: Place) -> Option<bool> {
        match (self.account_at(a), self.account_at(b)) {
            (Some(x), Some(y)) => Some(x == y),
            _ if a.configuration.is_some() && a.configuration == b.configuration => Some(true),
            _ => None,
        }
    }

    /// The key's account, when it can be told.
    pub(super) fn key_account(&self, key: &KeyDecl) -> Option<String> {
        self.account_at(Place::of_key(key))
    }

    /// A declared principal's account, when it can be told.
    pub(super) fn account_of_decl(&self, p: &PrincipalDecl) -> Option<String> {
        self.account_at(Place::of_decl(p))
    }

    /// The one account `own_accounts` lists. The accounts the provider
    /// configurations name do not count: they place only what their own
    /// configuration creates.
    fn only_listed_account(&self) -> Option<String> {
        match self.accounts.own {
            [one] if self.accounts.listed => Some(one.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Accounts, Detail};
    use crate::resources::Resources;
    use std::collections::HashMap;

    fn with_build(own: &[String], listed: bool, check: impl FnOnce(&Build)) {
        let resources = Resources::default();
        let accounts = Accounts { own, listed };
        let build = Build {
            documents: &[],
            by_address: HashMap::new(),
            declared: HashMap::new(),
            resources: &resources,
            accounts: &accounts,
            attached: Vec::new(),
            denies: HashMap::new(),
            detail: Detail::Rules,
            control_policies: Vec::new(),
        };
        check(&build);
    }

    fn at<'p>(configuration: &'p str, account: Option<&'p str>) -> Place<'p> {
        Place {
            configuration: Some(configuration),
            account,
        }
    }

    #[test]
    fn configurations_naming_their_accounts_compare_the_accounts() {
        with_build(&[], false, |b| {
            let a = at("aws", Some("111122223333"));
            assert_eq!(
                b.same_account(a, at("aws.x", Some("111122223333"))),
                Some(true)
            );
            assert_eq!(
                b.same_account(a, at("aws.x", Some("444455556666"))),
                Some(false)
            );
        });
    }

    #[test]
    fn one_configuration_is_one_account_named_or_not() {
        with_build(&[], false, |b| {
            assert_eq!(
                b.same_account(at("aws.x", None), at("aws.x", None)),
                Some(true)
            );
            assert_eq!(b.same_account(at("aws", None), at("aws.x", None)), None);
            let unknown = Place::default();
            assert_eq!(b.same_account(unknown, unknown), None);
        });
    }

    #[test]
    fn an_account_another_configuration_names_does_not_place_one_that_names_none() {
        let named = ["111122223333".to_string()];
        with_build(&named, false, |b| {
            let key = at("aws.other", None);
            assert_eq!(b.account_at(key), None);
            assert_eq!(b.same_account(key, at("aws", Some("111122223333"))), None);
        });
    }

    #[test]
    fn a_single_listed_own_account_places_every_configuration() {
        let listed = ["111122223333".to_string()];
        with_build(&listed, true, |b| {
            let key = at("aws.other", None);
            assert_eq!(b.account_at(key).as_deref(), Some("111122223333"));
            assert_eq!(b.same_account(key, at("aws", None)), Some(true));
            assert_eq!(
                b.same_account(key, at("aws", Some("444455556666"))),
                Some(false)
            );
        });
        let two = ["111122223333".to_string(), "444455556666".to_string()];
        with_build(&two, true, |b| {
            assert_eq!(b.same_account(at("aws.other", None), at("aws", None)), None);
        });
    }

    #[test]
    fn an_account_stands_for_a_place_only_when_a_configuration_or_id_says_where() {
        let id = Account::Id("111122223333".into());
        assert_eq!(
            Place::of_account(&id).unwrap().account,
            Some("111122223333")
        );
        let named_by_string = Account::OfConfiguration("aws".into());
        assert_eq!(
            Place::of_account(&named_by_string).unwrap().configuration,
            Some("aws")
        );
        assert!(Place::of_account(&Account::Own).is_none());
        assert!(Place::of_account(&Account::Unknown).is_none());
    }
}
