//! Parsing one file into the lowered AST, with every failure turned into a
//! located [`ParseError`] instead of a panic.

use crate::ast::{Body, Expr, ExprKind, LiteralEncoding, Template, TemplatePart};
use crate::json;
use crate::lower_hcl::Lowerer;
use crate::lower_json::JsonLowerer;
use crate::span::{FileId, Span};
use std::collections::HashMap;

/// What a file is, from its name. OpenTofu's `.tofu` and `.tofu.json` are the
/// same languages as `.tf` and `.tf.json`; test files (`.tftest.hcl`,
/// `.tofutest.hcl`) are not configuration and have no kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `.tf`, `.tofu`
    Config,
    /// `.tf.json`, `.tofu.json`
    ConfigJson,
    /// `.tfvars`
    Vars,
    /// `.tfvars.json`
    VarsJson,
    /// `terragrunt.hcl`: a Terragrunt unit's configuration (native syntax).
    Terragrunt,
    /// `terragrunt.hcl.json`: the same in JSON syntax.
    TerragruntJson,
    /// `terragrunt.stack.hcl`: units Terragrunt generates (native syntax).
    TerragruntStack,
}

/// The file that makes a directory a Terragrunt unit.
pub const TERRAGRUNT_FILE: &str = "terragrunt.hcl";

/// The same in JSON syntax, which Terragrunt reads when a directory has no
/// `terragrunt.hcl`.
pub const TERRAGRUNT_JSON_FILE: &str = "terragrunt.hcl.json";

/// A Terragrunt stack: `unit` blocks that `terragrunt stack generate` turns
/// into units.
pub const TERRAGRUNT_STACK_FILE: &str = "terragrunt.stack.hcl";

impl FileKind {
    pub fn from_name(name: &str) -> Option<FileKind> {
        if name.ends_with(".tf.json") || name.ends_with(".tofu.json") {
            Some(FileKind::ConfigJson)
        } else if name.ends_with(".tfvars.json") {
            Some(FileKind::VarsJson)
        } else if name.ends_with(".tf") || name.ends_with(".tofu") {
            Some(FileKind::Config)
        } else if name.ends_with(".tfvars") {
            Some(FileKind::Vars)
        } else if name == TERRAGRUNT_FILE {
            Some(FileKind::Terragrunt)
        } else if name == TERRAGRUNT_JSON_FILE {
            Some(FileKind::TerragruntJson)
        } else if name == TERRAGRUNT_STACK_FILE {
            Some(FileKind::TerragruntStack)
        } else {
            None
        }
    }

    pub fn is_terragrunt(self) -> bool {
        matches!(self, FileKind::Terragrunt | FileKind::TerragruntJson)
    }

    pub fn is_config(self) -> bool {
        matches!(self, FileKind::Config | FileKind::ConfigJson)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

/// How many repeated object keys one file may have renamed before parsing
/// gives up; bounds the re-parse loop on hostile input.
const MAX_KEY_RENAMES: usize = 64;

pub fn parse(file: FileId, kind: FileKind, text: &str) -> Result<Body, ParseError> {
    match kind {
        FileKind::Config | FileKind::Vars | FileKind::Terragrunt | FileKind::TerragruntStack => {
            parse_hcl(file, text)
        }
        FileKind::ConfigJson | FileKind::VarsJson | FileKind::TerragruntJson => {
            let root = json::parse(text).map_err(|e| ParseError {
                span: Span::new(file, e.offset, (e.offset + 1).min(text.len())),
                message: e.message,
            })?;
            let l = JsonLowerer { file, text };
            let body = match kind {
                FileKind::ConfigJson => l.config(&root),
                FileKind::TerragruntJson => l.terragrunt(&root),
                _ => l.attributes(&root),
            };
            body.map_err(|e| ParseError {
                span: Span::new(file, e.offset, (e.offset + 1).min(text.len())),
                message: e.message,
            })
        }
    }
}

/// Parses native HCL.
///
/// hcl-edit 0.10 rejects an object constructor that repeats a key, which
/// Terraform accepts (the last value wins). When that is the only problem, the
/// repeated key is renamed in a private copy of the text to a key of the same
/// byte length, so every span stays valid, and the lowering restores the
/// original name; the evaluator then keeps the last value, as Terraform does.
pub fn parse_hcl(file: FileId, text: &str) -> Result<Body, ParseError> {
    let mut renamed: HashMap<usize, String> = HashMap::new();
    // Terraform reads a file that starts with a UTF-8 byte-order mark;
    // blanks of the same length keep every span.
    let mut patched: Option<String> = text
        .strip_prefix('\u{feff}')
        .map(|rest| format!("{}{rest}", " ".repeat('\u{feff}'.len_utf8())));
    let mut numbers_patched = 0;
    loop {
        let src = patched.as_deref().unwrap_or(text);
        match hcl_edit::parser::parse_body(src) {
            Ok(body) => {
                let l = Lowerer {
                    file,
                    text,
                    renamed_keys: &renamed,
                    offset_map: None,
                };
                return Ok(l.body(&body));
            }
            Err(e) => {
                let offset = e.location().offset().min(src.len());
                // `message()`, never `to_string()`: hcl-edit pads a caret to the
                // column there, which panics past column 65,535.
                let is_repeated_key = e.message().contains("redefined object key");
                if is_repeated_key
                    && renamed.len() < MAX_KEY_RENAMES
                    && let Some(next) = rename_key(src, offset, &mut renamed)
                {
                    patched = Some(next);
                    continue;
                }
                if numbers_patched < MAX_NUMBER_PATCHES
                    && let Some(next) = zero_exponent(src, offset)
                {
                    numbers_patched += 1;
                    patched = Some(next);
                    continue;
                }
                return Err(parse_error(file, text, offset, &e));
            }
        }
    }
}

/// How many number literals beyond f64's range one file may have before
/// parsing gives up; bounds the re-parse loop on hostile input.
const MAX_NUMBER_PATCHES: usize = 256;

/// hcl-edit 0.10 rejects a number literal beyond f64's range (`1e400`),
/// which Terraform keeps at arbitrary precision; it stops at the exponent.
/// When `offset` is such an exponent, its digits are zeroed in a private
/// copy (the same length, so spans hold); the lowering reads the literal
/// from the original text, and the evaluator gets its true value.
fn zero_exponent(src: &str, offset: usize) -> Option<String> {
    let bytes = src.as_bytes();
    if !matches!(bytes.get(offset), Some(b'e' | b'E')) {
        return None;
    }
    let mantissa = bytes[..offset]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    let start = offset - mantissa;
    let inside_a_name =
        start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
    if mantissa == 0 || inside_a_name || !bytes[start].is_ascii_digit() {
        return None;
    }
    let mut digits = offset + 1;
    if matches!(bytes.get(digits), Some(b'+' | b'-')) {
        digits += 1;
    }
    let end = digits
        + bytes[digits..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    if end == digits || bytes[digits..end].iter().all(|&b| b == b'0') {
        return None;
    }
    let mut out = bytes.to_vec();
    out[digits..end].fill(b'0');
    String::from_utf8(out).ok()
}

/// Renames the object key starting at `offset` by replacing one ASCII
/// character of it with another, so the byte length is unchanged.
fn rename_key(src: &str, offset: usize, renamed: &mut HashMap<usize, String>) -> Option<String> {
    let bytes = src.as_bytes();
    let (key_start, key_end) = if bytes.get(offset) == Some(&b'"') {
        let end = src[offset + 1..].find('"')? + offset + 1;
        (offset + 1, end)
    } else {
        let len = src[offset..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(src.len() - offset);
        (offset, offset + len)
    };
    if key_start >= key_end {
        return None;
    }
    let original = renamed
        .get(&key_start)
        .cloned()
        .unwrap_or_else(|| src[key_start..key_end].to_string());
    // Pick a replacement for the last byte that this key has not used yet;
    // if the key is renamed again, the next letter is tried.
    let last = key_end - 1;
    if !bytes[last].is_ascii() {
        return None;
    }
    let tried = bytes[last];
    // Letters only: a key may be a single character, and an identifier
    // cannot start with a digit.
    const CANDIDATES: &[u8] = b"QZXJKVWqzxjkvw";
    let next = CANDIDATES
        .iter()
        .copied()
        .skip_while(|&c| c != tried)
        .nth(1)
        .or_else(|| CANDIDATES.iter().copied().find(|&c| c != tried))?;
    if renamed.get(&key_start).is_some() && CANDIDATES.last() == Some(&tried) {
        return None;
    }
    renamed.insert(key_start, original);
    let mut out = src.as_bytes().to_vec();
    out[last] = next;
    String::from_utf8(out).ok()
}

/// Parses template text (`templatefile()`, `data "template_file"`) whose
/// bytes were decoded from `file`: `offsets` holds the file offset of each
/// byte of `text`, plus one past the end. Every literal gets `encoding`,
/// the one that maps its decoded text back to the file's characters.
pub fn parse_template_text(
    file: FileId,
    text: &str,
    offsets: &[u32],
    encoding: LiteralEncoding,
) -> Result<Expr, ParseError> {
    let at = |i: usize| offsets.get(i).or(offsets.last()).map_or(0, |&o| o as usize);
    let template = crate::lower_hcl::parse_template(text).map_err(|e| {
        let offset = e.location().offset().min(text.len());
        ParseError {
            span: Span::new(file, at(offset), at((offset + 1).min(text.len()))),
            message: e.message().to_string(),
        }
    })?;
    let renamed = HashMap::new();
    let l = Lowerer {
        file,
        text,
        renamed_keys: &renamed,
        offset_map: Some(offsets),
    };
    let mut e = l.expr(&hcl_edit::expr::Expression::StringTemplate(template.into()));
    e.span = Span::new(file, at(0), at(text.len()));
    if let ExprKind::Template(t) = &mut e.kind {
        set_encoding(t, encoding);
    }
    Ok(e)
}

fn set_encoding(t: &mut Template, encoding: LiteralEncoding) {
    for p in &mut t.parts {
        match p {
            TemplatePart::Literal(l) => l.encoding = encoding,
            TemplatePart::If {
                then, otherwise, ..
            } => {
                set_encoding(then, encoding);
                if let Some(o) = otherwise {
                    set_encoding(o, encoding);
                }
            }
            TemplatePart::For { body, .. } => set_encoding(body, encoding),
            TemplatePart::Interpolation(_) => {}
        }
    }
}

fn parse_error(file: FileId, text: &str, offset: usize, e: &hcl_edit::parser::Error) -> ParseError {
    let mut end = (offset + 1).min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    ParseError {
        span: Span::new(file, offset, end),
        message: e.message().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{ExprKind, ObjectKey, TemplatePart};

    #[test]
    fn terragrunt_json_has_terragrunts_blocks_and_a_bare_or_labelled_include() {
        let text = r#"{
  "include": {"path": "${find_in_parent_folders()}"},
  "dependency": {"vpc": {"config_path": "../vpc", "mock_outputs": {"id": "x"}}},
  "generate": {"provider": {"path": "p.tf", "if_exists": "skip", "contents": "x"}},
  "inputs": {"a": 1}
}"#;
        let body = parse(FileId(0), FileKind::TerragruntJson, text).unwrap();
        let include: Vec<_> = body.blocks("include").collect();
        assert_eq!(include.len(), 1);
        assert!(include[0].labels.is_empty());
        assert!(include[0].body.attribute("path").is_some());
        let dependency: Vec<_> = body.blocks("dependency").collect();
        assert_eq!(dependency[0].label(0), Some("vpc"));
        assert!(dependency[0].body.attribute("mock_outputs").is_some());
        assert_eq!(
            body.blocks("generate").next().unwrap().label(0),
            Some("provider")
        );
        assert_eq!(body.attributes[0].name, "inputs");

        let labelled =
            r#"{"include": {"root": {"path": "../root.hcl"}, "env": {"path": "../env.hcl"}}}"#;
        let body = parse(FileId(0), FileKind::TerragruntJson, labelled).unwrap();
        let names: Vec<_> = body.blocks("include").map(|b| b.label(0)).collect();
        assert_eq!(names, [Some("root"), Some("env")]);
    }

    fn object_keys(text: &str) -> Vec<String> {
        let body = parse_hcl(FileId(0), text).unwrap();
        let ExprKind::Object(items) = &body.attributes[0].expr.kind else {
            panic!()
        };
        items
            .iter()
            .map(|i| match &i.key {
                ObjectKey::Ident(k, _) => k.clone(),
                ObjectKey::Expr(e) => match &e.kind {
                    ExprKind::Template(t) => t.as_literal().unwrap(),
                    _ => panic!(),
                },
            })
            .collect()
    }

    /// Line endings a file's CRLF heredoc keeps: terraform 1.11.4 gives
    /// "foo\r\nbar\r\n" (cases.txt cannot hold a carriage return).
    #[test]
    fn a_crlf_heredoc_keeps_its_carriage_returns() {
        let text = "a = <<-EOT\r\n\t\tfoo\r\n\t\tbar\r\n\tEOT\r\n";
        let body = parse_hcl(FileId(0), text).unwrap();
        let ExprKind::Template(t) = &body.attributes[0].expr.kind else {
            panic!()
        };
        assert_eq!(t.as_literal().unwrap(), "foo\r\nbar\r\n");
    }

    /// The literal before `${~` may end in a multi-byte character.
    #[test]
    fn a_strip_marker_after_a_multibyte_character_keeps_it() {
        let text = "a = <<EOT\n  \u{e9}${~ \"x\"}\nEOT\n";
        let body = parse_hcl(FileId(0), text).unwrap();
        let ExprKind::Template(t) = &body.attributes[0].expr.kind else {
            panic!()
        };
        let TemplatePart::Literal(l) = &t.parts[0] else {
            panic!()
        };
        assert_eq!(l.text, "  \u{e9}");
    }

    #[test]
    fn repeated_object_keys_parse_as_terraform_does() {
        assert_eq!(object_keys("a = {\n k = 1\n k = 2\n}\n"), ["k", "k"]);
        assert_eq!(
            object_keys("a = {\n k = 1\n k = 2\n k = 3\n}\n"),
            ["k", "k", "k"]
        );
        assert_eq!(
            object_keys("a = {\n \"k\" = 1\n \"k\" = 2\n}\n"),
            ["k", "k"]
        );
    }

    fn number(text: &str) -> String {
        let body = parse_hcl(FileId(0), text).unwrap();
        let ExprKind::Number(raw) = &body.attributes[0].expr.kind else {
            panic!("{:?}", body.attributes[0].expr.kind)
        };
        raw.clone()
    }

    /// terraform 1.11 accepts these; `1e400` is 1 and 400 zeros.
    #[test]
    fn numbers_beyond_f64_keep_their_text() {
        assert_eq!(number("n = 1e400\n"), "1e400");
        assert_eq!(number("n = 1.5E+400\n"), "1.5E+400");
        assert_eq!(number("\u{feff}n = 1e400\n"), "1e400");
    }

    #[test]
    fn a_byte_order_mark_starts_a_file_as_terraform_allows() {
        assert_eq!(number("\u{feff}n = 7\n"), "7");
        assert!(parse_hcl(FileId(0), "n = 7\n\u{feff}m = 1\n").is_err());
    }

    /// Template text decoded from a file keeps the file's offsets: here the
    /// text sits at offset 10, and `$${` is the template's own escape.
    #[test]
    fn template_text_literals_point_into_their_file() {
        let text = "a $${b} ${c} d";
        let offsets: Vec<u32> = (10..=10 + text.len() as u32).collect();
        let heredoc = LiteralEncoding::Heredoc {
            indent: 0,
            starts_line: true,
        };
        let e = parse_template_text(FileId(3), text, &offsets, heredoc).unwrap();
        let ExprKind::Template(t) = &e.kind else {
            panic!()
        };
        let literals: Vec<(&str, u32, u32)> = t
            .parts
            .iter()
            .filter_map(|p| match p {
                TemplatePart::Literal(l) => Some((l.text.as_str(), l.span.start, l.span.end)),
                _ => None,
            })
            .collect();
        assert_eq!(literals, [("a ${b} ", 10, 18), (" d", 22, 24)]);
        assert!(t.parts.iter().all(|p| match p {
            TemplatePart::Literal(l) => l.encoding == heredoc && l.span.file == FileId(3),
            _ => true,
        }));
        let err = parse_template_text(FileId(3), "x ${", &[5, 6, 7, 8, 9], heredoc).unwrap_err();
        assert_eq!(err.span.file, FileId(3));
        assert!(err.span.start >= 5);
    }

    #[test]
    fn other_errors_point_at_the_problem() {
        let e = parse_hcl(FileId(0), "a = [1,\n").unwrap_err();
        assert!(!e.message.is_empty());
        assert!(e.span.start as usize <= 8);
    }
}
