//! Access through alias management: a statement that selects keys by an
//! alias condition (`kms:ResourceAliases`, `kms:RequestAlias`) reaches
//! whatever key an alias matching its pattern points at, so a principal
//! that may create or update such an alias, for this key, decides who
//! gets that access.
//!
//! Creating an alias needs `kms:CreateAlias` on the alias (an IAM policy)
//! and on the key; updating one needs `kms:UpdateAlias` on the alias and
//! on both keys ("Controlling access to aliases":
//! <https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html>).
//! "Be cautious about giving principals the kms:CreateAlias,
//! kms:UpdateAlias, or kms:DeleteAlias permissions" when aliases control
//! access ("Use aliases to control access to KMS keys":
//! <https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html>).

use super::{
    AccessPath, Build, Certainty, Via, Who, conditions, is_wildcard_key, key_actions, names,
};
use crate::resources::KeyDecl;
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Effect, Statement, glob};
use tfkms_syntax::Span;

/// An identity statement selecting keys by alias name pattern.
struct Trusting<'a> {
    doc: &'a Document,
    st: &'a Statement,
    who: &'a Who,
    patterns: Vec<String>,
}

/// An identity statement allowing alias changes on alias names matching
/// a pattern.
struct Managing<'a> {
    doc: &'a Document,
    st: &'a Statement,
    who: &'a Who,
    /// The alias resource, and the alias names it covers.
    resource: Span,
    pattern: String,
}

impl Build<'_> {
    pub(super) fn alias_management_paths(
        &self,
        key: &KeyDecl,
        paths: &[AccessPath],
    ) -> Vec<AccessPath> {
        let trusting = self.trusting(paths);
        if trusting.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<AccessPath> = Vec::new();
        for m in self.managing() {
            if !may_alias_the_key(m.who, paths) {
                continue;
            }
            for t in &trusting {
                let Some(pattern) = t.patterns.iter().find(|p| overlaps(&m.pattern, p)) else {
                    continue;
                };
                let seen = out.iter().any(|p| {
                    p.who == *m.who
                        && matches!(&p.via, Via::AliasManagement { trusting_statement, trusting_document, .. }
                            if *trusting_statement == t.st.name() && *trusting_document == t.doc.address)
                });
                if !seen {
                    out.push(path(key, &m, t, pattern));
                }
            }
        }
        out
    }

    /// Alias-conditioned statements on a wildcard key resource that do not
    /// reach the key today (those that do are paths already).
    fn trusting<'s>(&'s self, paths: &[AccessPath]) -> Vec<Trusting<'s>> {
        let mut out = Vec::new();
        for (doc, who, _) in &self.attached {
            for st in &doc.statements {
                if st.effect() != Some(Effect::Allow)
                    || key_actions(st).is_none_or(|a| a.is_empty())
                    || !st.resources.items().iter().any(is_wildcard_key)
                {
                    continue;
                }
                let patterns = alias_patterns(st);
                let reached = paths.iter().any(|p| {
                    matches!(&p.via, Via::IdentityPolicy { document, statement, .. }
                        if *document == doc.address && *statement == st.name())
                });
                if !patterns.is_empty() && !reached {
                    out.push(Trusting {
                        doc,
                        st,
                        who,
                        patterns,
                    });
                }
            }
        }
        out
    }

    fn managing<'s>(&'s self) -> Vec<Managing<'s>> {
        let mut out = Vec::new();
        for (doc, who, _) in &self.attached {
            for st in &doc.statements {
                let manages = st.kms_actions().is_some_and(|a| {
                    a.iter()
                        .any(|x| x.name == "CreateAlias" || x.name == "UpdateAlias")
                });
                if st.effect() != Some(Effect::Allow) || !manages {
                    continue;
                }
                for item in st.resources.items() {
                    let pattern = match arn::classify(&item.value) {
                        KmsResource::Any => "alias/*".to_string(),
                        KmsResource::AliasArn { alias: Some(a) } => a,
                        _ => continue,
                    };
                    out.push(Managing {
                        doc,
                        st,
                        who,
                        resource: item.source_span(),
                        pattern,
                    });
                }
            }
        }
        out
    }
}

/// Whether a path of the model lets the principal create or update an
/// alias of the key: the key half of the permission.
fn may_alias_the_key(who: &Who, paths: &[AccessPath]) -> bool {
    paths.iter().any(|p| {
        p.who == *who
            && !matches!(p.certainty, Certainty::Blocked(_))
            && !matches!(p.via, Via::AliasManagement { .. })
            && p.actions
                .iter()
                .any(|a| *a == "CreateAlias" || *a == "UpdateAlias")
    })
}

/// The alias name patterns a statement's positive alias conditions trust.
fn alias_patterns(st: &Statement) -> Vec<String> {
    let mut out = Vec::new();
    for c in &st.conditions {
        let (Some(test), Some(var)) = (c.test.known(), c.variable.known()) else {
            continue;
        };
        let var = var.to_ascii_lowercase();
        let test = test.to_ascii_lowercase();
        if (var != "kms:requestalias" && var != "kms:resourcealiases") || test.contains("not") {
            continue;
        }
        if let Some(values) = c.values.known_strings() {
            out.extend(values);
        }
    }
    out
}

/// Whether some alias name matches both patterns (`alias/app-*` and
/// `alias/*-data` share `alias/app-data`, though neither covers the
/// other).
fn overlaps(managed: &str, trusted: &str) -> bool {
    glob::patterns_overlap_within(managed, trusted, false, arn::ALIAS_NAME_MAX_CHARS)
}

fn path(key: &KeyDecl, m: &Managing, t: &Trusting, pattern: &str) -> AccessPath {
    let listed = key_actions(t.st);
    let actions_known = listed.is_some();
    let actions = listed.unwrap_or_default();
    let mut conds = vec![format!(
        "{} points an alias matching `{pattern}` at `{}`",
        m.who.display, key.address
    )];
    conds.extend(conditions(t.st));
    AccessPath {
        who: m.who.clone(),
        actions: names(&actions),
        via: Via::AliasManagement {
            document: m.doc.address.clone(),
            statement: m.st.name(),
            pattern: pattern.to_string(),
            gains: t.who.display.clone(),
            trusting_document: t.doc.address.clone(),
            trusting_statement: t.st.name(),
        },
        certainty: Certainty::Conditional,
        actions_known,
        conditions: conds,
        guards: Vec::new(),
        steps: vec![
            (
                m.resource,
                format!("may create or update aliases matching `{}`", m.pattern),
            ),
            (
                t.st.head,
                format!(
                    "statement `{}` trusts aliases matching `{pattern}`",
                    t.st.name()
                ),
            ),
        ],
        grant_at: None,
        unknown: None,
    }
}
