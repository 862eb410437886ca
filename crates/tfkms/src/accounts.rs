//! The AWS accounts a root module says it deploys to: the evidence that
//! stands in for `own_accounts` when none are configured (TFKMS008,
//! TFKMS009). Only what the configuration states counts; a provider block
//! whose statements disagree says nothing.

use tfkms_eval::{Kind, ModuleInstance, Value};
use tfkms_rules::DeployedAccount;
use tfkms_rules::finding::Label;
use tfkms_syntax::ast::{Attribute, Block};

/// The accounts the root module's `provider "aws"` blocks deploy to.
pub fn deployed_accounts(root: &ModuleInstance) -> Vec<DeployedAccount> {
    let mut out: Vec<DeployedAccount> = Vec::new();
    for block in &root.module.providers {
        if block.label(0) != Some("aws") {
            continue;
        }
        for account in provider_accounts(root, block) {
            if !out.iter().any(|a| a.id == account.id) {
                out.push(account);
            }
        }
    }
    out
}

/// What one provider block says, or nothing when it contradicts itself.
fn provider_accounts(root: &ModuleInstance, block: &Block) -> Vec<DeployedAccount> {
    let ids = |name: &str| -> Option<(Vec<String>, &Attribute)> {
        let attr = block.body.attribute(name)?;
        Some((account_ids(&root.scope().eval(&attr.expr))?, attr))
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
            let arn = root.scope().eval(&attr.expr);
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
