//! `tfkms access`: every key, who can use it and by which path, for people
//! (human), programs (json) and diagrams (dot, mermaid).

use super::locate;
use tfkms_access::{AccessPath, Blocked, Certainty, KeyAccess, KeyPolicy};
use tfkms_syntax::{SourceMap, Span};

/// The keys and paths to show: `--key` and `--principal` applied.
pub struct Selection<'a> {
    pub keys: Vec<(&'a KeyAccess, Vec<&'a AccessPath>)>,
}

impl<'a> Selection<'a> {
    pub fn new(
        keys: &'a [KeyAccess],
        key: &dyn Fn(&str) -> bool,
        principal: &dyn Fn(&str) -> bool,
    ) -> Selection<'a> {
        let keys = keys
            .iter()
            .filter(|k| key(&k.address))
            .map(|k| {
                let paths = k
                    .paths
                    .iter()
                    .filter(|p| principal(&p.who.display))
                    .collect();
                (k, paths)
            })
            .collect();
        Selection { keys }
    }
}

fn place(sources: &SourceMap, span: Span) -> String {
    let l = locate(sources, span);
    format!("{}:{}:{}", l.path, l.start_line, l.start_column)
}

fn status(c: &Certainty) -> (&'static str, Option<String>) {
    match c {
        Certainty::Allowed => ("allowed", None),
        Certainty::Conditional => ("allowed when the conditions hold", None),
        Certainty::May(why) => ("may", Some(format!("unknown: {why}"))),
        Certainty::Blocked(b) => ("cannot", Some(blocked_reason(b))),
    }
}

fn blocked_reason(b: &Blocked) -> String {
    match b {
        Blocked::NoKeyPolicyDelegation { .. } => {
            format!("{}: the identity policy has no effect", b.describe())
        }
        Blocked::Denied { .. } | Blocked::ConditionNeverHolds { .. } => b.describe(),
    }
}

fn policy_text(p: &KeyPolicy) -> String {
    match p {
        KeyPolicy::Default => {
            "none in the configuration: the default key policy (enables IAM policies for the key's account)".into()
        }
        KeyPolicy::Documents(docs) => docs
            .iter()
            .map(|(a, _)| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", "),
        KeyPolicy::NotInTree => "not in the scanned files (the key is read by a data source)".into(),
        KeyPolicy::NamedOnly => {
            "not in the scanned files (the key is neither declared nor read: only named by a grant)"
                .into()
        }
        KeyPolicy::Unknown(why) => format!("unknown: {why}"),
    }
}

pub fn human(sources: &SourceMap, sel: &Selection) -> String {
    let mut out = String::new();
    if sel.keys.is_empty() {
        out.push_str("tfkms: no KMS key in the scanned files (or none matching --key)\n");
        return out;
    }
    for (key, paths) in &sel.keys {
        out.push_str(&format!(
            "{}  ({})\n",
            key.address,
            place(sources, key.span)
        ));
        out.push_str(&format!("  key policy: {}\n", policy_text(&key.policy)));
        if !key.aliases.is_empty() {
            out.push_str(&format!("  aliases: {}\n", key.aliases.join(", ")));
        }
        for g in &key.guards {
            out.push_str(&format!(
                "  limited by: {} ({})\n",
                g.text,
                place(sources, g.span)
            ));
        }
        if paths.is_empty() {
            out.push_str("  no access path in the scanned files\n");
        }
        for p in paths {
            let (word, why) = status(&p.certainty);
            out.push_str(&format!(
                "  - {} → {} [{word}]\n      via {}\n",
                p.who.display,
                p.actions_text(),
                p.how()
            ));
            if let Some(why) = why {
                out.push_str(&format!("      {why}\n"));
            }
            for c in &p.conditions {
                out.push_str(&format!("      when {c}\n"));
            }
            for g in &p.guards {
                out.push_str(&format!(
                    "      limited by {} ({})\n",
                    g.text,
                    place(sources, g.span)
                ));
            }
            let at: Vec<String> = p
                .steps
                .iter()
                .map(|(span, what)| format!("{} ({what})", place(sources, *span)))
                .collect();
            out.push_str(&format!("      at {}\n", at.join(", ")));
        }
        out.push('\n');
    }
    out
}

pub fn json(sources: &SourceMap, sel: &Selection) -> String {
    let loc = |span: Span| {
        let l = locate(sources, span);
        serde_json::json!({ "path": l.path, "line": l.start_line, "column": l.start_column })
    };
    let keys: Vec<serde_json::Value> = sel
        .keys
        .iter()
        .map(|(k, paths)| {
            let policy = match &k.policy {
                KeyPolicy::Default => serde_json::json!({ "kind": "default" }),
                KeyPolicy::Documents(d) => serde_json::json!({
                    "kind": "documents",
                    "documents": d.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>(),
                }),
                KeyPolicy::NotInTree => serde_json::json!({ "kind": "not_in_tree" }),
                KeyPolicy::NamedOnly => serde_json::json!({ "kind": "named_only" }),
                KeyPolicy::Unknown(why) => serde_json::json!({ "kind": "unknown", "reason": why }),
            };
            let access: Vec<serde_json::Value> = paths
                .iter()
                .map(|p| {
                    let (status, reason) = match &p.certainty {
                        Certainty::Allowed => ("allowed", None),
                        Certainty::Conditional => ("conditional", None),
                        Certainty::May(why) => ("may", Some(why.clone())),
                        Certainty::Blocked(b) => ("blocked", Some(b.describe())),
                    };
                    serde_json::json!({
                        "principal": p.who.display,
                        "actions": p.actions.iter().map(|a| format!("kms:{a}")).collect::<Vec<_>>(),
                        "via": p.how(),
                        "via_kind": p.kind(),
                        "status": status,
                        "reason": reason,
                        "conditions": p.conditions,
                        "guards": p.guards.iter().map(|g| serde_json::json!({
                            "text": g.text, "location": loc(g.span)
                        })).collect::<Vec<_>>(),
                        "steps": p.steps.iter().map(|(s, what)| serde_json::json!({
                            "what": what, "location": loc(*s)
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::json!({
                "key": k.address,
                "location": loc(k.span),
                "policy": policy,
                "aliases": k.aliases,
                "guards": k.guards.iter().map(|g| serde_json::json!({
                    "text": g.text, "location": loc(g.span)
                })).collect::<Vec<_>>(),
                "access": access,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&serde_json::json!({ "version": 1, "keys": keys }))
        .unwrap_or_default();
    s.push('\n');
    s
}

/// A short edge label: the actions and the path's kind.
fn edge_label(p: &AccessPath) -> String {
    let how = p.how().replace('`', "");
    let actions = if p.actions.len() > 3 {
        format!("{} actions", p.actions.len())
    } else {
        p.actions.join(", ")
    };
    let word = match p.certainty {
        Certainty::Allowed => "",
        Certainty::Conditional => " (when conditions hold)",
        Certainty::May(_) => " (may)",
        Certainty::Blocked(_) => " (cannot)",
    };
    format!("{actions}{word}: {how}")
}

/// Graphviz: principals on the left, keys on the right; dashed edges are
/// conditional or uncertain, red ones cannot work.
pub fn dot(sel: &Selection) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::from("digraph access {\n  rankdir=LR;\n  node [shape=box];\n");
    for (k, paths) in &sel.keys {
        out.push_str(&format!("  {} [style=bold];\n", q(&k.address)));
        for p in paths {
            let style = match p.certainty {
                Certainty::Allowed => "",
                Certainty::Conditional | Certainty::May(_) => ", style=dashed",
                Certainty::Blocked(_) => ", style=dashed, color=red",
            };
            out.push_str(&format!(
                "  {} -> {} [label={}{style}];\n",
                q(&p.who.display),
                q(&k.address),
                q(&edge_label(p))
            ));
        }
    }
    out.push_str("}\n");
    out
}

/// Mermaid flowchart, for a pull request or a design document.
pub fn mermaid(sel: &Selection) -> String {
    let text = |s: &str| s.replace('"', "#quot;").replace('`', "");
    let mut ids: Vec<String> = Vec::new();
    let mut id = |name: &str, out: &mut String| -> String {
        match ids.iter().position(|n| n == name) {
            Some(i) => format!("n{i}"),
            None => {
                ids.push(name.to_string());
                let i = ids.len() - 1;
                out.push_str(&format!("  n{i}[\"{}\"]\n", text(name)));
                format!("n{i}")
            }
        }
    };
    let mut out = String::from("flowchart LR\n");
    for (k, paths) in &sel.keys {
        let key = id(&k.address, &mut out);
        for p in paths {
            let who = id(&p.who.display, &mut out);
            let arrow = match p.certainty {
                Certainty::Allowed => "-->",
                _ => "-.->",
            };
            out.push_str(&format!(
                "  {who} {arrow}|\"{}\"| {key}\n",
                text(&edge_label(p))
            ));
        }
    }
    out
}
