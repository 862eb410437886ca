//! `format` and `formatlist`, following cty's format machine: flags
//! `-+# 0`, `[n]` argument indexes, width and precision counted in grapheme
//! clusters, and Go's `fmt` for the numeric verbs.
//!
//! A `%s` or `%v` of a string with unknown parts copies those parts into the
//! result, so `format("arn:aws:kms:%s:%s:key/*", var.region, local.acct)`
//! stays a recognisable ARN pattern.

use super::{Call, Res, quote};
use crate::eval::append_to_text;
use crate::value::{Kind, Number, Text, Value};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Default, Debug)]
struct Verb {
    raw: String,
    offset: usize,
    arg: usize,
    mode: char,
    zero: bool,
    sharp: bool,
    plus: bool,
    minus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

pub fn format(c: &Call, args: Vec<Value>) -> Res {
    c.arity_range(&args, 1, None, &["format", "args"])?;
    let mut it = args.into_iter();
    let spec = it.next().unwrap_or_else(|| c.null());
    let spec = c.str(&spec, "format")?.into_owned();
    let rest: Vec<Value> = it.collect();
    run(c, &spec, &rest).map_err(|e| e.into_value(c))
}

/// Why a format failed: a message for Terraform's "Call to function
/// failed", or a value (unknown, limit) to return as it is.
enum Failure {
    Message(String),
    Value(Value),
}

impl Failure {
    fn into_value(self, c: &Call) -> Value {
        match self {
            Failure::Message(m) => c.fail(m),
            Failure::Value(v) => v,
        }
    }
}

impl From<Value> for Failure {
    fn from(v: Value) -> Failure {
        Failure::Value(v)
    }
}

fn run(c: &Call, spec: &str, args: &[Value]) -> Result<Value, Failure> {
    let mut out = Text::default();
    let mut len = 0usize;
    let mut lit = String::new();
    let mut next_arg = 0usize;
    // The highest argument any verb used: the rest are "too many".
    let mut used = 0usize;
    let bytes = spec.as_bytes();
    let mut p = 0usize;
    let flush = |lit: &mut String, out: &mut Text| {
        if !lit.is_empty() {
            out.push_str(lit, c.origin.clone());
            lit.clear();
        }
    };
    while p < bytes.len() {
        if bytes[p] != b'%' {
            let ch = spec[p..].chars().next().unwrap_or(' ');
            lit.push(ch);
            p += ch.len_utf8();
            continue;
        }
        if bytes.get(p + 1) == Some(&b'%') {
            lit.push('%');
            p += 2;
            continue;
        }
        let start = p;
        p += 1;
        let mut v = Verb {
            offset: start,
            ..Verb::default()
        };
        while let Some(&b) = bytes.get(p) {
            match b {
                b'-' => v.minus = true,
                b'+' => v.plus = true,
                b'#' => v.sharp = true,
                b' ' => v.space = true,
                b'0' => v.zero = true,
                _ => break,
            }
            p += 1;
        }
        if bytes.get(p) == Some(&b'[') {
            let end = spec[p..].find(']').map(|i| p + i);
            let n = end.and_then(|e| spec[p + 1..e].parse::<usize>().ok());
            match (end, n) {
                (Some(e), Some(n)) if n > 0 => {
                    next_arg = n - 1;
                    p = e + 1;
                }
                _ => {
                    return Err(Failure::Message(unrecognized(spec, p)));
                }
            }
        }
        let digits = |p: &mut usize| -> Option<usize> {
            let s = *p;
            while bytes.get(*p).is_some_and(u8::is_ascii_digit) {
                *p += 1;
            }
            (*p > s).then(|| spec[s..*p].parse().unwrap_or(usize::MAX))
        };
        v.width = digits(&mut p);
        if bytes.get(p) == Some(&b'.') {
            p += 1;
            v.prec = Some(digits(&mut p).unwrap_or(0));
        }
        let Some(mode) = spec[p..].chars().next() else {
            return Err(Failure::Message(format!(
                "unterminated format sequence at offset {start}"
            )));
        };
        if !"vtbdoxXeEfgGsq".contains(mode) {
            return Err(Failure::Message(unrecognized(spec, p)));
        }
        p += mode.len_utf8();
        v.mode = mode;
        v.raw = spec[start..p].to_string();
        v.arg = next_arg + 1;
        next_arg += 1;
        used = used.max(v.arg);
        for n in [v.width, v.prec].into_iter().flatten() {
            c.check_str(n).map_err(Failure::Value)?;
        }
        let before = out.parts.len();
        flush(&mut lit, &mut out);
        append(c, &v, args, &mut out)?;
        // Measured per verb, not over the whole text: a format with many
        // verbs stays linear.
        let added = Text {
            parts: out.parts.split_off(before),
            encoded: None,
        };
        len += added.known_len();
        if len > c.max_string() {
            return Err(Failure::Value(c.limit(format!(
                "{}() would produce more than {} bytes (`max_string`)",
                c.name,
                c.max_string()
            ))));
        }
        c.charge_bytes(added.footprint())?;
        out.parts.extend(added.parts);
    }
    flush(&mut lit, &mut out);
    if used < args.len() {
        return Err(Failure::Message(format!(
            "too many arguments; only {used} used by format string"
        )));
    }
    Ok(Value::new(Kind::String(out), c.origin.clone()))
}

fn unrecognized(spec: &str, p: usize) -> String {
    let ch = spec[p..].chars().next().unwrap_or(' ');
    format!(
        "unrecognized format character {} at offset {p}",
        go_quote_rune(ch)
    )
}

fn go_quote_rune(ch: char) -> String {
    match ch {
        '\'' => "'\\''".into(),
        '\\' => "'\\\\'".into(),
        c if c.is_control() => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

fn append(c: &Call, v: &Verb, args: &[Value], out: &mut Text) -> Result<(), Failure> {
    let Some(arg) = args.get(v.arg - 1) else {
        return Err(Failure::Message(format!(
            "not enough arguments for {} at {}: need index {} but have {} total",
            quote(&v.raw),
            v.offset,
            v.arg,
            args.len()
        )));
    };
    let bad = |msg: &str| {
        Failure::Message(format!(
            "unsupported value for {} at {}: {msg}",
            quote(&v.raw),
            v.offset
        ))
    };
    if v.mode != 'v' && arg.is_null() {
        return Err(bad("null value cannot be formatted"));
    }
    // Unknown text can be carried along only where the output is the text
    // itself, not padded or cut to a length.
    let plain = v.width.is_none() && v.prec.is_none();
    if !arg.is_wholly_known() {
        let is_text = matches!(arg.kind, Kind::String(_) | Kind::Unknown(_));
        if plain && is_text && (v.mode == 's' || (v.mode == 'v' && !v.sharp)) {
            append_to_text(out, arg.clone(), c.span).map_err(Failure::Value)?;
            return Ok(());
        }
        return Err(Failure::Value(c.unknown_like(arg)));
    }
    let text = match v.mode {
        'v' => {
            if !v.sharp {
                match &arg.kind {
                    Kind::String(t) => {
                        if plain {
                            out.push_text(t.clone());
                            out.encoded = None;
                            return Ok(());
                        }
                        pad(v, t.as_known().unwrap_or_default().into_owned())
                    }
                    Kind::Number(n) => pad(v, n.text('g', None)),
                    _ => pad(v, json_of(arg).map_err(|m| bad(&m))?),
                }
            } else {
                pad(v, json_of(arg).map_err(|m| bad(&m))?)
            }
        }
        't' => match arg.as_bool() {
            Some(b) => b.to_string(),
            None => return Err(bad(&format!("a bool is required, got {}", arg.type_name()))),
        },
        'b' | 'd' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = to_number(arg).map_err(|m| bad(&m))?;
            if "bdoxX".contains(v.mode) {
                if !n.is_integer() {
                    return Err(bad("an integer is required"));
                }
                format_int(v, &n)
            } else {
                format_float(v, &n)
            }
        }
        's' | 'q' => {
            let s = match &arg.kind {
                Kind::String(t) => t.as_known().unwrap_or_default().into_owned(),
                Kind::Number(n) => n.to_string(),
                Kind::Bool(b) => b.to_string(),
                _ => return Err(bad("string required")),
            };
            let s = match v.prec {
                Some(p) if p > 0 => s.graphemes(true).take(p).collect(),
                _ => s,
            };
            if v.mode == 'q' {
                pad(v, quote(&s))
            } else {
                pad(v, s)
            }
        }
        _ => unreachable!("verbs are checked while scanning"),
    };
    out.push_str(&text, arg.origin.clone());
    Ok(())
}

fn json_of(v: &Value) -> Result<String, String> {
    if let Some(n) = infinite(v) {
        return Err(format!("value is {n}, which cannot be represented in JSON"));
    }
    Ok(crate::json::encode(v))
}

fn infinite(v: &Value) -> Option<String> {
    match &v.kind {
        Kind::Number(n) if n.is_infinite() => Some(n.to_string()),
        Kind::List(items) | Kind::Set(items) => items.iter().find_map(infinite),
        Kind::Map(m) => m.values().find_map(infinite),
        _ => None,
    }
}

fn to_number(v: &Value) -> Result<Number, String> {
    match &v.kind {
        Kind::Number(n) => Ok(n.clone()),
        Kind::String(t) => t
            .as_known()
            .and_then(|s| Number::parse(&s))
            .ok_or_else(|| "a number is required".to_string()),
        _ => Err(format!("number required, got {}", v.type_name())),
    }
}

/// cty's `formatPadWidth`: pads to the width in grapheme clusters, with
/// zeros when the `0` flag is given (even on the right, as cty does).
fn pad(v: &Verb, s: String) -> String {
    let Some(w) = v.width else { return s };
    let have = s.graphemes(true).count();
    if have >= w {
        return s;
    }
    let fill = if v.zero { "0" } else { " " }.repeat(w - have);
    if v.minus { s + &fill } else { fill + &s }
}

/// Go's `big.Int.Format`.
fn format_int(v: &Verb, n: &Number) -> String {
    let i = n.trunc_bigint().unwrap_or_default();
    let radix = match v.mode {
        'b' => 2,
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    let mut digits = i.magnitude().to_str_radix(radix);
    if v.mode == 'X' {
        digits = digits.to_uppercase();
    }
    let sign = if i.sign() == num_bigint::Sign::Minus {
        "-"
    } else if v.plus {
        "+"
    } else if v.space {
        " "
    } else {
        ""
    };
    let prefix = if v.sharp {
        match v.mode {
            'b' => "0b",
            'o' => "0",
            'x' => "0x",
            'X' => "0X",
            _ => "",
        }
    } else {
        ""
    };
    let mut zeros = 0;
    if let Some(p) = v.prec {
        if digits.len() < p {
            zeros = p - digits.len();
        } else if digits == "0" && p == 0 {
            return String::new();
        }
    }
    let (mut left, mut right) = (0, 0);
    let len = sign.len() + prefix.len() + zeros + digits.len();
    if let Some(w) = v.width.filter(|&w| w > len) {
        let d = w - len;
        if v.minus {
            right = d;
        } else if v.zero && v.prec.is_none() {
            zeros = d;
        } else {
            left = d;
        }
    }
    format!(
        "{}{sign}{prefix}{}{digits}{}",
        " ".repeat(left),
        "0".repeat(zeros),
        " ".repeat(right)
    )
}

/// Go's `big.Float.Format`: precision 6 by default for `%e`/`%f`, the
/// shortest exact form for `%g`.
fn format_float(v: &Verb, n: &Number) -> String {
    let prec = match v.mode {
        'g' | 'G' => v.prec,
        _ => Some(v.prec.unwrap_or(6)),
    };
    let text = n.text(v.mode, prec);
    let (mut sign, body) = match text.strip_prefix('-') {
        Some(b) => ("-", b.to_string()),
        None => match text.strip_prefix('+') {
            Some(b) => (if v.space { " " } else { "+" }, b.to_string()),
            None => ("", text.clone()),
        },
    };
    if sign.is_empty() {
        if v.plus {
            sign = "+";
        } else if v.space {
            sign = " ";
        }
    }
    let padding = v
        .width
        .filter(|&w| w > sign.len() + body.len())
        .map_or(0, |w| w - sign.len() - body.len());
    // Go's fmt drops the zero flag when `-` is also given.
    let zero = v.zero && !v.minus;
    if zero && !n.is_infinite() {
        format!("{sign}{}{body}", "0".repeat(padding))
    } else if v.minus {
        format!("{sign}{body}{}", " ".repeat(padding))
    } else {
        format!("{}{sign}{body}", " ".repeat(padding))
    }
}

/// `formatlist(spec, args...)`: lists are iterated together, other values
/// repeat.
pub fn formatlist(c: &Call, args: Vec<Value>) -> Res {
    c.arity_range(&args, 1, None, &["format", "args"])?;
    let mut it = args.into_iter();
    let spec = it.next().unwrap_or_else(|| c.null());
    let spec = c.str(&spec, "format")?.into_owned();
    let rest: Vec<Value> = it.collect();
    if rest.is_empty() {
        let v = run(c, &spec, &[]).map_err(|e| e.into_value(c))?;
        return Ok(c.list(vec![v]));
    }
    let mut len: Option<(usize, usize)> = None;
    for (i, a) in rest.iter().enumerate() {
        match &a.kind {
            Kind::List(items) | Kind::Set(items) => match len {
                None => len = Some((items.len(), i)),
                Some((n, j)) if n != items.len() => {
                    return Err(c.bad(
                        "args",
                        format!(
                            "argument {} has length {}, which is inconsistent with argument {} of length {n}",
                            i + 1,
                            items.len(),
                            j + 1
                        ),
                    ));
                }
                _ => {}
            },
            Kind::Unknown(u) => return Err(c.unknown_from(u)),
            _ => {}
        }
    }
    let n = len.map_or(1, |(n, _)| n);
    c.check_len(n)?;
    c.charge(n)?;
    // Each iteration copies one element of each list and every other
    // argument whole.
    for a in &rest {
        match &a.kind {
            Kind::List(_) | Kind::Set(_) => c.charge_copies(a, 1)?,
            _ => c.charge_copies(a, n)?,
        }
    }
    let mut out = Vec::with_capacity(n);
    for idx in 0..n {
        let call_args: Vec<Value> = rest
            .iter()
            .map(|a| match &a.kind {
                Kind::List(items) | Kind::Set(items) => items[idx].clone(),
                _ => a.clone(),
            })
            .collect();
        match run(c, &spec, &call_args) {
            Ok(v) => out.push(v),
            Err(Failure::Message(m)) => {
                return Err(c.fail(format!("error on format iteration {idx}: {m}")));
            }
            // This element is unknown; the others may still be known.
            Err(Failure::Value(v)) if v.is_unknown() && !super::has_error(&v) => out.push(v),
            Err(Failure::Value(v)) => return Err(v),
        }
    }
    Ok(c.list(out))
}
