//! The same fix for a statement of a policy written as JSON text (a heredoc,
//! a quoted string, a string in `.tf.json`) or as an HCL object given to
//! `jsonencode`.
//!
//! The statement is read again from the policy argument's own source, and
//! the fix is offered only when the statement is written right there: a
//! policy that comes from a local or a variable may be shared.
//!
//! JSON text is edited as the JSON parser sees it (the decoded heredoc or
//! string, each interpolation one placeholder character), then every edit is
//! mapped back to the file through `Literal::offset_map`. New text is
//! encoded for the place it lands (a `<<-` heredoc's stripped indentation,
//! string escapes, `$${`), so Terraform decodes exactly the intended JSON;
//! the statement's own interpolations are kept byte for byte, never
//! written anew.

use super::{SPLIT_SID_SUFFIX, alias_test, in_place_description, split_description};
use crate::Context;
use crate::finding::{Edit, Fix};
use crate::rewrite::{LocalEdit, apply, is_line_start, line_start, remove_range};
use std::borrow::Cow;
use std::ops::Range;
use tfkms_iam::{Document, Item, Statement};
use tfkms_syntax::ast::{
    Body, Expr, ExprKind, LiteralEncoding, ObjectKey, OffsetMap, TemplatePart,
};
use tfkms_syntax::json::{self, JsonKind, JsonValue};
use tfkms_syntax::{FileKind, Span};

/// Stands for an interpolation in decoded JSON text. A private-use
/// character cannot be JSON syntax, so a policy with an interpolation
/// outside a string fails to parse and gets no fix.
const HOLE: char = '\u{E000}';

const ALIAS_KEY: &str = "kms:ResourceAliases";

/// The fix for statement `st` of the JSON policy `doc`, or `None` when the
/// rewrite would not be exact.
pub(super) fn statement_fix(
    ctx: &Context,
    doc: &Document,
    st: &Statement,
    items: &[&Item],
) -> Option<Fix> {
    let file_id = st.span.file;
    if doc.span.file != file_id || st.span.start < doc.span.start || st.span.start >= doc.span.end {
        return None;
    }
    let file = ctx.files.get(file_id.0 as usize)?;
    let kind = file_kind(file);
    let body = parse_expression_alone(file_id, kind, file, doc.span.range())?;
    let policy = Policy::read(file, kind, find_expr(&body, &|e| e.span == doc.span)?)?;
    let planned = policy.plan(doc, st, items)?;

    // What is shown and applied must still be the policy it was, with one
    // more statement for a split and no interpolation gained or lost.
    let span = Span::new(file_id, planned.range.start, planned.range.end);
    let fixed = format!(
        "{}{}{}",
        &file[..planned.range.start],
        planned.text,
        &file[planned.range.end..]
    );
    let grown = planned.text.len() as isize - planned.range.len() as isize;
    let end = (doc.span.end as usize).checked_add_signed(grown)?;
    let body = parse_expression_alone(file_id, kind, &fixed, doc.span.start as usize..end)?;
    // The edit changed its length, not where it starts.
    let expr = find_expr(&body, &|e| e.span.start == doc.span.start)?;
    let again = Policy::read(&fixed, kind, expr)?;
    if again.statement_count()? != policy.statement_count()? + planned.added_statements
        || again.holes() != planned.holes
    {
        return None;
    }
    Some(Fix {
        description: planned.description,
        edits: vec![Edit {
            span,
            text: planned.text,
        }],
    })
}

/// The `indent` characters `<<-` strips from the heredoc `src` (from
/// `<<-` to its closing marker), copied from its first line with text.
/// Any line's would do: each has at least `indent` whitespace characters,
/// so a new line with these keeps the heredoc's least indentation.
fn heredoc_margin_characters(src: &str, indent: usize) -> Option<String> {
    let mut lines = src.lines().skip(1);
    let line = lines.find(|l| !l.trim().is_empty())?;
    let margin: String = line.chars().take(indent).collect();
    (margin.chars().count() == indent && margin.chars().all(char::is_whitespace)).then_some(margin)
}

/// The file's syntax: a Terraform JSON file is an object, and a native one
/// can never start with `{` (`ctx` has texts, not names).
fn file_kind(text: &str) -> FileKind {
    if text.trim_start().starts_with('{') {
        FileKind::ConfigJson
    } else {
        FileKind::Config
    }
}

/// Parses the attribute expression at `range` of `text` on its own: the
/// text before it is blanked and a minimal attribute wrapped around it, so
/// offsets stay the file's but the parse costs the expression, not the
/// file. Parsing the whole file for every fix was quadratic in a file with
/// hundreds of policies.
fn parse_expression_alone(
    id: tfkms_syntax::FileId,
    kind: FileKind,
    text: &str,
    range: Range<usize>,
) -> Option<Body> {
    let (open, close) = match kind {
        FileKind::ConfigJson => (r#"{"locals":{"x":"#, "}}"),
        _ => ("x=", "\n"),
    };
    let expression = text.get(range.clone())?;
    let blank = range.start.checked_sub(open.len())?;
    let mut alone = String::with_capacity(range.end + close.len());
    alone.extend(std::iter::repeat_n(' ', blank));
    alone.push_str(open);
    alone.push_str(expression);
    alone.push_str(close);
    tfkms_syntax::parse(id, kind, &alone).ok()
}

/// The attribute expression of `body`, at any depth, that `is` picks.
fn find_expr<'b>(body: &'b Body, is: &impl Fn(&Expr) -> bool) -> Option<&'b Expr> {
    body.attributes
        .iter()
        .map(|a| &a.expr)
        .find(|e| is(e))
        .or_else(|| body.blocks.iter().find_map(|b| find_expr(&b.body, is)))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// JSON text decoded from a template.
    Json,
    /// An HCL object in the file itself.
    Hcl,
}

/// A JSON-shaped value with the range of its text in [`Policy::text`].
struct Node {
    range: Range<usize>,
    kind: NodeKind,
}

enum NodeKind {
    Object(Vec<Member>),
    Array(Vec<Node>),
    Str,
    Other,
}

struct Member {
    key: String,
    key_range: Range<usize>,
    value: Node,
}

impl Node {
    /// The member named `key` as IAM reads keys (case-insensitively):
    /// `None` when it is ambiguous, `Some(None)` when absent.
    fn get(&self, key: &str) -> Option<Option<&Member>> {
        let NodeKind::Object(members) = &self.kind else {
            return None;
        };
        let mut found = members.iter().filter(|m| m.key.eq_ignore_ascii_case(key));
        let first = found.next();
        found.next().is_none().then_some(first)
    }

    fn from_json(v: &JsonValue) -> Node {
        let kind = match &v.kind {
            JsonKind::Object(members) => NodeKind::Object(
                members
                    .iter()
                    .map(|(k, v)| Member {
                        key: k.text.clone(),
                        key_range: k.range.clone(),
                        value: Node::from_json(v),
                    })
                    .collect(),
            ),
            JsonKind::Array(items) => NodeKind::Array(items.iter().map(Node::from_json).collect()),
            JsonKind::String(_) => NodeKind::Str,
            _ => NodeKind::Other,
        };
        Node {
            range: v.range.clone(),
            kind,
        }
    }

    /// `None` when a key is computed: the statement's shape is then not
    /// known from its source.
    fn from_hcl(e: &Expr) -> Option<Node> {
        let kind = match &e.kind {
            ExprKind::Object(items) => NodeKind::Object(
                items
                    .iter()
                    .map(|i| {
                        let (key, key_range) = match &i.key {
                            ObjectKey::Ident(k, span) => (k.clone(), span.range()),
                            ObjectKey::Expr(k) => match &k.kind {
                                ExprKind::Template(t) => (t.as_literal()?, k.span.range()),
                                _ => return None,
                            },
                        };
                        Some(Member {
                            key,
                            key_range,
                            value: Node::from_hcl(&i.value)?,
                        })
                    })
                    .collect::<Option<_>>()?,
            ),
            ExprKind::Tuple(items) => {
                NodeKind::Array(items.iter().map(Node::from_hcl).collect::<Option<_>>()?)
            }
            ExprKind::Template(_) => NodeKind::Str,
            _ => NodeKind::Other,
        };
        Some(Node {
            range: e.span.range(),
            kind,
        })
    }
}

/// A piece of the decoded text: a literal's text, or one [`HOLE`].
struct Segment {
    range: Range<usize>,
    /// How a literal's decoded text maps to the file; `None` for an
    /// interpolation. Built once: every statement and element asks.
    offsets: Option<OffsetMap>,
}

/// The policy as the text the edits are made in, and how that text maps
/// to the file.
struct Policy<'a> {
    file: &'a str,
    /// The decoded JSON (for a template) or the file itself (for an HCL
    /// object, which is edited in place).
    text: Cow<'a, str>,
    syntax: Syntax,
    segments: Vec<Segment>,
    encoding: LiteralEncoding,
    /// What a `<<-` heredoc strips from each line, as its own lines spell
    /// it (spaces, tabs or a mix), to give every new line.
    margin: String,
    root: Node,
}

/// A new value, written in the policy's syntax and layout.
#[derive(Clone)]
enum Gen {
    Str(String),
    List(Vec<String>),
    Object(Vec<(String, Gen)>),
}

/// How the members of an object are laid out, for writing one more.
struct Layout {
    multiline: bool,
    /// The members' indentation.
    indent: String,
    /// One more level of indentation.
    unit: String,
    /// Between a key and its value: `": "`, `" = "`.
    separator: String,
    /// After a comma on one line.
    space: &'static str,
}

struct Target {
    index: usize,
    /// `alias/NAME` in the resource string, in [`Policy::text`].
    suffix: Range<usize>,
    /// `alias/NAME` as written in the policy text.
    alias: String,
    /// The decoded name, to tell a pattern.
    name: String,
    /// `arn:aws:kms:REGION:ACCOUNT:key/*` as the file writes its prefix.
    pattern: String,
}

struct Planned {
    /// The statement's range in the file, and its new text.
    range: Range<usize>,
    text: String,
    description: String,
    added_statements: usize,
    /// The policy's interpolations after the edit.
    holes: usize,
}

impl<'a> Policy<'a> {
    fn read(file: &'a str, kind: FileKind, expr: &'a Expr) -> Option<Policy<'a>> {
        match &expr.kind {
            ExprKind::Template(t) => {
                // Strip markers (`${~`, `~}`) trim the literals next to them,
                // which offsets in the decoded text would not account for.
                let src = file.get(expr.span.range())?;
                if src.contains("~}") || src.contains("{~") {
                    return None;
                }
                let mut text = String::new();
                let mut segments = Vec::new();
                let mut encoding = None;
                for part in &t.parts {
                    let start = text.len();
                    let literal = match part {
                        TemplatePart::Literal(l) => {
                            // Whether a literal starts a line does not
                            // change how new text is encoded.
                            let enc = match l.encoding {
                                LiteralEncoding::Heredoc { indent, .. } => {
                                    LiteralEncoding::Heredoc {
                                        indent,
                                        starts_line: true,
                                    }
                                }
                                e => e,
                            };
                            if l.text.contains(HOLE) || *encoding.get_or_insert(enc) != enc {
                                return None;
                            }
                            text.push_str(&l.text);
                            Some(l)
                        }
                        TemplatePart::Interpolation(_) => {
                            text.push(HOLE);
                            None
                        }
                        _ => return None,
                    };
                    segments.push(Segment {
                        range: start..text.len(),
                        offsets: literal.map(|l| l.offset_map(file)),
                    });
                }
                let encoding = encoding?;
                if encoding == LiteralEncoding::Raw {
                    return None;
                }
                let margin = match encoding {
                    LiteralEncoding::Heredoc { indent, .. } if indent > 0 => {
                        heredoc_margin_characters(src, indent)?
                    }
                    _ => String::new(),
                };
                let root = Node::from_json(&json::parse(&text).ok()?);
                Some(Policy {
                    file,
                    text: Cow::Owned(text),
                    syntax: Syntax::Json,
                    segments,
                    encoding,
                    margin,
                    root,
                })
            }
            // In `.tf.json` the object would be HCL inside a JSON string,
            // with escapes this does not write.
            ExprKind::Call {
                name,
                args,
                expand_final: false,
            } if name == "jsonencode" && kind == FileKind::Config => match args.as_slice() {
                [
                    arg @ Expr {
                        kind: ExprKind::Object(_),
                        ..
                    },
                ] => Some(Policy {
                    file,
                    text: Cow::Borrowed(file),
                    syntax: Syntax::Hcl,
                    segments: Vec::new(),
                    encoding: LiteralEncoding::Raw,
                    margin: String::new(),
                    root: Node::from_hcl(arg)?,
                }),
                _ => None,
            },
            _ => None,
        }
    }

    fn holes(&self) -> usize {
        self.text.matches(HOLE).count()
    }

    fn statements(&self) -> Option<&Node> {
        Some(&self.root.get("Statement")??.value)
    }

    fn statement_count(&self) -> Option<usize> {
        match &self.statements()?.kind {
            NodeKind::Array(v) => Some(v.len()),
            NodeKind::Object(_) => Some(1),
            _ => None,
        }
    }

    /// The file offset of an offset in [`Policy::text`]; `None` inside an
    /// interpolation.
    fn to_file(&self, at: usize) -> Option<usize> {
        if self.syntax == Syntax::Hcl {
            return Some(at);
        }
        let literal = |s: &&Segment| s.offsets.is_some();
        let seg = self
            .segments
            .iter()
            .filter(literal)
            .find(|s| s.range.start <= at && at < s.range.end)
            .or_else(|| {
                self.segments
                    .iter()
                    .filter(literal)
                    .find(|s| s.range.end == at)
            })?;
        Some(seg.offsets.as_ref()?.source_offset(at - seg.range.start))
    }

    /// New text as the file must spell it to decode to `text`.
    fn encode(&self, text: &str) -> Option<String> {
        if self.syntax == Syntax::Hcl {
            return Some(text.to_string());
        }
        let text = text.replace("${", "$${").replace("%{", "%%{");
        let escaped = |out: &mut String, c: char| match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        };
        match self.encoding {
            // `<<-` strips this much from every line, so each new line gets
            // it back and the heredoc's least indentation stays the same.
            LiteralEncoding::Heredoc { .. } => {
                Some(text.replace('\n', &format!("\n{}", self.margin)))
            }
            LiteralEncoding::Quoted | LiteralEncoding::Json => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    escaped(&mut out, c);
                }
                Some(out)
            }
            LiteralEncoding::Raw => None,
        }
    }

    fn newline(&self) -> &'static str {
        if self.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }

    fn find_statement(&self, at: usize) -> Option<(&Node, bool)> {
        let statements = self.statements()?;
        match &statements.kind {
            NodeKind::Array(v) => v
                .iter()
                .find(|n| self.to_file(n.range.start) == Some(at))
                .map(|n| (n, true)),
            NodeKind::Object(_) if self.to_file(statements.range.start) == Some(at) => {
                Some((statements, false))
            }
            _ => None,
        }
    }

    fn plan(&self, doc: &Document, st: &Statement, items: &[&Item]) -> Option<Planned> {
        let (stmt, in_list) = self.find_statement(st.span.start as usize)?;
        let resource = stmt.get("Resource")??;
        let elements: Vec<&Node> = match &resource.value.kind {
            NodeKind::Str => vec![&resource.value],
            NodeKind::Array(v) => v.iter().collect(),
            _ => return None,
        };
        let mut targets = Vec::new();
        for item in items {
            let at = item.source_span().start as usize;
            let index = elements
                .iter()
                .position(|e| self.to_file(e.range.start) == Some(at))?;
            targets.push(self.target(index, elements[index])?);
        }
        targets.sort_by_key(|t| t.index);
        targets.dedup_by_key(|t| t.index);
        if targets.is_empty() {
            return None;
        }
        let mut aliases: Vec<&Target> = Vec::new();
        for t in &targets {
            if !aliases.iter().any(|a| a.alias == t.alias) {
                aliases.push(t);
            }
        }
        let test = alias_test(aliases.iter().map(|t| t.name.as_str()));
        let values = match aliases.as_slice() {
            [one] => Gen::Str(one.alias.clone()),
            _ => Gen::List(aliases.iter().map(|t| t.alias.clone()).collect()),
        };

        // Keep the first alias ARN of each key pattern, rewritten; drop
        // the others and, in a copy, everything that is not an alias ARN.
        let rewrite = |drop_others: bool| -> Option<(Vec<LocalEdit>, Vec<&str>)> {
            let mut edits = Vec::new();
            let mut written: Vec<&str> = Vec::new();
            let mut dropped = Vec::new();
            for (i, _) in elements.iter().enumerate() {
                match targets.iter().find(|t| t.index == i) {
                    Some(t) if !written.contains(&t.pattern.as_str()) => {
                        edits.push(LocalEdit::replace(t.suffix.clone(), "key/*"));
                        written.push(&t.pattern);
                    }
                    Some(_) => dropped.push(i),
                    None if drop_others => dropped.push(i),
                    None => {}
                }
            }
            edits.extend(self.remove_elements(&elements, &dropped)?);
            edits.push(self.condition_edit(stmt, test, &values)?);
            Some((edits, written))
        };

        let start = self.to_file(stmt.range.start)?;
        let end = self.to_file(stmt.range.end)?;
        let slice = self.file.get(start..end)?;
        let in_file = |edits: Vec<LocalEdit>| -> Option<String> {
            let mut local = Vec::new();
            for e in edits {
                let from = self.to_file(e.range.start)?.checked_sub(start)?;
                let to = self.to_file(e.range.end)?.checked_sub(start)?;
                local.push(LocalEdit::replace(from..to, self.encode(&e.text)?));
            }
            apply(slice, local)
        };
        // The interpolations the statement will have, counted in the text
        // the edits were made in.
        let stmt_text = &self.text[stmt.range.clone()];
        let holes_in = |edits: &[LocalEdit]| -> Option<usize> {
            let local = edits
                .iter()
                .map(|e| {
                    LocalEdit::replace(
                        e.range.start - stmt.range.start..e.range.end - stmt.range.start,
                        e.text.clone(),
                    )
                })
                .collect();
            Some(apply(stmt_text, local)?.matches(HOLE).count())
        };
        let holes_elsewhere = self.holes() - stmt_text.matches(HOLE).count();

        if targets.len() == elements.len() {
            let (edits, written) = rewrite(false)?;
            return Some(Planned {
                range: start..end,
                holes: holes_elsewhere + holes_in(&edits)?,
                text: in_file(edits)?,
                description: in_place_description(&written),
                added_statements: 0,
            });
        }

        // Other resources too: they keep the statement; the alias ARNs go to
        // a copy with the condition, right after it in the list.
        if !in_list {
            return None;
        }
        let (sid_edit, new_sid) = match stmt.get("Sid")? {
            None => (None, None),
            Some(sid) => {
                let new = format!("{}{SPLIT_SID_SUFFIX}", st.sid()?);
                let token = &self.text[sid.value.range.clone()];
                if !matches!(sid.value.kind, NodeKind::Str)
                    || !token.ends_with('"')
                    || token.contains(HOLE)
                    || token.contains("${")
                    || doc
                        .statements
                        .iter()
                        .any(|s| s.sid().as_deref() == Some(&new))
                {
                    return None;
                }
                (
                    Some(LocalEdit::insert(sid.value.range.end - 1, SPLIT_SID_SUFFIX)),
                    Some(new),
                )
            }
        };
        let (mut copy_edits, _) = rewrite(true)?;
        copy_edits.extend(sid_edit);
        let dropped: Vec<usize> = targets.iter().map(|t| t.index).collect();
        let original_edits = self.remove_elements(&elements, &dropped)?;
        let holes = holes_elsewhere + holes_in(&original_edits)? + holes_in(&copy_edits)?;
        let original = in_file(original_edits)?;
        // A statement at the start of a `<<-` line starts, in the file,
        // before the margin stripped there; the separator writes the margin
        // for the copy, which must not bring it again.
        let copy = in_file(copy_edits)?;
        let copy = copy.trim_start();
        let separator = if is_line_start(&self.text, stmt.range.start) {
            let from = line_start(&self.text, stmt.range.start);
            format!(",{}{}", self.newline(), &self.text[from..stmt.range.start])
        } else {
            ", ".to_string()
        };
        Some(Planned {
            range: start..end,
            text: format!("{original}{}{copy}", self.encode(&separator)?),
            description: split_description(targets.len(), new_sid.as_deref()),
            added_statements: 1,
            holes,
        })
    }

    fn target(&self, index: usize, e: &Node) -> Option<Target> {
        let content = self.text[e.range.clone()]
            .strip_prefix('"')?
            .strip_suffix('"')?;
        let cut = content.rfind(":alias/")?;
        if !content[..cut].starts_with("arn:") {
            return None;
        }
        let alias = &content[cut + 1..];
        let name = match self.syntax {
            // The alias becomes new text, so it must be all literal.
            Syntax::Json if alias.contains(HOLE) => return None,
            Syntax::Json => match json::parse(&format!("\"{alias}\"")).ok()?.kind {
                JsonKind::String(s) => s,
                _ => return None,
            },
            // HCL copies it as written, interpolations and all, as the
            // `statement` block fix does.
            Syntax::Hcl => alias.to_string(),
        };
        let base = e.range.start + 1;
        let prefix = self
            .file
            .get(self.to_file(base)?..self.to_file(base + cut)?)?;
        Some(Target {
            index,
            suffix: base + cut + 1..base + content.len(),
            alias: alias.to_string(),
            name,
            pattern: format!("{prefix}:key/*"),
        })
    }

    /// Edits that remove the elements at `indices` of a list, with their
    /// separators; at least one element must stay.
    fn remove_elements(&self, elements: &[&Node], indices: &[usize]) -> Option<Vec<LocalEdit>> {
        if indices.is_empty() {
            return Some(Vec::new());
        }
        if elements.len() <= 1 || (0..elements.len()).all(|i| indices.contains(&i)) {
            return None;
        }
        if self.syntax == Syntax::Hcl {
            return indices
                .iter()
                .map(|&i| remove_range(&self.text, elements.get(i)?.range.clone(), i))
                .collect();
        }
        // JSON has no trailing comma: a run of removed elements takes the
        // separator after it, or, at the end of the list, the one before.
        let mut edits = Vec::new();
        let mut i = 0;
        while i < elements.len() {
            if !indices.contains(&i) {
                i += 1;
                continue;
            }
            let first = i;
            while i < elements.len() && indices.contains(&i) {
                i += 1;
            }
            let range = if i < elements.len() {
                elements[first].range.start..elements[i].range.start
            } else {
                elements[first - 1].range.end..elements[i - 1].range.end
            };
            edits.push(LocalEdit::replace(range, ""));
        }
        Some(edits)
    }

    /// Adds the alias condition, into the statement's `Condition` (and its
    /// operator) when there is one: JSON keys must not repeat.
    fn condition_edit(&self, stmt: &Node, test: &str, values: &Gen) -> Option<LocalEdit> {
        let by_key = || Gen::Object(vec![(ALIAS_KEY.to_string(), values.clone())]);
        let Some(condition) = stmt.get("Condition")? else {
            let value = Gen::Object(vec![(test.to_string(), by_key())]);
            return self.insert_member(stmt, "Condition", &value);
        };
        if !matches!(condition.value.kind, NodeKind::Object(_)) {
            return None;
        }
        match condition.value.get(test)? {
            None => self.insert_member(&condition.value, test, &by_key()),
            Some(op) => {
                if !matches!(op.value.kind, NodeKind::Object(_))
                    || op.value.get(ALIAS_KEY)?.is_some()
                {
                    return None;
                }
                self.insert_member(&op.value, ALIAS_KEY, values)
            }
        }
    }

    fn layout(&self, obj: &Node, members: &[Member]) -> Layout {
        let text: &str = &self.text;
        let own_indent: String = text[line_start(text, obj.range.start)..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let default_separator = match self.syntax {
            Syntax::Json => ": ",
            Syntax::Hcl => " = ",
        };
        let Some(first) = members.first() else {
            return Layout {
                multiline: false,
                indent: own_indent,
                unit: "  ".into(),
                separator: default_separator.into(),
                space: " ",
            };
        };
        let k = first.key_range.start;
        let multiline = text[obj.range.start + 1..k].contains('\n') && is_line_start(text, k);
        let indent = if multiline {
            text[line_start(text, k)..k].to_string()
        } else {
            own_indent.clone()
        };
        let unit = indent
            .strip_prefix(own_indent.as_str())
            .filter(|u| !u.is_empty())
            .unwrap_or("  ")
            .to_string();
        let last = members.last().unwrap_or(first);
        let between = &text[last.key_range.end..last.value.range.start];
        let separator = match self.syntax {
            Syntax::Json if between.trim() == ":" && !between.contains('\n') => between.into(),
            // Aligned `=` belongs to the neighbours' group; a new member
            // takes the plain form.
            Syntax::Hcl if between.trim() == ":" => ": ".into(),
            _ => default_separator.into(),
        };
        // After a comma as between the members, or, with one member, as
        // compact as its key and value are.
        let spaced = if members.len() > 1 {
            text[..last.key_range.start].ends_with(' ')
        } else {
            between.contains(' ')
        };
        let space = if spaced { " " } else { "" };
        Layout {
            multiline,
            indent,
            unit,
            separator,
            space,
        }
    }

    fn key(&self, key: &str) -> String {
        let ident = key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        match self.syntax {
            Syntax::Hcl if ident => key.to_string(),
            _ => format!("\"{key}\""),
        }
    }

    fn render(&self, g: &Gen, l: &Layout, indent: &str) -> String {
        match g {
            Gen::Str(s) => format!("\"{s}\""),
            Gen::List(v) => format!(
                "[{}]",
                v.iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Gen::Object(members) => {
                let nl = self.newline();
                let inner = format!("{indent}{}", l.unit);
                let items: Vec<String> = members
                    .iter()
                    .map(|(k, v)| {
                        let v = self.render(v, l, &inner);
                        if l.multiline {
                            format!("{inner}{}{}{v}", self.key(k), l.separator)
                        } else {
                            format!("{}{}{v}", self.key(k), l.separator)
                        }
                    })
                    .collect();
                match (l.multiline, self.syntax) {
                    (true, Syntax::Json) => {
                        format!("{{{nl}{}{nl}{indent}}}", items.join(&format!(",{nl}")))
                    }
                    (true, Syntax::Hcl) => format!("{{{nl}{}{nl}{indent}}}", items.join(nl)),
                    (false, Syntax::Json) => format!("{{{}}}", items.join(", ")),
                    (false, Syntax::Hcl) => format!("{{ {} }}", items.join(", ")),
                }
            }
        }
    }

    /// The edit that adds `key` to the object `obj` as its last member,
    /// laid out like the members before it.
    fn insert_member(&self, obj: &Node, key: &str, value: &Gen) -> Option<LocalEdit> {
        let NodeKind::Object(members) = &obj.kind else {
            return None;
        };
        let l = self.layout(obj, members);
        let member = format!(
            "{}{}{}",
            self.key(key),
            l.separator,
            self.render(value, &l, &l.indent)
        );
        let nl = self.newline();
        let Some(last) = members.last() else {
            return Some(LocalEdit::insert(
                obj.range.start + 1,
                match self.syntax {
                    Syntax::Json => member,
                    Syntax::Hcl => format!(" {member} "),
                },
            ));
        };
        let end = last.value.range.end;
        let indent = &l.indent;
        let space = l.space;
        Some(match (l.multiline, self.syntax) {
            (true, Syntax::Json) => LocalEdit::insert(end, format!(",{nl}{indent}{member}")),
            (true, Syntax::Hcl) => {
                // After the last member's line, comment included, unless the
                // closing brace shares that line.
                let text: &str = &self.text;
                let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
                let line_end = if text[..line_end].ends_with('\r') {
                    line_end - 1
                } else {
                    line_end
                };
                let close = obj.range.end - 1;
                let at = if close < line_end { end } else { line_end };
                let after = text[end..].trim_start_matches([' ', '\t']);
                let comma = if at > end && after.starts_with(',') {
                    ","
                } else {
                    ""
                };
                LocalEdit::insert(at, format!("{nl}{indent}{member}{comma}"))
            }
            (false, Syntax::Json) => LocalEdit::insert(end, format!(",{space}{member}")),
            (false, Syntax::Hcl) => LocalEdit::insert(end, format!(", {member}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tfkms_syntax::FileId;

    /// The policy of `policy = ...` in `file`, and the file with the
    /// statement's alias condition added by `condition_edit`.
    fn with_condition(file: &str) -> Option<String> {
        let body = tfkms_syntax::parse(FileId(0), FileKind::Config, file).unwrap();
        let expr = &body.attributes[0].expr;
        let policy = Policy::read(file, FileKind::Config, expr)?;
        let stmt = match &policy.statements()?.kind {
            NodeKind::Array(v) => &v[0],
            _ => policy.statements()?,
        };
        let edit = policy.condition_edit(
            stmt,
            "ForAnyValue:StringEquals",
            &Gen::Str("alias/a".into()),
        )?;
        let start = policy.to_file(edit.range.start)?;
        let end = policy.to_file(edit.range.end)?;
        let text = policy.encode(&edit.text)?;
        apply(file, vec![LocalEdit::replace(start..end, text)])
    }

    #[test]
    fn new_heredoc_lines_keep_the_stripped_indentation() {
        let file = "policy = <<-EOT\n    {\"Statement\": [{\n      \"Effect\": \"Allow\"\n    }]}\n  EOT\n";
        assert_eq!(
            with_condition(file).unwrap(),
            "policy = <<-EOT\n    {\"Statement\": [{\n      \"Effect\": \"Allow\",\n      \"Condition\": {\n        \"ForAnyValue:StringEquals\": {\n          \"kms:ResourceAliases\": \"alias/a\"\n        }\n      }\n    }]}\n  EOT\n"
        );
        let plain = "policy = <<EOT\n{\"Statement\": {\n  \"Effect\": \"Allow\"\n}}\nEOT\n";
        assert_eq!(
            with_condition(plain).unwrap(),
            "policy = <<EOT\n{\"Statement\": {\n  \"Effect\": \"Allow\",\n  \"Condition\": {\n    \"ForAnyValue:StringEquals\": {\n      \"kms:ResourceAliases\": \"alias/a\"\n    }\n  }\n}}\nEOT\n"
        );
    }

    #[test]
    fn an_existing_condition_takes_the_operator_or_the_key() {
        let file = "policy = <<EOT\n{\"Statement\": {\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}}\nEOT\n";
        assert_eq!(
            with_condition(file).unwrap(),
            "policy = <<EOT\n{\"Statement\": {\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}, \"ForAnyValue:StringEquals\": {\"kms:ResourceAliases\": \"alias/a\"}}}}\nEOT\n"
        );
        let same_operator = "policy = jsonencode({\n  Statement = {\n    Condition = {\n      \"ForAnyValue:StringEquals\" = {\n        \"kms:EncryptionContextKeys\" = [\"app\"] # why\n      }\n    }\n  }\n})\n";
        assert_eq!(
            with_condition(same_operator).unwrap(),
            "policy = jsonencode({\n  Statement = {\n    Condition = {\n      \"ForAnyValue:StringEquals\" = {\n        \"kms:EncryptionContextKeys\" = [\"app\"] # why\n        \"kms:ResourceAliases\" = \"alias/a\"\n      }\n    }\n  }\n})\n"
        );
        // Two `Condition` keys (or a second alias key) would be ambiguous.
        let twice =
            "policy = <<EOT\n{\"Statement\": {\"Condition\": {}, \"condition\": {}}}\nEOT\n";
        assert_eq!(with_condition(twice), None);
        let already = "policy = <<EOT\n{\"Statement\": {\"Condition\": {\"ForAnyValue:StringEquals\": {\"kms:ResourceAliases\": \"alias/b\"}}}}\nEOT\n";
        assert_eq!(with_condition(already), None);
    }

    #[test]
    fn new_text_in_a_quoted_string_is_escaped() {
        let file = "policy = \"{\\\"Statement\\\": {\\\"Effect\\\": \\\"Allow\\\"}}\"\n";
        let fixed = with_condition(file).unwrap();
        assert_eq!(
            fixed,
            "policy = \"{\\\"Statement\\\": {\\\"Effect\\\": \\\"Allow\\\", \\\"Condition\\\": {\\\"ForAnyValue:StringEquals\\\": {\\\"kms:ResourceAliases\\\": \\\"alias/a\\\"}}}}\"\n"
        );
        let body = tfkms_syntax::parse(FileId(0), FileKind::Config, &fixed).unwrap();
        assert!(Policy::read(&fixed, FileKind::Config, &body.attributes[0].expr).is_some());
    }

    #[test]
    fn templates_are_escaped_where_new_text_lands() {
        let file = "policy = <<-EOT\n  {}\n  EOT\n";
        let body = tfkms_syntax::parse(FileId(0), FileKind::Config, file).unwrap();
        let policy = Policy::read(file, FileKind::Config, &body.attributes[0].expr).unwrap();
        assert_eq!(
            policy.encode("\"${x}\",\n%{y}").unwrap(),
            "\"$${x}\",\n  %%{y}"
        );
        // New lines take the margin as the heredoc spells it; a blank line
        // does not count towards it.
        let tabs = "policy = <<-EOT\n\t\n \t{\n \t\t}\n\tEOT\n";
        let body = tfkms_syntax::parse(FileId(0), FileKind::Config, tabs).unwrap();
        let policy = Policy::read(tabs, FileKind::Config, &body.attributes[0].expr).unwrap();
        assert_eq!(policy.encode("1,\n2").unwrap(), "1,\n \t2");
        // Strip markers change the text around them: no fix through them.
        let stripped = "policy = <<-EOT\n  {\"a\": \"${~ \"b\" ~}\"}\n  EOT\n";
        let body = tfkms_syntax::parse(FileId(0), FileKind::Config, stripped).unwrap();
        assert!(Policy::read(stripped, FileKind::Config, &body.attributes[0].expr).is_none());
    }
}
