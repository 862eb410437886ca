//! Which AWS account each resource is created in, as far as its provider
//! configuration says: `provider = aws.prod` and the `assume_role` or
//! `allowed_account_ids` of `provider "aws" { alias = "prod" }`. A module
//! call passes configurations down with `providers = { aws = aws.prod }`;
//! without it, a module inherits only the default (unaliased) one, as
//! Terraform does.

use std::collections::BTreeMap;
use tfkms_eval::ModuleInstance;
use tfkms_syntax::ast::{Block, Expr, ExprKind, ObjectKey, TraversalOpKind};

/// The account of each `aws` provider configuration an instance can use,
/// by its local name (`aws`, `aws.prod`). A configuration whose account
/// cannot be told has no entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProviderAccounts(BTreeMap<String, String>);

impl ProviderAccounts {
    pub fn new(accounts: impl IntoIterator<Item = (String, String)>) -> ProviderAccounts {
        ProviderAccounts(accounts.into_iter().collect())
    }

    /// The account a resource block is created in.
    pub fn of_resource(&self, block: &Block) -> Option<String> {
        let name = match block.body.attribute("provider") {
            Some(attr) => provider_name(&attr.expr)?,
            None => "aws".to_string(),
        };
        self.0.get(&name).cloned()
    }

    /// The configurations a module call gives the module it calls.
    pub fn for_call(&self, inst: &ModuleInstance, call: &str) -> ProviderAccounts {
        let Some(block) = inst.module.module_calls.get(call) else {
            return ProviderAccounts::default();
        };
        let Some(attr) = block.body.attribute("providers") else {
            return self.only_default();
        };
        let ExprKind::Object(items) = &attr.expr.kind else {
            return ProviderAccounts::default();
        };
        let mut out = BTreeMap::new();
        for item in items {
            let inner = match &item.key {
                ObjectKey::Ident(name, _) => Some(name.clone()),
                ObjectKey::Expr(e) => provider_name(e),
            };
            let outer = provider_name(&item.value);
            if let (Some(inner), Some(outer)) = (inner, outer)
                && let Some(account) = self.0.get(&outer)
            {
                out.insert(inner, account.clone());
            }
        }
        ProviderAccounts(out)
    }

    fn only_default(&self) -> ProviderAccounts {
        ProviderAccounts(
            self.0
                .get("aws")
                .map(|a| ("aws".to_string(), a.clone()))
                .into_iter()
                .collect(),
        )
    }
}

/// `aws` or `aws.prod` written as a reference; other providers' names and
/// anything else give `None`.
fn provider_name(expr: &Expr) -> Option<String> {
    let ExprKind::Traversal { base, ops } = &expr.kind else {
        return match &expr.kind {
            ExprKind::Variable(v) if v == "aws" => Some(v.clone()),
            _ => None,
        };
    };
    let ExprKind::Variable(v) = &base.kind else {
        return None;
    };
    match ops.as_slice() {
        [op] if v == "aws" => match &op.kind {
            TraversalOpKind::Attr(alias) => Some(format!("aws.{alias}")),
            _ => None,
        },
        _ => None,
    }
}
