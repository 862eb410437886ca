//! Which AWS account each resource is created in, as far as its provider
//! configuration says: `provider = aws.prod` and the `assume_role` or
//! `allowed_account_ids` of `provider "aws" { alias = "prod" }`. A module
//! call passes configurations down with `providers = { aws = aws.prod }`;
//! without it, a module inherits only the default (unaliased) one, as
//! Terraform does.

use std::collections::BTreeMap;
use tfkms_eval::ModuleInstance;
use tfkms_syntax::ast::{Block, Expr, ExprKind, ObjectKey, TraversalOpKind};

/// The `aws` provider configurations an instance can use, by their local
/// name (`aws`, `aws.prod`). A configuration the root module cannot name
/// (one expanded by `for_each`) has no entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProviderAccounts(BTreeMap<String, Configuration>);

/// Where a resource is created: its provider configuration, by its
/// address (`aws.prod`, or `module.legacy.aws` for a module's own), and
/// that configuration's account when it names one.
/// Two resources of one configuration are in one account, known or not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Configuration {
    pub name: String,
    pub account: Option<String>,
}

impl ProviderAccounts {
    /// The root module's configurations, each with its account when it
    /// names exactly one. Resources without a `provider` argument use the
    /// default configuration, an empty one when the root declares none.
    pub fn new(configurations: impl IntoIterator<Item = Configuration>) -> ProviderAccounts {
        let mut by_name: BTreeMap<String, Configuration> = configurations
            .into_iter()
            .map(|c| (c.name.clone(), c))
            .collect();
        by_name.entry("aws".into()).or_insert(Configuration {
            name: "aws".into(),
            account: None,
        });
        ProviderAccounts(by_name)
    }

    /// The configuration a resource block is created with, when it can be
    /// told.
    pub fn of_resource(&self, block: &Block) -> Option<&Configuration> {
        let name = match block.body.attribute("provider") {
            Some(attr) => provider_name(&attr.expr)?,
            None => "aws".to_string(),
        };
        self.0.get(&name)
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
                && let Some(configuration) = self.0.get(&outer)
            {
                out.insert(inner, configuration.clone());
            }
        }
        ProviderAccounts(out)
    }

    /// The configurations of a called module instance: those its caller
    /// gives it, each replaced by the module's own configuration of that
    /// name when it declares one (`own`, by local name). Terraform refuses
    /// a configuration passed for a name the module configures itself, so
    /// the module's own is the one its resources use.
    pub fn with_own(
        mut self,
        inst: &ModuleInstance,
        own: impl IntoIterator<Item = Configuration>,
    ) -> ProviderAccounts {
        for configuration in own {
            let address = inst.qualify(&configuration.name);
            self.0.insert(
                configuration.name,
                Configuration {
                    name: address,
                    account: configuration.account,
                },
            );
        }
        self
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
