//! Terraform's JSON configuration syntax (`.tf.json`, `.tfvars.json`)
//! lowered into [`crate::ast`].
//!
//! JSON does not say which properties are nested blocks; Terraform learns it
//! from provider schemas. tfkms has no schemas, so the block types that
//! matter for policies and modules are listed here; every other property is
//! an attribute.

use crate::ast::*;
use crate::json::{self, JsonKind, JsonValue};
use crate::lower_hcl::{Lowerer, parse_template};
use crate::span::{FileId, Span};
use std::collections::HashMap;

/// Top-level block types and how many labels each takes.
fn top_level_labels(kind: &str) -> Option<usize> {
    Some(match kind {
        "resource" | "data" => 2,
        "module" | "variable" | "output" | "provider" => 1,
        "locals" | "terraform" | "moved" | "import" | "check" | "removed" => 0,
        _ => return None,
    })
}

/// Nested block types (inside resources, data sources and their nested
/// blocks) that tfkms reads.
fn nested_labels(kind: &str) -> Option<usize> {
    Some(match kind {
        "dynamic" => 1,
        "statement" | "principals" | "not_principals" | "condition" | "content" | "lifecycle"
        | "inline_policy" | "validation" | "required_providers" | "backend" => 0,
        _ => return None,
    })
}

/// Terragrunt's blocks in `terragrunt.hcl.json` and how many labels each
/// takes; `include` takes one or none (see [`is_bare_include`]). Every other
/// property (`inputs`, `download_dir`, ...) is an attribute.
fn terragrunt_labels(kind: &str) -> Option<usize> {
    Some(match kind {
        "dependency" | "generate" | "feature" => 1,
        "locals" | "terraform" | "remote_state" | "dependencies" | "exclude" | "errors" => 0,
        _ => return None,
    })
}

/// Whether an `include` property is a bare `include` block (its object has
/// a string `path`) rather than include blocks by label.
fn is_bare_include(value: &JsonValue) -> bool {
    let bare = |v: &JsonValue| match &v.kind {
        JsonKind::Object(members) => members
            .iter()
            .any(|(k, v)| k.text == "path" && matches!(v.kind, JsonKind::String(_))),
        _ => false,
    };
    match &value.kind {
        JsonKind::Array(items) => items.iter().all(bare),
        _ => bare(value),
    }
}

pub(crate) struct JsonLowerer<'a> {
    pub file: FileId,
    pub text: &'a str,
}

#[derive(Debug)]
pub(crate) struct LowerError {
    pub offset: usize,
    pub message: String,
}

impl JsonLowerer<'_> {
    fn span(&self, r: &std::ops::Range<usize>) -> Span {
        Span::new(self.file, r.start, r.end)
    }

    /// A whole configuration file.
    pub fn config(&self, root: &JsonValue) -> Result<Body, LowerError> {
        let JsonKind::Object(members) = &root.kind else {
            return Err(LowerError {
                offset: root.range.start,
                message: "the root of a Terraform JSON file must be an object".into(),
            });
        };
        let mut body = Body::default();
        for (key, value) in members {
            if key.text == "//" {
                continue;
            }
            let Some(labels) = top_level_labels(&key.text) else {
                return Err(LowerError {
                    offset: key.range.start,
                    message: format!("unsupported block type \"{}\"", key.text),
                });
            };
            self.blocks(
                &key.text,
                self.span(&key.range),
                labels,
                value,
                &mut Vec::new(),
                &mut body,
                true,
            )?;
        }
        Ok(body)
    }

    /// A `terragrunt.hcl.json` file: Terragrunt's blocks, and attributes.
    pub fn terragrunt(&self, root: &JsonValue) -> Result<Body, LowerError> {
        let JsonKind::Object(members) = &root.kind else {
            return Err(LowerError {
                offset: root.range.start,
                message: "the root of a Terragrunt JSON file must be an object".into(),
            });
        };
        let mut body = Body::default();
        for (key, value) in members {
            if key.text == "//" {
                continue;
            }
            let labels = match key.text.as_str() {
                "include" => Some(usize::from(!is_bare_include(value))),
                kind => terragrunt_labels(kind),
            };
            match labels {
                Some(n) => self.blocks(
                    &key.text,
                    self.span(&key.range),
                    n,
                    value,
                    &mut Vec::new(),
                    &mut body,
                    true,
                )?,
                None => body.attributes.push(Attribute {
                    name: key.text.clone(),
                    name_span: self.span(&key.range),
                    expr: self.expr(value),
                    span: self.span(&(key.range.start..value.range.end)),
                }),
            }
        }
        Ok(body)
    }

    /// A `.tfvars.json` file: an object of attributes.
    pub fn attributes(&self, root: &JsonValue) -> Result<Body, LowerError> {
        let JsonKind::Object(members) = &root.kind else {
            return Err(LowerError {
                offset: root.range.start,
                message: "the root of a variables file must be an object".into(),
            });
        };
        let mut body = Body::default();
        for (key, value) in members {
            body.attributes.push(Attribute {
                name: key.text.clone(),
                name_span: self.span(&key.range),
                expr: self.literal_value(value),
                span: self.span(&(key.range.start..value.range.end)),
            });
        }
        Ok(body)
    }

    #[allow(clippy::too_many_arguments)]
    fn blocks(
        &self,
        kind: &str,
        kind_span: Span,
        labels_left: usize,
        value: &JsonValue,
        labels: &mut Vec<Label>,
        out: &mut Body,
        top_level: bool,
    ) -> Result<(), LowerError> {
        if labels_left > 0 {
            let JsonKind::Object(members) = &value.kind else {
                return Err(LowerError {
                    offset: value.range.start,
                    message: format!("expected an object of \"{kind}\" blocks by label"),
                });
            };
            for (key, v) in members {
                if key.text == "//" {
                    continue;
                }
                labels.push(Label {
                    value: key.text.clone(),
                    span: self.span(&key.range),
                });
                self.blocks(kind, kind_span, labels_left - 1, v, labels, out, top_level)?;
                labels.pop();
            }
            return Ok(());
        }
        let bodies: Vec<&JsonValue> = match &value.kind {
            JsonKind::Array(items) => items.iter().collect(),
            _ => vec![value],
        };
        for b in bodies {
            let JsonKind::Object(_) = &b.kind else {
                return Err(LowerError {
                    offset: b.range.start,
                    message: format!("a \"{kind}\" block must be a JSON object"),
                });
            };
            let body = self.body(kind, b, top_level)?;
            out.blocks.push(Block {
                kind: kind.to_string(),
                kind_span,
                labels: labels.clone(),
                body,
                span: self.span(&b.range),
            });
        }
        Ok(())
    }

    fn body(&self, kind: &str, value: &JsonValue, top_level: bool) -> Result<Body, LowerError> {
        let JsonKind::Object(members) = &value.kind else {
            unreachable!("checked by caller")
        };
        let mut body = Body::default();
        for (key, v) in members {
            if key.text == "//" {
                continue;
            }
            let nested = if top_level && kind == "locals" {
                None
            } else {
                nested_labels(&key.text)
            };
            if let Some(n) = nested
                && matches!(v.kind, JsonKind::Object(_) | JsonKind::Array(_))
            {
                self.blocks(
                    &key.text,
                    self.span(&key.range),
                    n,
                    v,
                    &mut Vec::new(),
                    &mut body,
                    false,
                )?;
                continue;
            }
            // Variable defaults and types are literal values, not templates.
            let expr =
                if top_level && kind == "variable" && (key.text == "default" || key.text == "type")
                {
                    if key.text == "type" {
                        self.type_expr(v)
                    } else {
                        self.literal_value(v)
                    }
                } else {
                    self.expr(v)
                };
            body.attributes.push(Attribute {
                name: key.text.clone(),
                name_span: self.span(&key.range),
                expr,
                span: self.span(&(key.range.start..v.range.end)),
            });
        }
        Ok(body)
    }

    /// A `type` string is a type expression written in native syntax.
    fn type_expr(&self, v: &JsonValue) -> Expr {
        if let JsonKind::String(s) = &v.kind
            && let Ok(e) = hcl_edit::parser::parse_expr(s)
        {
            let map = json::string_offset_map(self.text, v.range.clone());
            let renamed = HashMap::new();
            let l = Lowerer {
                file: self.file,
                text: s,
                renamed_keys: &renamed,
                offset_map: Some(&map),
            };
            return l.expr(&e);
        }
        self.literal_value(v)
    }

    /// A JSON value taken literally (no template interpretation of strings).
    pub fn literal_value(&self, v: &JsonValue) -> Expr {
        self.value(v, false)
    }

    /// A JSON value in expression mode: strings are templates.
    fn expr(&self, v: &JsonValue) -> Expr {
        self.value(v, true)
    }

    fn value(&self, v: &JsonValue, templates: bool) -> Expr {
        let span = self.span(&v.range);
        let kind = match &v.kind {
            JsonKind::Null => ExprKind::Null,
            JsonKind::Bool(b) => ExprKind::Bool(*b),
            JsonKind::Number(n) => ExprKind::Number(n.clone()),
            JsonKind::String(s) => {
                if templates
                    && (s.contains("${") || s.contains("%{"))
                    && let Some(e) = self.template(s, v)
                {
                    return e;
                }
                ExprKind::Template(Template {
                    parts: vec![TemplatePart::Literal(Literal {
                        text: s.clone(),
                        span: Span::new(
                            self.file,
                            v.range.start + 1,
                            v.range.end.saturating_sub(1),
                        ),
                        encoding: LiteralEncoding::Json,
                    })],
                })
            }
            JsonKind::Array(items) => {
                ExprKind::Tuple(items.iter().map(|i| self.value(i, templates)).collect())
            }
            JsonKind::Object(members) => ExprKind::Object(
                members
                    .iter()
                    .map(|(k, v)| ObjectItem {
                        key: ObjectKey::Expr(self.value(
                            &JsonValue {
                                kind: JsonKind::String(k.text.clone()),
                                range: k.range.clone(),
                            },
                            templates,
                        )),
                        value: self.value(v, templates),
                    })
                    .collect(),
            ),
        };
        Expr { kind, span }
    }

    /// A JSON string holding a template, parsed with spans mapped back
    /// through the JSON escapes; `None` when it is not a valid template (it
    /// is then taken literally, as Terraform reports it elsewhere).
    fn template(&self, s: &str, v: &JsonValue) -> Option<Expr> {
        let t = parse_template(s).ok()?;
        let map = json::string_offset_map(self.text, v.range.clone());
        let renamed = HashMap::new();
        let l = Lowerer {
            file: self.file,
            text: s,
            renamed_keys: &renamed,
            offset_map: Some(&map),
        };
        let mut e = l.expr(&hcl_edit::expr::Expression::StringTemplate(t.into()));
        e.span = self.span(&v.range);
        if let ExprKind::Template(t) = &mut e.kind {
            for p in &mut t.parts {
                if let TemplatePart::Literal(l) = p {
                    l.encoding = LiteralEncoding::Json;
                }
            }
        }
        Some(e)
    }
}
