//! The provider's in-memory policy (`IAMPolicyDoc` in policy_model.go): what
//! both the HCL arguments and the source/override JSON are read into, how
//! documents merge, and how it marshals.

use super::gojson::Json;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

/// A statement's principal identifiers or condition values. The provider
/// keeps a one-element set as a bare string, and the difference survives
/// into the output (a JSON one-element array stays an array).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Strings {
    One(String),
    Many(Vec<String>),
}

impl Strings {
    fn is_exactly(&self, s: &str) -> bool {
        match self {
            Strings::One(v) => v == s,
            Strings::Many(v) => matches!(v.as_slice(), [only] if only == s),
        }
    }
}

impl From<Strings> for Json {
    fn from(s: Strings) -> Json {
        match s {
            Strings::One(s) => Json::String(s),
            Strings::Many(v) => Json::Array(v.into_iter().map(Json::String).collect()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Principal {
    pub kind: String,
    pub identifiers: Strings,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Condition {
    pub test: String,
    pub variable: String,
    pub values: Strings,
}

/// `Action`, `NotAction`, `Resource` and `NotResource` are Go `any`: HCL
/// fills them with a string or a sorted array, JSON with whatever it had.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Statement {
    pub sid: String,
    pub effect: String,
    pub action: Option<Json>,
    pub not_action: Option<Json>,
    pub resource: Option<Json>,
    pub not_resource: Option<Json>,
    pub principals: Vec<Principal>,
    pub not_principals: Vec<Principal>,
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PolicyDoc {
    pub version: String,
    pub id: String,
    pub statements: Vec<Statement>,
}

impl PolicyDoc {
    /// `IAMPolicyDoc.Merge`: a non-empty Id replaces, the greater Version
    /// wins, and a statement whose Sid is already present overwrites the
    /// first such statement where it stands; everything else appends.
    pub(crate) fn merge(&mut self, version: String, id: String, statements: Vec<Statement>) {
        if !id.is_empty() {
            self.id = id;
        }
        if version > self.version {
            self.version = version;
        }
        for new in statements {
            let existing = match new.sid.as_str() {
                "" => None,
                sid => self.statements.iter_mut().find(|s| s.sid == sid),
            };
            match existing {
                Some(slot) => *slot = new,
                None => self.statements.push(new),
            }
        }
    }

    pub(crate) fn to_json(&self) -> Json {
        let mut members = Vec::new();
        if !self.version.is_empty() {
            members.push(("Version".to_string(), Json::String(self.version.clone())));
        }
        if !self.id.is_empty() {
            members.push(("Id".to_string(), Json::String(self.id.clone())));
        }
        if !self.statements.is_empty() {
            let statements = self.statements.iter().map(Statement::to_json).collect();
            members.push(("Statement".to_string(), Json::Array(statements)));
        }
        Json::Object(members)
    }
}

impl Statement {
    /// Field order and `omitempty` of the Go struct.
    fn to_json(&self) -> Json {
        let mut members = Vec::new();
        let mut put = |key: &str, value: Json| members.push((key.to_string(), value));
        if !self.sid.is_empty() {
            put("Sid", Json::String(self.sid.clone()));
        }
        if !self.effect.is_empty() {
            put("Effect", Json::String(self.effect.clone()));
        }
        for (key, value) in [
            ("Action", &self.action),
            ("NotAction", &self.not_action),
            ("Resource", &self.resource),
            ("NotResource", &self.not_resource),
        ] {
            if let Some(v) = value {
                put(key, v.clone());
            }
        }
        if !self.principals.is_empty() {
            put("Principal", principals_json(&self.principals));
        }
        if !self.not_principals.is_empty() {
            put("NotPrincipal", principals_json(&self.not_principals));
        }
        if !self.conditions.is_empty() {
            put("Condition", conditions_json(&self.conditions));
        }
        Json::Object(members)
    }
}

/// `IAMPolicyStatementPrincipalSet.MarshalJSON`. Blocks of one type are
/// concatenated in the order given (the set order for HCL); each block's own
/// identifiers are reverse-sorted but the concatenation is not.
fn principals_json(principals: &[Principal]) -> Json {
    // Only a lone `*` block collapses: IAM treats {"AWS": "*"} differently
    // from "*" in trust policies, so the provider leaves that one alone.
    if let [only] = principals
        && only.kind == "*"
        && only.identifiers.is_exactly("*")
    {
        return Json::String("*".into());
    }
    let mut by_type: BTreeMap<&str, Strings> = BTreeMap::new();
    for p in principals {
        match (&p.identifiers, by_type.entry(&p.kind)) {
            (Strings::One(id), Entry::Vacant(e)) => {
                e.insert(Strings::One(id.clone()));
            }
            (ids, entry) => {
                let mut added = match ids {
                    Strings::One(id) => vec![id.clone()],
                    Strings::Many(ids) => {
                        let mut sorted = ids.clone();
                        sorted.sort_unstable_by(|a, b| b.cmp(a));
                        sorted
                    }
                };
                let slot = entry.or_insert_with(|| Strings::Many(Vec::new()));
                if let Strings::One(first) = slot {
                    *slot = Strings::Many(vec![std::mem::take(first)]);
                }
                if let Strings::Many(all) = slot {
                    all.append(&mut added);
                }
            }
        }
    }
    Json::Object(
        by_type
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into()))
            .collect(),
    )
}

/// `IAMPolicyStatementConditionSet.MarshalJSON`: folded into test →
/// variable → values (appended in the order given), one value as a string.
fn conditions_json(conditions: &[Condition]) -> Json {
    let mut folded: BTreeMap<&str, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    for c in conditions {
        let values = folded
            .entry(&c.test)
            .or_default()
            .entry(&c.variable)
            .or_default();
        match &c.values {
            Strings::One(v) => values.push(v.clone()),
            Strings::Many(v) => values.extend(v.iter().cloned()),
        }
    }
    let object = |m: BTreeMap<&str, Vec<String>>| {
        Json::Object(
            m.into_iter()
                .map(|(k, mut v)| {
                    let value = if v.len() == 1 {
                        Strings::One(v.remove(0))
                    } else {
                        Strings::Many(v)
                    };
                    (k.to_string(), value.into())
                })
                .collect(),
        )
    };
    Json::Object(
        folded
            .into_iter()
            .map(|(k, m)| (k.to_string(), object(m)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(kind: &str, ids: Strings) -> Principal {
        Principal {
            kind: kind.into(),
            identifiers: ids,
        }
    }

    fn many(v: &[&str]) -> Strings {
        Strings::Many(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn principals_concatenate_without_resorting() {
        let ps = [
            p("AWS", Strings::One("111".into())),
            p("AWS", many(&["222", "333"])),
        ];
        assert_eq!(
            principals_json(&ps).minified(),
            r#"{"AWS":["111","333","222"]}"#
        );
        let ps = [
            p("AWS", many(&["1", "2"])),
            p("AWS", Strings::One("0".into())),
        ];
        assert_eq!(principals_json(&ps).minified(), r#"{"AWS":["2","1","0"]}"#);
    }

    #[test]
    fn only_a_lone_star_block_collapses() {
        assert_eq!(
            principals_json(&[p("*", many(&["*"]))]).minified(),
            r#""*""#
        );
        assert_eq!(
            principals_json(&[p("AWS", many(&["*"]))]).minified(),
            r#"{"AWS":["*"]}"#
        );
        let two = [
            p("*", Strings::One("*".into())),
            p("AWS", Strings::One("x".into())),
        ];
        assert_eq!(principals_json(&two).minified(), r#"{"*":"*","AWS":"x"}"#);
    }

    #[test]
    fn merge_replaces_in_place_and_appends() {
        let st = |sid: &str, effect: &str| Statement {
            sid: sid.into(),
            effect: effect.into(),
            ..Default::default()
        };
        let mut doc = PolicyDoc::default();
        doc.merge(
            "2008-10-17".into(),
            "a".into(),
            vec![st("A", "Allow"), st("", "Allow"), st("B", "Allow")],
        );
        doc.merge(
            "2012-10-17".into(),
            "".into(),
            vec![st("B", "Deny"), st("", "Deny"), st("C", "Deny")],
        );
        doc.merge("2008-10-17".into(), "b".into(), vec![]);
        let sids: Vec<_> = doc
            .statements
            .iter()
            .map(|s| format!("{}{}", s.sid, s.effect))
            .collect();
        assert_eq!(sids, ["AAllow", "Allow", "BDeny", "Deny", "CDeny"]);
        assert_eq!((doc.version.as_str(), doc.id.as_str()), ("2012-10-17", "b"));
    }
}
