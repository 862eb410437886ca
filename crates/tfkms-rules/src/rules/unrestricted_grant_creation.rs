use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::rules::unresolved_policy_value::{AccountNotKnown, account_not_known};
use crate::support::name_list;
use crate::{Context, Rule};
use std::sync::Arc;
use tfkms_access::{
    AccessModel, AccessPath, Account, AccountRelation, Certainty, KeyAccess, Via, WhoKind,
};
use tfkms_eval::Cause;
use tfkms_syntax::Span;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS018",
    slug: "unrestricted-grant-creation",
    severity: Severity::Warning,
    summary: "A principal may create grants on a key without limits: it can give any principal the key's use, in grants no policy shows",
    docs: r#"## What it does

Finds principals of the key's own account (roles, users, groups and
permission sets of the configuration, principal ARNs of the key's
account, or `*`) that a key policy statement, or an IAM policy naming the
key by reference, allows to call `kms:CreateGrant` (directly, or through
`kms:*`, `kms:Create*`, `*` or `NotAction`) without a condition that
limits the grants:

- `kms:GrantIsForAWSResource`: only AWS services acting for the
  principal (EBS, RDS, ...) create the grants, for their resources;
- `kms:GrantOperations`: the grants carry only the operations listed;
- `kms:GranteePrincipal`: the grants go only to the principals listed;
- `kms:ViaService`: the calls come only through that service, which
  creates grants for its own resources.

A principal that may also call `kms:PutKeyPolicy` on the key is not
reported: it controls the key policy, and can already give anyone any
access to the key; a grant gives it nothing more. This keeps the rule off
every key administrator with `kms:*`.

Principals of other accounts are TFKMS008's (`cross-account-key-policy`),
which reports a key policy letting another account create grants without
`kms:GrantIsForAWSResource`: the two rules never report the same
principal. Paths that depend on an unknown value, or that an unconditional
Deny cancels, are not reported; other conditions are shown in the message,
for each key (an IAM policy's path to a key also holds under the
conditions of that key's statement enabling IAM policies). An IAM
statement that reaches the key only through `*` or `key/*` is not
reported (it reaches every key of the account), but it counts for who
may change the key policy: a principal whose IAM policy allows
`kms:PutKeyPolicy` that way, on a key whose policy enables IAM policies
for its account, is left out. So is one whose IAM statement allowing
`kms:PutKeyPolicy` names a `Resource` that could not be evaluated: it may
be the key, and tfkms does not guess; the `TFKMS010` note of that value
says where evaluation stopped. Likewise, a principal is held back, with a
`TFKMS010` note, when one of its IAM statements on the key has actions
that could not be evaluated (`Action = var.actions`: they may include
`kms:PutKeyPolicy`), or when a policy that may allow `kms:PutKeyPolicy`
on the key is attached to a principal that could not be evaluated
(`role = var.admin_role`: it may be this one).

Which account a principal is in is read as for TFKMS017: a resource is in
the account its provider configuration names, and two resources created
through one configuration are in one account even when it names none.
A principal named by a plain string (`role = "app"`) is in the account of
the resource naming it. Where the principal's account cannot be placed
against the key's (a role created or named through another
configuration, when the two do not both name their account, or a
principal whose value could not be evaluated), tfkms does not guess: it
reports a `TFKMS010` note at the principal instead, once per cause (one
note for the principals of one pair of configurations). So does an IAM policy attached to a principal that could
not be evaluated (`role = var.role_name` without a value): which
principal it is, and so whether it may also change the key policy, is
not known. A literal account tfkms cannot tell from yours is
TFKMS008's note.

## Why is this bad?

With `kms:CreateGrant` a principal can create a grant that gives any
principal, of any account, the key's grant operations: the cryptographic
operations (`kms:Decrypt`, `kms:Encrypt`, `kms:GenerateDataKey*`,
`kms:ReEncrypt*`, `kms:Sign`, `kms:Verify`, `kms:GenerateMac`,
`kms:VerifyMac`, `kms:DeriveSharedSecret`), `kms:DescribeKey`,
`kms:GetPublicKey`, and `kms:CreateGrant` and `kms:RetireGrant`
themselves, so the grantee can pass them on again. Grants need no key
policy or IAM policy change, show in neither, and last until they are
retired or revoked. Only grants created by a grantee are limited to the
creating grant's operations; a principal allowed by a policy is not.

## Example

```hcl
{
  Sid       = "App"
  Effect    = "Allow"
  Principal = { AWS = aws_iam_role.app.arn }
  Action    = ["kms:Decrypt", "kms:CreateGrant"]
  Resource  = "*"
}
```

Use instead: let only AWS services create grants for the role's resources,

```hcl
{
  Sid       = "AppGrantsForResources"
  Effect    = "Allow"
  Principal = { AWS = aws_iam_role.app.arn }
  Action    = "kms:CreateGrant"
  Resource  = "*"
  Condition = { Bool = { "kms:GrantIsForAWSResource" = "true" } }
}
```

or limit what the grants carry with `kms:GrantOperations`.

## References

- AWS KMS Developer Guide, "Controlling access to grants" (the condition
  keys that limit `CreateGrant`):
  <https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html>
- AWS KMS Developer Guide, "Grants in AWS KMS" (grant operations, and the
  limits on grants created from a grant):
  <https://docs.aws.amazon.com/kms/latest/developerguide/grants.html>
- AWS KMS Developer Guide, "AWS KMS condition keys", `kms:GrantOperations`
  and `kms:GrantIsForAWSResource`:
  <https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html>
"#,
};

/// Condition keys after which a `CreateGrant` permission is limited.
const LIMITING_KEYS: &[&str] = &[
    "kms:grantisforawsresource",
    "kms:grantoperations",
    "kms:granteeprincipal",
    "kms:viaservice",
];

pub struct UnrestrictedGrantCreation;

impl Rule for UnrestrictedGrantCreation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_access_model(&self) -> bool {
        true
    }

    fn check_access(&self, _ctx: &Context, model: &AccessModel, out: &mut Vec<Finding>) {
        // One statement naming several keys is one finding naming them all.
        let mut found: Vec<Unchecked> = Vec::new();
        let mut unplaced: Vec<Unplaced> = Vec::new();
        for key in &model.keys {
            check_key(key, &mut found, &mut unplaced);
        }
        out.extend(found.into_iter().map(finding));
        out.extend(unplaced.into_iter().map(unplaced_note));
    }
}

/// Principals whose account could not be placed against their keys', by
/// cause: one TFKMS010 note each.
struct Unplaced<'a> {
    why: String,
    cause: Option<&'a Arc<Cause>>,
    principals: Vec<&'a str>,
    keys: Vec<&'a str>,
    places: Vec<Span>,
    documents: Vec<&'a str>,
    unsure: Unsure<'a>,
}

/// What could not be told of the principals of a note.
#[derive(Clone, Copy, PartialEq)]
enum Unsure<'a> {
    /// Their accounts, against their keys'.
    Account,
    /// Who they are: a policy attached to a principal that could not be
    /// evaluated (`role = var.x`).
    Principal,
    /// Whether they may change the key policy: a policy allowing it is
    /// attached to this principal, which could not be evaluated and may
    /// be them.
    MayBeThem(&'a str),
    /// Whether they may change the key policy: these actions of theirs,
    /// of this statement, could not be evaluated.
    TheirActions(&'a str),
}

/// Whether a principal may also change the key policy.
enum PolicyChange<'a> {
    Cannot,
    Can,
    /// Depends on a value that could not be evaluated: this path's.
    May(&'a AccessPath),
}

/// What one statement lets principals do unchecked: one finding per place.
struct Unchecked<'a> {
    at: Span,
    head: Span,
    document: &'a str,
    statement: &'a str,
    reached: Vec<Reached<'a>>,
}

/// One principal's path to one key, with the conditions it holds under:
/// an identity path's include its key's delegating statement, so they
/// differ from key to key.
#[derive(Clone, Copy, PartialEq)]
struct Reached<'a> {
    principal: &'a str,
    key: &'a str,
    conditions: &'a [String],
}

fn check_key<'a>(
    key: &'a KeyAccess,
    found: &mut Vec<Unchecked<'a>>,
    unplaced: &mut Vec<Unplaced<'a>>,
) {
    for p in &key.paths {
        let Some(at) = p.grant_at else { continue };
        // An account in the key policy enables IAM policies: what its
        // principals may do is on their own paths.
        if !p.actions.contains(&"CreateGrant")
            || matches!(p.who.kind, WhoKind::Account(_))
            || limited(&p.conditions)
        {
            continue;
        }
        let change = policy_change(key, p);
        if matches!(change, PolicyChange::Can) {
            continue;
        }
        let Some(statement) = statement_of(p) else {
            continue;
        };
        match (key.account_relation(&p.who.kind), change) {
            (Some(AccountRelation::KeysOwn), PolicyChange::May(by)) if decided(p) => {
                hold_back(key, p, by, statement.0, unplaced)
            }
            (Some(AccountRelation::KeysOwn), _) if decided(p) => {
                record(key, p, at, statement, found)
            }
            (Some(AccountRelation::Unknown { why, cause }), _)
                if (decided(p) || stopped_at_principal(p)) && !placed_by_tfkms008(p) =>
            {
                let unsure = if attached_to_unknown(p) {
                    Unsure::Principal
                } else {
                    Unsure::Account
                };
                let noted = Noted {
                    why: why.clone(),
                    cause: cause.as_ref(),
                    place: principal_place(p).unwrap_or(at),
                    unsure,
                };
                note_unplaced(key, p, noted, statement.0, unplaced)
            }
            _ => {}
        }
    }
}

/// What stopped a principal's check: why (the help when no value did),
/// the value, where, and what could not be told.
struct Noted<'a> {
    why: String,
    cause: Option<&'a Arc<Cause>>,
    place: Span,
    unsure: Unsure<'a>,
}

/// Holds back the finding of a principal that a path tfkms could not
/// settle may let change the key policy (then a grant gives it nothing
/// more), with a note where that path's evaluation stopped.
fn hold_back<'a>(
    key: &'a KeyAccess,
    p: &'a AccessPath,
    by: &'a AccessPath,
    document: &'a str,
    unplaced: &mut Vec<Unplaced<'a>>,
) {
    let (unsure, why) = if attached_to_unknown(by) {
        (
            Unsure::MayBeThem(&by.who.display),
            format!(
                "an IAM policy that may allow `kms:PutKeyPolicy` on `{}` is attached to {}, which could not be told",
                key.address, by.who.display
            ),
        )
    } else {
        let statement = identity_statement(by).map_or("", |(statement, _)| statement);
        (
            Unsure::TheirActions(statement),
            format!(
                "the actions of statement `{statement}` are not all known: they may include `kms:PutKeyPolicy`"
            ),
        )
    };
    let place = principal_place(by)
        .or_else(|| identity_statement(by).map(|(_, head)| head))
        .unwrap_or(key.span);
    let noted = Noted {
        why,
        cause: by.unknown.as_ref().or(by.who.unknown.as_ref()),
        place,
        unsure,
    };
    note_unplaced(key, p, noted, document, unplaced);
}

/// Adds a principal whose check was stopped to the note of its cause.
fn note_unplaced<'a>(
    key: &'a KeyAccess,
    p: &'a AccessPath,
    noted: Noted<'a>,
    document: &'a str,
    unplaced: &mut Vec<Unplaced<'a>>,
) {
    let Noted {
        why,
        cause,
        place,
        unsure,
    } = noted;
    // One value that could not be evaluated is one cause, whichever
    // principals it stopped; otherwise the reason is.
    let same_cause = |u: &Unplaced| {
        u.unsure == unsure
            && match (u.cause, cause) {
                (Some(a), Some(b)) => a == b,
                (None, None) => u.why == why,
                _ => false,
            }
    };
    match unplaced.iter_mut().find(|u| same_cause(u)) {
        Some(u) => {
            push_new(&mut u.principals, &p.who.display);
            push_new(&mut u.keys, &key.address);
            push_new(&mut u.documents, document);
            if !u.places.contains(&place) {
                u.places.push(place);
            }
        }
        None => unplaced.push(Unplaced {
            why,
            cause,
            principals: vec![&p.who.display],
            keys: vec![&key.address],
            places: vec![place],
            documents: vec![document],
            unsure,
        }),
    }
}

/// Allowed, or allowed when its conditions hold; a Deny may have taken it
/// away, and a "may" for another reason was reported where evaluation
/// stopped.
fn decided(p: &AccessPath) -> bool {
    matches!(p.certainty, Certainty::Allowed | Certainty::Conditional)
}

/// A key policy principal that is a "may" because its value is not known.
fn stopped_at_principal(p: &AccessPath) -> bool {
    matches!(p.via, Via::KeyPolicy { .. }) && p.who.unknown.is_some()
}

/// A key policy principal of a literal account: TFKMS008 notes the
/// accounts it cannot place, once per key policy.
fn placed_by_tfkms008(p: &AccessPath) -> bool {
    matches!(p.via, Via::KeyPolicy { .. })
        && matches!(
            p.who.kind,
            WhoKind::Arn {
                account: Account::Id(_),
                ..
            }
        )
}

/// Where a key policy names the principal, or where an identity policy
/// is attached to a principal that could not be evaluated.
fn principal_place(p: &AccessPath) -> Option<Span> {
    match p.via {
        Via::KeyPolicy { .. } => p.steps.first().map(|(span, _)| *span),
        Via::IdentityPolicy { .. } if attached_to_unknown(p) => {
            p.steps.first().map(|(span, _)| *span)
        }
        _ => None,
    }
}

/// An identity policy's path whose principal (`role = var.x`) could not
/// be told: not only its account, the principal itself is not known.
fn attached_to_unknown(p: &AccessPath) -> bool {
    matches!(p.via, Via::IdentityPolicy { .. }) && matches!(p.who.kind, WhoKind::Unknown(_))
}

fn record<'a>(
    key: &'a KeyAccess,
    p: &'a AccessPath,
    at: Span,
    (document, statement, head): (&'a str, &'a str, Span),
    found: &mut Vec<Unchecked<'a>>,
) {
    let reached = Reached {
        principal: &p.who.display,
        key: &key.address,
        conditions: &p.conditions,
    };
    match found.iter_mut().find(|u| u.at == at) {
        Some(u) if u.reached.contains(&reached) => {}
        Some(u) => u.reached.push(reached),
        None => found.push(Unchecked {
            at,
            head,
            document,
            statement,
            reached: vec![reached],
        }),
    }
}

/// The statement a finding points into: a key policy statement naming
/// the principal, or an identity statement naming the key by reference
/// (one reaching it through `*` or `key/*` reaches every key, and is
/// read only for who may change key policies).
fn statement_of(p: &AccessPath) -> Option<(&str, &str, Span)> {
    let head = p.steps.iter().map(|(s, _)| *s).next_back()?;
    match &p.via {
        Via::KeyPolicy {
            document,
            statement,
        } => Some((document, statement, head)),
        Via::IdentityPolicy {
            document,
            statement,
            head,
            by_reference: true,
            ..
        } => Some((document, statement, *head)),
        _ => None,
    }
}

/// The identity statement a path goes through and its head, whatever
/// resource it names the key by (`*` and `key/*` too).
fn identity_statement(p: &AccessPath) -> Option<(&str, Span)> {
    match &p.via {
        Via::IdentityPolicy {
            statement, head, ..
        } => Some((statement, *head)),
        _ => None,
    }
}

fn limited(conditions: &[String]) -> bool {
    conditions.iter().any(|c| {
        c.split_whitespace()
            .nth(1)
            .is_some_and(|key| LIMITING_KEYS.contains(&key.to_ascii_lowercase().as_str()))
    })
}

/// Whether the path's principal may also change the key policy (by any
/// path the model shows): a grant gives it nothing it does not have. A
/// path whose actions could not be evaluated, or one attached to a
/// principal that could not be (which may be this one), makes it a "may".
fn policy_change<'a>(key: &'a KeyAccess, path: &AccessPath) -> PolicyChange<'a> {
    let mut may = None;
    for p in &key.paths {
        if matches!(p.certainty, Certainty::Blocked(_)) {
            continue;
        }
        let same = p.who.kind == path.who.kind || p.who.kind == WhoKind::Everyone;
        let puts = p.actions.contains(&"PutKeyPolicy");
        if same && puts {
            return PolicyChange::Can;
        }
        let may_put = puts || !p.actions_known;
        if (same && !p.actions_known) || (attached_to_unknown(p) && may_put) {
            may.get_or_insert(p);
        }
    }
    may.map_or(PolicyChange::Cannot, PolicyChange::May)
}

/// Names for a message; `anyone (`*`)` is already quoted where it needs.
fn principal_list(names: &[&str]) -> String {
    if names.iter().any(|n| n.contains('`')) {
        let shown: Vec<String> = names
            .iter()
            .map(|n| {
                if n.contains('`') {
                    n.to_string()
                } else {
                    format!("`{n}`")
                }
            })
            .collect();
        return shown.join(", ");
    }
    name_list(names)
}

/// Principals and keys whose paths hold under the same conditions: one
/// clause of a message.
struct Clause<'a> {
    principals: Vec<&'a str>,
    keys: Vec<&'a str>,
    conditions: &'a [String],
}

/// The fewest clauses that say exactly which principal reaches which key
/// under which conditions: the principals of each key and conditions
/// together, then the keys those same principals reach under the same
/// conditions.
fn clauses<'a>(reached: &[Reached<'a>]) -> Vec<Clause<'a>> {
    let mut by_key: Vec<Clause<'a>> = Vec::new();
    for r in reached {
        match by_key
            .iter_mut()
            .find(|c| c.keys[0] == r.key && c.conditions == r.conditions)
        {
            Some(c) => push_new(&mut c.principals, r.principal),
            None => by_key.push(Clause {
                principals: vec![r.principal],
                keys: vec![r.key],
                conditions: r.conditions,
            }),
        }
    }
    let mut out: Vec<Clause<'a>> = Vec::new();
    for c in by_key {
        match out
            .iter_mut()
            .find(|o| o.principals == c.principals && o.conditions == c.conditions)
        {
            Some(o) => push_new(&mut o.keys, c.keys[0]),
            None => out.push(c),
        }
    }
    out
}

fn push_new<'a>(names: &mut Vec<&'a str>, name: &'a str) {
    if !names.contains(&name) {
        names.push(name);
    }
}

/// `on `k` (when ...)`: the keys of a clause and what must hold.
fn on_keys(c: &Clause) -> String {
    let when = if c.conditions.is_empty() {
        String::new()
    } else {
        format!(" (when {})", c.conditions.join(" and "))
    };
    format!("on {}{when}", name_list(&c.keys))
}

/// Who may create grants on what: `P may call ... on K1 (when C) and on
/// K2`, or with other principals for other keys, `..., and P2 on K2`.
fn who_on_what(clauses: &[Clause]) -> String {
    let first = &clauses[0];
    let mut text = format!(
        "{} may call `kms:CreateGrant` with no `kms:GrantIsForAWSResource` or `kms:GrantOperations` condition {}",
        principal_list(&first.principals),
        on_keys(first)
    );
    for c in &clauses[1..] {
        if c.principals == first.principals {
            text.push_str(&format!(" and {}", on_keys(c)));
        } else {
            text.push_str(&format!(
                ", and {} {}",
                principal_list(&c.principals),
                on_keys(c)
            ));
        }
    }
    text
}

fn unplaced_note(u: Unplaced) -> Finding {
    let one = u.principals.len() == 1;
    let principals = principal_list(&u.principals);
    let (it, them) = if one {
        ("it", "it")
    } else {
        ("one of them", "them")
    };
    let (whose, what, after) = match (u.unsure, one) {
        (Unsure::Account, true) => (format!("the account of {principals}"), "account", None),
        (Unsure::Account, false) => (format!("the accounts of {principals}"), "account", None),
        (Unsure::Principal, true) => (format!("the principal {principals}"), "principal", None),
        (Unsure::Principal, false) => (format!("the principals {principals}"), "principal", None),
        (Unsure::MayBeThem(by), _) => (
            format!("the principal {by}"),
            "principal",
            Some(format!(": {by} may be {it}, and may change the key policy")),
        ),
        (Unsure::TheirActions(statement), _) => (
            format!("the actions of statement `{statement}`"),
            "actions",
            Some(format!(": they may let {them} change the key policy")),
        ),
    };
    let unchecked = match u.unsure {
        Unsure::Account | Unsure::Principal => {
            let they = if one { "it" } else { "they" };
            format!("whether {they} may create grants on {}", name_list(&u.keys))
        }
        Unsure::MayBeThem(_) | Unsure::TheirActions(_) => format!(
            "whether the unlimited `kms:CreateGrant` of {principals} on {} matters",
            name_list(&u.keys)
        ),
    };
    let mut f = account_not_known(AccountNotKnown {
        whose,
        what,
        unchecked,
        after: after.unwrap_or_default(),
        why: &u.why,
        cause: u.cause,
        places: &u.places,
    });
    f.documents = u.documents.iter().map(|d| d.to_string()).collect();
    f
}

fn finding(u: Unchecked) -> Finding {
    let mut principals: Vec<&str> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for r in &u.reached {
        push_new(&mut principals, r.principal);
        push_new(&mut keys, r.key);
    }
    let clauses = clauses(&u.reached);
    let label = match clauses.as_slice() {
        [one] => format!(
            "lets {} create grants on {}",
            principal_list(&one.principals),
            name_list(&one.keys)
        ),
        _ => "allows `kms:CreateGrant` with no condition that limits the grants".into(),
    };
    let mut f = Finding::new(
        &META,
        Label {
            span: u.at,
            message: label,
        },
        format!(
            "{}: {} can give any principal, of any account, {} grant operations (the cryptographic operations, `kms:DescribeKey`, `kms:GetPublicKey`, `kms:CreateGrant` and `kms:RetireGrant`) in grants that no key policy or IAM policy shows",
            who_on_what(&clauses),
            if principals.len() == 1 { "it" } else { "each" },
            if keys.len() == 1 { "the key's" } else { "each key's" },
        ),
    )
    .with_help(
        "add `Condition = { Bool = { \"kms:GrantIsForAWSResource\" = \"true\" } }` when only AWS services create grants for the principal's resources, or list the operations the grants may carry with `kms:GrantOperations`; drop `kms:CreateGrant` if the principal needs no grants",
    )
    .related(u.head, format!("in statement `{}`", u.statement));
    f.documents = vec![u.document.to_string()];
    f
}
