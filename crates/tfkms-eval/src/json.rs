//! `jsonencode` as Terraform does it: Go's `encoding/json` rules (object keys
//! sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped).

use crate::value::{Kind, Value};

pub fn encode(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, Unknowns::AsNull);
    out
}

/// The JSON a value will encode to once it is known, each unknown part
/// shown as a `${...}` string naming what it stands for: for showing a
/// policy Terraform cannot render yet, never for evaluating one.
pub fn encode_with_placeholders(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, Unknowns::AsPlaceholders);
    out
}

#[derive(Clone, Copy)]
enum Unknowns {
    AsNull,
    AsPlaceholders,
}

fn write_value(out: &mut String, v: &Value, unknowns: Unknowns) {
    match &v.kind {
        Kind::Unknown(u) if matches!(unknowns, Unknowns::AsPlaceholders) => {
            write_string(out, &format!("${{{}}}", u.cause.expression()))
        }
        Kind::Null | Kind::Unknown(_) => out.push_str("null"),
        Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Kind::Number(n) => out.push_str(&n.to_string()),
        Kind::String(t) => write_string(out, &t.display_with_placeholders()),
        Kind::List(items) | Kind::Set(items) => {
            out.push('[');
            for (i, e) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, e, unknowns);
            }
            out.push(']');
        }
        Kind::Map(m) => {
            out.push('{');
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, e, unknowns);
            }
            out.push('}');
        }
    }
}

/// A JSON string literal with Go's `encoding/json` escaping (HTML-safe).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
