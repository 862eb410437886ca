//! The mechanical fix for TFKMS001: name the account's keys by the key ARN
//! pattern of the alias ARN's own account and region, and select them by
//! alias with a `kms:ResourceAliases` condition.
//!
//! The fix is offered only where it is exact: an HCL `statement` block whose
//! offending alias ARNs are string literals written in its own `resources`
//! list, or a JSON policy statement written in the policy argument itself
//! (see [`json`]). A value from a variable default or a local may be shared
//! with other statements, so rewriting it is left to the user (the help
//! text says how).
//!
//! A condition applies to the whole statement, so adding one would narrow
//! the statement's other resources too: when the statement names anything
//! besides alias ARNs, the alias ARNs move to a copy of the statement instead
//! (the shape the seed article arrives at), and the original keeps the rest.

use crate::Context;
use crate::finding::{Edit, Fix};
use crate::rewrite::{LocalEdit, StandaloneBlock, apply, quoted_content, remove_element};
use crate::support::AliasKey;
use std::cell::OnceCell;
use std::collections::HashSet;
use tfkms_iam::actions::{self, KmsAction, ResourceTypes};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, DocumentKind, Effect, Item, Statement, glob};
use tfkms_syntax::Span;
use tfkms_syntax::ast::{Expr, ExprKind};

mod json;

/// Appended to the sid of the statement a split creates.
const SPLIT_SID_SUFFIX: &str = "ByAlias";

/// One offending element of the `resources` list, as written.
struct Target<'t> {
    index: usize,
    /// `arn:aws:kms:REGION:ACCOUNT:key/*` in the literal's own words.
    key_pattern: String,
    /// `alias/NAME` in the literal's own words.
    alias: &'t str,
}

/// The fix for a statement with the offending alias ARNs (each with its
/// alias name when known), or `None` when the rewrite would not be exact,
/// or would write what another rule reports.
pub(super) fn statement_fix(
    ctx: &Context,
    doc: &Document,
    siblings: &DocumentIndex,
    st: &Statement,
    offending: &[(&Item, Option<&str>)],
    effective: &[&'static KmsAction],
    actions: Option<&[String]>,
) -> Option<Fix> {
    if !may_rewrite(ctx, siblings, st, offending, effective) {
        return None;
    }
    // Another service's actions have no business in a statement on KMS
    // keys: only a split copy of a statement block can leave them out.
    let other_services = actions.is_some_and(|list| list.iter().any(|a| names_no_kms_action(a)));
    let items: Vec<&Item> = offending.iter().map(|(i, _)| *i).collect();
    if doc.kind != DocumentKind::PolicyDocument {
        return (!other_services)
            .then(|| json::statement_fix(ctx, doc, st, &items))
            .flatten();
    }
    let file_text = ctx.files.get(st.span.file.0 as usize)?;
    let block = StandaloneBlock::parse(file_text, st.span)?;
    if block.block.kind != "statement" || !block.block.labels.is_empty() {
        return None;
    }
    let resources = block.block.body.attribute("resources")?;
    let ExprKind::Tuple(elements) = &resources.expr.kind else {
        return None;
    };
    let targets = alias_targets(&block, elements, st, &items)?;
    let inner = block.inner_indent();
    let unit = indent_unit(block.indent, &inner);
    let rewrite = Rewrite {
        block: &block,
        elements,
        condition: condition_block(&targets, &inner, unit, block.newline()),
        closing: block.before_closing_line()?,
    };
    let (text, description) = if targets.len() == elements.len() {
        if other_services {
            return None;
        }
        rewrite.in_place(&targets)?
    } else {
        rewrite.split(&targets, siblings, st, resources.expr.span, other_services)?
    };
    // What is shown and applied must be HCL; the caller re-checks the file.
    tfkms_syntax::parse::parse_hcl(st.span.file, &text).ok()?;
    Some(Fix {
        description,
        edits: vec![Edit {
            span: st.span,
            text,
        }],
    })
}

/// Whether a rewrite to key ARNs and an alias condition keeps the
/// statement's meaning and writes nothing another rule reports.
fn may_rewrite(
    ctx: &Context,
    siblings: &DocumentIndex,
    st: &Statement,
    offending: &[(&Item, Option<&str>)],
    effective: &[&'static KmsAction],
) -> bool {
    // A Deny by `ForAnyValue:` alias condition is skipped by keys whose
    // aliases go away (TFKMS004): only the user can name the keys instead.
    if st.effect() != Some(Effect::Allow) {
        return false;
    }
    // Alias management actions are rightly authorized on the alias ARN; a
    // rewrite to key ARNs would silently take them away.
    if effective
        .iter()
        .any(|a| a.resources == ResourceTypes::AliasAndKey)
    {
        return false;
    }
    // The condition must name aliases as known and exact as TFKMS002 wants
    // them: an unknown name is only noted again, a pattern reported.
    let exact = |alias: &str| {
        !glob::has_wildcard(alias) || ctx.trusted_alias_patterns.iter().any(|p| p == alias)
    };
    if !offending.iter().all(|(_, alias)| alias.is_some_and(exact)) {
        return false;
    }
    // Trusting an alias that the document lets someone manage would hand
    // them this access (TFKMS007). Other documents are not seen here.
    let managed = |alias: &str| {
        siblings
            .alias_managers()
            .iter()
            .any(|other| manages_alias_matching(other, alias))
    };
    if offending
        .iter()
        .any(|(_, alias)| alias.is_some_and(managed))
    {
        return false;
    }
    // A second `kms:ResourceAliases` condition would be ANDed with the
    // first; an unknown condition key might be one.
    st.conditions.iter().all(|c| {
        c.variable
            .known()
            .is_some_and(|v| AliasKey::parse(&v) != Some(AliasKey::ResourceAliases))
    })
}

/// The offending elements of the block's `resources` list, in list order,
/// or `None` when one is not a plain alias ARN literal written there.
fn alias_targets<'t>(
    block: &StandaloneBlock<'t>,
    elements: &[Expr],
    st: &Statement,
    items: &[&Item],
) -> Option<Vec<Target<'t>>> {
    let mut targets: Vec<Target> = Vec::new();
    for item in items {
        let span = local(item.source_span(), st.span)?;
        let index = elements
            .iter()
            .position(|e| e.span.start == span.start && e.span.end == span.end)?;
        let content = quoted_content(block.text, span)?;
        let cut = content.rfind(":alias/")?;
        let prefix = &content[..cut];
        if !prefix.starts_with("arn:") {
            return None;
        }
        targets.push(Target {
            index,
            key_pattern: format!("{prefix}:key/*"),
            alias: &content[cut + 1..],
        });
    }
    targets.sort_by_key(|t| t.index);
    targets.dedup_by_key(|t| t.index);
    (!targets.is_empty()).then_some(targets)
}

/// One indentation step as the block writes it: what its body's indent
/// adds to its own.
fn indent_unit<'i>(outer: &str, inner: &'i str) -> &'i str {
    inner
        .strip_prefix(outer)
        .filter(|u| !u.is_empty())
        .unwrap_or("  ")
}

/// The statement block being rewritten, and what every rewrite adds.
struct Rewrite<'b, 't> {
    block: &'b StandaloneBlock<'t>,
    elements: &'b [Expr],
    /// The `kms:ResourceAliases` condition block, indented for the block.
    condition: String,
    /// Where the condition goes: before the closing brace's line.
    closing: usize,
}

impl Rewrite<'_, '_> {
    /// Only alias ARNs: rewritten in place, with the condition added.
    fn in_place(&self, targets: &[Target]) -> Option<(String, String)> {
        let mut edits = Vec::new();
        let mut written: Vec<&str> = Vec::new();
        for t in targets {
            if written.contains(&t.key_pattern.as_str()) {
                edits.push(remove_element(self.block.text, self.elements, t.index)?);
            } else {
                let e = &self.elements[t.index];
                edits.push(LocalEdit::replace(
                    e.span.start as usize..e.span.end as usize,
                    format!("\"{}\"", t.key_pattern),
                ));
                written.push(&t.key_pattern);
            }
        }
        edits.push(LocalEdit::insert(self.closing, self.condition.clone()));
        Some((
            apply(self.block.text, edits)?,
            in_place_description(&written),
        ))
    }

    /// Other resources too: they keep the statement; the alias ARNs go to a
    /// copy with the condition (and without other services' actions).
    fn split(
        &self,
        targets: &[Target],
        siblings: &DocumentIndex,
        st: &Statement,
        resources: Span,
        other_services: bool,
    ) -> Option<(String, String)> {
        let block = self.block;
        let (sid_edit, new_sid) = match block.block.body.attribute("sid") {
            None => (None, None),
            Some(sid) => {
                let old = st.sid()?;
                let new = format!("{old}{SPLIT_SID_SUFFIX}");
                let end = sid.expr.span.end as usize;
                if !matches!(sid.expr.kind, ExprKind::Template(_))
                    || !block.text[..end].ends_with('"')
                    || siblings.sids().contains(&new)
                {
                    return None;
                }
                (
                    Some(LocalEdit::insert(end - 1, SPLIT_SID_SUFFIX)),
                    Some(new),
                )
            }
        };
        let mut patterns: Vec<&str> = Vec::new();
        for t in targets {
            if !patterns.contains(&t.key_pattern.as_str()) {
                patterns.push(&t.key_pattern);
            }
        }
        let mut copy_edits = vec![
            LocalEdit::replace(
                resources.start as usize..resources.end as usize,
                format!("[{}]", quoted_list_plain(&patterns)),
            ),
            LocalEdit::insert(self.closing, self.condition.clone()),
        ];
        copy_edits.extend(sid_edit);
        if other_services {
            copy_edits.extend(other_service_removals(block, st)?);
        }
        let copy = apply(block.text, copy_edits)?;
        let removals = targets
            .iter()
            .map(|t| remove_element(block.text, self.elements, t.index))
            .collect::<Option<Vec<_>>>()?;
        let original = apply(block.text, removals)?;
        let nl = block.newline();
        Some((
            format!("{original}{nl}{nl}{}{copy}", block.indent),
            split_description(targets.len(), new_sid.as_deref()),
        ))
    }
}

fn names_no_kms_action(action: &str) -> bool {
    actions::matching(action).next().is_none()
        && !action
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("kms:"))
}

/// The edits that take another service's actions out of a copy of the
/// statement block; `None` unless each action is a known string written in
/// the block's own `actions` list.
fn other_service_removals(block: &StandaloneBlock, st: &Statement) -> Option<Vec<LocalEdit>> {
    let actions = block.block.body.attribute("actions")?;
    let ExprKind::Tuple(elements) = &actions.expr.kind else {
        return None;
    };
    let mut removals = Vec::new();
    for (index, element) in elements.iter().enumerate() {
        let item = st.actions.items().iter().find(|i| {
            local(i.used_at, st.span)
                .is_some_and(|l| l.start == element.span.start && l.end == element.span.end)
        })?;
        if names_no_kms_action(&item.known()?) {
            removals.push(remove_element(block.text, elements, index)?);
        }
    }
    Some(removals)
}

/// Whether the statement allows alias management on aliases that `alias`
/// could name (an alias ARN not known counts as one that could).
/// What a statement's fix checks against the rest of its document, found
/// once per document: looking through every statement for each statement
/// made a document of many statements quadratic. Each part is found when a
/// fix first asks for it: most documents have no alias ARN to fix.
pub(super) struct DocumentIndex<'a> {
    doc: &'a Document,
    alias_managers: OnceCell<Vec<&'a Statement>>,
    sids: OnceCell<HashSet<String>>,
}

impl<'a> DocumentIndex<'a> {
    pub(super) fn of(doc: &'a Document) -> DocumentIndex<'a> {
        DocumentIndex {
            doc,
            alias_managers: OnceCell::new(),
            sids: OnceCell::new(),
        }
    }

    /// The `Allow` statements with alias management actions.
    fn alias_managers(&self) -> &[&'a Statement] {
        self.alias_managers.get_or_init(|| {
            self.doc
                .statements
                .iter()
                .filter(|st| manages_aliases(st))
                .collect()
        })
    }

    fn sids(&self) -> &HashSet<String> {
        self.sids.get_or_init(|| {
            self.doc
                .statements
                .iter()
                .filter_map(Statement::sid)
                .collect()
        })
    }
}

fn manages_aliases(st: &Statement) -> bool {
    st.effect() == Some(Effect::Allow)
        && st.kms_actions().is_some_and(|acts| {
            acts.iter()
                .any(|a| a.resources == ResourceTypes::AliasAndKey)
        })
}

/// Whether `st`, one of the alias managers, manages an alias matching `alias`.
fn manages_alias_matching(st: &Statement, alias: &str) -> bool {
    st.resources
        .items()
        .iter()
        .any(|r| match arn::classify(&r.value) {
            KmsResource::Any | KmsResource::AliasArn { alias: None } => true,
            KmsResource::AliasArn {
                alias: Some(managed),
            } => glob::patterns_overlap(&managed, alias, false),
            _ => false,
        })
}

/// `span` as an offset range into the text of `within`, when inside it.
fn local(span: Span, within: Span) -> Option<Span> {
    (span.file == within.file && within.contains(span)).then(|| Span {
        file: span.file,
        start: span.start - within.start,
        end: span.end - within.start,
    })
}

fn in_place_description(patterns: &[&str]) -> String {
    format!(
        "name the account's keys as {} and select them by alias with `kms:ResourceAliases`",
        quoted_list(patterns)
    )
}

fn split_description(moved: usize, new_sid: Option<&str>) -> String {
    let named = new_sid.map(|s| format!(" `{s}`")).unwrap_or_default();
    format!(
        "move the alias {} to a new statement{named} that selects the account's keys by alias with `kms:ResourceAliases`",
        if moved == 1 { "ARN" } else { "ARNs" }
    )
}

/// `StringLike` when a name has a wildcard or may get one from an
/// interpolation; `StringEquals` matches names exactly.
fn alias_test<'a>(aliases: impl IntoIterator<Item = &'a str>) -> &'static str {
    let like = aliases
        .into_iter()
        .any(|a| a.contains(['*', '?']) || a.contains("${") || a.contains("%{"));
    if like {
        "ForAnyValue:StringLike"
    } else {
        "ForAnyValue:StringEquals"
    }
}

fn condition_block(targets: &[Target], inner: &str, unit: &str, nl: &str) -> String {
    let mut aliases: Vec<&str> = Vec::new();
    for t in targets {
        if !aliases.contains(&t.alias) {
            aliases.push(t.alias);
        }
    }
    let test = alias_test(aliases.iter().copied());
    let values = quoted_list_plain(&aliases);
    format!(
        "{inner}condition {{{nl}\
         {inner}{unit}test     = \"{test}\"{nl}\
         {inner}{unit}variable = \"kms:ResourceAliases\"{nl}\
         {inner}{unit}values   = [{values}]{nl}\
         {inner}}}{nl}"
    )
}

/// `"a", "b"`: HCL string literals, written as the source wrote them.
fn quoted_list_plain(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `` `a` `` or `` `a` and `b` ``, for a description.
fn quoted_list(items: &[&str]) -> String {
    let q: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    match q.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => q.join(""),
    }
}
