//! The AWS accounts a root module says it deploys to: the evidence that
//! stands in for `own_accounts` when none are configured (TFKMS008,
//! TFKMS009). Only what the configuration states counts; a provider block
//! whose statements disagree says nothing, and an account compared with
//! the caller's that the providers do not allow is dropped.

use tfkms_eval::{Expansion, Kind, Module, ModuleInstance, Scope, Value};
use tfkms_rules::DeployedAccount;
use tfkms_rules::finding::Label;
use tfkms_syntax::ast::{
    Attribute, BinaryOp, Block, Body, Expr, ExprKind, ObjectKey, TemplatePart, TraversalOpKind,
};

/// The accounts the root module deploys to: those its `provider "aws"`
/// blocks name, and those it compares `data.aws_caller_identity`'s account
/// with (`account_id == "111122223333" ? ... : ...`).
pub fn deployed_accounts(root: &ModuleInstance) -> Vec<DeployedAccount> {
    let mut out: Vec<DeployedAccount> = Vec::new();
    let add = |account: DeployedAccount, out: &mut Vec<DeployedAccount>| {
        if !out.iter().any(|a| a.id == account.id) {
            out.push(account);
        }
    };
    let mut constrained = false;
    for block in &root.module.providers {
        if block.label(0) != Some("aws") {
            continue;
        }
        constrained |= block.body.attribute("allowed_account_ids").is_some();
        for scope in provider_instances(root, block) {
            for account in provider_accounts(&scope, block) {
                add(account, &mut out);
            }
        }
    }
    let allowed: Vec<String> = out.iter().map(|a| a.id.clone()).collect();
    for account in caller_comparisons(root.module) {
        // A provider limited to other accounts never runs as this one.
        if !constrained || allowed.contains(&account.id) {
            add(account, &mut out);
        }
    }
    out
}

/// Each `aws` provider configuration of the root module by its name (`aws`,
/// `aws.ALIAS`), with its account when it names exactly one: where the key
/// model places the resources created with it.
pub fn accounts_by_provider(root: &ModuleInstance) -> tfkms_access::ProviderAccounts {
    tfkms_access::ProviderAccounts::new(declared_configurations(root))
}

/// Each `aws` provider configuration a module instance declares, by its
/// local name (`aws`, `aws.ALIAS`), with its account when it names exactly
/// one. A configuration expanded by `for_each` stands for several and
/// places nothing. In a called module an empty block configures nothing:
/// Terraform reads it as a proxy for the configuration the caller gives
/// ("Redundant empty provider block"), so it is left out.
pub fn declared_configurations(inst: &ModuleInstance) -> Vec<tfkms_access::Configuration> {
    let mut out = Vec::new();
    let is_root = inst.address.is_empty();
    for block in &inst.module.providers {
        if block.label(0) != Some("aws") || (!is_root && is_proxy(block)) {
            continue;
        }
        let scope = inst.scope();
        if !matches!(inst.expand(&scope, block), Expansion::Single) {
            continue;
        }
        let name = match block.body.attribute("alias") {
            None => "aws".to_string(),
            Some(attr) => match scope.eval(&attr.expr).as_known_str() {
                Some(alias) => format!("aws.{alias}"),
                None => continue,
            },
        };
        let mut ids: Vec<String> = provider_accounts(&scope, block)
            .into_iter()
            .map(|a| a.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let account = match ids.as_slice() {
            [id] => Some(id.clone()),
            _ => None,
        };
        out.push(tfkms_access::Configuration { name, account });
    }
    out
}

/// A provider block with no setting but its `alias` and `version`, as
/// Terraform tells a proxy from a configuration.
fn is_proxy(block: &Block) -> bool {
    block.body.blocks.is_empty()
        && block
            .body
            .attributes
            .iter()
            .all(|a| matches!(a.name.as_str(), "alias" | "version"))
}

/// Accounts the module compares `data.aws_caller_identity.X.account_id`
/// with for equality, anywhere in its configuration.
fn caller_comparisons(module: &Module) -> Vec<DeployedAccount> {
    let mut out = Vec::new();
    let bodies = module
        .resources
        .iter()
        .map(|(_, b)| b)
        .chain(module.module_calls.values())
        .chain(module.outputs.values())
        .map(|b| &b.body);
    for body in bodies {
        body_comparisons(body, &mut out);
    }
    for attr in module.locals.values() {
        expr_comparisons(&attr.expr, &mut out);
    }
    out
}

fn body_comparisons(body: &Body, out: &mut Vec<DeployedAccount>) {
    for attr in &body.attributes {
        expr_comparisons(&attr.expr, out);
    }
    for block in &body.blocks {
        body_comparisons(&block.body, out);
    }
}

fn expr_comparisons(expr: &Expr, out: &mut Vec<DeployedAccount>) {
    if let ExprKind::Binary {
        op: BinaryOp::Eq,
        lhs,
        rhs,
    } = &expr.kind
    {
        for (a, b) in [(lhs, rhs), (rhs, lhs)] {
            if is_caller_account(a)
                && let Some(id) = account_literal(b)
            {
                out.push(DeployedAccount {
                    evidence: Label {
                        span: expr.span,
                        message: format!(
                            "the configuration checks whether it runs as account `{id}`"
                        ),
                    },
                    id,
                });
            }
        }
    }
    for child in children(expr) {
        expr_comparisons(child, out);
    }
}

/// The expressions directly inside one.
fn children(expr: &Expr) -> Vec<&Expr> {
    match &expr.kind {
        ExprKind::Tuple(items) => items.iter().collect(),
        ExprKind::Object(items) => items
            .iter()
            .flat_map(|i| {
                let key = match &i.key {
                    ObjectKey::Expr(e) => Some(e),
                    ObjectKey::Ident(..) => None,
                };
                key.into_iter().chain(std::iter::once(&i.value))
            })
            .collect(),
        ExprKind::Traversal { base, ops } => std::iter::once(base.as_ref())
            .chain(ops.iter().filter_map(|op| match &op.kind {
                TraversalOpKind::Index(e) => Some(e),
                _ => None,
            }))
            .collect(),
        ExprKind::Call { args, .. } => args.iter().collect(),
        ExprKind::Conditional {
            cond,
            then,
            otherwise,
        } => vec![cond, then, otherwise],
        ExprKind::Unary { expr, .. } | ExprKind::Parens(expr) => vec![expr],
        ExprKind::Binary { lhs, rhs, .. } => vec![lhs, rhs],
        ExprKind::For(f) => [&f.collection, &f.value]
            .into_iter()
            .chain(f.key.as_ref())
            .chain(f.cond.as_ref())
            .collect(),
        ExprKind::Template(t) => t
            .parts
            .iter()
            .filter_map(|p| match p {
                TemplatePart::Interpolation(e) => Some(e),
                TemplatePart::If { cond, .. } => Some(cond),
                TemplatePart::For { collection, .. } => Some(collection),
                TemplatePart::Literal(_) => None,
            })
            .collect(),
        ExprKind::Null | ExprKind::Bool(_) | ExprKind::Number(_) | ExprKind::Variable(_) => {
            Vec::new()
        }
    }
}

/// `data.aws_caller_identity.NAME.account_id`.
fn is_caller_account(expr: &Expr) -> bool {
    let ExprKind::Traversal { base, ops } = &expr.kind else {
        return false;
    };
    let names: Vec<Option<&str>> = ops
        .iter()
        .map(|op| match &op.kind {
            TraversalOpKind::Attr(a) => Some(a.as_str()),
            _ => None,
        })
        .collect();
    matches!(&base.kind, ExprKind::Variable(v) if v == "data")
        && matches!(
            names.as_slice(),
            [Some("aws_caller_identity"), Some(_), Some("account_id")]
        )
}

/// A string literal that is an account ID.
fn account_literal(expr: &Expr) -> Option<String> {
    let ExprKind::Template(t) = &expr.kind else {
        return None;
    };
    t.as_literal().filter(|s| is_account_id(s))
}

/// The scopes of a provider block's configurations: one, or one per key of
/// its `for_each` (OpenTofu 1.9). Keys that cannot be known give none, so
/// nothing is said about accounts no one can name.
fn provider_instances<'i, 'p>(root: &'i ModuleInstance<'p>, block: &Block) -> Vec<Scope<'i, 'p>> {
    match root.expand(&root.scope(), block) {
        Expansion::Single => vec![root.scope()],
        Expansion::Instances(list) => list
            .into_iter()
            .map(|(_, bindings)| Scope::new(root, bindings))
            .collect(),
        Expansion::Unknown(_) => Vec::new(),
    }
}

/// What one provider configuration says, or nothing when it contradicts
/// itself.
fn provider_accounts(scope: &Scope, block: &Block) -> Vec<DeployedAccount> {
    let ids = |name: &str| -> Option<(Vec<String>, &Attribute)> {
        let attr = block.body.attribute(name)?;
        Some((account_ids(&scope.eval(&attr.expr))?, attr))
    };
    let allowed = ids("allowed_account_ids");
    let forbidden = ids("forbidden_account_ids")
        .map(|(v, _)| v)
        .unwrap_or_default();
    let assumed: Vec<(String, &Attribute)> = block
        .body
        .blocks("assume_role")
        .chain(block.body.blocks("assume_role_with_web_identity"))
        .filter_map(|b| {
            let attr = b.body.attribute("role_arn")?;
            let arn = scope.eval(&attr.expr);
            Some((arn_account(&arn.as_known_str()?)?, attr))
        })
        .collect();
    let contradicts = |id: &String| {
        forbidden.contains(id) || allowed.as_ref().is_some_and(|(a, _)| !a.contains(id))
    };
    if assumed.iter().any(|(id, _)| contradicts(id))
        || allowed
            .as_ref()
            .is_some_and(|(a, _)| a.iter().any(|id| forbidden.contains(id)))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some((list, attr)) = &allowed {
        let named: Vec<String> = list.iter().map(|id| format!("`{id}`")).collect();
        let message = format!("provider `aws` may deploy only to {}", named.join(", "));
        for id in list {
            out.push(evidence(id, attr, &message));
        }
    }
    for (id, attr) in &assumed {
        out.push(evidence(
            id,
            attr,
            &format!("provider `aws` deploys as a role of account `{id}`"),
        ));
    }
    out
}

fn evidence(id: &str, attr: &Attribute, message: &str) -> DeployedAccount {
    DeployedAccount {
        id: id.to_string(),
        evidence: Label {
            span: attr.span,
            message: message.to_string(),
        },
    }
}

/// A list of known 12-digit account IDs; `None` when any is unknown or not
/// an account ID.
fn account_ids(v: &Value) -> Option<Vec<String>> {
    let (Kind::List(items) | Kind::Set(items)) = &v.kind else {
        return None;
    };
    items
        .iter()
        .map(|i| {
            let s = i.as_known_str()?;
            is_account_id(&s).then(|| s.into_owned())
        })
        .collect()
}

/// The account of a role ARN (`arn:aws:iam::111122223333:role/deploy`).
fn arn_account(arn: &str) -> Option<String> {
    let fields: Vec<&str> = arn.splitn(6, ':').collect();
    match fields.as_slice() {
        ["arn", _, "iam", "", account, resource]
            if is_account_id(account) && resource.starts_with("role/") =>
        {
            Some(account.to_string())
        }
        _ => None,
    }
}

fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_of_a_role_arn() {
        assert_eq!(
            arn_account("arn:aws:iam::111122223333:role/deploy").as_deref(),
            Some("111122223333")
        );
        assert_eq!(
            arn_account("arn:aws-us-gov:iam::111122223333:role/a/b").as_deref(),
            Some("111122223333")
        );
        assert_eq!(arn_account("arn:aws:iam::111122223333:user/u"), None);
        assert_eq!(arn_account("arn:aws:iam::1111:role/r"), None);
        assert_eq!(arn_account("arn:aws:sts::111122223333:role/r"), None);
        assert_eq!(arn_account("role/deploy"), None);
    }
}
