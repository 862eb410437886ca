//! Lowering of hcl-edit's syntax tree into [`crate::ast`].

use crate::ast::*;
use crate::span::{FileId, Span};
use hcl_edit::Span as _;
use hcl_edit::expr::{self as hx, Expression};
use hcl_edit::structure::{self as hs, Structure};
use hcl_edit::template::{self as ht, Element};
use std::collections::HashMap;

pub(crate) struct Lowerer<'a> {
    pub file: FileId,
    pub text: &'a str,
    /// Object keys renamed so that hcl-edit would accept a repeated key,
    /// by byte offset of the key: the original key text.
    pub renamed_keys: &'a HashMap<usize, String>,
    /// For text that was decoded from the file (a JSON string holding a
    /// template): the file offset of each byte of the decoded text, plus one
    /// past the end. `None` when offsets are file offsets already.
    pub offset_map: Option<&'a [u32]>,
}

impl Lowerer<'_> {
    fn span(&self, node: &impl hcl_edit::Span) -> Span {
        self.span_of(node.span())
    }

    fn span_of(&self, r: Option<std::ops::Range<usize>>) -> Span {
        let r = r.unwrap_or(0..0);
        match self.offset_map {
            Some(map) => {
                let at = |i: usize| map[i.min(map.len() - 1)] as usize;
                Span::new(self.file, at(r.start), at(r.end))
            }
            None => Span::new(self.file, r.start, r.end),
        }
    }

    pub fn body(&self, body: &hs::Body) -> Body {
        let mut out = Body::default();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => out.attributes.push(self.attribute(a)),
                Structure::Block(b) => out.blocks.push(self.block(b)),
            }
        }
        out
    }

    fn attribute(&self, a: &hs::Attribute) -> Attribute {
        Attribute {
            name: a.key.as_str().to_string(),
            name_span: self.span(&a.key),
            expr: self.expr(&a.value),
            span: self.span(a),
        }
    }

    fn block(&self, b: &hs::Block) -> Block {
        Block {
            kind: b.ident.as_str().to_string(),
            kind_span: self.span(&b.ident),
            labels: b
                .labels
                .iter()
                .map(|l| Label {
                    value: l.as_str().to_string(),
                    span: self.span(l),
                })
                .collect(),
            body: self.body(&b.body),
            span: self.span(b),
        }
    }

    pub fn expr(&self, e: &Expression) -> Expr {
        let span = self.span(e);
        let kind = match e {
            Expression::Null(_) => ExprKind::Null,
            Expression::Bool(b) => ExprKind::Bool(*b.value()),
            Expression::Number(n) => {
                let raw = if self.offset_map.is_some() {
                    ""
                } else {
                    self.text.get(span.range()).unwrap_or("").trim()
                };
                let raw = if raw.is_empty() {
                    n.value().to_string()
                } else {
                    raw.to_string()
                };
                ExprKind::Number(raw)
            }
            Expression::String(s) => {
                // The span covers the quotes; the literal is what is between.
                let inner = Span::new(
                    self.file,
                    (span.start as usize + 1).min(span.end as usize),
                    (span.end as usize)
                        .saturating_sub(1)
                        .max(span.start as usize),
                );
                ExprKind::Template(Template {
                    parts: vec![TemplatePart::Literal(Literal {
                        text: s.value().to_string(),
                        span: inner,
                        encoding: LiteralEncoding::Quoted,
                    })],
                })
            }
            Expression::StringTemplate(t) => {
                ExprKind::Template(self.template(t, LiteralEncoding::Quoted))
            }
            // hcl-edit's own dedent differs from Terraform's (blank lines,
            // literals inside directives, strip markers, CRLF), so heredocs
            // are decoded again from their source.
            Expression::HeredocTemplate(h) if self.offset_map.is_none() => {
                let flush = self
                    .text
                    .get(span.range())
                    .is_some_and(|s| s.trim_start().starts_with("<<-"));
                let mut t = self.template(
                    &h.template,
                    LiteralEncoding::Heredoc {
                        indent: 0,
                        starts_line: true,
                    },
                );
                dedent_heredoc(&mut t, flush);
                ExprKind::Template(t)
            }
            Expression::HeredocTemplate(h) => ExprKind::Template(self.template(
                &h.template,
                LiteralEncoding::Heredoc {
                    indent: h.indent().unwrap_or(0),
                    starts_line: true,
                },
            )),
            Expression::Array(a) => ExprKind::Tuple(a.iter().map(|e| self.expr(e)).collect()),
            Expression::Object(o) => ExprKind::Object(
                o.iter()
                    .map(|(k, v)| ObjectItem {
                        key: self.object_key(k),
                        value: self.expr(v.expr()),
                    })
                    .collect(),
            ),
            Expression::Parenthesis(p) => ExprKind::Parens(Box::new(self.expr(p.inner()))),
            Expression::Variable(v) => ExprKind::Variable(v.as_str().to_string()),
            Expression::Conditional(c) => ExprKind::Conditional {
                cond: Box::new(self.expr(&c.cond_expr)),
                then: Box::new(self.expr(&c.true_expr)),
                otherwise: Box::new(self.expr(&c.false_expr)),
            },
            Expression::FuncCall(f) => {
                let mut name = String::new();
                for ns in &f.name.namespace {
                    name.push_str(ns.as_str());
                    name.push_str("::");
                }
                name.push_str(f.name.name.as_str());
                ExprKind::Call {
                    name,
                    args: f.args.iter().map(|a| self.expr(a)).collect(),
                    expand_final: f.args.expand_final(),
                }
            }
            Expression::Traversal(t) => ExprKind::Traversal {
                base: Box::new(self.expr(&t.expr)),
                ops: t
                    .operators
                    .iter()
                    .map(|op| TraversalOp {
                        span: self.span(op),
                        kind: match op.value() {
                            hx::TraversalOperator::AttrSplat(_) => TraversalOpKind::AttrSplat,
                            hx::TraversalOperator::FullSplat(_) => TraversalOpKind::FullSplat,
                            hx::TraversalOperator::GetAttr(id) => {
                                TraversalOpKind::Attr(id.as_str().to_string())
                            }
                            hx::TraversalOperator::Index(e) => TraversalOpKind::Index(self.expr(e)),
                            hx::TraversalOperator::LegacyIndex(i) => {
                                let s = self.span(op);
                                TraversalOpKind::Index(Expr {
                                    kind: ExprKind::Number(i.value().to_string()),
                                    span: s,
                                })
                            }
                        },
                    })
                    .collect(),
            },
            Expression::UnaryOp(u) => ExprKind::Unary {
                op: match u.operator.value() {
                    hx::UnaryOperator::Neg => UnaryOp::Neg,
                    hx::UnaryOperator::Not => UnaryOp::Not,
                },
                expr: Box::new(self.expr(&u.expr)),
            },
            Expression::BinaryOp(b) => ExprKind::Binary {
                op: match b.operator.value() {
                    hx::BinaryOperator::Eq => BinaryOp::Eq,
                    hx::BinaryOperator::NotEq => BinaryOp::NotEq,
                    hx::BinaryOperator::LessEq => BinaryOp::LessEq,
                    hx::BinaryOperator::GreaterEq => BinaryOp::GreaterEq,
                    hx::BinaryOperator::Less => BinaryOp::Less,
                    hx::BinaryOperator::Greater => BinaryOp::Greater,
                    hx::BinaryOperator::Plus => BinaryOp::Plus,
                    hx::BinaryOperator::Minus => BinaryOp::Minus,
                    hx::BinaryOperator::Mul => BinaryOp::Mul,
                    hx::BinaryOperator::Div => BinaryOp::Div,
                    hx::BinaryOperator::Mod => BinaryOp::Mod,
                    hx::BinaryOperator::And => BinaryOp::And,
                    hx::BinaryOperator::Or => BinaryOp::Or,
                },
                lhs: Box::new(self.expr(&b.lhs_expr)),
                rhs: Box::new(self.expr(&b.rhs_expr)),
            },
            Expression::ForExpr(f) => ExprKind::For(Box::new(ForExpr {
                key_var: f.intro.key_var.as_ref().map(|k| k.as_str().to_string()),
                value_var: f.intro.value_var.as_str().to_string(),
                collection: self.expr(&f.intro.collection_expr),
                key: f.key_expr.as_ref().map(|k| self.expr(k)),
                value: self.expr(&f.value_expr),
                grouping: f.grouping,
                cond: f.cond.as_ref().map(|c| self.expr(&c.expr)),
            })),
        };
        Expr { kind, span }
    }

    fn object_key(&self, k: &hx::ObjectKey) -> ObjectKey {
        match k {
            hx::ObjectKey::Ident(id) => {
                let span = self.span(id);
                let name = self
                    .renamed_keys
                    .get(&(span.start as usize))
                    .cloned()
                    .unwrap_or_else(|| id.as_str().to_string());
                ObjectKey::Ident(name, span)
            }
            hx::ObjectKey::Expression(e) => {
                let mut key = self.expr(e);
                // A renamed quoted key: restore its text.
                if let Some(orig) = self.renamed_keys.get(&(key.span.start as usize + 1))
                    && let ExprKind::Template(t) = &mut key.kind
                    && let Some(TemplatePart::Literal(l)) = t.parts.first_mut()
                {
                    l.text = orig.clone();
                }
                ObjectKey::Expr(key)
            }
        }
    }

    fn template(&self, t: &ht::Template, enc: LiteralEncoding) -> Template {
        let mut parts = Vec::new();
        // Strip markers act on the neighbouring literals; record them as we go
        // and apply them after all parts exist.
        let mut strip_before: Vec<(usize, bool)> = Vec::new(); // (index of part, strip end of previous literal)
        let mut strip_after: Vec<usize> = Vec::new(); // strip start of literal at this index
        for el in t.iter() {
            match el {
                Element::Literal(l) => {
                    let span = self.span_of(l.span());
                    // Heredoc literals keep their source until
                    // `dedent_heredoc` decodes them.
                    let raw =
                        matches!(enc, LiteralEncoding::Heredoc { .. }) && self.offset_map.is_none();
                    let text = match self.text.get(span.range()) {
                        Some(src) if raw => src.to_string(),
                        _ => l.value().to_string(),
                    };
                    parts.push(TemplatePart::Literal(Literal {
                        text,
                        span,
                        encoding: enc,
                    }))
                }
                Element::Interpolation(i) => {
                    let idx = parts.len();
                    if i.strip.strip_start() {
                        strip_before.push((idx, true));
                    }
                    if i.strip.strip_end() {
                        strip_after.push(idx + 1);
                    }
                    parts.push(TemplatePart::Interpolation(self.expr(&i.expr)));
                }
                Element::Directive(d) => {
                    let idx = parts.len();
                    let (open, close) = match d.as_ref() {
                        ht::Directive::If(ifd) => {
                            let mut then = self.template(&ifd.if_expr.template, enc);
                            let mut otherwise = ifd
                                .else_expr
                                .as_ref()
                                .map(|e| self.template(&e.template, enc));
                            if ifd.if_expr.strip.strip_end() {
                                trim_first(&mut then);
                            }
                            let end_strip = ifd.endif_expr.strip;
                            match (&mut otherwise, &ifd.else_expr) {
                                (Some(o), Some(e)) => {
                                    if e.strip.strip_start() {
                                        trim_last(&mut then);
                                    }
                                    if e.strip.strip_end() {
                                        trim_first(o);
                                    }
                                    if end_strip.strip_start() {
                                        trim_last(o);
                                    }
                                }
                                _ => {
                                    if end_strip.strip_start() {
                                        trim_last(&mut then);
                                    }
                                }
                            }
                            parts.push(TemplatePart::If {
                                cond: self.expr(&ifd.if_expr.cond_expr),
                                then,
                                otherwise,
                            });
                            (ifd.if_expr.strip, end_strip)
                        }
                        ht::Directive::For(ford) => {
                            let fe = &ford.for_expr;
                            let mut body = self.template(&fe.template, enc);
                            if fe.strip.strip_end() {
                                trim_first(&mut body);
                            }
                            if ford.endfor_expr.strip.strip_start() {
                                trim_last(&mut body);
                            }
                            parts.push(TemplatePart::For {
                                key_var: fe.key_var.as_ref().map(|k| k.as_str().to_string()),
                                value_var: fe.value_var.as_str().to_string(),
                                collection: self.expr(&fe.collection_expr),
                                body,
                            });
                            (fe.strip, ford.endfor_expr.strip)
                        }
                    };
                    if open.strip_start() {
                        strip_before.push((idx, true));
                    }
                    if close.strip_end() {
                        strip_after.push(idx + 1);
                    }
                }
            }
        }
        for (idx, _) in strip_before {
            if let Some(TemplatePart::Literal(l)) =
                idx.checked_sub(1).and_then(|i| parts.get_mut(i))
            {
                trim_literal_end(l);
            }
        }
        for idx in strip_after {
            if let Some(TemplatePart::Literal(l)) = parts.get_mut(idx) {
                trim_literal_start(l);
            }
        }
        Template { parts }
    }
}

fn trim_first(t: &mut Template) {
    if let Some(TemplatePart::Literal(l)) = t.parts.first_mut() {
        trim_literal_start(l);
    }
}

fn trim_last(t: &mut Template) {
    if let Some(TemplatePart::Literal(l)) = t.parts.last_mut() {
        trim_literal_end(l);
    }
}

/// Terraform reads a heredoc one line at a time, so a strip marker trims
/// the whitespace of the neighbouring line only, never across lines.
fn trim_literal_start(l: &mut Literal) {
    let first_line = match l.encoding {
        LiteralEncoding::Heredoc { .. } => l.text.find('\n').map_or(l.text.len(), |i| i + 1),
        _ => l.text.len(),
    };
    let head = &l.text[..first_line];
    let cut = head.len() - head.trim_start().len();
    let trimmed = &l.text[cut..];
    l.text = trimmed.to_string();
    l.span.start = (l.span.start + cut as u32).min(l.span.end);
}

fn trim_literal_end(l: &mut Literal) {
    let last_line = match l.encoding {
        // The line the literal ends on, or ends the newline of.
        LiteralEncoding::Heredoc { .. } => l
            .text
            .strip_suffix('\n')
            .unwrap_or(&l.text)
            .rfind('\n')
            .map_or(0, |i| i + 1),
        _ => 0,
    };
    let tail = &l.text[last_line..];
    let cut = tail.len() - tail.trim_end().len();
    l.text.truncate(l.text.len() - cut);
    l.span.end = l.span.end.saturating_sub(cut as u32).max(l.span.start);
}

/// Decodes the literals of a heredoc, still holding their (strip-trimmed)
/// source, as Terraform does: with `flush` (`<<-`), the least indentation,
/// in characters, of the lines that start with literal text is stripped
/// from every line; a line that starts with an interpolation or directive
/// counts as unindented and a blank line does not count.
fn dedent_heredoc(t: &mut Template, flush: bool) {
    fn scan(t: &mut Template, newline: &mut bool, least: &mut usize) {
        let other = |newline: &mut bool, least: &mut usize| {
            if std::mem::take(newline) {
                *least = 0;
            }
        };
        for part in &mut t.parts {
            match part {
                TemplatePart::Literal(l) => {
                    let starts_line = *newline;
                    let lines: Vec<&str> = if l.text.is_empty() {
                        vec![""]
                    } else {
                        l.text.split_inclusive('\n').collect()
                    };
                    for line in lines {
                        if std::mem::take(newline)
                            && !(line.trim_start().is_empty() && line.ends_with('\n'))
                        {
                            let ws = line.chars().take_while(|c| c.is_whitespace()).count();
                            *least = (*least).min(ws);
                        }
                        *newline = line.ends_with('\n');
                    }
                    l.encoding = LiteralEncoding::Heredoc {
                        indent: 0,
                        starts_line,
                    };
                }
                TemplatePart::Interpolation(_) => other(newline, least),
                TemplatePart::If {
                    then, otherwise, ..
                } => {
                    other(newline, least);
                    scan(then, newline, least);
                    if let Some(o) = otherwise {
                        other(newline, least);
                        scan(o, newline, least);
                    }
                    other(newline, least);
                }
                TemplatePart::For { body, .. } => {
                    other(newline, least);
                    scan(body, newline, least);
                    other(newline, least);
                }
            }
        }
    }
    fn decode(t: &mut Template, indent: usize) {
        for part in &mut t.parts {
            match part {
                TemplatePart::Literal(l) => {
                    if let LiteralEncoding::Heredoc { starts_line, .. } = l.encoding {
                        l.text = decode_heredoc(&l.text, indent, starts_line);
                        l.encoding = LiteralEncoding::Heredoc {
                            indent,
                            starts_line,
                        };
                    }
                }
                TemplatePart::Interpolation(_) => {}
                TemplatePart::If {
                    then, otherwise, ..
                } => {
                    decode(then, indent);
                    if let Some(o) = otherwise {
                        decode(o, indent);
                    }
                }
                TemplatePart::For { body, .. } => decode(body, indent),
            }
        }
    }
    let mut least = usize::MAX;
    scan(t, &mut true, &mut least);
    let indent = if flush && least != usize::MAX {
        least
    } else {
        0
    };
    decode(t, indent);
}

/// Parses `text` as a standalone template (used for strings in Terraform's
/// JSON syntax), with spans relative to the start of `text`.
pub(crate) fn parse_template(text: &str) -> Result<ht::Template, hcl_edit::parser::Error> {
    hcl_edit::parser::parse_template(text)
}
