//! JSON policies: a policy given as text (a heredoc, a string, a document's
//! `json`) or as a value (`jsonencode({...})`) read into the statement
//! model, with every element pointing at the exact source characters.

use crate::extract::list_field;
use crate::model::*;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use tfkms_eval::{Cause, Kind, Origin, Project, Shape, Text, TextPart, Unknown, Value};
use tfkms_syntax::Span;
use tfkms_syntax::ast::{Expr, ExprKind, Literal, OffsetMap};
use tfkms_syntax::json::{self, JsonKind, JsonValue};

/// Marks an unknown part inside JSON text while parsing it. Private-use
/// characters cannot clash with JSON syntax and are kept inside strings.
const HOLE_OPEN: char = '\u{E000}';
const HOLE_CLOSE: char = '\u{E001}';

/// How many renderings of a text's `%{ if }` branches are checked; past
/// this, the policy is reported as not evaluated.
const MAX_RENDERINGS: usize = 16;

/// A policy as a JSON-shaped value, and what its text's directives leave
/// open.
pub struct Policy<'v> {
    pub value: Cow<'v, Value>,
    /// Per element of the value's `Statement` list, for a text with
    /// `%{ if }` branches, what its label says of them (see
    /// [`Statement::branch_note`]); empty for a text without.
    pub branch_notes: Vec<Option<String>>,
    /// Per element of the `Statement` list with `branch_notes`, its
    /// position in the renderings it is in, which names it.
    pub positions: Vec<usize>,
    /// What some renderings of the branches would make invalid.
    pub errors: Vec<DocumentError>,
}

impl<'v> Policy<'v> {
    fn plain(value: Cow<'v, Value>) -> Policy<'v> {
        Policy {
            value,
            branch_notes: Vec::new(),
            positions: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// The policy as a JSON-shaped value: the encoded value of `jsonencode` or
/// of a document's `json`, or the parsed text. `Ok(None)` when the policy is
/// unknown.
pub fn policy_value<'v>(
    v: &'v Value,
    used_at: Span,
    files: &Project,
) -> Result<Option<Policy<'v>>, DocumentError> {
    match &v.kind {
        Kind::String(t) => {
            if let Some(encoded) = &t.encoded {
                return Ok(Some(Policy::plain(Cow::Borrowed(&**encoded))));
            }
            if t.parts.iter().all(|p| matches!(p, TextPart::Unknown(_))) {
                return Ok(None);
            }
            if t.parts.iter().any(is_branches) {
                return Ok(Some(branching_policy(t, used_at, files)));
            }
            parse_text(t, used_at, files).map(|v| Some(Policy::plain(Cow::Owned(v))))
        }
        Kind::Map(_) => Ok(Some(Policy::plain(Cow::Borrowed(v)))),
        Kind::Null => Ok(None),
        Kind::Unknown(_) => Ok(None),
        _ => Err(DocumentError::new(
            used_at,
            format!("a policy must be a JSON string, got a {}", v.type_name()),
        )),
    }
}

/// Where the pieces of a text came from, by offset in the joined text.
struct Segments<'a> {
    parts: Vec<(usize, usize, &'a TextPart)>,
    /// Per part, built on first use: every node of the parsed JSON asks.
    offset_maps: Vec<OnceCell<Option<OffsetMap>>>,
    files: &'a Project,
}

impl Segments<'_> {
    /// The source span of a range of the joined text: exact inside a literal,
    /// else the whole part that produced it. A range reaching past its first
    /// part (a JSON string around an interpolation) ends where it ends in
    /// the later part, when that one is in the same file.
    fn span(&self, range: std::ops::Range<usize>, fallback: Span) -> Span {
        let Some(i) = self.part_at(range.start) else {
            return fallback;
        };
        let (start, end, _) = self.parts[i];
        let Some((span, map)) = self.literal(i) else {
            return fallback;
        };
        let Some(map) = map else {
            return span;
        };
        let from = map.source_offset(range.start - start);
        let to = if range.end <= end {
            map.source_offset(range.end - start)
        } else {
            self.source_end(i, range.end, span)
                .unwrap_or(span.end as usize)
        };
        Span::new(span.file, from, to.max(from))
    }

    /// The unknown part that holds `offset` of the joined text, with its
    /// position among the parts.
    fn unknown_at(&self, offset: usize) -> Option<(usize, &Unknown)> {
        self.parts
            .iter()
            .enumerate()
            .find_map(|(i, (s, e, p))| match p {
                TextPart::Unknown(u) if *s <= offset && offset < *e => Some((i, u)),
                _ => None,
            })
    }

    /// Where an unknown part was written: between the literal text around
    /// it, when both sides are literals of one file.
    fn hole_span(&self, i: usize) -> Option<Span> {
        let before = self.literal(i.checked_sub(1)?)?.0;
        let after = self.literal(i + 1)?.0;
        (before.file == after.file && before.end <= after.start)
            .then(|| Span::new(before.file, before.end as usize, after.start as usize))
    }

    fn part_at(&self, offset: usize) -> Option<usize> {
        self.parts
            .iter()
            .position(|(s, e, _)| *s <= offset && offset < (*e).max(*s + 1))
    }

    /// The source offset where a range ending at `end` (past the part that
    /// holds its start) ends: only across interpolations of one template,
    /// never across text joined from elsewhere.
    fn source_end(&self, i: usize, end: usize, first: Span) -> Option<usize> {
        let j = self.part_at(end.checked_sub(1)?)?;
        let between_are_holes = self
            .parts
            .get(i + 1..j)?
            .iter()
            .all(|(_, _, p)| matches!(p, TextPart::Unknown(_)));
        let (start, _, _) = self.parts[j];
        let (span, map) = self.literal(j)?;
        if !between_are_holes || span.file != first.file || span.start < first.end {
            return None;
        }
        Some(map.map_or(span.end as usize, |m| m.source_offset(end - start)))
    }

    /// A known part's source span and, for literal text, its offset map.
    fn literal(&self, i: usize) -> Option<(Span, Option<&OffsetMap>)> {
        let (_, _, part) = self.parts[i];
        let TextPart::Known { text, origin } = part else {
            return None;
        };
        let span = origin.span?;
        let map = self.offset_maps[i].get_or_init(|| {
            let encoding = origin.encoding?;
            let file = self.files.file_text(span.file)?;
            let lit = Literal {
                text: text.clone(),
                span,
                encoding,
            };
            Some(lit.offset_map(&file))
        });
        Some((span, map.as_ref()))
    }
}

fn parse_text(t: &Text, used_at: Span, files: &Project) -> Result<Value, DocumentError> {
    let mut joined = String::new();
    let mut parts = Vec::new();
    let mut holes: Vec<&Unknown> = Vec::new();
    for p in &t.parts {
        let start = joined.len();
        match p {
            TextPart::Known { text, .. } => joined.push_str(text),
            TextPart::Unknown(u) => {
                joined.push(HOLE_OPEN);
                joined.push_str(&holes.len().to_string());
                joined.push(HOLE_CLOSE);
                holes.push(u);
            }
        }
        parts.push((start, joined.len(), p));
    }
    let segs = Segments {
        offset_maps: parts.iter().map(|_| OnceCell::new()).collect(),
        parts,
        files,
    };
    let parsed = match json::parse(&joined) {
        Ok(parsed) => parsed,
        Err(e) => {
            // An unknown part where JSON syntax goes: the text is unknown
            // there, not invalid.
            if let Some((i, u)) = segs.unknown_at(e.offset) {
                let span = segs.hole_span(i).unwrap_or(used_at);
                return Ok(Value::unknown_from(u.clone(), Origin::at(span)));
            }
            return Err(DocumentError::new(
                segs.span(e.offset..e.offset + 1, used_at),
                format!("the policy is not valid JSON: {}", e.message),
            ));
        }
    };
    Ok(to_value(&parsed, &joined, &segs, &holes, used_at))
}

fn is_branches(p: &TextPart) -> bool {
    matches!(p, TextPart::Unknown(u) if matches!(u.shape, Shape::OneOf(_)))
}

/// One way a text's `%{ if }` branches render: which way each condition
/// went (its source text, whether it held), and the text.
type Rendering = (Vec<(String, bool)>, Text);

/// Every feasible rendering of a text's `%{ if }` branches, `None` past
/// `limit`. A condition tested twice goes the same way both times.
fn renderings(t: &Text, limit: usize) -> Option<Vec<Rendering>> {
    let mut out: Vec<Rendering> = vec![(Vec::new(), Text::default())];
    for p in &t.parts {
        let TextPart::Unknown(Unknown {
            shape: Shape::OneOf(alternatives),
            ..
        }) = p
        else {
            out.iter_mut().for_each(|(_, t)| t.parts.push(p.clone()));
            continue;
        };
        let mut branches = Vec::new();
        for alt in alternatives.0.iter() {
            for (inner, text) in renderings(&alt.text, limit)? {
                let mut choices = vec![(alt.condition.clone(), alt.holds)];
                choices.extend(inner);
                branches.push((choices, text));
            }
        }
        let mut next = Vec::new();
        for (choices, text) in &out {
            for (more, branch) in &branches {
                let Some(choices) = consistent(choices, more) else {
                    continue;
                };
                if next.len() == limit {
                    return None;
                }
                let mut text = text.clone();
                text.parts.extend(branch.parts.iter().cloned());
                next.push((choices, text));
            }
        }
        out = next;
    }
    Some(out)
}

/// The choices of both, `None` when they send one condition both ways.
fn consistent(a: &[(String, bool)], b: &[(String, bool)]) -> Option<Vec<(String, bool)>> {
    let mut all = a.to_vec();
    for (condition, holds) in b {
        match all.iter().find(|(c, _)| c == condition) {
            Some((_, h)) if h != holds => return None,
            Some(_) => {}
            None => all.push((condition.clone(), *holds)),
        }
    }
    Some(all)
}

fn when(choice: &(String, bool)) -> String {
    format!("`{}` is {}", choice.0, choice.1)
}

/// A text with `%{ if }` branches on unknown conditions: Terraform renders
/// one of them, so every rendering is read and their statements merged.
/// A statement in every rendering is checked as usual; one in only some is
/// checked and says when it is there.
fn branching_policy(t: &Text, used_at: Span, files: &Project) -> Policy<'static> {
    let Some(renderings) = renderings(t, MAX_RENDERINGS) else {
        let cause = Cause::Limit {
            what: format!(
                "the policy's `%{{ if }}` directives render it in more than {MAX_RENDERINGS} ways"
            ),
            at: Some(used_at),
        };
        return Policy::plain(Cow::Owned(Value::unknown(
            cause,
            Shape::Any,
            Origin::at(used_at),
        )));
    };
    let mut errors: Vec<DocumentError> = Vec::new();
    let mut parsed: Vec<(Vec<(String, bool)>, Value)> = Vec::new();
    for (when, text) in renderings {
        match parse_text(&text, used_at, files) {
            Ok(v) => parsed.push((when, v)),
            Err(mut e) => {
                let when: Vec<String> = when.iter().map(self::when).collect();
                e.message = format!("{}, when {}", e.message, when.join(" and "));
                if !errors
                    .iter()
                    .any(|o| o.span == e.span && o.message == e.message)
                {
                    errors.push(e);
                }
            }
        }
    }
    let Some((_, first)) = parsed.first() else {
        let value = Value::null(Origin::at(used_at));
        return Policy {
            value: Cow::Owned(value),
            branch_notes: Vec::new(),
            positions: Vec::new(),
            errors,
        };
    };
    let mut top = match &first.kind {
        Kind::Map(m) => m.clone(),
        _ => return Policy::plain(Cow::Owned(first.clone())),
    };
    let statement_key = top
        .keys()
        .find(|k| k.eq_ignore_ascii_case("Statement"))
        .cloned();
    // Each distinct statement (same source, same content) once, with the
    // renderings it is in.
    // A statement is known by where it was written and what it says: one
    // a directive inside it changes is a statement per rendering, each
    // checked alone (merging them would pair elements no rendering pairs).
    let mut merged: Vec<Variants> = Vec::new();
    for (r, (_, v)) in parsed.iter().enumerate() {
        let Kind::Map(m) = &v.kind else { continue };
        let statements: Vec<&Value> = match get(m, "Statement").map(|s| (&s.kind, s)) {
            Some((Kind::List(items), _)) => items.iter().collect(),
            Some((Kind::Map(_), s)) => vec![s],
            _ => Vec::new(),
        };
        for (position, sv) in statements.into_iter().enumerate() {
            let span = sv.origin.span.unwrap_or(used_at);
            let content = tfkms_eval::json::encode_with_placeholders(sv);
            match merged
                .iter_mut()
                .find(|v| v.span == span && v.content == content)
            {
                Some(v) => v.renderings.push(r),
                None => merged.push(Variants {
                    span,
                    content,
                    value: sv.clone(),
                    position,
                    renderings: vec![r],
                }),
            }
        }
    }
    let notes = merged.iter().map(|v| branch_note(v, &parsed)).collect();
    let positions = merged.iter().map(|v| v.position).collect();
    let statements = merged.into_iter().map(|v| v.value).collect();
    let key = statement_key.unwrap_or_else(|| "Statement".into());
    top.insert(key, Value::list(statements, first.origin.clone()));
    Policy {
        value: Cow::Owned(Value::map(top, first.origin.clone())),
        branch_notes: notes,
        positions,
        errors,
    }
}

/// One statement of the renderings of its policy.
struct Variants {
    span: Span,
    /// The statement as JSON.
    content: String,
    value: Value,
    /// Its position in the first rendering it is in, which names it.
    position: usize,
    /// The renderings it is in.
    renderings: Vec<usize>,
}

/// What a statement's label says of the branches: when it is in the
/// policy, for one that is not in every rendering.
fn branch_note(v: &Variants, parsed: &[(Vec<(String, bool)>, Value)]) -> Option<String> {
    if v.renderings.len() == parsed.len() {
        return None;
    }
    let common: Vec<String> = parsed[v.renderings[0]]
        .0
        .iter()
        .filter(|c| v.renderings.iter().all(|&r| parsed[r].0.contains(c)))
        .map(when)
        .collect();
    Some(if common.is_empty() {
        "in the policy only for some values of its `%{ if }` conditions".to_string()
    } else {
        format!("in the policy only when {}", common.join(" and "))
    })
}

fn to_value(
    j: &JsonValue,
    joined: &str,
    segs: &Segments,
    holes: &[&Unknown],
    used_at: Span,
) -> Value {
    let span = segs.span(j.range.clone(), used_at);
    let origin = Origin::at(span);
    match &j.kind {
        JsonKind::Null => Value::null(origin),
        JsonKind::Bool(b) => Value::bool(*b, origin),
        JsonKind::Number(n) => match tfkms_eval::Number::parse(n) {
            Some(n) => Value::number(n, origin),
            None => Value::string(n.clone(), origin),
        },
        JsonKind::String(s) => {
            if !s.contains(HOLE_OPEN) {
                return Value::string(s.clone(), origin);
            }
            // Rebuild the string with its unknown parts.
            let mut text = Text::default();
            let mut rest = s.as_str();
            while let Some(i) = rest.find(HOLE_OPEN) {
                text.push_str(&rest[..i], origin.clone());
                let after = &rest[i + HOLE_OPEN.len_utf8()..];
                let Some(close) = after.find(HOLE_CLOSE) else {
                    break;
                };
                if let Some(u) = after[..close]
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| holes.get(k))
                {
                    text.parts.push(TextPart::Unknown((*u).clone()));
                }
                rest = &after[close + HOLE_CLOSE.len_utf8()..];
            }
            text.push_str(rest, origin.clone());
            let _ = joined;
            Value::new(Kind::String(text), origin)
        }
        JsonKind::Array(items) => Value::list(
            items
                .iter()
                .map(|i| to_value(i, joined, segs, holes, used_at))
                .collect(),
            origin,
        ),
        JsonKind::Object(members) => {
            // Repeated keys: the last wins, as Go's decoder does.
            let mut m = BTreeMap::new();
            for (k, v) in members {
                m.insert(k.text.clone(), to_value(v, joined, segs, holes, used_at));
            }
            Value::map(m, origin)
        }
    }
}

/// Case-insensitive member lookup, as IAM (and Go's decoder) read keys.
fn get<'a>(m: &'a BTreeMap<String, Value>, key: &str) -> Option<&'a Value> {
    m.get(key).or_else(|| {
        m.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn as_item(v: &Value, fallback: Span) -> Item {
    Item {
        used_at: v.origin.span.unwrap_or(fallback),
        value: v.clone(),
    }
}

/// A JSON element that is a string or a list of strings.
fn json_field(v: Option<&Value>, fallback: Span) -> Field {
    let Some(v) = v else { return Field::Absent };
    let span = v.origin.span.unwrap_or(fallback);
    // IAM takes one string where a list goes; an unknown known to be one
    // string (`aws_kms_alias.a.arn`) is that one element, checked as such.
    if let Kind::Unknown(u) = &v.kind
        && u.shape.is_string()
    {
        return Field::Items(vec![as_item(v, span)]);
    }
    let expr = Expr {
        kind: ExprKind::Null,
        span,
    };
    match list_field(v.clone(), &expr) {
        // Elements of a JSON array are used where they are written.
        Field::Items(items) => Field::Items(
            items
                .into_iter()
                .map(|mut i| {
                    i.used_at = i.value.origin.span.unwrap_or(span);
                    i
                })
                .collect(),
        ),
        other => other,
    }
}

/// Reads a policy into `doc`.
pub fn read_document(policy: &Policy, used_at: Span, files: &Project, doc: &mut Document) {
    doc.errors.extend(policy.errors.iter().cloned());
    read_value(policy, used_at, files, doc);
}

/// Reads a policy's JSON-shaped value into `doc`.
fn read_value(policy: &Policy, used_at: Span, files: &Project, doc: &mut Document) {
    let first = doc.statements.len();
    let (branch_notes, positions) = (&policy.branch_notes, &policy.positions);
    let policy = &*policy.value;
    let Kind::Map(top) = &policy.kind else {
        if let Kind::Unknown(u) = &policy.kind {
            // An unknown part of the text stands where it was written.
            doc.unresolved.push(Unresolved {
                span: policy.origin.span.unwrap_or(used_at),
                what: "this policy".into(),
                unknown: u.clone(),
                via: Vec::new(),
            });
        } else {
            doc.errors.push(DocumentError::new(
                policy.origin.span.unwrap_or(used_at),
                format!("a policy must be a JSON object, got {}", policy.type_name()),
            ));
        }
        return;
    };
    let statements: Vec<&Value> = match get(top, "Statement").map(|v| &v.kind) {
        None | Some(Kind::Null) => Vec::new(),
        Some(Kind::List(items)) => items.iter().collect(),
        Some(Kind::Map(_)) => vec![get(top, "Statement").unwrap()],
        Some(Kind::Unknown(u)) => {
            doc.unresolved.push(Unresolved {
                span: get(top, "Statement")
                    .and_then(|v| v.origin.span)
                    .unwrap_or(used_at),
                what: "the statements of this policy".into(),
                unknown: u.clone(),
                via: Vec::new(),
            });
            Vec::new()
        }
        Some(_) => {
            doc.errors.push(DocumentError::new(
                get(top, "Statement")
                    .and_then(|v| v.origin.span)
                    .unwrap_or(used_at),
                "`Statement` must be a list of statement objects",
            ));
            Vec::new()
        }
    };
    for (position, sv) in statements.into_iter().enumerate() {
        let span = sv.origin.span.unwrap_or(used_at);
        let index = doc.statements.len();
        let Kind::Map(m) = &sv.kind else {
            if let Kind::Unknown(u) = &sv.kind {
                doc.unresolved.push(Unresolved {
                    span,
                    what: format!("statement {index} of this policy"),
                    unknown: u.clone(),
                    via: Vec::new(),
                });
            }
            continue;
        };
        let mut s = Statement::new(span, index);
        s.branch_note = branch_notes.get(position).cloned().flatten();
        if let Some(p) = positions.get(position) {
            // Variants of one statement share its name.
            s.index = first + p;
        }
        s.head = statement_head(span, files);
        s.sid = get(m, "Sid").map(|v| as_item(v, span));
        s.effect = get(m, "Effect").map(|v| as_item(v, span));
        s.actions = json_field(get(m, "Action"), span);
        s.not_actions = json_field(get(m, "NotAction"), span);
        s.resources = json_field(get(m, "Resource"), span);
        s.not_resources = json_field(get(m, "NotResource"), span);
        s.principals = principals(get(m, "Principal"), span);
        s.not_principals = principals(get(m, "NotPrincipal"), span);
        if let Some(c) = get(m, "Condition")
            && let Kind::Map(ops) = &c.kind
        {
            for (test, vars) in ops {
                let Kind::Map(vars) = &vars.kind else {
                    continue;
                };
                for (var, values) in vars {
                    let cspan = values.origin.span.unwrap_or(span);
                    s.conditions.push(Condition {
                        test: Item {
                            value: Value::string(test.clone(), Origin::at(cspan)),
                            used_at: cspan,
                        },
                        variable: Item {
                            value: Value::string(var.clone(), Origin::at(cspan)),
                            used_at: cspan,
                        },
                        values: json_field(Some(values), cspan),
                        span: cspan,
                    });
                }
            }
        }
        doc.statements.push(s);
    }
}

fn principals(v: Option<&Value>, span: Span) -> Vec<Principals> {
    let Some(v) = v else { return Vec::new() };
    let pspan = v.origin.span.unwrap_or(span);
    match &v.kind {
        Kind::String(_) => vec![Principals {
            r#type: Item {
                value: Value::string("*", v.origin.clone()),
                used_at: pspan,
            },
            identifiers: Field::Items(vec![as_item(v, pspan)]),
            span: pspan,
        }],
        Kind::Map(m) => m
            .iter()
            .map(|(ty, ids)| Principals {
                r#type: Item {
                    value: Value::string(ty.clone(), Origin::at(pspan)),
                    used_at: pspan,
                },
                identifiers: json_field(Some(ids), pspan),
                span: ids.origin.span.unwrap_or(pspan),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Where a label naming the statement points: the `{` of a JSON statement,
/// or, for one that came through a document's `json` from a `statement`
/// block, that block's head (`statement`, `dynamic "statement"`), as the
/// document itself labels it.
fn statement_head(span: Span, files: &Project) -> Span {
    let one = Span::new(span.file, span.start as usize, span.start as usize + 1);
    let Some(text) = files.file_text(span.file) else {
        return one;
    };
    let Some(src) = text.get(span.range()) else {
        return one;
    };
    if src.starts_with('{') {
        return one;
    }
    let end = src.find(['{', '\n']).unwrap_or(src.len());
    let head = src[..end].trim_end();
    if head.is_empty() {
        return one;
    }
    Span::new(
        span.file,
        span.start as usize,
        span.start as usize + head.len(),
    )
}
