//! Key policy statements that open a key to another account, checked
//! against that account's identity side when the tree declares it.
//!
//! "To give permission to use a KMS key to users and roles in another
//! account, you must use two different types of policies": the key policy
//! and "IAM policies in the external account" that delegate its
//! permissions; "Neither the key policy nor the IAM policy alone is
//! sufficient"
//! (<https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html>).

use super::placement::Place;
use super::{Account, Build, KeyStatement, Reach, Who, WhoKind, key_actions, names, reaches};
use crate::resources::{Attachment, KeyDecl, PolicyRef, PrincipalDecl, PrincipalKind, key_of};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Effect, Statement};
use tfkms_syntax::Span;

/// A key policy principal of another account, and what the tree's IAM
/// policies of that account say about the key.
#[derive(Clone, Debug)]
pub struct CrossAccountUse {
    /// The other account.
    pub account: String,
    pub who: Who,
    /// The principal in the key policy.
    pub principal: Span,
    pub document: String,
    pub statement: String,
    /// The key policy statement's head.
    pub head: Span,
    /// The key actions the statement allows, by name without `kms:`.
    pub actions: Vec<&'static str>,
    pub identity: IdentitySide,
}

/// What the tree shows of the other account's IAM policies for the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentitySide {
    /// The tree declares nothing of the account: its IAM lives elsewhere.
    NotInTree,
    /// An IAM policy of the account allows some of the actions on the key.
    Allows,
    /// Cannot be told: why.
    Unknown(String),
    /// The tree declares these principals of the account (address, span)
    /// and none of their IAM policies allows the actions on the key.
    /// Statements that name the key by alias ARN instead, with their
    /// document, are kept to show.
    Missing {
        principals: Vec<(String, Span)>,
        alias_arns: Vec<(Span, String)>,
    },
}

impl Build<'_> {
    pub(super) fn cross_account_uses(
        &self,
        key: &KeyDecl,
        statements: &[KeyStatement],
        aliases: &[String],
    ) -> Vec<CrossAccountUse> {
        let Some(key_account) = self.key_account(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for ks in statements {
            if ks.st.effect() != Some(Effect::Allow) || ks.uncertain.is_some() {
                continue;
            }
            let Some(actions) = ks.actions.as_deref().filter(|a| !a.is_empty()) else {
                continue;
            };
            for (who, span) in &ks.who {
                let Some(account) = self.account_of_who(who) else {
                    continue;
                };
                if account == key_account {
                    continue;
                }
                let identity = self.identity_side(who, &account, &key_account, key, ks, aliases);
                out.push(CrossAccountUse {
                    account,
                    who: who.clone(),
                    principal: *span,
                    document: ks.doc.address.clone(),
                    statement: ks.st.name(),
                    head: ks.st.head,
                    actions: names(actions),
                    identity,
                });
            }
        }
        out
    }

    fn account_of_who(&self, who: &Who) -> Option<String> {
        match &who.kind {
            WhoKind::Account(Account::Id(id)) => Some(id.clone()),
            WhoKind::Arn {
                account: Account::Id(id),
                ..
            } => Some(id.clone()),
            WhoKind::Declared { address, .. } => self.account_of_decl(self.declared(address)?),
            _ => None,
        }
    }

    /// Which declared principals the key policy principal stands for, and
    /// whether any of their IAM policies allows the key's actions.
    fn identity_side(
        &self,
        who: &Who,
        account: &str,
        key_account: &str,
        key: &KeyDecl,
        ks: &KeyStatement,
        aliases: &[String],
    ) -> IdentitySide {
        let subjects: Vec<&PrincipalDecl> = match &who.kind {
            WhoKind::Declared { address, .. } => self.declared(address).into_iter().collect(),
            WhoKind::Account(_) => {
                if let Some(why) = self.unplaced_principal(account) {
                    return IdentitySide::Unknown(why);
                }
                self.resources
                    .principals
                    .iter()
                    .filter(|p| p.kind != PrincipalKind::PermissionSet)
                    .filter(|p| self.account_of_decl(p).as_deref() == Some(account))
                    .collect()
            }
            // A principal ARN the tree does not declare: its policies are
            // elsewhere.
            _ => Vec::new(),
        };
        if subjects.is_empty() {
            return IdentitySide::NotInTree;
        }
        if let WhoKind::Declared { .. } = who.kind
            && subjects.iter().any(|p| p.kind == PrincipalKind::User)
            && let Some(g) = self.resources.principals.iter().find(|p| {
                p.kind == PrincipalKind::Group
                    && self.account_of_decl(p).is_none_or(|a| a == account)
            })
        {
            return IdentitySide::Unknown(format!(
                "the user may be a member of `{}`, whose policies may allow",
                g.address
            ));
        }
        let scope = Scope {
            key: &key.address,
            key_account,
            aliases,
            wanted: ks.actions.as_deref().unwrap_or(&[]),
        };
        let mut unknown = None;
        let mut alias_arns = Vec::new();
        for att in &self.resources.attachments {
            let owner = self.who_of_attached(att);
            let subject = match &owner.kind {
                WhoKind::Declared { address, .. } => subjects.iter().any(|p| p.address == *address),
                // Attached to a principal the tree does not declare: one of
                // the account's when its ARN or the attaching resource's
                // account says so.
                _ if matches!(who.kind, WhoKind::Account(_)) => {
                    match self.owner_account(&owner, att) {
                        Some(owners) => owners == account,
                        None => {
                            unknown.get_or_insert(format!(
                                "an IAM policy is attached to {}, which may be of account {account}",
                                owner.display
                            ));
                            false
                        }
                    }
                }
                _ => false,
            };
            if !subject {
                continue;
            }
            let doc = match &att.policy {
                PolicyRef::Document(address) => self.by_address.get(address.as_str()).copied(),
                PolicyRef::Other(arn) => {
                    unknown.get_or_insert(format!(
                        "{} has the policy `{arn}`, which is not in the configuration",
                        owner.display
                    ));
                    continue;
                }
            };
            let Some(doc) = doc else {
                unknown.get_or_insert(format!("a policy of {} could not be read", owner.display));
                continue;
            };
            match scope.allows(doc, &mut alias_arns) {
                Verdict::Allows => return IdentitySide::Allows,
                Verdict::Unknown(why) => {
                    unknown.get_or_insert(why);
                }
                Verdict::No => {}
            }
        }
        if let Some(why) = unknown {
            return IdentitySide::Unknown(why);
        }
        IdentitySide::Missing {
            principals: subjects
                .iter()
                .map(|p| (p.address.clone(), p.span))
                .collect(),
            alias_arns,
        }
    }

    /// The account of a principal a policy is attached to: the one its ARN
    /// names, else the one the attaching resource is created in (IAM
    /// attaches policies to principals of the account the call is made
    /// in), else the tree's only account.
    fn owner_account(&self, owner: &Who, att: &Attachment) -> Option<String> {
        match &owner.kind {
            WhoKind::Arn {
                account: Account::Id(id),
                ..
            } => Some(id.clone()),
            _ => self.account_at(Place::of_attachment(att)),
        }
    }

    /// A principal of the tree (or a permission set, whose roles live in
    /// member accounts) that may belong to the account without tfkms
    /// being able to tell.
    fn unplaced_principal(&self, account: &str) -> Option<String> {
        self.resources.principals.iter().find_map(|p| {
            if p.kind == PrincipalKind::PermissionSet {
                return Some(format!(
                    "the roles of permission set `{}` may be in account {account}",
                    p.address
                ));
            }
            self.account_of_decl(p).is_none().then(|| {
                format!(
                    "the account of `{}` is not known: its provider does not name one",
                    p.address
                )
            })
        })
    }
}

enum Verdict {
    Allows,
    Unknown(String),
    No,
}

/// The key as the other account's IAM policies must name it.
struct Scope<'s> {
    key: &'s str,
    key_account: &'s str,
    aliases: &'s [String],
    wanted: &'s [&'static tfkms_iam::actions::KmsAction],
}

impl Scope<'_> {
    fn allows(&self, doc: &Document, alias_arns: &mut Vec<(Span, String)>) -> Verdict {
        let mut verdict = Verdict::No;
        for st in &doc.statements {
            match self.statement(st) {
                Verdict::Allows => return Verdict::Allows,
                Verdict::Unknown(why) => verdict = Verdict::Unknown(why),
                Verdict::No => {
                    if self.overlaps(st) {
                        alias_arns
                            .extend(alias_arn_items(st).map(|span| (span, doc.address.clone())));
                    }
                }
            }
        }
        verdict
    }

    fn overlaps(&self, st: &Statement) -> bool {
        match key_actions(st) {
            Some(a) => a
                .iter()
                .any(|x| self.wanted.iter().any(|y| std::ptr::eq(*x, *y))),
            None => true,
        }
    }

    fn statement(&self, st: &Statement) -> Verdict {
        match st.effect() {
            Some(Effect::Allow) => {}
            Some(Effect::Deny) => return Verdict::No,
            None => return Verdict::Unknown(format!("the effect of `{}` is unknown", st.name())),
        }
        if key_actions(st).is_none() {
            return Verdict::Unknown(format!("the actions of `{}` are not all known", st.name()));
        }
        if !self.overlaps(st) {
            return Verdict::No;
        }
        // Patterns naming another account's keys do not reach this one.
        let own = [self.key_account.to_string()];
        let accounts = super::Accounts {
            own: &own,
            listed: true,
        };
        match reaches(st, self.key, self.aliases, &accounts) {
            Reach::Yes { .. } => Verdict::Allows,
            Reach::Maybe(why, ..) => Verdict::Unknown(why),
            Reach::No => match self.literal_key_arn(st) {
                Some(arn) => Verdict::Unknown(format!(
                    "`{}` names the key ARN `{arn}`, which may be this key's",
                    st.name()
                )),
                None => Verdict::No,
            },
        }
    }

    /// A literal key ARN of the key's account (or of an account not
    /// known): the key's own ARN once created, pasted in.
    fn literal_key_arn(&self, st: &Statement) -> Option<String> {
        st.resources.items().iter().find_map(|i| {
            // A reference names a key of the tree: this one was matched.
            if arn::classify(&i.value) != KmsResource::KeyArn || key_of(&i.value).is_some() {
                return None;
            }
            let text = crate::resources::describe(&i.value);
            match text
                .as_str()
                .strip_prefix("arn:")
                .map(|_| arn::arn_scope(&text))
            {
                Some(Some((_, _, acct)))
                    if arn::is_account_id(acct) && acct != self.key_account =>
                {
                    None
                }
                _ => Some(text),
            }
        })
    }
}

fn alias_arn_items(st: &Statement) -> impl Iterator<Item = Span> + '_ {
    st.resources
        .items()
        .iter()
        .filter(|i| matches!(arn::classify(&i.value), KmsResource::AliasArn { .. }))
        .map(|i| i.source_span())
}
