//! `yamlencode` in the output style of Terraform's go-cty-yaml (block
//! style, every string double-quoted, keys sorted) and `yamldecode` with its
//! scalar resolution (YAML 1.2 core names for null, bools and numbers).

use super::{Call, Res, derived};
use crate::value::{Kind, Number, Origin, Value};
use std::collections::BTreeMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

pub fn yamlencode(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["value"])?;
    let v = &args[0];
    if !v.is_wholly_known() {
        return Err(c.unknown_like(v));
    }
    let mut out = String::new();
    encode_node(&mut out, v, 0, Ctx::Top);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    // A plain scalar at the root leaves the document open: go-yaml closes
    // it with an explicit end marker.
    if matches!(v.kind, Kind::Null | Kind::Bool(_) | Kind::Number(_)) {
        out.push_str("...\n");
    }
    c.check_new_str(out.len())?;
    Ok(c.string(out))
}

#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Top,
    /// After `key:`; a nested block starts on the next line.
    MapValue,
    /// After `- ` or `key: `; a nested mapping continues on the same line.
    Inline,
}

fn is_block(v: &Value) -> bool {
    match &v.kind {
        Kind::List(i) | Kind::Set(i) => !i.is_empty(),
        Kind::Map(m) => !m.is_empty(),
        _ => false,
    }
}

/// Starts a new line at `indent`, unless the previous node already ended
/// its line (a block scalar ending in a line break).
fn new_line(out: &mut String, indent: usize) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&" ".repeat(indent));
}

fn encode_node(out: &mut String, v: &Value, indent: usize, ctx: Ctx) {
    // Entries after the first, and the first one of a block that is a
    // mapping's value, start on a line of their own; the first entry of a
    // block that is a sequence item shares the `- ` line.
    let line = |out: &mut String, first: bool| {
        if !first || ctx == Ctx::MapValue {
            new_line(out, indent);
        }
    };
    match &v.kind {
        Kind::List(items) | Kind::Set(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                line(out, i == 0);
                out.push_str("- ");
                encode_node(out, item, indent + 2, Ctx::Inline);
            }
        }
        Kind::Map(m) if !m.is_empty() => {
            for (i, (k, item)) in m.iter().enumerate() {
                line(out, i == 0);
                if k.contains('\n') && literal_allowed(k) {
                    // Not a simple key: go-yaml writes the explicit
                    // `? key` / `: value` form.
                    out.push_str("? ");
                    literal(out, k, indent + 2);
                    new_line(out, indent);
                } else {
                    double_quoted(out, k, None);
                }
                out.push(':');
                match &item.kind {
                    // Sequences in a mapping are not indented (go-yaml's
                    // style); mappings are.
                    Kind::Map(_) if is_block(item) => {
                        encode_node(out, item, indent + 2, Ctx::MapValue)
                    }
                    _ if is_block(item) => encode_node(out, item, indent, Ctx::MapValue),
                    _ => {
                        out.push(' ');
                        encode_node(out, item, indent + 2, Ctx::Inline);
                    }
                }
            }
        }
        Kind::List(_) | Kind::Set(_) => out.push_str("[]"),
        Kind::Map(_) => out.push_str("{}"),
        Kind::Null | Kind::Unknown(_) => out.push_str("null"),
        Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Kind::Number(n) => out.push_str(&n.to_string()),
        Kind::String(t) => {
            let s = t.as_known().unwrap_or_default();
            // A scalar's continuation lines are indented one step past its
            // parent; the root's parent is at column zero.
            let indent = if ctx == Ctx::Top { 2 } else { indent };
            if s.contains('\n') && literal_allowed(&s) {
                literal(out, &s, indent);
            } else {
                double_quoted(out, &s, Some(indent));
            }
        }
    }
}

fn printable(ch: char) -> bool {
    let v = ch as u32;
    v == 0x0A
        || (0x20..=0x7E).contains(&v)
        || v == 0x85
        || (0xA0..=0xD7FF).contains(&v)
        || ((0xE000..=0xFFFD).contains(&v) && v != 0xFEFF)
        || (0x10000..=0x10FFFF).contains(&v)
}

/// go-yaml's conditions for a block scalar: no unprintable characters, no
/// space before a line break or at the end.
fn literal_allowed(s: &str) -> bool {
    if s.ends_with(' ') || s.contains(" \n") {
        return false;
    }
    s.chars()
        .all(|ch| printable(ch) && !matches!(ch, '\u{85}' | '\u{2028}' | '\u{2029}'))
}

/// A literal block scalar (`|`), with go-yaml's indentation and chomping
/// indicators.
fn literal(out: &mut String, s: &str, indent: usize) {
    out.push('|');
    if s.starts_with([' ', '\n']) {
        out.push('2');
    }
    if !s.ends_with('\n') {
        out.push('-');
    } else if s.len() == 1 || s[..s.len() - 1].ends_with('\n') {
        out.push('+');
    }
    out.push('\n');
    let mut at_break = true;
    for ch in s.chars() {
        if ch == '\n' {
            out.push('\n');
            at_break = true;
        } else {
            if at_break {
                out.push_str(&" ".repeat(indent));
                at_break = false;
            }
            out.push(ch);
        }
    }
}

/// go-yaml's double-quoted scalar, with its escapes for characters YAML
/// does not print, folded at a space past column 80 when `fold` gives the
/// continuation indent (keys are never folded).
fn double_quoted(out: &mut String, s: &str, fold: Option<usize>) {
    let mut column = out.rsplit('\n').next().map_or(0, |l| l.chars().count());
    out.push('"');
    column += 1;
    let chars: Vec<char> = s.chars().collect();
    let mut spaces = false;
    for (i, &ch) in chars.iter().enumerate() {
        let v = ch as u32;
        let is_break = matches!(v, 0x0A | 0x0D | 0x85 | 0x2028 | 0x2029);
        if !printable(ch) || is_break || ch == '"' || ch == '\\' || v == 0xFEFF {
            let esc = match v {
                0x00 => "0".to_string(),
                0x07 => "a".into(),
                0x08 => "b".into(),
                0x09 => "t".into(),
                0x0A => "n".into(),
                0x0B => "v".into(),
                0x0C => "f".into(),
                0x0D => "r".into(),
                0x1B => "e".into(),
                0x22 => "\"".into(),
                0x5C => "\\".into(),
                0x85 => "N".into(),
                0xA0 => "_".into(),
                0x2028 => "L".into(),
                0x2029 => "P".into(),
                v if v <= 0xFF => format!("x{v:02X}"),
                v if v <= 0xFFFF => format!("u{v:04X}"),
                v => format!("U{v:08X}"),
            };
            out.push('\\');
            out.push_str(&esc);
            column += 1 + esc.len();
            spaces = false;
        } else if ch == ' ' {
            match fold {
                Some(indent) if !spaces && column > 80 && i != 0 && i + 1 != chars.len() => {
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    column = indent;
                    if chars.get(i + 1) == Some(&' ') {
                        out.push('\\');
                        column += 1;
                    }
                }
                _ => {
                    out.push(' ');
                    column += 1;
                }
            }
            spaces = true;
        } else {
            out.push(ch);
            column += 1;
            spaces = false;
        }
    }
    out.push('"');
}

/// A YAML node before it becomes a value, so anchors can be reused.
#[derive(Clone)]
enum Node {
    Scalar(String, TScalarStyle, Option<String>),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

pub fn yamldecode(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["src"])?;
    let s = c.str(&args[0], "src")?;
    let origin = derived(&args[0].origin);
    let mut p = Parser::new_from_str(&s);
    let mut anchors: BTreeMap<usize, Node> = BTreeMap::new();
    let mut docs = Vec::new();
    let mut budget = c.max_collection();
    loop {
        let (ev, _) = p.next_token().map_err(|e| {
            c.fail(format!(
                "on line {}, column {}: {}",
                e.marker().line(),
                e.marker().col() + 1,
                e.info()
            ))
        })?;
        match ev {
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentStart | Event::DocumentEnd | Event::Nothing => {}
            ev => {
                let n = node(c, &mut p, ev, &mut anchors, &mut budget, 0)?;
                docs.push(n);
            }
        }
    }
    match docs.len() {
        0 => Err(c.fail("on line 1, column 1: missing start of document")),
        1 => to_value(c, &docs[0], &origin),
        _ => Err(c.fail("unexpected extra content after value")),
    }
}

fn node(
    c: &Call,
    p: &mut Parser<std::str::Chars<'_>>,
    ev: Event,
    anchors: &mut BTreeMap<usize, Node>,
    budget: &mut usize,
    depth: u32,
) -> Result<Node, Value> {
    if depth > 256 {
        return Err(c.limit("yamldecode() of a too deeply nested document"));
    }
    let next = |p: &mut Parser<std::str::Chars<'_>>| -> Result<Event, Value> {
        p.next_token().map(|(e, _)| e).map_err(|e| {
            c.fail(format!(
                "on line {}, column {}: {}",
                e.marker().line(),
                e.marker().col() + 1,
                e.info()
            ))
        })
    };
    let (n, anchor) = match ev {
        Event::Scalar(v, style, anchor, tag) => {
            let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
            (Node::Scalar(v, style, tag), anchor)
        }
        Event::Alias(id) => {
            let n = anchors
                .get(&id)
                .cloned()
                .ok_or_else(|| c.fail("unknown anchor referenced"))?;
            let size = count(&n);
            if size > *budget {
                return Err(c.limit("yamldecode() expands aliases past the collection limit"));
            }
            *budget -= size;
            return Ok(n);
        }
        Event::SequenceStart(anchor, _) => {
            let mut items = Vec::new();
            loop {
                let ev = next(p)?;
                if matches!(ev, Event::SequenceEnd) {
                    break;
                }
                items.push(node(c, p, ev, anchors, budget, depth + 1)?);
            }
            (Node::Seq(items), anchor)
        }
        Event::MappingStart(anchor, _) => {
            let mut items = Vec::new();
            loop {
                let ev = next(p)?;
                if matches!(ev, Event::MappingEnd) {
                    break;
                }
                let k = node(c, p, ev, anchors, budget, depth + 1)?;
                let ev = next(p)?;
                let v = node(c, p, ev, anchors, budget, depth + 1)?;
                items.push((k, v));
            }
            (Node::Map(items), anchor)
        }
        _ => return Err(c.fail("unexpected YAML event")),
    };
    *budget = budget
        .checked_sub(1)
        .ok_or_else(|| c.limit("yamldecode() document over the collection limit"))?;
    if anchor > 0 {
        anchors.insert(anchor, n.clone());
    }
    Ok(n)
}

fn count(n: &Node) -> usize {
    match n {
        Node::Scalar(..) => 1,
        Node::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Node::Map(items) => {
            1 + items
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
    }
}

fn to_value(c: &Call, n: &Node, origin: &Origin) -> Res {
    c.charge(1)?;
    Ok(match n {
        Node::Scalar(s, style, tag) => scalar(c, s, *style, tag.as_deref(), origin)?,
        Node::Seq(items) => Value::list(
            items
                .iter()
                .map(|i| to_value(c, i, origin))
                .collect::<Result<_, _>>()?,
            origin.clone(),
        ),
        Node::Map(items) => {
            let mut m = BTreeMap::new();
            for (k, v) in items {
                if let Node::Scalar(ks, TScalarStyle::Plain, None) = k
                    && ks == "<<"
                {
                    // A merge key: the mapping's (or mappings') entries,
                    // under the keys given explicitly.
                    let merged = to_value(c, v, origin)?;
                    let sources = match merged.kind {
                        Kind::List(l) => l,
                        other => vec![Value::new(other, origin.clone())],
                    };
                    for src in sources {
                        if let Kind::Map(sm) = src.kind {
                            for (sk, sv) in sm {
                                m.entry(sk).or_insert(sv);
                            }
                        }
                    }
                    continue;
                }
                let kv = to_value(c, k, origin)?;
                let key = match kv.as_known_str() {
                    Some(s) => s.into_owned(),
                    None if kv.is_null() => "null".to_string(),
                    None => return Err(c.fail("only scalar values are supported as mapping keys")),
                };
                m.insert(key, to_value(c, v, origin)?);
            }
            Value::map(m, origin.clone())
        }
    })
}

fn scalar(c: &Call, s: &str, style: TScalarStyle, tag: Option<&str>, origin: &Origin) -> Res {
    let o = origin.clone();
    let tag = tag.map(|t| {
        t.trim_start_matches("tag:yaml.org,2002:")
            .trim_start_matches("!!")
    });
    let num = |s: &str| -> Option<Number> { yaml_number(s) };
    match tag {
        Some("str") => return Ok(Value::string(s, o)),
        Some("null") => return Ok(Value::null(o)),
        Some("bool") => {
            return match yaml_bool(s) {
                Some(b) => Ok(Value::bool(b, o)),
                None => Err(c.fail(format!("cannot decode {s:?} as a bool"))),
            };
        }
        Some("int") | Some("float") => {
            return match num(s) {
                Some(n) => Ok(Value::number(n, o)),
                None => Err(c.fail(format!("cannot decode {s:?} as a number"))),
            };
        }
        Some("binary") => return Ok(Value::string(s, o)),
        _ => {}
    }
    if style != TScalarStyle::Plain {
        return Ok(Value::string(s, o));
    }
    if matches!(s, "" | "~" | "null" | "Null" | "NULL") {
        return Ok(Value::null(o));
    }
    if let Some(b) = yaml_bool(s) {
        return Ok(Value::bool(b, o));
    }
    if let Some(n) = num(s) {
        return Ok(Value::number(n, o));
    }
    Ok(Value::string(s, o))
}

fn yaml_bool(s: &str) -> Option<bool> {
    match s {
        // YAML 1.1's names, which go-cty-yaml still resolves.
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => {
            Some(false)
        }
        _ => None,
    }
}

/// Integers (decimal, `0x`, `0o`, `0b`) and floats as YAML writes them.
fn yaml_number(s: &str) -> Option<Number> {
    let plain = s.replace('_', "");
    let (neg, body) = match plain.as_bytes().first()? {
        b'-' => (true, &plain[1..]),
        b'+' => (false, &plain[1..]),
        _ => (false, plain.as_str()),
    };
    let radix = |digits: &str, base: u32| -> Option<Number> {
        let n = Number::parse_int_radix(digits, base)?;
        Some(if neg { n.negated() } else { n })
    };
    if let Some(h) = body.strip_prefix("0x") {
        return radix(h, 16);
    }
    if let Some(o) = body.strip_prefix("0o") {
        return radix(o, 8);
    }
    if let Some(b) = body.strip_prefix("0b") {
        return radix(b, 2);
    }
    match body {
        ".inf" | ".Inf" | ".INF" => return Some(Number::infinity(neg)),
        _ => {}
    }
    let ok = {
        let b = body.as_bytes();
        let mut i = 0;
        let int_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let int_digits = i - int_start;
        let mut frac_digits = 0;
        if i < b.len() && b[i] == b'.' {
            i += 1;
            let f = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            frac_digits = i - f;
        }
        let mant_ok = int_digits > 0 || frac_digits > 0;
        if mant_ok && i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            i += 1;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            let e = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            mant_ok && i > e && i == b.len()
        } else {
            mant_ok && i == b.len()
        }
    };
    if !ok {
        return None;
    }
    let n = Number::parse(body)?;
    Some(if neg { n.negated() } else { n })
}
