//! Encoding functions: JSON, base64, URL and CSV.

use super::{Call, Res, derived, quote};
use crate::value::{Kind, Number, Origin, Text, TextPart, Value};
use base64::Engine;
use std::collections::BTreeMap;
use std::sync::Arc;
use tfkms_syntax::json::{JsonKind, JsonValue};

pub fn jsonencode_fn(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["val"])?;
    let v = args.into_iter().next().unwrap_or_else(|| c.null());
    if let Some(n) = infinite(&v) {
        return Err(c.bad(
            "val",
            format!("value is {n}, which cannot be represented in JSON"),
        ));
    }
    Ok(jsonencode(v, c.origin.clone()))
}

fn infinite(v: &Value) -> Option<String> {
    match &v.kind {
        Kind::Number(n) if n.is_infinite() || n.is_nan() => Some(n.to_string()),
        Kind::List(items) | Kind::Set(items) => items.iter().find_map(infinite),
        Kind::Map(m) => m.values().find_map(infinite),
        _ => None,
    }
}

/// `jsonencode(v)`: the JSON text, remembering the value it encodes so that
/// policy extraction can point into the original expression. A value with
/// unknown parts encodes to an unknown string that still remembers it.
pub fn jsonencode(v: Value, origin: Origin) -> Value {
    if let Some(u) = v.first_unknown() {
        let mut t = Text::default();
        t.parts.push(TextPart::Unknown(u.derived()));
        t.encoded = Some(Arc::new(v));
        return Value::new(Kind::String(t), origin);
    }
    let s = crate::json::encode(&v);
    let mut t = Text::known(s, origin.clone());
    t.encoded = Some(Arc::new(v));
    Value::new(Kind::String(t), origin)
}

pub fn jsondecode(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    let origin = derived(&args[0].origin);
    match tfkms_syntax::json::parse(&s) {
        Ok(j) => json_to_value(c, &j, &origin),
        Err(e) => Err(c.fail(e.message)),
    }
}

fn json_to_value(c: &Call, j: &JsonValue, origin: &Origin) -> Res {
    c.charge(1)?;
    let v = match &j.kind {
        JsonKind::Null => Value::null(origin.clone()),
        JsonKind::Bool(b) => Value::bool(*b, origin.clone()),
        JsonKind::Number(n) => match Number::parse(n) {
            Some(n) => Value::number(n, origin.clone()),
            None => return Err(c.fail(format!("invalid number {n}"))),
        },
        JsonKind::String(s) => Value::string(s.clone(), origin.clone()),
        JsonKind::Array(items) => Value::list(
            items
                .iter()
                .map(|i| json_to_value(c, i, origin))
                .collect::<Result<_, _>>()?,
            origin.clone(),
        ),
        JsonKind::Object(members) => {
            let mut m = BTreeMap::new();
            for (k, v) in members {
                // A repeated key: the last one wins, as in Terraform.
                m.insert(k.text.clone(), json_to_value(c, v, origin)?);
            }
            Value::map(m, origin.clone())
        }
    };
    Ok(v)
}

fn b64() -> base64::engine::GeneralPurpose {
    // Go's StdEncoding: padding required, stray low bits in the last
    // character tolerated.
    base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireCanonical)
            .with_decode_allow_trailing_bits(true),
    )
}

pub fn base64_encode(bytes: &[u8]) -> String {
    b64().encode(bytes)
}

pub fn base64encode(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    c.check_new_str(s.len() / 3 * 4 + 4)?;
    Ok(c.string(base64_encode(s.as_bytes())))
}

/// Go's decoder skips line breaks in the input.
fn decode_b64(s: &str) -> Option<Vec<u8>> {
    let cleaned: String = s.chars().filter(|&ch| ch != '\r' && ch != '\n').collect();
    b64().decode(cleaned).ok()
}

pub fn base64decode(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    let Some(bytes) = decode_b64(&s) else {
        return Err(c.fail(format!("failed to decode base64 data {}", quote(&s))));
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(c.string(s)),
        Err(_) => Err(c.fail("the result of decoding the provided string is not valid UTF-8")),
    }
}

/// The text encodings tfkms knows by their IANA names.
#[derive(Clone, Copy)]
enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Latin1,
}

fn encoding_named(name: &str) -> Option<TextEncoding> {
    match name.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" | "csutf8" => Some(TextEncoding::Utf8),
        "utf-16le" | "csutf16le" => Some(TextEncoding::Utf16Le),
        "utf-16be" | "csutf16be" => Some(TextEncoding::Utf16Be),
        "iso-8859-1" | "iso_8859-1" | "latin1" | "l1" | "iso-ir-100" | "csisolatin1" | "ibm819"
        | "cp819" => Some(TextEncoding::Latin1),
        _ => None,
    }
}

pub fn textencodebase64(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["string", "encoding"])?;
    let s = c.str(&args[0], "string")?;
    let name = c.str(&args[1], "encoding")?;
    let Some(enc) = encoding_named(&name) else {
        return Ok(c.unsupported(format!("the text encoding {}", quote(&name))));
    };
    let bytes: Vec<u8> = match enc {
        TextEncoding::Utf8 => s.as_bytes().to_vec(),
        TextEncoding::Utf16Le => s.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        TextEncoding::Utf16Be => s.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        TextEncoding::Latin1 => {
            let mut out = Vec::with_capacity(s.len());
            for ch in s.chars() {
                match u8::try_from(u32::from(ch)) {
                    Ok(b) => out.push(b),
                    Err(_) => {
                        return Err(c.bad(
                            "string",
                            format!("the given string contains characters that cannot be represented in {name}"),
                        ));
                    }
                }
            }
            out
        }
    };
    Ok(c.string(base64_encode(&bytes)))
}

pub fn textdecodebase64(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["source", "encoding"])?;
    let s = c.str(&args[0], "source")?;
    let name = c.str(&args[1], "encoding")?;
    let Some(enc) = encoding_named(&name) else {
        return Ok(c.unsupported(format!("the text encoding {}", quote(&name))));
    };
    let Some(bytes) = decode_b64(&s) else {
        return Err(c.bad("source", "the given value is has an invalid base64 symbol"));
    };
    let text = match enc {
        TextEncoding::Utf8 => String::from_utf8_lossy(&bytes).into_owned(),
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|p| {
                    let pair = [p[0], p.get(1).copied().unwrap_or(0)];
                    if matches!(enc, TextEncoding::Utf16Le) {
                        u16::from_le_bytes(pair)
                    } else {
                        u16::from_be_bytes(pair)
                    }
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
        TextEncoding::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    Ok(c.string(text))
}

/// Go's `url.QueryEscape`: spaces become `+`.
pub fn urlencode(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(c.string(out))
}

/// `csvdecode`: Go's `encoding/csv` with its defaults, the first record
/// naming the attributes of the objects that follow.
pub fn csvdecode(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    let origin = derived(&args[0].origin);
    let records = parse_csv(&s).map_err(|e| c.fail(e))?;
    let mut it = records.into_iter();
    let Some(header) = it.next() else {
        return Err(c.fail("missing header line"));
    };
    let mut rows = Vec::new();
    for rec in it {
        c.charge(rec.len())?;
        let m: BTreeMap<String, Value> = header
            .iter()
            .cloned()
            .zip(rec.into_iter().map(|f| Value::string(f, origin.clone())))
            .collect();
        rows.push(Value::map(m, origin.clone()));
    }
    c.check_len(rows.len())?;
    Ok(c.list(rows))
}

fn parse_csv(s: &str) -> Result<Vec<Vec<String>>, String> {
    let text = s.replace("\r\n", "\n");
    let chars: Vec<char> = text.chars().collect();
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut expected: Option<usize> = None;
    while i < chars.len() {
        if chars[i] == '\n' {
            // Go skips empty lines.
            i += 1;
            line += 1;
            continue;
        }
        let rec_line = line;
        let mut fields = Vec::new();
        loop {
            let mut field = String::new();
            let col_start = i;
            if chars.get(i) == Some(&'"') {
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(format!(
                                "parse error on line {rec_line}, column {}: extraneous or missing \" in quoted-field",
                                col_start + 1
                            ));
                        }
                        Some('"') if chars.get(i + 1) == Some(&'"') => {
                            field.push('"');
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            if ch == '\n' {
                                line += 1;
                            }
                            field.push(ch);
                            i += 1;
                        }
                    }
                }
                match chars.get(i) {
                    None | Some(',') | Some('\n') => {}
                    Some(_) => {
                        return Err(format!(
                            "parse error on line {line}, column {}: extraneous or missing \" in quoted-field",
                            i + 1
                        ));
                    }
                }
            } else {
                while let Some(&ch) = chars.get(i) {
                    if ch == ',' || ch == '\n' {
                        break;
                    }
                    if ch == '"' {
                        return Err(format!(
                            "parse error on line {line}, column {}: bare \" in non-quoted-field",
                            i + 1
                        ));
                    }
                    field.push(ch);
                    i += 1;
                }
            }
            fields.push(field);
            match chars.get(i) {
                Some(',') => i += 1,
                Some('\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        match expected {
            None => expected = Some(fields.len()),
            Some(n) if n != fields.len() => {
                return Err(format!("record on line {rec_line}: wrong number of fields"));
            }
            _ => {}
        }
        records.push(fields);
    }
    Ok(records)
}
