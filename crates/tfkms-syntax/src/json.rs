//! A small JSON parser that keeps the byte range of every value and key.
//! serde_json has no spans, and findings inside heredoc or `file()` policies
//! must point at the exact characters. Depth and size are bounded.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq)]
pub struct JsonValue {
    pub kind: JsonKind,
    /// Byte range in the parsed text (strings include their quotes).
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    String(String),
    Array(Vec<JsonValue>),
    /// Members in source order; repeated keys are kept (consumers decide).
    Object(Vec<(JsonKey, JsonValue)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct JsonKey {
    pub text: String,
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    /// Worded like Go's `encoding/json`, which the provider and Terraform use.
    pub message: String,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Deeper nesting than this is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 256;

pub fn parse(text: &str) -> Result<JsonValue, JsonError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err_char("after top-level value"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn err_char(&self, context: &str) -> JsonError {
        match self.s.get(self.i) {
            None => JsonError {
                offset: self.i,
                message: "unexpected end of JSON input".into(),
            },
            Some(&b) => JsonError {
                offset: self.i,
                message: format!("invalid character {} {context}", quote_byte(b)),
            },
        }
    }

    fn value(&mut self, depth: usize) -> Result<JsonValue, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError {
                offset: self.i,
                message: format!("exceeded max depth of {MAX_DEPTH}"),
            });
        }
        let start = self.i;
        let kind = match self.s.get(self.i) {
            None => return Err(self.err_char("looking for beginning of value")),
            Some(b'{') => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        if self.s.get(self.i) != Some(&b'"') {
                            return Err(self.err_char("looking for beginning of object key string"));
                        }
                        let kstart = self.i;
                        let key = self.string()?;
                        let key = JsonKey {
                            text: key,
                            range: kstart..self.i,
                        };
                        self.ws();
                        if self.s.get(self.i) != Some(&b':') {
                            return Err(self.err_char("after object key"));
                        }
                        self.i += 1;
                        self.ws();
                        let v = self.value(depth + 1)?;
                        members.push((key, v));
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b'}') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(self.err_char("after object key:value pair")),
                        }
                    }
                }
                JsonKind::Object(members)
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        items.push(self.value(depth + 1)?);
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b']') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(self.err_char("after array element")),
                        }
                    }
                }
                JsonKind::Array(items)
            }
            Some(b'"') => JsonKind::String(self.string()?),
            Some(b't') => self.keyword("true", JsonKind::Bool(true))?,
            Some(b'f') => self.keyword("false", JsonKind::Bool(false))?,
            Some(b'n') => self.keyword("null", JsonKind::Null)?,
            Some(b'-' | b'0'..=b'9') => JsonKind::Number(self.number()?),
            Some(_) => return Err(self.err_char("looking for beginning of value")),
        };
        Ok(JsonValue {
            kind,
            range: start..self.i,
        })
    }

    fn keyword(&mut self, word: &str, kind: JsonKind) -> Result<JsonKind, JsonError> {
        for (k, &b) in word.as_bytes().iter().enumerate() {
            match self.s.get(self.i + k) {
                Some(&c) if c == b => {}
                _ => {
                    self.i += k;
                    return Err(
                        self.err_char(&format!("in literal {word} (expecting '{}')", b as char))
                    );
                }
            }
        }
        self.i += word.len();
        Ok(kind)
    }

    fn number(&mut self) -> Result<String, JsonError> {
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.s.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while let Some(b'0'..=b'9') = self.s.get(self.i) {
                    self.i += 1;
                }
            }
            _ => return Err(self.err_char("in numeric literal")),
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !matches!(self.s.get(self.i), Some(b'0'..=b'9')) {
                return Err(self.err_char("after decimal point in numeric literal"));
            }
            while let Some(b'0'..=b'9') = self.s.get(self.i) {
                self.i += 1;
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if !matches!(self.s.get(self.i), Some(b'0'..=b'9')) {
                return Err(self.err_char("in exponent of numeric literal"));
            }
            while let Some(b'0'..=b'9') = self.s.get(self.i) {
                self.i += 1;
            }
        }
        Ok(self.text[start..self.i].to_string())
    }

    fn string(&mut self) -> Result<String, JsonError> {
        debug_assert_eq!(self.s[self.i], b'"');
        self.i += 1;
        let mut out = String::new();
        loop {
            let run_start = self.i;
            while let Some(&c) = self.s.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(&self.text[run_start..self.i]);
            match self.s.get(self.i) {
                None => return Err(self.err_char("in string literal")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.s.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let cp = self.hex4()?;
                            if (0xD800..0xDC00).contains(&cp)
                                && self.s.get(self.i + 1) == Some(&b'\\')
                                && self.s.get(self.i + 2) == Some(&b'u')
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    let c = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                    char::from_u32(c).unwrap_or('\u{fffd}')
                                } else {
                                    self.i = save;
                                    '\u{fffd}'
                                }
                            } else {
                                char::from_u32(cp).unwrap_or('\u{fffd}')
                            }
                        }
                        _ => return Err(self.err_char("in string escape code")),
                    };
                    out.push(c);
                    self.i += 1;
                }
                Some(_) => return Err(self.err_char("in string literal")),
            }
        }
    }

    /// Reads the four hex digits after `\u`; leaves `i` on the last digit.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            self.i += 1;
            let d = match self.s.get(self.i) {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.err_char("in \\u hexadecimal character escape")),
            };
            v = v * 16 + d as u32;
        }
        Ok(v)
    }
}

/// Go's `quoteChar`: the offending byte (not character) quoted the way
/// `strconv.Quote` quotes the rune of the same value, so a byte of a UTF-8
/// sequence shows as its Latin-1 reading, as in Go's messages.
fn quote_byte(b: u8) -> String {
    match b {
        b'\'' => "'\\''".into(),
        b'"' => "'\"'".into(),
        b'\\' => "'\\\\'".into(),
        b'\n' => "'\\n'".into(),
        b'\r' => "'\\r'".into(),
        b'\t' => "'\\t'".into(),
        0x07 => "'\\a'".into(),
        0x08 => "'\\b'".into(),
        0x0b => "'\\v'".into(),
        0x0c => "'\\f'".into(),
        0x00..=0x1f | 0x7f => format!("'\\x{b:02x}'"),
        // C1 controls, no-break space and soft hyphen are not printable.
        0x80..=0xa0 | 0xad => format!("'\\u{:04x}'", b as u32),
        _ => format!("'{}'", b as char),
    }
}

/// For a JSON string token at `range` in `text` (quotes included): the byte
/// offset in `text` of each byte of the decoded string, plus one past the end.
pub fn string_offset_map(text: &str, range: Range<usize>) -> Vec<u32> {
    let s = text.as_bytes();
    let mut map = Vec::with_capacity(range.len());
    let mut i = range.start + 1;
    let end = range.end.saturating_sub(1).max(i);
    while i < end {
        if s[i] == b'\\' {
            let (src_len, decoded_len) = match s.get(i + 1) {
                Some(b'u') => {
                    let cp = text
                        .get(i + 2..i + 6)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .unwrap_or(0xfffd);
                    if (0xD800..0xDC00).contains(&cp) && s.get(i + 6) == Some(&b'\\') {
                        (12, 4)
                    } else {
                        (6, char::from_u32(cp).map_or(3, char::len_utf8))
                    }
                }
                _ => (2, 1),
            };
            for _ in 0..decoded_len {
                map.push(i as u32);
            }
            i += src_len;
        } else {
            map.push(i as u32);
            i += 1;
        }
    }
    map.push(end as u32);
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ranges_of_values_and_keys() {
        let text = r#"{"Action": ["kms:Decrypt", "kms:Encrypt"], "n": -1.5e3}"#;
        let v = parse(text).unwrap();
        let JsonKind::Object(m) = &v.kind else {
            panic!()
        };
        assert_eq!(&text[m[0].0.range.clone()], "\"Action\"");
        let JsonKind::Array(a) = &m[0].1.kind else {
            panic!()
        };
        assert_eq!(&text[a[1].range.clone()], "\"kms:Encrypt\"");
        assert_eq!(m[1].1.kind, JsonKind::Number("-1.5e3".into()));
    }

    #[test]
    fn errors_read_like_go() {
        assert_eq!(
            parse("").unwrap_err().message,
            "unexpected end of JSON input"
        );
        let e = parse("{\"a\": tru}").unwrap_err();
        assert_eq!(
            e.message,
            "invalid character '}' in literal true (expecting 'e')"
        );
        assert_eq!(e.offset, 9);
        assert_eq!(
            parse("[1,]").unwrap_err().message,
            "invalid character ']' looking for beginning of value"
        );
    }

    #[test]
    fn offending_bytes_are_quoted_as_go_quotes_them() {
        let msg = |t: &str| parse(t).unwrap_err().message;
        assert_eq!(
            msg("[1,\n]"),
            "invalid character ']' looking for beginning of value"
        );
        assert_eq!(msg("\"a\nb\""), "invalid character '\\n' in string literal");
        assert_eq!(
            msg("\\"),
            "invalid character '\\\\' looking for beginning of value"
        );
        assert_eq!(
            msg("\u{e9}"),
            "invalid character '\u{c3}' looking for beginning of value"
        );
        assert_eq!(
            msg("'"),
            "invalid character '\\'' looking for beginning of value"
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        assert!(parse(&text).unwrap_err().message.contains("max depth"));
    }

    #[test]
    fn maps_decoded_offsets_through_escapes() {
        let text = r#""a\"b\u00e9c""#;
        let map = string_offset_map(text, 0..text.len());
        // decoded: a " b é(2 bytes) c
        assert_eq!(map, vec![1, 2, 4, 5, 5, 11, 12]);
    }
}
