//! The bytes Go's `encoding/json` writes, which is what the provider hands
//! back: `json.MarshalIndent(doc, "", "  ")` and `json.Marshal(doc)`.

use std::fmt::Write as _;

/// A JSON value as the provider holds it just before marshalling. Objects
/// are written in the order given; callers that model Go maps sort first.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub(crate) fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    pub(crate) fn minified(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// `depth` is `None` for the compact form. The indented form is what Go's
    /// `json.Indent` makes of the compact one: empty containers stay `[]`/`{}`.
    fn write(&self, out: &mut String, depth: Option<usize>) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(f) => write_go_float(out, *f),
            Json::String(s) => write_json_string(out, s),
            Json::Array(items) => {
                write_container(out, depth, ('[', ']'), items, |out, item, d| {
                    item.write(out, d)
                });
            }
            Json::Object(members) => {
                write_container(out, depth, ('{', '}'), members, |out, (k, v), d| {
                    write_json_string(out, k);
                    out.push_str(if d.is_some() { ": " } else { ":" });
                    v.write(out, d);
                });
            }
        }
    }
}

fn write_container<T>(
    out: &mut String,
    depth: Option<usize>,
    (open, close): (char, char),
    items: &[T],
    mut write_item: impl FnMut(&mut String, &T, Option<usize>),
) {
    out.push(open);
    if items.is_empty() {
        out.push(close);
        return;
    }
    let inner = depth.map(|d| d + 1);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(out, inner);
        write_item(out, item, inner);
    }
    newline(out, depth);
    out.push(close);
}

fn newline(out: &mut String, depth: Option<usize>) {
    if let Some(d) = depth {
        out.push('\n');
        for _ in 0..d {
            out.push_str("  ");
        }
    }
}

/// Go `encoding/json` string escaping with HTML escaping on (the default of
/// `json.Marshal`), quotes included. Go 1.22+ writes `\b` and `\f` short;
/// the provider is built with such a toolchain.
pub fn write_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let escape: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{2028}' => Some("\\u2028"),
            '\u{2029}' => Some("\\u2029"),
            c if (c as u32) < 0x20 || matches!(c, '<' | '>' | '&') => None,
            _ => continue,
        };
        out.push_str(&s[run..i]);
        run = i + c.len_utf8();
        match escape {
            Some(e) => out.push_str(e),
            None => {
                let b = c as u8;
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 0xf) as usize] as char);
            }
        }
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Go's float64 encoding in `encoding/json`: the shortest digits that read
/// back to the same value, positional between 1e-6 and 1e21, otherwise
/// exponent form with an explicit sign and no zero padding (`1e+21`, `1e-7`).
pub(crate) fn write_go_float(out: &mut String, f: f64) {
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        // Rust's `{:e}` gives the same shortest digits, as `1.5e-7` / `1e21`.
        let e = format!("{f:e}");
        let (mantissa, exp) = e.split_once('e').expect("`{:e}` always has an exponent");
        out.push_str(mantissa);
        out.push('e');
        if !exp.starts_with('-') {
            out.push('+');
        }
        out.push_str(exp);
    } else {
        // Rust's `Display` is shortest-round-trip and positional, and keeps
        // the sign of negative zero as Go does.
        let _ = write!(out, "{f}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut out = String::new();
        write_json_string(&mut out, s);
        out
    }

    fn float(f: f64) -> String {
        let mut out = String::new();
        write_go_float(&mut out, f);
        out
    }

    #[test]
    fn escapes_like_go_with_html_escaping() {
        assert_eq!(esc("a<b>&c"), r#""a\u003cb\u003e\u0026c""#);
        assert_eq!(esc("q\"b\\/"), r#""q\"b\\/""#);
        assert_eq!(
            esc("\u{8}\u{c}\n\r\t\u{1}\u{1f}"),
            r#""\b\f\n\r\t\u0001\u001f""#
        );
        assert_eq!(esc("\u{2028}x\u{2029}"), r#""\u2028x\u2029""#);
        // DEL and other non-ASCII text go out raw.
        assert_eq!(esc("\u{7f}é☃\u{1F600}"), "\"\u{7f}é☃\u{1F600}\"");
        assert_eq!(esc(""), r#""""#);
    }

    #[test]
    fn floats_print_like_go_json() {
        assert_eq!(float(1e3), "1000");
        assert_eq!(float(1.50), "1.5");
        assert_eq!(float(1e21), "1e+21");
        assert_eq!(float(1e20), "100000000000000000000");
        assert_eq!(float(1e-7), "1e-7");
        assert_eq!(float(0.000001), "0.000001");
        assert_eq!(float(123456789012345678901234.0), "1.2345678901234569e+23");
        assert_eq!(float(5e-324), "5e-324");
        assert_eq!(float(-0.0), "-0");
        assert_eq!(float(0.0), "0");
        assert_eq!(float(-2.5e-10), "-2.5e-10");
    }

    #[test]
    fn indents_like_go() {
        let v = Json::Object(vec![
            ("a".into(), Json::Array(vec![])),
            ("b".into(), Json::Object(vec![])),
            (
                "c".into(),
                Json::Array(vec![
                    Json::Null,
                    Json::Bool(true),
                    Json::Object(vec![("d".into(), Json::Number(1.0))]),
                ]),
            ),
        ]);
        assert_eq!(v.minified(), r#"{"a":[],"b":{},"c":[null,true,{"d":1}]}"#);
        assert_eq!(
            v.pretty(),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    null,\n    true,\n    {\n      \"d\": 1\n    }\n  ]\n}"
        );
    }
}
