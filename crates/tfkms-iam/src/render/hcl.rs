//! One `statement` block read as `dataSourcePolicyDocumentRead` reads it:
//! string sets reverse-sorted, blocks in SDK set order, and AWS policy
//! variables written `&{...}` turned into `${...}`.

use super::HclStatement;
use super::gojson::Json;
use super::policy::{Condition, Principal, Statement, Strings};
use super::sethash::{condition_block_hash, principals_block_hash, set_order, string_set};

/// Policy variables need the 2012-10-17 grammar; the provider refuses to
/// rewrite `&{` in an older document rather than produce one IAM rejects.
const OLD_VERSION: &str = "2008-10-17";

/// The statement, or the provider's message for a `&{` it will not rewrite.
pub(crate) fn statement(
    st: &HclStatement,
    version: &str,
    effect: &str,
) -> Result<Statement, String> {
    let vars =
        |what: &str, list| replace_vars(list, version).map_err(|e| format!("reading {what}: {e}"));
    Ok(Statement {
        sid: st.sid.clone().unwrap_or_default(),
        effect: effect.to_string(),
        action: decoded_set(&st.actions).map(Json::from),
        not_action: decoded_set(&st.not_actions).map(Json::from),
        // Sorted on the configured text, rewritten afterwards: `$` and `&`
        // sort differently, and the provider does not sort again.
        resource: decoded_set(&st.resources)
            .map(|s| vars("resources", s))
            .transpose()?
            .map(Json::from),
        not_resource: decoded_set(&st.not_resources)
            .map(|s| vars("not_resources", s))
            .transpose()?
            .map(Json::from),
        principals: principals(&st.principals, version)
            .map_err(|e| format!("reading principals: {e}"))?,
        not_principals: principals(&st.not_principals, version)
            .map_err(|e| format!("reading not_principals: {e}"))?,
        conditions: conditions(&st.conditions, version)
            .map_err(|e| format!("reading condition: {e}"))?,
    })
}

/// `policyDecodeConfigStringList` over a string set: nothing for an empty
/// set (the key is then omitted), a bare string for one element, otherwise
/// the elements in descending byte order.
fn decoded_set(set: &Option<Vec<String>>) -> Option<Strings> {
    let members = string_set(set.as_deref().unwrap_or_default());
    (!members.is_empty()).then(|| decode_strings(members))
}

fn decode_strings(members: Vec<&str>) -> Strings {
    match members.as_slice() {
        [one] => Strings::One(one.to_string()),
        _ => {
            let mut v: Vec<String> = members.into_iter().map(str::to_string).collect();
            v.sort_unstable_by(|a, b| b.cmp(a));
            Strings::Many(v)
        }
    }
}

/// `dataSourcePolicyDocumentReplaceVarsInList`: the first offending item in
/// the list's current order is the one named.
fn replace_vars(strings: Strings, version: &str) -> Result<Strings, String> {
    let one = |s: String| {
        if version == OLD_VERSION && s.contains("&{") {
            Err(format!(
                "found &{{ sequence in ({s}), which is not supported in document version {OLD_VERSION}"
            ))
        } else {
            Ok(s.replace("&{", "${"))
        }
    };
    Ok(match strings {
        Strings::One(s) => Strings::One(one(s)?),
        Strings::Many(v) => Strings::Many(v.into_iter().map(one).collect::<Result<_, _>>()?),
    })
}

fn principals(blocks: &[super::HclPrincipals], version: &str) -> Result<Vec<Principal>, String> {
    let members = blocks.iter().map(|b| {
        let ids = string_set(&b.identifiers);
        (
            principals_block_hash(&b.r#type, &ids),
            (b.r#type.as_str(), ids),
        )
    });
    set_order(members)
        .into_iter()
        .map(|(kind, ids)| {
            // `identifiers = []` is accepted and gives `[]` for the type.
            let identifiers = replace_vars(decode_strings(ids), version)
                .map_err(|e| format!("reading identifiers: {e}"))?;
            Ok(Principal {
                kind: kind.to_string(),
                identifiers,
            })
        })
        .collect()
}

fn conditions(blocks: &[super::HclCondition], version: &str) -> Result<Vec<Condition>, String> {
    let members = blocks
        .iter()
        .map(|c| (condition_block_hash(&c.test, &c.variable, &c.values), c));
    set_order(members)
        .into_iter()
        .map(|c| {
            // `values` is a list: order, duplicates and empty strings stay.
            let values = match c.values.as_slice() {
                [one] => Strings::One(one.clone()),
                _ => Strings::Many(c.values.clone()),
            };
            let values =
                replace_vars(values, version).map_err(|e| format!("reading values: {e}"))?;
            Ok(Condition {
                test: c.test.clone(),
                variable: c.variable.clone(),
                values,
            })
        })
        .collect()
}
