//! Reading `source_policy_documents` / `override_policy_documents` elements
//! the way the provider does: `validation.StringIsJSON` at plan time, then
//! Go's `json.Unmarshal` into `IAMPolicyDoc` with the model's custom
//! unmarshalers. The error texts are Go's, since users see them verbatim.

use super::gojson::Json;
use super::policy::{Condition, Principal, Statement, Strings};
use std::collections::BTreeMap;
use tfkms_syntax::json::{JsonKind, JsonValue};

/// Why a document could not be read.
#[derive(Debug, PartialEq)]
pub(crate) enum Failure {
    /// An error the provider returns, in Go's words.
    Error(String),
    /// The provider panics (a `null` statement, a non-string in a principal
    /// or condition array); Terraform then reports that the plugin died.
    Crash,
}

/// The plan-time check: the text must be JSON that Go can unmarshal into
/// `interface{}`. Returns the parsed value for the read-time decode.
pub(crate) fn validate(text: &str) -> Result<JsonValue, String> {
    let value = tfkms_syntax::json::parse(text)
        .map_err(|e| go_syntax_message(text, e.offset, &e.message))?;
    // Syntax is checked over the whole text before decoding starts, so a
    // number too large for float64 is reported only for valid JSON.
    match first_overflowing_number(&value) {
        Some(n) => Err(format!(
            "json: cannot unmarshal number {n} into Go value of type float64"
        )),
        None => Ok(value),
    }
}

/// Go's scanner reports the offending *byte* and quotes it with
/// `strconv.Quote` (`'\n'`, and `'Ã'` for the lead byte of `é`);
/// `tfkms_syntax::json` quotes the whole character in Rust's style, so the
/// quoted part is rebuilt here from the byte at the error offset.
fn go_syntax_message(text: &str, offset: usize, message: &str) -> String {
    const PREFIX: &str = "invalid character '";
    let (Some(after_quote), Some(&byte)) =
        (message.strip_prefix(PREFIX), text.as_bytes().get(offset))
    else {
        return message.to_string();
    };
    // The quoted character is followed by "' " and the context; `'\''` is
    // the only quoting with a quote inside, and searching from its second
    // character on still finds the right end.
    let first = after_quote.chars().next().map_or(0, char::len_utf8);
    match after_quote[first..].find("' ") {
        Some(end) => format!(
            "invalid character {}{}",
            go_quote_byte(byte),
            &after_quote[first + end + 1..]
        ),
        None => message.to_string(),
    }
}

/// `quoteChar` of Go's encoding/json scanner.
fn go_quote_byte(b: u8) -> String {
    match b {
        b'\'' => r"'\''".into(),
        b'"' => "'\"'".into(),
        b'\\' => r"'\\'".into(),
        0x07 => r"'\a'".into(),
        0x08 => r"'\b'".into(),
        0x0c => r"'\f'".into(),
        b'\n' => r"'\n'".into(),
        b'\r' => r"'\r'".into(),
        b'\t' => r"'\t'".into(),
        0x0b => r"'\v'".into(),
        0x00..0x20 | 0x7f => format!(r"'\x{b:02x}'"),
        // The byte is taken as a rune (Latin-1); strconv.Quote escapes the
        // non-printable ones: C1 controls, NBSP and the soft hyphen.
        0x80..=0xa0 | 0xad => format!(r"'\u{b:04x}'"),
        _ => format!("'{}'", b as char),
    }
}

fn first_overflowing_number(v: &JsonValue) -> Option<&str> {
    match &v.kind {
        JsonKind::Number(n) => n
            .parse::<f64>()
            .map_or(true, f64::is_infinite)
            .then_some(n.as_str()),
        JsonKind::Array(items) => items.iter().find_map(first_overflowing_number),
        JsonKind::Object(members) => members
            .iter()
            .find_map(|(_, v)| first_overflowing_number(v)),
        _ => None,
    }
}

/// The decoded document. `statements` keeps JSON `null` elements as `None`:
/// Go stores a nil pointer and the provider dereferences it later.
#[derive(Debug, Default)]
pub(crate) struct SourceDoc {
    pub version: String,
    pub id: String,
    pub statements: Vec<Option<Statement>>,
}

/// `json.Unmarshal(text, &IAMPolicyDoc{})` on already-validated JSON.
pub(crate) fn decode(value: &JsonValue) -> Result<SourceDoc, Failure> {
    let mut d = Decoder::default();
    let mut doc = SourceDoc::default();
    match &value.kind {
        JsonKind::Null => {}
        JsonKind::Object(members) => {
            for (key, v) in members {
                match go_field(&key.text, &["Version", "Id", "Statement"]) {
                    Some("Version") => {
                        d.string_into(&mut doc.version, v, "IAMPolicyDoc", "Version")
                    }
                    Some("Id") => d.string_into(&mut doc.id, v, "IAMPolicyDoc", "Id"),
                    Some(_) => d.statements_into(&mut doc.statements, v)?,
                    None => {}
                }
            }
        }
        other => d.save(value_type_error(other, "iam.IAMPolicyDoc")),
    }
    match d.saved {
        Some(e) => Err(Failure::Error(e)),
        None => Ok(doc),
    }
}

/// Go's decoder records the first type mismatch and carries on, returning it
/// at the end; an error from a custom unmarshaler stops it at once and wins.
/// Hence `saved` here, and `Err` returns for the unmarshalers.
#[derive(Default)]
struct Decoder {
    saved: Option<String>,
}

const STATEMENT_FIELDS: [&str; 9] = [
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
];

impl Decoder {
    fn save(&mut self, message: String) {
        self.saved.get_or_insert(message);
    }

    /// A `string` field: `null` leaves it alone, anything else not a string
    /// is a type error.
    fn string_into(&mut self, dst: &mut String, v: &JsonValue, owner: &str, field: &str) {
        match &v.kind {
            JsonKind::String(s) => *dst = s.clone(),
            JsonKind::Null => {}
            other => self.save(field_type_error(other, owner, field, "string")),
        }
    }

    /// `[]*IAMPolicyStatement`. Go decodes array elements into the slice it
    /// already holds, so a repeated `Statement` key fills the earlier
    /// statements' structs rather than fresh ones.
    fn statements_into(
        &mut self,
        dst: &mut Vec<Option<Statement>>,
        v: &JsonValue,
    ) -> Result<(), Failure> {
        match &v.kind {
            JsonKind::Null => dst.clear(),
            JsonKind::Array(items) => {
                let mut previous = std::mem::take(dst).into_iter();
                for item in items {
                    let earlier = previous.next().flatten();
                    dst.push(self.statement(item, earlier)?);
                }
            }
            other => self.save(field_type_error(
                other,
                "IAMPolicyDoc",
                "Statement",
                "[]*iam.IAMPolicyStatement",
            )),
        }
        Ok(())
    }

    fn statement(
        &mut self,
        v: &JsonValue,
        earlier: Option<Statement>,
    ) -> Result<Option<Statement>, Failure> {
        let members = match &v.kind {
            JsonKind::Null => return Ok(None),
            JsonKind::Object(members) => members,
            other => {
                self.save(field_type_error(
                    other,
                    "IAMPolicyDoc",
                    "Statement",
                    "iam.IAMPolicyStatement",
                ));
                return Ok(Some(earlier.unwrap_or_default()));
            }
        };
        let mut s = earlier.unwrap_or_default();
        for (key, v) in members {
            let Some(field) = go_field(&key.text, &STATEMENT_FIELDS) else {
                continue;
            };
            let any = || (!matches!(v.kind, JsonKind::Null)).then(|| to_json(v));
            match field {
                "Sid" => self.string_into(&mut s.sid, v, "IAMPolicyStatement", "Statement.Sid"),
                "Effect" => {
                    self.string_into(&mut s.effect, v, "IAMPolicyStatement", "Statement.Effect")
                }
                "Action" => s.action = any(),
                "NotAction" => s.not_action = any(),
                "Resource" => s.resource = any(),
                "NotResource" => s.not_resource = any(),
                "Principal" => s.principals = principals(v)?,
                "NotPrincipal" => s.not_principals = principals(v)?,
                _ => s.conditions = conditions(v)?,
            }
        }
        Ok(Some(s))
    }
}

/// `IAMPolicyStatementPrincipalSet.UnmarshalJSON`.
fn principals(v: &JsonValue) -> Result<Vec<Principal>, Failure> {
    const SET: &str = "IAMPolicyStatementPrincipalSet";
    match &v.kind {
        // Any bare string, not only "*", reads as everyone.
        JsonKind::String(_) => Ok(vec![Principal {
            kind: "*".into(),
            identifiers: Strings::Many(vec!["*".into()]),
        }]),
        JsonKind::Object(members) => go_map(members)
            .into_iter()
            .map(|(kind, v)| {
                let identifiers = match &v.kind {
                    JsonKind::String(s) => Strings::One(s.clone()),
                    JsonKind::Array(items) => {
                        let mut ids = strings_or_crash(items)?;
                        ids.sort_unstable();
                        Strings::Many(ids)
                    }
                    other => {
                        return Err(Failure::Error(format!(
                            "Unsupported data type {} for {SET}.Identifiers",
                            go_dynamic_type(other)
                        )));
                    }
                };
                Ok(Principal {
                    kind: kind.to_string(),
                    identifiers,
                })
            })
            .collect(),
        other => Err(Failure::Error(format!(
            "Unsupported data type {} for {SET}",
            go_dynamic_type(other)
        ))),
    }
}

/// `IAMPolicyStatementConditionSet.UnmarshalJSON`: an inner
/// `json.Unmarshal` into `map[string]map[string]any` whose type errors the
/// outer decoder then labels with the `Condition` field.
fn conditions(v: &JsonValue) -> Result<Vec<Condition>, Failure> {
    let field_error = |kind: &JsonKind, ty: &str| {
        Failure::Error(field_type_error(
            kind,
            "IAMPolicyStatement",
            "Statement.Condition",
            ty,
        ))
    };
    let tests = match &v.kind {
        JsonKind::Null => return Ok(Vec::new()),
        JsonKind::Object(members) => members,
        other => return Err(field_error(other, "map[string]map[string]interface {}")),
    };
    // Type errors inside are collected to the end of the inner decode, so
    // the first one in document order is the one reported.
    if let Some(other) = tests
        .iter()
        .map(|(_, v)| &v.kind)
        .find(|k| !matches!(k, JsonKind::Object(_) | JsonKind::Null))
    {
        return Err(field_error(other, "map[string]interface {}"));
    }
    let mut out = Vec::new();
    for (test, variables) in go_map(tests) {
        let JsonKind::Object(variables) = &variables.kind else {
            continue;
        };
        for (variable, v) in go_map(variables) {
            let values = match &v.kind {
                JsonKind::String(s) => Strings::Many(vec![s.clone()]),
                JsonKind::Bool(b) => Strings::One(b.to_string()),
                JsonKind::Array(items) => Strings::Many(strings_or_crash(items)?),
                // Numbers, nulls and objects fall through the provider's
                // type switch and vanish.
                _ => continue,
            };
            out.push(Condition {
                test: test.to_string(),
                variable: variable.to_string(),
                values,
            });
        }
    }
    Ok(out)
}

/// The provider asserts `.(string)` on each element and panics otherwise.
fn strings_or_crash(items: &[JsonValue]) -> Result<Vec<String>, Failure> {
    items
        .iter()
        .map(|item| match &item.kind {
            JsonKind::String(s) => Ok(s.clone()),
            _ => Err(Failure::Crash),
        })
        .collect()
}

/// A JSON object decoded into a Go map: a repeated key keeps its last value,
/// and iteration order is immaterial because the output sorts keys.
fn go_map(members: &[(tfkms_syntax::json::JsonKey, JsonValue)]) -> BTreeMap<&str, &JsonValue> {
    members.iter().map(|(k, v)| (k.text.as_str(), v)).collect()
}

/// A value decoded into Go `any`, re-encoded later as Go encodes it.
fn to_json(v: &JsonValue) -> Json {
    match &v.kind {
        JsonKind::Null => Json::Null,
        JsonKind::Bool(b) => Json::Bool(*b),
        // `validate` has refused numbers that do not fit a float64.
        JsonKind::Number(n) => Json::Number(n.parse().unwrap_or(f64::NAN)),
        JsonKind::String(s) => Json::String(s.clone()),
        JsonKind::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        JsonKind::Object(members) => Json::Object(
            go_map(members)
                .into_iter()
                .map(|(k, v)| (k.to_string(), to_json(v)))
                .collect(),
        ),
    }
}

/// The struct field a JSON key lands in: an exact name first, else a
/// case-insensitive match under Go's folding (which also maps `ſ` to `S`
/// and the Kelvin sign to `K`).
fn go_field<'a>(key: &str, fields: &[&'a str]) -> Option<&'a str> {
    let fold = |s: &str| -> Vec<char> {
        s.chars()
            .map(|c| match c {
                'ſ' => 'S',
                '\u{212A}' => 'K',
                c => c.to_ascii_uppercase(),
            })
            .collect()
    };
    fields.iter().copied().find(|f| *f == key).or_else(|| {
        let key = fold(key);
        fields.iter().copied().find(|f| fold(f) == key)
    })
}

/// `UnmarshalTypeError.Value` for a JSON token.
fn go_json_kind(kind: &JsonKind) -> &'static str {
    match kind {
        JsonKind::Null => "null",
        JsonKind::Bool(_) => "bool",
        JsonKind::Number(_) => "number",
        JsonKind::String(_) => "string",
        JsonKind::Array(_) => "array",
        JsonKind::Object(_) => "object",
    }
}

/// `%T` of a value decoded into Go `any`.
fn go_dynamic_type(kind: &JsonKind) -> &'static str {
    match kind {
        JsonKind::Null => "<nil>",
        JsonKind::Bool(_) => "bool",
        JsonKind::Number(_) => "float64",
        JsonKind::String(_) => "string",
        JsonKind::Array(_) => "[]interface {}",
        JsonKind::Object(_) => "map[string]interface {}",
    }
}

fn field_type_error(kind: &JsonKind, owner: &str, field: &str, ty: &str) -> String {
    format!(
        "json: cannot unmarshal {} into Go struct field {owner}.{field} of type {ty}",
        go_json_kind(kind)
    )
}

fn value_type_error(kind: &JsonKind, ty: &str) -> String {
    format!(
        "json: cannot unmarshal {} into Go value of type {ty}",
        go_json_kind(kind)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<SourceDoc, Failure> {
        decode(&validate(text).unwrap())
    }

    fn error(text: &str) -> String {
        match read(text) {
            Err(Failure::Error(e)) => e,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn syntax_errors_quote_the_byte_like_go() {
        assert_eq!(
            validate("[\"a\nb\"]").unwrap_err(),
            r"invalid character '\n' in string literal"
        );
        assert_eq!(
            validate("é").unwrap_err(),
            "invalid character 'Ã' looking for beginning of value"
        );
        assert_eq!(
            validate("{'a'}").unwrap_err(),
            r"invalid character '\'' looking for beginning of object key string"
        );
        assert_eq!(
            validate("[1 ]]").unwrap_err(),
            "invalid character ']' after top-level value"
        );
        assert_eq!(
            validate("[ \u{a0}]").unwrap_err(),
            "invalid character 'Â' looking for beginning of value"
        );
        assert_eq!(
            validate("{\"a\": tru}").unwrap_err(),
            "invalid character '}' in literal true (expecting 'e')"
        );
        assert_eq!(validate("").unwrap_err(), "unexpected end of JSON input");
        assert_eq!(
            validate("[1, {\"a\": 1e400}]").unwrap_err(),
            "json: cannot unmarshal number 1e400 into Go value of type float64"
        );
    }

    #[test]
    fn first_type_error_is_kept_unless_an_unmarshaler_fails() {
        assert_eq!(
            error(r#"{"Statement":[{"Sid":1,"Effect":true}]}"#),
            "json: cannot unmarshal number into Go struct field IAMPolicyStatement.Statement.Sid of type string"
        );
        assert_eq!(
            error(r#"{"Statement":[{"Sid":1,"Principal":[]}]}"#),
            "Unsupported data type []interface {} for IAMPolicyStatementPrincipalSet"
        );
        assert_eq!(
            error(r#"{"Statement":[{"Condition":{"A":null,"B":"x","C":1}}]}"#),
            "json: cannot unmarshal string into Go struct field IAMPolicyStatement.Statement.Condition of type map[string]interface {}"
        );
        assert_eq!(
            error("[]"),
            "json: cannot unmarshal array into Go value of type iam.IAMPolicyDoc"
        );
        assert!(matches!(
            read(r#"{"Statement":[{"Principal":{"AWS":[1]}}]}"#),
            Err(Failure::Crash)
        ));
    }

    #[test]
    fn keys_match_fields_case_insensitively_last_one_winning() {
        let doc =
            read(r#"{"statement":[{"action":"a","ACTION":"b","ſid":"S"}],"VERSION":"x"}"#).unwrap();
        let s = doc.statements[0].as_ref().unwrap();
        assert_eq!(s.action, Some(Json::String("b".into())));
        assert_eq!(s.sid, "S");
        assert_eq!(doc.version, "x");
    }

    #[test]
    fn repeated_statement_key_decodes_into_the_earlier_statements() {
        let doc =
            read(r#"{"Statement":[{"Sid":"A","Effect":"Deny"}],"Statement":[{"Sid":"B"},{}]}"#)
                .unwrap();
        let sids: Vec<_> = doc
            .statements
            .iter()
            .map(|s| s.as_ref().map(|s| (s.sid.clone(), s.effect.clone())))
            .collect();
        assert_eq!(
            sids,
            [
                Some(("B".into(), "Deny".into())),
                Some((String::new(), String::new()))
            ]
        );
    }
}
