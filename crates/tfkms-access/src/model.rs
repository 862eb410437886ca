//! Who can use each key of a tree, and by which path, as AWS KMS decides
//! it. The facts, with the pages of the AWS KMS Developer Guide they come
//! from:
//!
//! - A key policy statement naming a principal allows it directly; one
//!   naming the account (`arn:aws:iam::ACCOUNT:root`, or the bare ID)
//!   grants nothing itself but lets IAM policies of that account allow the
//!   actions it lists ("Unless the key policy explicitly allows it, you
//!   cannot use IAM policies to allow access to a KMS key":
//!   <https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html>,
//!   and "Allows access to the AWS account and enables IAM policies":
//!   <https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html>).
//! - A key created without a policy gets the default one, which enables
//!   IAM policies for its account (same page).
//! - From another account both sides must allow: the key policy (the
//!   account or the principal) and the principal's IAM policy
//!   (<https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html>).
//! - A grant allows its grantee the grant's operations whatever the
//!   policies say (<https://docs.aws.amazon.com/kms/latest/developerguide/grants.html>).
//! - An explicit Deny in any policy wins; a permissions boundary or SCP
//!   must also allow ("KMS key access and permissions":
//!   <https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html>).
//!
//! Conditions are kept, not evaluated: a path says which must hold.
//! Unknown values stay unknown: a path that depends on one is a "may".

mod alias_management;
mod cross_account;
mod placement;

use placement::Place;

pub use cross_account::{CrossAccountUse, IdentitySide};

use crate::resources::{
    Attachment, Flag, KeyDecl, KeyTarget, PolicyRef, PrincipalDecl, PrincipalKind, PrincipalRef,
    Resources, key_of, name_of_arn, resource_of,
};
use std::collections::HashMap;
use std::sync::Arc;
use tfkms_eval::Cause;
use tfkms_iam::actions::{KMS_ACTIONS, KmsAction, ResourceTypes};
use tfkms_iam::arn::{self, KmsResource, PrincipalAccount};
use tfkms_iam::{Document, DocumentKind, Effect, Field, Grant, Item, Statement, glob};
use tfkms_syntax::Span;

/// The access model of one deployment: every key and its paths.
#[derive(Clone, Debug, Default)]
pub struct AccessModel {
    pub keys: Vec<KeyAccess>,
}

#[derive(Clone, Debug)]
pub struct KeyAccess {
    pub address: String,
    pub span: Span,
    pub policy: KeyPolicy,
    /// The aliases of the tree pointing at the key.
    pub aliases: Vec<String>,
    pub paths: Vec<AccessPath>,
    /// What limits every path: service control policies of the tree.
    pub guards: Vec<Guard>,
    /// The lockout check setting (`bypass_policy_lockout_safety_check`) of
    /// the key and of the `aws_kms_key_policy` setting its policy: `True`
    /// when any says so, `Unknown` when any is unknown.
    pub bypass_lockout_check: Flag,
    /// Whether every value of the key policy documents is known and the
    /// provider would accept them: only then can the absence of a
    /// statement be relied on.
    pub policy_known: bool,
    /// The account the key is created in, when its provider or the tree
    /// says.
    pub account: Option<String>,
    /// The key policy's principals of other accounts, each with what the
    /// tree's IAM policies of that account say.
    pub cross_account: Vec<CrossAccountUse>,
    /// Whether each principal of the paths is of the key's account.
    pub principal_accounts: Vec<(WhoKind, AccountRelation)>,
}

impl KeyAccess {
    /// Whether a principal of the key's paths is of the key's account.
    pub fn account_relation(&self, who: &WhoKind) -> Option<&AccountRelation> {
        self.principal_accounts
            .iter()
            .find(|(w, _)| w == who)
            .map(|(_, r)| r)
    }
}

/// How a principal's account relates to a key's.
#[derive(Clone, Debug, PartialEq)]
pub enum AccountRelation {
    /// The key's own account (`*` includes it).
    KeysOwn,
    /// Another account, or a principal of no account (a service).
    Another,
    /// Cannot be told: what would tell it, and the value that stopped
    /// evaluation, when one did.
    Unknown {
        why: String,
        cause: Option<Arc<Cause>>,
    },
}

/// Where the key's policy comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyPolicy {
    /// No policy in the tree: AWS KMS gives the key its default policy,
    /// which enables IAM policies for the key's account.
    Default,
    /// These documents (the key's `policy`, `aws_kms_key_policy`), by
    /// address and span.
    Documents(Vec<(String, Span)>),
    /// A key read by a data source: its policy is not in the tree.
    NotInTree,
    /// A key only named by key ARN or ID (by a grant): its policy is not
    /// in the tree.
    NamedOnly,
    /// Cannot be told: why.
    Unknown(String),
}

#[derive(Clone, Debug)]
pub struct AccessPath {
    pub who: Who,
    /// KMS actions on the key, by name without `kms:`, in table order.
    pub actions: Vec<&'static str>,
    pub via: Via,
    pub certainty: Certainty,
    /// Conditions that must hold, as written (`StringEquals kms:ViaService
    /// = s3.eu-west-1.amazonaws.com`).
    pub conditions: Vec<String>,
    pub guards: Vec<Guard>,
    /// The source places of the path, each with what it is.
    pub steps: Vec<(Span, String)>,
    /// Where the statement allows `kms:CreateGrant`, when it does: the
    /// action (`kms:CreateGrant`, `kms:*`), or the statement for
    /// `NotAction`.
    pub grant_at: Option<Span>,
    /// Whether the statement's actions are all known: when not, `actions`
    /// lists none and the path is a "may" that any action may take.
    pub actions_known: bool,
    /// The value that could not be evaluated and makes the path a "may"
    /// (an unknown `Resource`, or unknown actions), when one does.
    pub unknown: Option<Arc<Cause>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Certainty {
    Allowed,
    /// Allowed when the conditions hold.
    Conditional,
    /// Depends on a value tfkms could not evaluate: what.
    May(String),
    /// The documents say it cannot work: why.
    Blocked(Blocked),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// The key policy neither names the principal nor enables IAM policies
    /// for its account for the path's actions: the identity policy has no
    /// effect on this key. The statements that do, for other actions
    /// only, by name and head.
    NoKeyPolicyDelegation {
        for_other_actions: Vec<(String, Span)>,
    },
    /// An unconditional Deny covers every action of the path.
    Denied { statement: String, document: String },
    /// A condition lists no value for an operator that must match one of
    /// the listed values: it holds for no request.
    ConditionNeverHolds { condition: String },
}

impl Blocked {
    pub fn describe(&self) -> String {
        match self {
            Blocked::NoKeyPolicyDelegation { for_other_actions } => {
                if for_other_actions.is_empty() {
                    "the key policy neither names this principal nor enables IAM policies for its account".into()
                } else {
                    format!(
                        "no key policy statement that names this principal or enables IAM policies for its account allows these actions ({} {} other actions only)",
                        statements_named(
                            "",
                            &for_other_actions
                                .iter()
                                .map(|(s, _)| s.as_str())
                                .collect::<Vec<_>>(),
                            "and"
                        ),
                        if for_other_actions.len() == 1 {
                            "allows"
                        } else {
                            "allow"
                        },
                    )
                }
            }
            Blocked::Denied {
                statement,
                document,
            } => format!("denied by statement `{statement}` of `{document}`"),
            Blocked::ConditionNeverHolds { condition } => format!(
                "the condition `{condition}` lists no value, so it holds for no request: \
                 the operator must match one of the listed values"
            ),
        }
    }
}

/// Statements for a message, every one named: "statement `A`",
/// "key policy statements `A`, `B` or `C`" (`kind` "key policy",
/// `conjunction` "or"), "no statement".
pub fn statements_named(kind: &str, names: &[&str], conjunction: &str) -> String {
    let noun = if kind.is_empty() {
        "statement".to_string()
    } else {
        format!("{kind} statement")
    };
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => format!("{noun} {one}"),
        [rest @ .., last] => format!("{noun}s {} {conjunction} {last}", rest.join(", ")),
        [] => format!("no {noun}"),
    }
}

#[derive(Clone, Debug)]
pub enum Via {
    /// A key policy statement naming the principal.
    KeyPolicy { document: String, statement: String },
    /// A key policy statement naming an account that is the key's own or
    /// cannot be told apart from it (`own_known` false): IAM policies of
    /// the account decide.
    AccountDelegation {
        document: String,
        statement: String,
        own_known: bool,
    },
    /// A key policy statement naming another account: that account's IAM
    /// policies decide, and they are not in the tree.
    CrossAccount { document: String, statement: String },
    /// The key policy enables IAM policies (a statement, or the default
    /// policy when `key_statement` is `None`) and an identity policy allows.
    IdentityPolicy {
        key_statement: Option<(String, String)>,
        document: String,
        statement: String,
        /// Where the identity statement names the key, and whether by a
        /// reference to the key itself (not `*` or `key/*`).
        resource: Span,
        by_reference: bool,
        /// The identity statement's head, for labels.
        head: Span,
        /// The document's span.
        document_span: Span,
    },
    /// An `aws_kms_grant`.
    Grant { address: String },
    /// An identity statement (`document`, `statement`) lets the principal
    /// create or update aliases matching `pattern`, which another
    /// statement (`trusting_*`, of `gains`) selects keys by: pointing such
    /// an alias at the key gives `gains` the path's actions.
    AliasManagement {
        document: String,
        statement: String,
        pattern: String,
        gains: String,
        trusting_document: String,
        trusting_statement: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Who {
    pub display: String,
    pub kind: WhoKind,
    /// What could not be evaluated, when the principal or its account is
    /// not known because a value is not.
    pub unknown: Option<Arc<Cause>>,
}

impl Who {
    fn new(display: impl Into<String>, kind: WhoKind) -> Who {
        Who {
            display: display.into(),
            kind,
            unknown: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhoKind {
    Everyone,
    Account(Account),
    /// A role, user, group or permission set declared in the tree.
    Declared {
        address: String,
        kind: PrincipalKind,
        name: Option<String>,
    },
    /// A principal ARN the tree does not declare.
    Arn {
        arn: String,
        account: Account,
    },
    Service(String),
    Other(String),
    Unknown(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Account {
    Id(String),
    /// `data.aws_caller_identity`'s: the account the tree is applied in.
    Own,
    /// The account of this provider configuration (by address), which
    /// names none: a principal named by a plain string (`role = "app"`)
    /// is of the account the resource naming it is created in.
    OfConfiguration(String),
    Unknown,
}

#[derive(Clone, Debug)]
pub struct Guard {
    pub text: String,
    pub span: Span,
}

/// The accounts the tree deploys to or the team owns, for telling its own
/// account principals from other accounts'.
pub struct Accounts<'a> {
    pub own: &'a [String],
    /// Whether `own` is what `own_accounts` lists, rather than the accounts
    /// the provider configurations name: only a listed single account
    /// places a resource whose configuration names none.
    pub listed: bool,
}

impl Accounts<'_> {
    /// `Some(true)` for the account the tree is applied in, `Some(false)`
    /// for another, `None` when it cannot be told: no account is known, or
    /// the account is one of several the tree may deploy to.
    fn is_own(&self, account: &Account) -> Option<bool> {
        match account {
            Account::Own => Some(true),
            Account::Id(_) if self.own.is_empty() => None,
            Account::Id(id) if self.own.iter().all(|a| a == id) => Some(true),
            Account::Id(id) if self.own.contains(id) => None,
            Account::Id(_) => Some(false),
            Account::OfConfiguration(_) | Account::Unknown => None,
        }
    }
}

/// How much of the model to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Every path (`tfkms access`).
    Full,
    /// What the rules read: identity policies only where they name a key
    /// by reference, or let a principal change key policies. A statement
    /// on `*` reaches every key of the tree, and its paths, one per key,
    /// are most of the model's cost; few of them allow
    /// `kms:PutKeyPolicy`.
    Rules,
}

/// Builds the model of one deployment from its documents, grants and
/// resources.
pub fn build(
    documents: &[Document],
    grants: &[Grant],
    resources: &Resources,
    accounts: &Accounts,
    detail: Detail,
) -> AccessModel {
    let by_address: HashMap<&str, &Document> =
        documents.iter().map(|d| (d.address.as_str(), d)).collect();
    let declared = resources
        .principals
        .iter()
        .map(|p| (p.address.as_str(), p))
        .collect();
    let mut ctx = Build {
        documents,
        by_address,
        declared,
        resources,
        accounts,
        attached: Vec::new(),
        denies: HashMap::new(),
        detail,
        control_policies: Vec::new(),
    };
    ctx.resolve_attachments();
    ctx.control_policies = ctx.control_policies();
    let mut keys: Vec<KeyAccess> = resources.keys.iter().map(|k| ctx.key(k, grants)).collect();
    // The rules read grants themselves (TFKMS009); the access list must
    // not leave out access that only a grant shows.
    if detail == Detail::Full {
        for key in keys_named_only_by_grants(grants, &resources.keys) {
            keys.push(ctx.key(&key, grants));
        }
    }
    AccessModel { keys }
}

/// The keys grants name that are neither declared nor read by a data
/// source (a literal key ARN, a variable's), once each, by name.
fn keys_named_only_by_grants(grants: &[Grant], declared: &[KeyDecl]) -> Vec<KeyDecl> {
    let mut out: Vec<KeyDecl> = Vec::new();
    for item in grants.iter().filter_map(|g| g.key_id.as_ref()) {
        let name = grant_key_name(item);
        if declared.iter().chain(&out).any(|k| k.address == name) {
            continue;
        }
        let account = item
            .value
            .as_known_str()
            .and_then(|s| arn::arn_scope(&s).map(|(_, _, a)| a.to_string()))
            .filter(|a| arn::is_account_id(a));
        out.push(KeyDecl {
            address: name,
            span: item.source_span(),
            data: true,
            named_only: true,
            has_policy_argument: false,
            bypass_lockout_check: Flag::Unset,
            instances_unknown: false,
            account,
            configuration: None,
        });
    }
    out
}

/// The key a grant's `key_id` names: the address of a key of the tree, or
/// the key ARN or ID as written (`${var.x}` where it is not known).
fn grant_key_name(key_id: &Item) -> String {
    key_of(&key_id.value).unwrap_or_else(|| key_id.display())
}

struct Build<'a> {
    documents: &'a [Document],
    by_address: HashMap<&'a str, &'a Document>,
    declared: HashMap<&'a str, &'a PrincipalDecl>,
    resources: &'a Resources,
    accounts: &'a Accounts<'a>,
    /// The identity documents of the tree, each with who it is attached
    /// to and where, resolved once.
    attached: Vec<(&'a Document, Who, Span)>,
    /// The Deny statements of each principal's identity policies, by the
    /// principal's display name.
    denies: HashMap<String, Vec<(&'a Document, &'a Statement)>>,
    detail: Detail,
    /// The tree's service and resource control policies: guards of every key.
    control_policies: Vec<Guard>,
}

/// A key policy statement naming an account or principals, reaching the key.
struct KeyStatement<'a> {
    doc: &'a Document,
    st: &'a Statement,
    actions: Option<Vec<&'static KmsAction>>,
    who: Vec<(Who, Span)>,
    /// Why it may not apply to the key, when that cannot be told.
    uncertain: Option<String>,
}

/// What the key policy's statements say of an identity path's principal.
struct Coverage<'k, 'a> {
    /// The statements allowing it (or enabling IAM policies for its
    /// account) some of the path's actions, once each.
    statements: Vec<&'k KeyStatement<'a>>,
    /// The statements covering it for other actions only, by name and head.
    for_other_actions: Vec<(String, Span)>,
    /// Every statement covering it, for some of the path's actions or for
    /// other ones, by name and head, once each, in the policy's order.
    covering: Vec<(String, Span)>,
    /// What `statements` allow together; `None` once one allows actions
    /// tfkms cannot list.
    enabled: Option<Vec<&'static KmsAction>>,
    /// Why a statement may cover it, when that cannot be told.
    maybe: Option<String>,
}

impl<'k, 'a> Coverage<'k, 'a> {
    fn add(&mut self, ks: &'k KeyStatement<'a>) {
        if self.statements.iter().any(|s| std::ptr::eq(*s, ks)) {
            return;
        }
        self.statements.push(ks);
        push_once(&mut self.covering, ks);
        match (&mut self.enabled, ks.actions.as_deref()) {
            (Some(all), Some(these)) => all.extend_from_slice(these),
            _ => self.enabled = None,
        }
    }
}

/// Adds a statement by name and head, unless it is there already (a
/// statement naming several principals covers one principal once).
fn push_once(list: &mut Vec<(String, Span)>, ks: &KeyStatement) {
    if !list.iter().any(|(_, head)| *head == ks.st.head) {
        list.push((ks.st.name(), ks.st.head));
    }
}

/// An identity path as the key policy lets it work: one path per key
/// policy statement that does, and the actions none enables.
struct Delegated {
    paths: Vec<AccessPath>,
    not_enabled: Option<AccessPath>,
}

impl Delegated {
    fn alone(path: AccessPath) -> Delegated {
        Delegated {
            paths: vec![path],
            not_enabled: None,
        }
    }
}

/// A key's policy as the identity paths see it.
struct KeyPolicyView<'p, 'a> {
    policy: &'p KeyPolicy,
    statements: &'p [KeyStatement<'a>],
    /// Why the policy's statements are not all known, when they are not.
    partly_known: Option<&'p str>,
}

impl<'a> Build<'a> {
    fn key(&self, key: &KeyDecl, grants: &[Grant]) -> KeyAccess {
        let (policy, docs) = self.key_policy(key);
        let aliases: Vec<String> = self
            .resources
            .aliases
            .iter()
            .filter(|a| a.target == KeyTarget::Key(key.address.clone()))
            .filter_map(|a| a.name.clone())
            .collect();
        let mut paths = Vec::new();
        let statements = self.key_statements(&docs, &key.address);
        for ks in statements
            .iter()
            .filter(|s| s.st.effect() == Some(Effect::Allow))
        {
            for (who, span) in &ks.who {
                paths.push(self.key_policy_path(key, ks, who.clone(), *span));
            }
        }
        // A statement the scan could not read may be the one that delegates.
        let partly_known = docs.iter().find(|d| !statements_known(d)).map(|d| {
            format!(
                "the key policy `{}` is only partly known, and the unknown part may enable IAM policies",
                d.address
            )
        });
        let key_policy = KeyPolicyView {
            policy: &policy,
            statements: &statements,
            partly_known: partly_known.as_deref(),
        };
        self.identity_paths(key, &key_policy, &aliases, &mut paths);
        for g in grants {
            if let Some(p) = grant_path(g, &key.address, |i| self.who_of_principal(Some("AWS"), i))
            {
                paths.push(p);
            }
        }
        let denies: Vec<&KeyStatement> = statements
            .iter()
            .filter(|s| s.st.effect() == Some(Effect::Deny))
            .collect();
        for p in &mut paths {
            for d in &denies {
                apply_deny(p, d);
            }
        }
        let policy_known =
            matches!(policy, KeyPolicy::Documents(_)) && docs.iter().all(|d| statements_known(d));
        // Identity policies work on the key only where its policy
        // enables them: only then can an alias open it to one.
        let delegates = policy == KeyPolicy::Default
            || paths.iter().any(|p| {
                matches!(p.via, Via::AccountDelegation { .. })
                    && !matches!(p.certainty, Certainty::Blocked(_))
            });
        if self.detail == Detail::Full && delegates {
            let mut managed = self.alias_management_paths(key, &paths);
            for p in &mut managed {
                for d in &denies {
                    apply_deny(p, d);
                }
            }
            paths.extend(managed);
        }
        let cross_account = self.cross_account_uses(key, &statements, &aliases);
        KeyAccess {
            principal_accounts: self.principal_accounts(key, &paths),
            account: self.key_account(key),
            cross_account,
            policy_known,
            bypass_lockout_check: self.bypass_flag(key),
            address: key.address.clone(),
            span: key.span,
            policy,
            aliases,
            paths,
            guards: self.control_policies.clone(),
        }
    }

    fn principal_accounts(
        &self,
        key: &KeyDecl,
        paths: &[AccessPath],
    ) -> Vec<(WhoKind, AccountRelation)> {
        let mut out: Vec<(WhoKind, AccountRelation)> = Vec::new();
        for p in paths {
            if !out.iter().any(|(w, _)| *w == p.who.kind) {
                out.push((p.who.kind.clone(), self.account_relation(key, &p.who)));
            }
        }
        out
    }

    fn account_relation(&self, key: &KeyDecl, who: &Who) -> AccountRelation {
        let unknown = |why: String| AccountRelation::Unknown {
            why,
            cause: who.unknown.clone(),
        };
        match &who.kind {
            WhoKind::Everyone => AccountRelation::KeysOwn,
            WhoKind::Account(a) | WhoKind::Arn { account: a, .. } => {
                match (self.is_keys_account(key, a), a) {
                    (Some(true), _) => AccountRelation::KeysOwn,
                    (Some(false), _) => AccountRelation::Another,
                    (None, Account::OfConfiguration(its)) => unknown(configurations_unplaced(
                        Some(its),
                        key.configuration.as_deref(),
                    )),
                    (None, _) => unknown(format!(
                        "tfkms cannot tell whether the account of `{}` is the one `{}` is created in: list your accounts in `own_accounts`, or name each provider configuration's account with `allowed_account_ids` or an `assume_role` role ARN",
                        who.display, key.address
                    )),
                }
            }
            WhoKind::Declared { address, .. } => match self.declared(address) {
                Some(d) => self.declared_relation(key, d),
                None => unknown(format!("`{address}` is not declared in the configuration")),
            },
            WhoKind::Service(_) | WhoKind::Other(_) => AccountRelation::Another,
            WhoKind::Unknown(what) => unknown(format!("the principal `{what}` is not known")),
        }
    }

    /// A declared principal is in the key's account when both accounts
    /// are known and equal, or when both are created through one provider
    /// configuration: one configuration is one account, whichever it is.
    fn declared_relation(&self, key: &KeyDecl, d: &PrincipalDecl) -> AccountRelation {
        match self.same_account(Place::of_key(key), Place::of_decl(d)) {
            Some(true) => AccountRelation::KeysOwn,
            Some(false) => AccountRelation::Another,
            None => AccountRelation::Unknown {
                why: configurations_unplaced(
                    d.configuration.as_deref(),
                    key.configuration.as_deref(),
                ),
                cause: None,
            },
        }
    }

    fn bypass_flag(&self, key: &KeyDecl) -> Flag {
        let flags = std::iter::once(key.bypass_lockout_check).chain(
            self.resources
                .key_policies
                .iter()
                .filter(|kp| kp.key == KeyTarget::Key(key.address.clone()))
                .map(|kp| kp.bypass_lockout_check),
        );
        flags.fold(Flag::Unset, |acc, f| match (acc, f) {
            (Flag::True, _) | (_, Flag::True) => Flag::True,
            (Flag::Unknown, _) | (_, Flag::Unknown) => Flag::Unknown,
            (Flag::False, _) | (_, Flag::False) => Flag::False,
            _ => Flag::Unset,
        })
    }

    fn key_policy(&self, key: &KeyDecl) -> (KeyPolicy, Vec<&'a Document>) {
        if key.named_only {
            return (KeyPolicy::NamedOnly, Vec::new());
        }
        if key.data {
            return (KeyPolicy::NotInTree, Vec::new());
        }
        let mut docs: Vec<&Document> = Vec::new();
        if let Some(d) = self
            .by_address
            .get(format!("{}.policy", key.address).as_str())
        {
            docs.push(d);
        }
        let mut unknown = None;
        for kp in &self.resources.key_policies {
            match &kp.key {
                KeyTarget::Key(k) if *k == key.address => {
                    if let Some(d) = self.by_address.get(kp.document.as_str()) {
                        docs.push(d);
                    }
                }
                KeyTarget::Key(_) => {}
                KeyTarget::Unknown(why) => {
                    unknown = Some(format!(
                        "`{}` may set this key's policy: its `key_id` is {why}",
                        kp.document.trim_end_matches(".policy")
                    ))
                }
            }
        }
        if let Some(why) = unknown {
            return (KeyPolicy::Unknown(why), docs);
        }
        if docs.is_empty() {
            if key.has_policy_argument {
                return (
                    KeyPolicy::Unknown("its `policy` could not be read".into()),
                    docs,
                );
            }
            return (KeyPolicy::Default, docs);
        }
        let names = docs.iter().map(|d| (d.address.clone(), d.span)).collect();
        (KeyPolicy::Documents(names), docs)
    }

    fn key_statements(&self, docs: &[&'a Document], key: &str) -> Vec<KeyStatement<'a>> {
        let mut out = Vec::new();
        for doc in docs {
            for st in self.statements_of(doc) {
                let actions = key_actions(st);
                if actions.as_ref().is_some_and(|a| a.is_empty()) {
                    continue;
                }
                // A key policy is the key's own: a key ARN in it that is not
                // a reference may be this key's (imported, or read), so
                // only a statement naming no key at all is left out.
                let reach = match reaches(st, key, &[], self.accounts) {
                    Reach::No if names_some_key(st) => {
                        Reach::Maybe("its `Resource` names a key by ARN".into(), st.head, None)
                    }
                    Reach::No => continue,
                    r => r,
                };
                let who = st
                    .principals
                    .iter()
                    .flat_map(|p| {
                        let ty = p.r#type.known().map(|s| s.into_owned());
                        identifiers(&p.identifiers)
                            .into_iter()
                            .map(move |i| {
                                (self.who_of_principal(ty.as_deref(), i), i.source_span())
                            })
                            .collect::<Vec<_>>()
                    })
                    .chain(st.not_principals.iter().map(|p| {
                        let who = Who::new(
                            "everyone but the `NotPrincipal` principals",
                            WhoKind::Unknown("NotPrincipal".into()),
                        );
                        (who, p.span)
                    }))
                    .collect();
                out.push(KeyStatement {
                    doc,
                    st,
                    actions,
                    who,
                    uncertain: match reach {
                        Reach::Maybe(why, ..) => Some(why),
                        _ => None,
                    },
                });
            }
        }
        out
    }

    fn who_of_principal(&self, ty: Option<&str>, item: &Item) -> Who {
        let display = match resource_of(&item.value) {
            Some((object, _)) => object,
            None => crate::resources::describe(&item.value),
        };
        let kind = match ty {
            Some("AWS") => self.aws_principal(item),
            Some("Service") => WhoKind::Service(display.clone()),
            Some(other) => WhoKind::Other(format!("{other} {display}")),
            None => WhoKind::Unknown(crate::resources::describe(&item.value)),
        };
        let display = match &kind {
            WhoKind::Everyone => "anyone (`*`)".to_string(),
            WhoKind::Account(Account::Own) => "this account".to_string(),
            WhoKind::Account(Account::Id(id)) => format!("account {id}"),
            // `arn:aws:iam::${...}:root` is shown as written.
            WhoKind::Account(Account::Unknown) if item.known().is_some() => {
                format!("account of `{display}`")
            }
            _ => display,
        };
        // An unknown principal, or one whose account part is unknown: the
        // first value that stopped evaluation says what to supply.
        let unknown = match &kind {
            WhoKind::Unknown(_)
            | WhoKind::Account(Account::Unknown)
            | WhoKind::Arn {
                account: Account::Unknown,
                ..
            } => item.value.first_unknown().map(|u| u.cause.clone()),
            _ => None,
        };
        Who {
            display,
            kind,
            unknown,
        }
    }

    fn aws_principal(&self, item: &Item) -> WhoKind {
        if item.known().as_deref() == Some("*") {
            return WhoKind::Everyone;
        }
        if let Some((object, _)) = resource_of(&item.value) {
            return match self.declared(&object) {
                Some(d) => declared_kind(d),
                None => WhoKind::Unknown(object),
            };
        }
        let account = match arn::principal_account(&item.value) {
            PrincipalAccount::Id(id) => Account::Id(id),
            PrincipalAccount::Own => Account::Own,
            _ => Account::Unknown,
        };
        let Some(text) = item.known() else {
            // `arn:aws:iam::${...}:root` is an account, whether its ID is
            // known or not: what is said of account principals applies.
            let shown = crate::resources::describe(&item.value);
            if shown.ends_with(":root") {
                return WhoKind::Account(account);
            }
            return WhoKind::Unknown(shown);
        };
        if arn::is_account_id(&text) || text.ends_with(":root") {
            return WhoKind::Account(account);
        }
        let kind = if text.contains(":role/") {
            Some(PrincipalKind::Role)
        } else if text.contains(":user/") {
            Some(PrincipalKind::User)
        } else {
            None
        };
        let name = name_of_arn(&text);
        let declared = kind.and_then(|k| {
            self.resources
                .principals
                .iter()
                .find(|p| p.kind == k && p.name.as_deref() == Some(name))
        });
        match declared {
            // A literal ARN naming a role the tree declares, in the tree's
            // own account or one that cannot be told apart from it.
            Some(d) if self.accounts.is_own(&account) != Some(false) => declared_kind(d),
            _ => WhoKind::Arn {
                arn: text.into_owned(),
                account,
            },
        }
    }

    fn declared(&self, address: &str) -> Option<&'a PrincipalDecl> {
        self.declared.get(address).copied()
    }

    fn resolve_attachments(&mut self) {
        for att in &self.resources.attachments {
            let PolicyRef::Document(address) = &att.policy else {
                continue;
            };
            let Some(doc) = self.by_address.get(address.as_str()).copied() else {
                continue;
            };
            if doc.is_key_policy || doc.only_limits {
                continue;
            }
            let mut who = self.who_of_attached(att);
            // An empty name (a variable defaulting to "") names no one a
            // reader could recognize: say which resource names it.
            if let PrincipalRef::Named(kind, name) = &att.principal
                && name.is_empty()
            {
                who.display = format!(
                    "{} named by `{}` (its name is empty)",
                    kind.as_str(),
                    att.by
                );
            }
            let denies = doc
                .statements
                .iter()
                .filter(|st| st.effect() == Some(Effect::Deny))
                .map(|st| (doc, st));
            self.denies
                .entry(who.display.clone())
                .or_default()
                .extend(denies);
            // A principal that could not be evaluated is shown where its
            // value is used, as the notes of unknown values are.
            let at = match &att.principal {
                PrincipalRef::Unknown(_, Some((_, used_at))) => *used_at,
                _ => att.span,
            };
            self.attached.push((doc, who, at));
        }
    }

    /// A document's statements and, for `tfkms access`, those that may be
    /// in it: its own and those of the policy documents it was built from
    /// (statements of a `dynamic` block whose `for_each` is unknown). The
    /// rules leave those out: the scan reports the `for_each` as unknown.
    fn statements_of(&self, doc: &'a Document) -> Vec<&'a Statement> {
        let mut out: Vec<&Statement> = doc.statements.iter().collect();
        if self.detail == Detail::Full {
            out.extend(&doc.possible_statements);
            for (_, address) in &doc.built_from {
                if let Some(source) = self.by_address.get(address.as_str()) {
                    out.extend(&source.possible_statements);
                }
            }
        }
        out
    }

    /// Whether an account is the key's own: the account its provider
    /// configuration places it in, when known; else as the tree's own
    /// accounts say. Another of the tree's accounts is still another
    /// account than the key's.
    fn is_keys_account(&self, key: &KeyDecl, account: &Account) -> Option<bool> {
        let placed = Place::of_account(account)
            .and_then(|place| self.same_account(Place::of_key(key), place));
        placed.or_else(|| match account {
            // Whoever runs the tree: the tree's own account.
            Account::Own => self.accounts.is_own(account),
            // An account `own_accounts` does not list is no account of the
            // team's, so not the key's; one it lists may be.
            Account::Id(_) if self.accounts.listed => {
                self.accounts.is_own(account).filter(|own| !own)
            }
            _ => None,
        })
    }

    fn key_policy_path(
        &self,
        key: &KeyDecl,
        ks: &KeyStatement,
        who: Who,
        span: Span,
    ) -> AccessPath {
        let document = ks.doc.address.clone();
        let statement = ks.st.name();
        let via = match &who.kind {
            // Whether an account not known delegates to the key's own
            // account's IAM policies or opens the key to another cannot be
            // told: the statement names it, as far as tfkms knows.
            WhoKind::Account(a) if *a != Account::Unknown => match self.is_keys_account(key, a) {
                Some(false) => Via::CrossAccount {
                    document,
                    statement,
                },
                own => Via::AccountDelegation {
                    document,
                    statement,
                    own_known: own == Some(true),
                },
            },
            _ => Via::KeyPolicy {
                document,
                statement,
            },
        };
        let mut path = AccessPath {
            certainty: Certainty::Allowed,
            actions: names(ks.actions.as_deref().unwrap_or(&[])),
            actions_known: ks.actions.is_some(),
            grant_at: create_grant_at(ks.st),
            unknown: None,
            conditions: conditions(ks.st),
            guards: Vec::new(),
            steps: vec![
                (span, "the principal".into()),
                (
                    ks.st.head,
                    format!("key policy statement `{}`", ks.st.name()),
                ),
            ],
            via,
            who,
        };
        settle(&mut path, ks.st, ks.actions.is_none());
        match &path.who.kind {
            WhoKind::Unknown(what) => {
                let why = format!("the principal `{what}` is not known");
                demote(&mut path, why);
            }
            WhoKind::Account(Account::Unknown) => {
                let why = format!("the account of `{}` is not known", path.who.display);
                demote(&mut path, why);
            }
            _ => {}
        }
        if let Some(why) = &ks.uncertain {
            demote(&mut path, why.clone());
        }
        path
    }

    /// Identity policies of the tree that allow actions on the key, each
    /// with the key policy statement that lets it work, or none.
    fn identity_paths(
        &self,
        key: &KeyDecl,
        key_policy: &KeyPolicyView,
        aliases: &[String],
        out: &mut Vec<AccessPath>,
    ) {
        for (doc, who, attached_at) in &self.attached {
            for st in self.statements_of(doc) {
                // Most statements are about other services: the memoized
                // action list rules them out before any resource is read.
                let actions = key_actions(st);
                if st.effect() != Some(Effect::Allow)
                    || actions.as_ref().is_some_and(|a| a.is_empty())
                {
                    continue;
                }
                // The rules read identity statements naming the key, and
                // those that let a principal change key policies, or may
                // (actions not known), which TFKMS018 needs wherever they
                // reach the key (`*`, `key/*`).
                let may_change_policy = actions.as_deref().is_none_or(changes_key_policy);
                let for_rules = names_by_reference(st, &key.address) || may_change_policy;
                if self.detail == Detail::Rules && !for_rules {
                    continue;
                }
                let reach = reaches(st, &key.address, aliases, self.accounts);
                // A statement that may reach the key, and would let its
                // principal change the key policy, is a "may" TFKMS018
                // must hold its finding back for.
                let wanted = match &reach {
                    Reach::Yes { .. } => true,
                    Reach::Maybe(..) => self.detail == Detail::Full || may_change_policy,
                    Reach::No => self.detail == Detail::Full,
                };
                if !wanted {
                    continue;
                }
                let Reach::Yes {
                    resource,
                    by_reference,
                } = reach.clone()
                else {
                    if let Reach::Maybe(why, resource, unknown) = reach {
                        let mut path =
                            self.maybe_identity_path(doc, st, who.clone(), why, resource);
                        path.unknown = unknown.or_else(|| actions_cause(st));
                        // It works only where the key policy lets it.
                        self.delegate(path, (st, actions.as_deref()), key, key_policy, out);
                    }
                    continue;
                };
                let mut path = AccessPath {
                    who: who.clone(),
                    actions: names(actions.as_deref().unwrap_or(&[])),
                    via: Via::IdentityPolicy {
                        key_statement: None,
                        document: doc.address.clone(),
                        statement: st.name(),
                        resource,
                        by_reference,
                        head: st.head,
                        document_span: doc.span,
                    },
                    certainty: Certainty::Allowed,
                    grant_at: create_grant_at(st),
                    actions_known: actions.is_some(),
                    unknown: actions_cause(st),
                    conditions: conditions(st),
                    guards: self.principal_guards(who, &key.address),
                    steps: vec![
                        (*attached_at, format!("attaches `{}`", doc.address)),
                        (
                            st.head,
                            format!("identity policy statement `{}`", st.name()),
                        ),
                    ],
                };
                settle(&mut path, st, actions.is_none());
                self.delegate(path, (st, actions.as_deref()), key, key_policy, out);
            }
        }
    }

    fn maybe_identity_path(
        &self,
        doc: &Document,
        st: &Statement,
        who: Who,
        why: String,
        resource: Span,
    ) -> AccessPath {
        let actions = key_actions(st);
        AccessPath {
            who,
            actions: names(actions.as_deref().unwrap_or(&[])),
            via: Via::IdentityPolicy {
                key_statement: None,
                document: doc.address.clone(),
                statement: st.name(),
                resource,
                by_reference: false,
                head: st.head,
                document_span: doc.span,
            },
            certainty: Certainty::May(why),
            grant_at: None,
            actions_known: actions.is_some(),
            unknown: None,
            conditions: conditions(st),
            guards: Vec::new(),
            steps: vec![(
                st.head,
                format!("identity policy statement `{}`", st.name()),
            )],
        }
    }

    /// Adds an identity statement's path as the key policy lets it work:
    /// one path per key policy statement that does, and the actions none
    /// enables, those the statement names exactly, as a blocked path.
    fn delegate(
        &self,
        path: AccessPath,
        (st, actions): (&Statement, Option<&[&'static KmsAction]>),
        key: &KeyDecl,
        key_policy: &KeyPolicyView,
        out: &mut Vec<AccessPath>,
    ) {
        let delegated = self.delegation(path, key, key_policy, actions);
        out.extend(delegated.paths);
        out.extend(
            delegated
                .not_enabled
                .and_then(|p| keep_named_literally(p, st)),
        );
    }

    /// Decides whether the key policy lets an identity policy work: the
    /// path through each key policy statement that allows the principal
    /// (or enables IAM policies for its account) some of its actions, with
    /// those actions and that statement's conditions. When it does for
    /// some of the actions only, and every statement covering the
    /// principal is known, also the path of the others: blocked, as the
    /// key policy enables them nowhere.
    fn delegation(
        &self,
        mut path: AccessPath,
        key: &KeyDecl,
        key_policy: &KeyPolicyView,
        actions: Option<&[&'static KmsAction]>,
    ) -> Delegated {
        match key_policy.policy {
            KeyPolicy::Default => {
                path.steps.push((key.span, DEFAULT_POLICY_STEP.into()));
                return Delegated::alone(path);
            }
            KeyPolicy::NotInTree | KeyPolicy::NamedOnly => {
                demote(
                    &mut path,
                    "the key policy is not in the scanned files".into(),
                );
                return Delegated::alone(path);
            }
            KeyPolicy::Unknown(why) => {
                demote(&mut path, why.clone());
                return Delegated::alone(path);
            }
            KeyPolicy::Documents(_) => {}
        }
        let statements = key_policy.statements;
        let coverage = self.coverage(statements, &path.who, actions);
        if coverage.statements.is_empty() {
            match coverage
                .maybe
                .or_else(|| key_policy.partly_known.map(str::to_string))
            {
                Some(why) => demote(&mut path, why),
                None => {
                    path.certainty = Certainty::Blocked(Blocked::NoKeyPolicyDelegation {
                        for_other_actions: coverage.for_other_actions,
                    })
                }
            }
            return Delegated::alone(path);
        }
        let not_enabled = match (
            &coverage.maybe,
            key_policy.partly_known,
            actions,
            &coverage.enabled,
        ) {
            (None, None, Some(a), Some(enabled)) => {
                let rest = without(a, enabled);
                (!rest.is_empty())
                    .then(|| not_enabled_path(&path, &rest, coverage.covering.clone()))
            }
            _ => None,
        };
        let paths = coverage
            .statements
            .iter()
            .map(|ks| through_statement(path.clone(), ks, actions))
            .collect();
        Delegated { paths, not_enabled }
    }

    /// The key policy statements that cover an identity path's principal:
    /// those allowing it some of the path's actions, those allowing it
    /// other actions only, and why one may, when that cannot be told.
    fn coverage<'k>(
        &self,
        statements: &'k [KeyStatement<'a>],
        who: &Who,
        actions: Option<&[&'static KmsAction]>,
    ) -> Coverage<'k, 'a> {
        let mut coverage = Coverage {
            statements: Vec::new(),
            for_other_actions: Vec::new(),
            covering: Vec::new(),
            enabled: Some(Vec::new()),
            maybe: None,
        };
        for ks in statements
            .iter()
            .filter(|s| s.st.effect() != Some(Effect::Deny))
        {
            if ks.st.effect().is_none() {
                coverage.maybe = Some(format!(
                    "the effect of key policy statement `{}` is unknown",
                    ks.st.name()
                ));
                continue;
            }
            let overlap = match (ks.actions.as_deref(), actions) {
                (Some(a), Some(b)) => a.iter().any(|x| b.iter().any(|y| std::ptr::eq(*x, *y))),
                _ => true,
            };
            for (principal, _) in &ks.who {
                match self.covers(principal, who) {
                    Some(true) if !overlap => {
                        if ks.uncertain.is_none() {
                            push_once(&mut coverage.for_other_actions, ks);
                            push_once(&mut coverage.covering, ks);
                        }
                    }
                    Some(true) if ks.uncertain.is_some() => {
                        coverage.maybe = ks.uncertain.clone();
                    }
                    Some(true) => coverage.add(ks),
                    Some(false) => {}
                    None if !overlap => {}
                    None => {
                        coverage.maybe = Some(format!(
                            "cannot tell whether key policy principal `{}` is this principal or its account",
                            principal.display
                        ))
                    }
                }
            }
        }
        coverage
    }

    /// Whether a key policy principal lets `target` use IAM policies (its
    /// account) or names it. `None` when it cannot be told.
    fn covers(&self, principal: &Who, target: &Who) -> Option<bool> {
        match (&principal.kind, &target.kind) {
            (WhoKind::Everyone, _) => Some(true),
            (WhoKind::Unknown(_), _) | (_, WhoKind::Unknown(_)) => None,
            (WhoKind::Service(_) | WhoKind::Other(_), _) => Some(false),
            // A principal of the tree is in its provider's account, when
            // that is known, else in one of the tree's accounts.
            (WhoKind::Account(a), WhoKind::Declared { address, .. }) => {
                let d = self.declared(address)?;
                match Place::of_account(a) {
                    Some(named) => self.same_account(named, Place::of_decl(d)),
                    None => self.accounts.is_own(a),
                }
            }
            (WhoKind::Account(a), WhoKind::Arn { account, .. }) => {
                match (Place::of_account(a), Place::of_account(account)) {
                    (Some(x), Some(y)) => self.same_account(x, y),
                    _ if *a == Account::Own && *account == Account::Own => Some(true),
                    (_, None) if *account == Account::Own => self.accounts.is_own(a),
                    (None, _) if *a == Account::Own => self.accounts.is_own(account),
                    _ => None,
                }
            }
            (WhoKind::Declared { address: a, .. }, WhoKind::Declared { address: b, .. }) => {
                Some(a == b)
            }
            (WhoKind::Arn { arn, .. }, WhoKind::Declared { name, .. }) => {
                name.as_ref().map(|n| name_of_arn(arn) == n)
            }
            (WhoKind::Arn { arn: a, .. }, WhoKind::Arn { arn: b, .. }) => Some(a == b),
            _ => Some(false),
        }
    }

    /// The principal a policy is attached to. One named by a plain string
    /// is of the account the attaching resource is created in: a declared
    /// principal of that name is it only where it may be in that account.
    pub(super) fn who_of_attached(&self, att: &Attachment) -> Who {
        match &att.principal {
            PrincipalRef::Declared(address) => match self.declared(address) {
                Some(d) => Who::new(d.address.clone(), declared_kind(d)),
                None => Who::new(address.clone(), WhoKind::Unknown(address.clone())),
            },
            PrincipalRef::Named(kind, written) => {
                let name = name_of_arn(written);
                let account = arn_account(written).unwrap_or_else(|| match &att.account {
                    Some(id) => Account::Id(id.clone()),
                    None => att
                        .configuration
                        .clone()
                        .map_or(Account::Unknown, Account::OfConfiguration),
                });
                let d = self.resources.principals.iter().find(|p| {
                    p.kind == *kind
                        && p.name.as_deref() == Some(name)
                        && Place::of_account(&account)
                            .and_then(|at| self.same_account(at, Place::of_decl(p)))
                            != Some(false)
                });
                match d {
                    Some(d) => Who::new(d.address.clone(), declared_kind(d)),
                    // Named by an attachment or inline policy resource: it
                    // is in the account its ARN names, or else the account
                    // the tree is applied in.
                    None => Who::new(
                        format!("{} `{name}`", kind.as_str()),
                        WhoKind::Arn {
                            arn: format!("{}/{name}", kind.as_str()),
                            account,
                        },
                    ),
                }
            }
            PrincipalRef::Unknown(expr, stopped) => Who {
                unknown: stopped.as_ref().map(|(cause, _)| cause.clone()),
                ..Who::new(format!("`{expr}`"), WhoKind::Unknown(expr.clone()))
            },
        }
    }

    /// What limits a declared principal: its permissions boundary, and the
    /// Deny statements of the policies attached to it.
    fn principal_guards(&self, who: &Who, key: &str) -> Vec<Guard> {
        let WhoKind::Declared { address, .. } = &who.kind else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(d) = self.declared(address)
            && let Some(b) = &d.boundary
        {
            let text = match b {
                PolicyRef::Document(doc) => {
                    format!("the permissions boundary `{doc}`, which must also allow")
                }
                PolicyRef::Other(arn) => {
                    format!("the permissions boundary `{arn}`, which must also allow")
                }
            };
            out.push(Guard { text, span: d.span });
        }
        for (doc, st) in self.denies.get(&who.display).into_iter().flatten() {
            if !matches!(reaches(st, key, &[], self.accounts), Reach::No) {
                out.push(Guard {
                    text: deny_text(doc, st),
                    span: st.head,
                });
            }
        }
        out
    }

    fn control_policies(&self) -> Vec<Guard> {
        self.documents
            .iter()
            .filter(|d| {
                d.only_limits
                    && matches!(&d.kind, DocumentKind::Argument { resource_type, .. }
                        if resource_type == "aws_organizations_policy")
            })
            .map(|d| Guard {
                text: format!(
                    "control policy `{}` also limits principals of the accounts it is attached to",
                    d.address
                ),
                span: d.span,
            })
            .collect()
    }
}

/// The step of an identity path that the default key policy lets work.
const DEFAULT_POLICY_STEP: &str = "the default key policy enables IAM policies";

/// Whether a document's statements are all there and their effects and
/// actions known, so that no statement can be missed: unknown principals
/// and conditions are kept as such by the paths.
fn statements_known(d: &Document) -> bool {
    d.errors.is_empty()
        && d.unresolved.is_empty()
        && d.statements.iter().all(|st| {
            st.effect().is_some() && st.kms_actions().is_some() && st.branch_note.is_none()
        })
}

/// A principal list's elements; a wholly unknown list (one unknown value
/// standing for the whole `identifiers`) is one unknown principal.
fn identifiers(f: &tfkms_iam::Field) -> Vec<&Item> {
    match f {
        tfkms_iam::Field::Items(items) => items.iter().collect(),
        tfkms_iam::Field::Unknown(item) => vec![item],
        tfkms_iam::Field::Absent => Vec::new(),
    }
}

/// Why the accounts of what two provider configurations create cannot be
/// compared. It names the configurations only, in one order, so that the
/// principals and keys they place share one note: one cause.
fn configurations_unplaced(a: Option<&str>, b: Option<&str>) -> String {
    let mut named = [configuration_text(a), configuration_text(b)];
    named.sort();
    format!(
        "{} and {} do not both name their account, so tfkms cannot tell whether what they create is in one account: name each configuration's account with `allowed_account_ids` or an `assume_role` role ARN",
        named[0], named[1]
    )
}

fn configuration_text(configuration: Option<&str>) -> String {
    match configuration {
        Some(name) => format!("the provider configuration `{name}`"),
        None => "a provider configuration tfkms cannot tell".into(),
    }
}

/// The account a principal ARN names (`arn:aws:iam::111122223333:role/x`);
/// `None` for a name, or an ARN without a literal account.
fn arn_account(written: &str) -> Option<Account> {
    match arn::arn_scope(written) {
        Some((_, _, account)) if arn::is_account_id(account) => {
            Some(Account::Id(account.to_string()))
        }
        _ => None,
    }
}

fn declared_kind(d: &PrincipalDecl) -> WhoKind {
    WhoKind::Declared {
        address: d.address.clone(),
        kind: d.kind,
        name: d.name.clone(),
    }
}

fn demote(path: &mut AccessPath, why: String) {
    if !matches!(path.certainty, Certainty::Blocked(_)) {
        path.certainty = Certainty::May(why);
    }
}

/// Conditions and unknown actions make a path conditional or uncertain; a
/// condition that holds for no request blocks it.
fn settle(path: &mut AccessPath, st: &Statement, actions_unknown: bool) {
    if let Some(c) = st
        .conditions
        .iter()
        .find(|c| empty_values_meaning(c) == Some(EmptyValues::NeverHolds))
    {
        path.certainty = Certainty::Blocked(Blocked::ConditionNeverHolds {
            condition: format!("{} {}", c.test.display(), c.variable.display()),
        });
        return;
    }
    if actions_unknown {
        path.certainty = Certainty::May(format!(
            "the actions of statement `{}` are not all known",
            st.name()
        ));
    } else if let Some(note) = &st.branch_note {
        path.certainty = Certainty::May(format!("statement `{}` is {note}", st.name()));
    } else if !path.conditions.is_empty() {
        path.certainty = Certainty::Conditional;
    }
}

fn deny_text(doc: &Document, st: &Statement) -> String {
    let conds = conditions(st);
    let when = if conds.is_empty() {
        String::new()
    } else {
        format!(" when {}", conds.join(" and "))
    };
    format!(
        "Deny `{}` of `{}` on {}{when}",
        st.name(),
        doc.address,
        match key_actions(st) {
            Some(a) => action_summary(&names(&a)),
            None => "actions not all known".into(),
        }
    )
}

/// A Deny of the key policy: a guard on every path it may cut, or the end
/// of a path it always cuts.
fn apply_deny(path: &mut AccessPath, deny: &KeyStatement) {
    let Some(denied) = deny.actions.as_deref() else {
        path.guards.push(Guard {
            text: deny_text(deny.doc, deny.st),
            span: deny.st.head,
        });
        return;
    };
    let hits: Vec<&str> = path
        .actions
        .iter()
        .copied()
        .filter(|a| denied.iter().any(|d| d.name == *a))
        .collect();
    if hits.is_empty() {
        return;
    }
    let everyone = deny
        .who
        .iter()
        .any(|(w, _)| w.kind == WhoKind::Everyone || w.kind == path.who.kind);
    let unconditional = deny.st.conditions.is_empty() && deny.st.branch_note.is_none();
    if !(everyone && unconditional) {
        path.guards.push(Guard {
            text: deny_text(deny.doc, deny.st),
            span: deny.st.head,
        });
        return;
    }
    if hits.len() == path.actions.len() {
        path.certainty = Certainty::Blocked(Blocked::Denied {
            statement: deny.st.name(),
            document: deny.doc.address.clone(),
        });
        return;
    }
    // An explicit Deny always wins: what it names is no longer allowed.
    path.actions.retain(|a| !hits.contains(a));
    path.guards.push(Guard {
        text: format!(
            "Deny `{}` of `{}`, which takes away {}",
            deny.st.name(),
            deny.doc.address,
            action_summary(&hits)
        ),
        span: deny.st.head,
    });
}

fn grant_path(g: &Grant, key: &str, who_of: impl Fn(&Item) -> Who) -> Option<AccessPath> {
    let target = g.key_id.as_ref()?;
    if grant_key_name(target) != key {
        return None;
    }
    let who = match &g.grantee_principal {
        Some(i) => who_of(i),
        None => Who::new("no grantee", WhoKind::Unknown("grantee_principal".into())),
    };
    let mut certainty = Certainty::Allowed;
    let mut actions = Vec::new();
    match g.operations.known_strings() {
        Some(ops) => {
            for op in ops {
                if let Some(a) = tfkms_iam::actions::find(&op) {
                    actions.push(a);
                }
            }
        }
        None => certainty = Certainty::May("the grant's operations are not all known".into()),
    }
    let mut conds = Vec::new();
    for c in &g.constraints {
        if c.dynamic {
            conds.push("constraints from a `dynamic` block".to_string());
        }
        if let Some(i) = &c.encryption_context_equals {
            conds.push(format!("encryption context equals {}", i.display()));
        }
        if let Some(i) = &c.encryption_context_subset {
            conds.push(format!("encryption context includes {}", i.display()));
        }
    }
    if !conds.is_empty() && certainty == Certainty::Allowed {
        certainty = Certainty::Conditional;
    }
    let mut steps = vec![(g.span, format!("grant `{}`", g.address))];
    if let Some(i) = &g.grantee_principal {
        steps.push((i.source_span(), "the grantee".into()));
    }
    Some(AccessPath {
        who,
        actions: names(&actions),
        via: Via::Grant {
            address: g.address.clone(),
        },
        certainty,
        conditions: conds,
        guards: Vec::new(),
        steps,
        grant_at: None,
        actions_known: true,
        unknown: None,
    })
}

/// Whether a statement's `Resource` reaches a key.
#[derive(Clone, Debug, PartialEq)]
enum Reach {
    No,
    /// Where, and whether by a reference to the key itself.
    Yes {
        resource: Span,
        by_reference: bool,
    },
    /// Cannot be told: why, where, and the value that stopped evaluation
    /// when one did.
    Maybe(String, Span, Option<Arc<Cause>>),
}

/// Resource matching: the key by reference, `*`, a `key/*` pattern, or an
/// alias condition matching one of the key's aliases (`aliases`, those of
/// the tree). A literal key ARN names a key the tree did not create (a
/// created key's ID is known only after apply).
fn reaches(st: &Statement, key: &str, aliases: &[String], accounts: &Accounts) -> Reach {
    let items = match &st.resources {
        tfkms_iam::Field::Absent => {
            // A key policy's statements need `Resource`; `NotResource` or
            // none: cannot tell.
            return Reach::Maybe("the statement has no `Resource`".into(), st.head, None);
        }
        tfkms_iam::Field::Unknown(i) => {
            return Reach::Maybe(
                format!("`Resource` is {}", i.describe()),
                i.source_span(),
                cause_of(i),
            );
        }
        tfkms_iam::Field::Items(items) => items,
    };
    let mut maybe = None;
    for item in items {
        // A key known only by its ARN is named by that ARN.
        if item.value.as_known_str().as_deref() == Some(key) {
            return Reach::Yes {
                resource: item.source_span(),
                by_reference: false,
            };
        }
        if let Some(k) = key_of(&item.value) {
            if k == key {
                return Reach::Yes {
                    resource: item.source_span(),
                    by_reference: true,
                };
            }
            continue;
        }
        match arn::classify(&item.value) {
            KmsResource::Any | KmsResource::KeyArn if is_wildcard_key(item) => {
                if names_another_account(item, accounts) {
                    continue;
                }
                return match alias_gate(st, aliases) {
                    AliasGate::Open => Reach::Yes {
                        resource: item.source_span(),
                        by_reference: false,
                    },
                    AliasGate::Closed => Reach::No,
                };
            }
            KmsResource::Unknown => {
                maybe = Some(Reach::Maybe(
                    format!("`Resource` {} is not known", item.describe()),
                    item.source_span(),
                    cause_of(item),
                ))
            }
            _ => {}
        }
    }
    maybe.unwrap_or(Reach::No)
}

/// What stopped the evaluation of a statement's actions, when a value did.
fn actions_cause(st: &Statement) -> Option<Arc<Cause>> {
    [&st.actions, &st.not_actions]
        .into_iter()
        .find_map(|field| match field {
            Field::Unknown(item) => cause_of(item),
            Field::Items(items) => items.iter().find_map(cause_of),
            Field::Absent => None,
        })
}

/// What stopped the evaluation of an item, when a value did.
fn cause_of(item: &Item) -> Option<Arc<Cause>> {
    item.value.first_unknown().map(|u| u.cause.clone())
}

/// An identity path through one key policy statement that lets it work:
/// the actions both allow, under both's conditions.
fn through_statement(
    mut path: AccessPath,
    ks: &KeyStatement,
    actions: Option<&[&'static KmsAction]>,
) -> AccessPath {
    if let Via::IdentityPolicy { key_statement, .. } = &mut path.via {
        *key_statement = Some((ks.doc.address.clone(), ks.st.name()));
    }
    if let (Some(a), Some(k)) = (actions, ks.actions.as_deref()) {
        let both: Vec<&'static KmsAction> = a
            .iter()
            .copied()
            .filter(|x| k.iter().any(|y| std::ptr::eq(*x, *y)))
            .collect();
        path.narrow_to(names(&both));
    }
    path.conditions.extend(conditions(ks.st));
    if !path.conditions.is_empty() && path.certainty == Certainty::Allowed {
        path.certainty = Certainty::Conditional;
    }
    path.steps.push((
        ks.st.head,
        format!("key policy statement `{}`", ks.st.name()),
    ));
    path
}

/// The actions of `all` that are not in `taken`.
fn without(all: &[&'static KmsAction], taken: &[&'static KmsAction]) -> Vec<&'static KmsAction> {
    all.iter()
        .copied()
        .filter(|a| !taken.iter().any(|t| std::ptr::eq(*a, *t)))
        .collect()
}

/// An identity path's actions that no key policy statement covering its
/// principal allows: they have no effect on the key, whatever the others
/// do. `covering` are those statements, which allow other actions only.
fn not_enabled_path(
    path: &AccessPath,
    actions: &[&'static KmsAction],
    covering: Vec<(String, Span)>,
) -> AccessPath {
    let mut rest = path.clone();
    rest.narrow_to(names(actions));
    rest.certainty = Certainty::Blocked(Blocked::NoKeyPolicyDelegation {
        for_other_actions: covering,
    });
    rest
}

/// Narrows a path of actions the key policy does not enable to those the
/// identity statement names exactly. An action reached only through a
/// wildcard (`kms:*`, `kms:Get*`) or `NotAction` is the usual
/// least-privilege pattern, where the key policy deliberately enables a
/// few: not a mistake worth a path of its own. `None` when none is left.
fn keep_named_literally(mut path: AccessPath, st: &Statement) -> Option<AccessPath> {
    let literal = literal_actions(st);
    let kept = (path.actions.iter().copied())
        .filter(|a| literal.iter().any(|l| l.name == *a))
        .collect();
    path.narrow_to(kept);
    (!path.actions.is_empty()).then_some(path)
}

/// The KMS actions a statement's `Action` names by their exact name
/// (`kms:Decrypt`, in any case), without a wildcard.
fn literal_actions(st: &Statement) -> Vec<&'static KmsAction> {
    st.actions
        .items()
        .iter()
        .filter_map(|i| i.known())
        .filter(|a| !glob::has_wildcard(a))
        .filter(|a| a.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("kms:")))
        .filter_map(|a| tfkms_iam::actions::find(&a))
        .collect()
}

/// Whether the actions include `kms:PutKeyPolicy`: whoever may call it
/// controls the key.
fn changes_key_policy(actions: &[&'static KmsAction]) -> bool {
    actions.iter().any(|a| a.name == "PutKeyPolicy")
}

/// Whether a statement's `Resource` names the key by a reference to it.
fn names_by_reference(st: &Statement, key: &str) -> bool {
    st.resources
        .items()
        .iter()
        .any(|i| key_of(&i.value).is_some_and(|k| k == key))
}

/// Whether a statement's `Resource` names a key by a literal key ARN.
fn names_some_key(st: &Statement) -> bool {
    st.resources
        .items()
        .iter()
        .any(|i| arn::classify(&i.value) == KmsResource::KeyArn)
}

/// A key ARN pattern of an account known not to be the tree's.
fn names_another_account(item: &Item, accounts: &Accounts) -> bool {
    let Some(s) = item.known() else {
        return false;
    };
    match arn::arn_scope(&s) {
        Some((_, _, account)) if arn::is_account_id(account) => {
            accounts.is_own(&Account::Id(account.to_string())) == Some(false)
        }
        _ => false,
    }
}

/// `*`, or a key ARN pattern whose key part is a wildcard (`key/*`).
fn is_wildcard_key(item: &Item) -> bool {
    match item.known() {
        Some(s) => s == "*" || s.ends_with(":*") || s.ends_with("key/*"),
        None => {
            let shown = crate::resources::describe(&item.value);
            shown.ends_with("key/*") || shown.ends_with(":*")
        }
    }
}

enum AliasGate {
    Open,
    Closed,
}

/// A statement selecting keys by alias reaches a key only when one of its
/// aliases in the tree matches; any other kind of condition is kept as a
/// condition.
fn alias_gate(st: &Statement, aliases: &[String]) -> AliasGate {
    for c in &st.conditions {
        let (Some(test), Some(var)) = (c.test.known(), c.variable.known()) else {
            continue;
        };
        let var = var.to_ascii_lowercase();
        if var != "kms:requestalias" && var != "kms:resourcealiases" {
            continue;
        }
        let lower = test.to_ascii_lowercase();
        if lower.contains("not") {
            continue;
        }
        let Some(values) = c.values.known_strings() else {
            continue;
        };
        let like = lower.contains("like");
        let hit = aliases.iter().any(|a| {
            values.iter().any(|v| {
                if like {
                    glob::matches(v, a, false)
                } else {
                    v == a
                }
            })
        });
        if !hit {
            return AliasGate::Closed;
        }
    }
    AliasGate::Open
}

/// Where a statement allows `kms:CreateGrant`: the first action naming
/// it, or the statement itself when `NotAction` leaves it in.
fn create_grant_at(st: &Statement) -> Option<Span> {
    let actions = st.kms_actions()?;
    if !actions.iter().any(|a| a.name == "CreateGrant") {
        return None;
    }
    let named = st.actions.items().iter().find(|i| {
        i.known()
            .is_some_and(|a| glob::matches(&a, "kms:CreateGrant", true))
    });
    Some(named.map_or(st.head, |i| i.source_span()))
}

/// The statement's KMS actions that act on a key; `None` when unknown.
fn key_actions(st: &Statement) -> Option<Vec<&'static KmsAction>> {
    Some(
        st.kms_actions()?
            .iter()
            .copied()
            .filter(|a| a.resources != ResourceTypes::None)
            .collect(),
    )
}

fn names(actions: &[&'static KmsAction]) -> Vec<&'static str> {
    KMS_ACTIONS
        .iter()
        .filter(|a| actions.iter().any(|b| std::ptr::eq(*a, *b)))
        .map(|a| a.name)
        .collect()
}

/// Actions for a message: `kms:*` when all, `kms:* except ...` when all
/// but a few, else the names.
pub fn action_summary(actions: &[&str]) -> String {
    let key_actions = || {
        KMS_ACTIONS
            .iter()
            .filter(|a| a.resources != ResourceTypes::None)
    };
    let missing: Vec<String> = key_actions()
        .filter(|a| !actions.contains(&a.name))
        .map(|a| format!("kms:{}", a.name))
        .collect();
    if missing.is_empty() {
        return "kms:* (every key action)".into();
    }
    if actions.is_empty() {
        return "no known action".into();
    }
    if missing.len() <= 3 && actions.len() > 10 {
        return format!("kms:* except {}", missing.join(", "));
    }
    actions
        .iter()
        .map(|a| format!("kms:{a}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The statement's conditions as written: `StringEquals kms:ViaService =
/// s3.eu-west-1.amazonaws.com`.
fn conditions(st: &Statement) -> Vec<String> {
    st.conditions
        .iter()
        .map(|c| {
            let values: Vec<String> = match &c.values {
                tfkms_iam::Field::Items(v) => v.iter().map(|i| i.display()).collect(),
                tfkms_iam::Field::Unknown(i) => vec![i.display()],
                tfkms_iam::Field::Absent => Vec::new(),
            };
            let key = c.variable.display();
            let values = match empty_values_meaning(c) {
                None => values.join(" | "),
                Some(EmptyValues::NeverHolds) => "(no value: holds for no request)".into(),
                Some(EmptyValues::AlwaysHolds) => "(no value: holds for every request)".into(),
                Some(EmptyValues::OnlyWithoutKey) => {
                    format!("(no value: holds only when the request has no `{key}`)")
                }
            };
            format!("{} {key} = {values}", c.test.display())
        })
        .collect()
}

/// What a condition listing no value means, per IAM's condition
/// evaluation (IAM User Guide, "IAM JSON policy elements: Condition
/// operators" and "Set operators for multivalued context keys"): a request
/// value matches an operator when it matches one of the listed values, a
/// negated operator when it matches none, `...IfExists` holds when the key
/// is absent, `ForAllValues` when every request value matches (so when
/// there is none), `ForAnyValue` when one does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EmptyValues {
    NeverHolds,
    AlwaysHolds,
    OnlyWithoutKey,
}

fn empty_values_meaning(c: &tfkms_iam::Condition) -> Option<EmptyValues> {
    let tfkms_iam::Field::Items(values) = &c.values else {
        return None;
    };
    if !values.is_empty() {
        return None;
    }
    let test = c.test.value.as_known_str()?;
    let (set, op) = match test.split_once(':') {
        Some((set, op)) => (Some(set), op),
        None => (None, test.as_ref()),
    };
    let base = op.strip_suffix("IfExists").unwrap_or(op);
    // `Null` tests whether the key is present, not its value.
    if base == "Null" {
        return None;
    }
    let negated = base.contains("Not");
    let if_exists = base.len() != op.len();
    match (set, negated) {
        (Some("ForAllValues"), true) | (None, true) => Some(EmptyValues::AlwaysHolds),
        (Some("ForAllValues"), false) => Some(EmptyValues::OnlyWithoutKey),
        (Some("ForAnyValue"), false) => Some(EmptyValues::NeverHolds),
        (None, false) if if_exists => Some(EmptyValues::OnlyWithoutKey),
        (None, false) => Some(EmptyValues::NeverHolds),
        _ => None,
    }
}

impl AccessPath {
    /// Narrows the path to these actions; the `kms:CreateGrant` it may
    /// point at goes with that action.
    fn narrow_to(&mut self, actions: Vec<&'static str>) {
        self.actions = actions;
        if !self.actions.contains(&"CreateGrant") {
            self.grant_at = None;
        }
    }

    /// The path's label in output: how the principal gets access.
    pub fn how(&self) -> String {
        match &self.via {
            Via::KeyPolicy { statement, .. } => {
                format!("key policy statement `{statement}` (direct)")
            }
            Via::AccountDelegation {
                statement,
                own_known: true,
                ..
            } => format!(
                "key policy statement `{statement}`: enables IAM policies of the key's account"
            ),
            Via::AccountDelegation { statement, .. } => format!(
                "key policy statement `{statement}`: enables IAM policies of that account (the key's own, or another: tfkms cannot tell)"
            ),
            Via::CrossAccount { statement, .. } => format!(
                "key policy statement `{statement}`: another account; its IAM policies (not in the tree) must also allow"
            ),
            Via::IdentityPolicy {
                key_statement,
                document,
                statement,
                ..
            } => {
                let key_side = match (key_statement, &self.certainty) {
                    (Some((_, s)), _) => format!("key policy delegation (statement `{s}`)"),
                    (None, Certainty::Blocked(Blocked::NoKeyPolicyDelegation { .. })) => {
                        "no key policy delegation".into()
                    }
                    // Uncertain for another reason (the identity statement
                    // may not exist): the default policy still delegates.
                    (None, _) if self.steps.iter().any(|(_, l)| l == DEFAULT_POLICY_STEP) => {
                        "default key policy delegation".into()
                    }
                    (None, Certainty::May(_)) => "key policy delegation unknown".into(),
                    (None, _) => "default key policy delegation".into(),
                };
                format!("{key_side} + identity policy `{document}` statement `{statement}`")
            }
            Via::Grant { address } => format!("grant `{address}`"),
            Via::AliasManagement {
                document,
                statement,
                pattern,
                gains,
                trusting_statement,
                ..
            } => {
                let whom = if *gains == self.who.display {
                    "itself".to_string()
                } else {
                    format!("`{gains}`")
                };
                format!(
                    "alias management: statement `{statement}` of `{document}` lets it point an alias matching `{pattern}` at this key, which gives {whom} these actions through statement `{trusting_statement}`"
                )
            }
        }
    }

    /// The kind of path, for machine output.
    pub fn kind(&self) -> &'static str {
        match self.via {
            Via::KeyPolicy { .. } => "key_policy",
            Via::AccountDelegation { .. } => "account_delegation",
            Via::CrossAccount { .. } => "cross_account",
            Via::IdentityPolicy { .. } => "identity_policy",
            Via::Grant { .. } => "grant",
            Via::AliasManagement { .. } => "alias_management",
        }
    }

    pub fn actions_text(&self) -> String {
        action_summary(&self.actions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_the_trees_only_when_it_is_its_one_account() {
        let one = ["111122223333".to_string()];
        let accounts = Accounts {
            own: &one,
            listed: true,
        };
        assert_eq!(accounts.is_own(&Account::Own), Some(true));
        assert_eq!(
            accounts.is_own(&Account::Id("111122223333".into())),
            Some(true)
        );
        assert_eq!(
            accounts.is_own(&Account::Id("444455556666".into())),
            Some(false)
        );
        assert_eq!(accounts.is_own(&Account::Unknown), None);
        let two = ["111122223333".to_string(), "222233334444".to_string()];
        let several = Accounts {
            own: &two,
            listed: true,
        };
        assert_eq!(several.is_own(&Account::Id("111122223333".into())), None);
        assert_eq!(
            several.is_own(&Account::Id("444455556666".into())),
            Some(false)
        );
        let none = Accounts {
            own: &[],
            listed: true,
        };
        assert_eq!(none.is_own(&Account::Id("111122223333".into())), None);
    }

    #[test]
    fn one_pair_of_configurations_is_one_cause_whichever_side_is_the_key() {
        let key_in_aws = configurations_unplaced(Some("aws.ops"), Some("aws"));
        assert_eq!(
            key_in_aws,
            configurations_unplaced(Some("aws"), Some("aws.ops"))
        );
        assert!(key_in_aws.contains("`aws.ops`") && key_in_aws.contains("`aws`"));
        assert_ne!(
            key_in_aws,
            configurations_unplaced(Some("aws.dev"), Some("aws"))
        );
    }

    #[test]
    fn action_summaries_name_all_all_but_a_few_or_each() {
        let all: Vec<&str> = KMS_ACTIONS
            .iter()
            .filter(|a| a.resources != ResourceTypes::None)
            .map(|a| a.name)
            .collect();
        assert_eq!(action_summary(&all), "kms:* (every key action)");
        let but_decrypt: Vec<&str> = all.iter().copied().filter(|a| *a != "Decrypt").collect();
        assert_eq!(action_summary(&but_decrypt), "kms:* except kms:Decrypt");
        assert_eq!(
            action_summary(&["Decrypt", "Encrypt"]),
            "kms:Decrypt, kms:Encrypt"
        );
        assert_eq!(action_summary(&[]), "no known action");
    }
}
