//! The `json` and `minified_json` of `data "aws_iam_policy_document"`,
//! byte for byte as the AWS provider (5.x, SDK v2) renders them, including
//! the errors it raises instead. The rules and their sources are in
//! POLICY-RENDERING.md; `testdata/render/` pins them against the real
//! provider.
//!
//! The provider's pipeline is followed step by step: plan-time validation,
//! source documents merged with a Sid uniqueness check, the block's own
//! statements, override documents, then Go's `json.MarshalIndent` and
//! `json.Marshal` of the merged document.

mod gojson;
mod hcl;
mod policy;
mod sethash;
mod source;

pub use gojson::write_json_string;

use gojson::Json;
use policy::{PolicyDoc, Statement};
use source::Failure;
use std::collections::HashSet;
use tfkms_syntax::json::JsonValue;

/// One `statement` block of an aws_iam_policy_document, after Terraform evaluated it.
/// `None` means the argument was not set; `Some(vec![])` means set to an empty list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HclStatement {
    pub sid: Option<String>,
    /// `None` => "Allow".
    pub effect: Option<String>,
    pub actions: Option<Vec<String>>,
    pub not_actions: Option<Vec<String>>,
    pub resources: Option<Vec<String>>,
    pub not_resources: Option<Vec<String>>,
    /// In source order (the renderer applies set order).
    pub principals: Vec<HclPrincipals>,
    pub not_principals: Vec<HclPrincipals>,
    /// In source order.
    pub conditions: Vec<HclCondition>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HclPrincipals {
    pub r#type: String,
    pub identifiers: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HclCondition {
    pub test: String,
    pub variable: String,
    pub values: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HclDocument {
    /// `None` => "2012-10-17".
    pub version: Option<String>,
    pub policy_id: Option<String>,
    /// Elements of source_policy_documents; `None` = a null element, which
    /// Terraform itself rejects ("Null value found in list").
    pub source_policy_documents: Vec<Option<String>>,
    pub override_policy_documents: Vec<Option<String>>,
    pub statements: Vec<HclStatement>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    pub json: String,
    /// The data source's `id`: the provider sets it to the CRC-32 (IEEE) of
    /// its indented JSON, in decimal, hashed before Terraform normalizes the
    /// text to NFC.
    pub id: String,
    /// Kept to write `minified_json` only when asked: a scan reads the
    /// indented text alone.
    tree: Json,
}

impl Rendered {
    /// The provider's `minified_json`.
    pub fn minified_json(&self) -> String {
        as_terraform_string(self.tree.minified())
    }
}

/// An error the provider would raise; `message` is the provider's exact text
/// (e.g. "writing IAM Policy Document: duplicate Sid (X). Remove the Sid or ensure the Sid is unique.").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError {
    pub message: String,
    pub location: ErrorLocation,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorLocation {
    Version,
    /// Index into [`HclDocument::statements`].
    Statement {
        index: usize,
    },
    SourceDocument {
        index: usize,
    },
    OverrideDocument {
        index: usize,
    },
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RenderError {}

const DEFAULT_VERSION: &str = "2012-10-17";
const VERSIONS: [&str; 2] = ["2008-10-17", "2012-10-17"];
const EFFECTS: [&str; 2] = ["Allow", "Deny"];

/// What Terraform prints when the provider panics; it does for a `null`
/// statement and for non-strings inside principal or condition arrays.
const CRASH: &str = "Plugin did not respond";

fn error(message: impl Into<String>, location: ErrorLocation) -> RenderError {
    RenderError {
        message: message.into(),
        location,
    }
}

/// Renders the document, or returns the first error the provider (or
/// Terraform core, for null list elements) would report.
pub fn render(doc: &HclDocument) -> Result<Rendered, RenderError> {
    let checked = plan_time_checks(doc)?;
    let mut merged = PolicyDoc::default();
    merge_sources(&mut merged, &checked.sources)?;
    merge_own_statements(&mut merged, doc, &checked)?;
    merge_overrides(&mut merged, &checked.overrides)?;
    let tree = merged.to_json();
    let pretty = tree.pretty();
    Ok(Rendered {
        id: crc32_ieee(pretty.as_bytes()).to_string(),
        json: as_terraform_string(pretty),
        tree,
    })
}

/// CRC-32 with the IEEE polynomial (reflected), as Go's `crc32.ChecksumIEEE`.
/// A byte at a time through a table: every rendered document is hashed, and
/// shifting bit by bit cost several times more.
fn crc32_ieee(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc = CRC32_TABLE[usize::from((crc as u8) ^ b)] ^ (crc >> 8);
    }
    !crc
}

/// The CRC of each byte value alone, shifted through the reflected IEEE
/// polynomial eight times; built at compile time.
const CRC32_TABLE: [u32; 256] = {
    const REFLECTED_POLYNOMIAL: u32 = 0xEDB8_8320;
    let mut table = [0u32; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut crc = byte as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ REFLECTED_POLYNOMIAL
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[byte] = crc;
        byte += 1;
    }
    table
};

/// The provider's Go JSON decoder turns a `\u0301`-style escape in a source
/// document into a raw combining mark and writes it out as it is; Terraform
/// then makes the rendered text a cty string, which is always Unicode NFC.
/// The merge before that (Sid checks, set order) saw the decomposed text,
/// so only the final text is normalized, as Terraform does.
fn as_terraform_string(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    text.nfc().collect()
}

/// The arguments once Terraform has validated them.
struct Checked<'a> {
    version: &'a str,
    effects: Vec<&'a str>,
    /// Non-empty elements of `source_policy_documents`, with their index.
    sources: Vec<(usize, JsonValue)>,
    overrides: Vec<(usize, JsonValue)>,
}

/// Schema validation, done at plan time before the provider reads anything.
/// Terraform reports every such error at once, in no fixed order; only one
/// is returned here, checked in argument order.
fn plan_time_checks(doc: &HclDocument) -> Result<Checked<'_>, RenderError> {
    let source_at = |index| ErrorLocation::SourceDocument { index };
    let override_at = |index| ErrorLocation::OverrideDocument { index };
    refuse_nulls(&doc.source_policy_documents, source_at)?;
    refuse_nulls(&doc.override_policy_documents, override_at)?;
    let version = doc.version.as_deref().unwrap_or(DEFAULT_VERSION);
    if !VERSIONS.contains(&version) {
        return Err(error(
            format!(
                "expected version to be one of {}, got {version}",
                go_quoted_list(&VERSIONS)
            ),
            ErrorLocation::Version,
        ));
    }
    let effects = doc
        .statements
        .iter()
        .enumerate()
        .map(|(index, st)| {
            let effect = st.effect.as_deref().unwrap_or("Allow");
            if EFFECTS.contains(&effect) {
                return Ok(effect);
            }
            Err(error(
                format!(
                    "expected statement.{index}.effect to be one of {}, got {effect}",
                    go_quoted_list(&EFFECTS)
                ),
                ErrorLocation::Statement { index },
            ))
        })
        .collect::<Result<_, _>>()?;
    Ok(Checked {
        version,
        effects,
        sources: parse_documents(
            &doc.source_policy_documents,
            "source_policy_documents",
            source_at,
        )?,
        overrides: parse_documents(
            &doc.override_policy_documents,
            "override_policy_documents",
            override_at,
        )?,
    })
}

fn merge_sources(
    merged: &mut PolicyDoc,
    sources: &[(usize, JsonValue)],
) -> Result<(), RenderError> {
    let mut sids = HashSet::new();
    for (index, value) in sources {
        let location = ErrorLocation::SourceDocument { index: *index };
        let prefix = format!("writing IAM Policy Document: merging source document {index}: ");
        let decoded =
            source::decode(value).map_err(|f| read_error(f, &prefix, location.clone()))?;
        let mut statements = Vec::with_capacity(decoded.statements.len());
        for (m, st) in decoded.statements.into_iter().enumerate() {
            let st = st.ok_or_else(|| error(CRASH, location.clone()))?;
            // Unlike the block's own statements, source statements may not
            // share a Sid with any earlier one, in the same document or not.
            if !st.sid.is_empty() && !sids.insert(st.sid.clone()) {
                return Err(error(
                    format!(
                        "{prefix}duplicate Sid ({}) in source_policy_documents (statement {m}). Remove the Sid or ensure Sids are unique.",
                        st.sid
                    ),
                    location,
                ));
            }
            statements.push(st);
        }
        merged.merge(decoded.version, decoded.id, statements);
    }
    Ok(())
}

fn merge_own_statements(
    merged: &mut PolicyDoc,
    doc: &HclDocument,
    checked: &Checked<'_>,
) -> Result<(), RenderError> {
    let mut sids = HashSet::new();
    let mut own = Vec::with_capacity(doc.statements.len());
    for (index, (st, effect)) in doc.statements.iter().zip(&checked.effects).enumerate() {
        let location = ErrorLocation::Statement { index };
        let sid = st.sid.as_deref().unwrap_or_default();
        if sids.contains(sid) {
            return Err(error(
                format!(
                    "writing IAM Policy Document: duplicate Sid ({sid}). Remove the Sid or ensure the Sid is unique."
                ),
                location,
            ));
        }
        if !sid.is_empty() {
            sids.insert(sid);
        }
        own.push(hcl::statement(st, checked.version, effect).map_err(|m| error(m, location))?);
    }
    // Own statements are not checked against source Sids: one with a source
    // statement's Sid replaces it where it stands.
    merged.merge(
        checked.version.to_string(),
        doc.policy_id.clone().unwrap_or_default(),
        own,
    );
    Ok(())
}

/// Overrides may repeat Sids freely: each replaces the first statement
/// holding it, or appends.
fn merge_overrides(
    merged: &mut PolicyDoc,
    overrides: &[(usize, JsonValue)],
) -> Result<(), RenderError> {
    for (index, value) in overrides {
        let location = ErrorLocation::OverrideDocument { index: *index };
        let prefix = format!("writing IAM Policy Document: merging override document {index}: ");
        let decoded =
            source::decode(value).map_err(|f| read_error(f, &prefix, location.clone()))?;
        let statements: Vec<Statement> = decoded
            .statements
            .into_iter()
            .collect::<Option<_>>()
            .ok_or_else(|| error(CRASH, location))?;
        merged.merge(decoded.version, decoded.id, statements);
    }
    Ok(())
}

fn read_error(failure: Failure, prefix: &str, location: ErrorLocation) -> RenderError {
    match failure {
        Failure::Error(e) => error(format!("{prefix}{e}"), location),
        Failure::Crash => error(CRASH, location),
    }
}

/// Go's `%q` of a `[]string`, as `validation.StringInSlice` prints it.
fn go_quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(" "))
}

/// Terraform core refuses null list elements before the provider runs.
fn refuse_nulls(
    elements: &[Option<String>],
    location: fn(usize) -> ErrorLocation,
) -> Result<(), RenderError> {
    match elements.iter().position(Option::is_none) {
        Some(index) => Err(error("Null value found in list", location(index))),
        None => Ok(()),
    }
}

/// `validation.StringIsJSON` on each element of `source_policy_documents` or
/// `override_policy_documents`. The read later skips empty strings (the SDK
/// hands them over as nil), so only the others are returned, with their index.
fn parse_documents(
    elements: &[Option<String>],
    name: &str,
    location: fn(usize) -> ErrorLocation,
) -> Result<Vec<(usize, JsonValue)>, RenderError> {
    let mut out = Vec::new();
    for (index, text) in elements.iter().enumerate() {
        let text = text.as_deref().unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        let value = source::validate(text).map_err(|e| {
            error(
                format!("\"{name}.{index}\" contains an invalid JSON: {e}"),
                location(index),
            )
        })?;
        out.push((index, value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(sid: &str) -> HclStatement {
        HclStatement {
            sid: Some(sid.into()),
            actions: Some(vec!["s3:GetObject".into()]),
            ..Default::default()
        }
    }

    #[test]
    fn id_is_the_crc32_of_the_indented_json_before_nfc() {
        assert_eq!(crc32_ieee(b"123456789"), 0xCBF4_3926);
        let doc = HclDocument {
            statements: vec![HclStatement {
                sid: Some("Jose\u{301}".into()),
                ..statement("x")
            }],
            ..Default::default()
        };
        let r = render(&doc).unwrap();
        assert!(r.json.contains("José"));
        assert_eq!(
            r.id,
            crc32_ieee(r.json.replace("José", "Jose\u{301}").as_bytes()).to_string()
        );
    }

    #[test]
    fn empty_document_has_only_a_version() {
        let r = render(&HclDocument::default()).unwrap();
        assert_eq!(r.json, "{\n  \"Version\": \"2012-10-17\"\n}");
        assert_eq!(r.minified_json(), r#"{"Version":"2012-10-17"}"#);
    }

    #[test]
    fn errors_point_at_what_caused_them() {
        let doc = HclDocument {
            statements: vec![statement("A"), statement(""), statement(""), statement("A")],
            ..Default::default()
        };
        let e = render(&doc).unwrap_err();
        assert_eq!(e.location, ErrorLocation::Statement { index: 3 });
        assert_eq!(
            e.message,
            "writing IAM Policy Document: duplicate Sid (A). Remove the Sid or ensure the Sid is unique."
        );

        let doc = HclDocument {
            source_policy_documents: vec![Some(String::new()), Some("{".into())],
            ..Default::default()
        };
        let e = render(&doc).unwrap_err();
        assert_eq!(e.location, ErrorLocation::SourceDocument { index: 1 });

        let doc = HclDocument {
            override_policy_documents: vec![Some(r#"{"Statement":[null]}"#.into())],
            ..Default::default()
        };
        let e = render(&doc).unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.location),
            (CRASH, ErrorLocation::OverrideDocument { index: 0 })
        );

        let doc = HclDocument {
            version: Some("2008-10-17".into()),
            statements: vec![
                statement(""),
                HclStatement {
                    resources: Some(vec!["arn:aws:s3:::b/&{aws:username}".into()]),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let e = render(&doc).unwrap_err();
        assert_eq!(e.location, ErrorLocation::Statement { index: 1 });
    }
}
