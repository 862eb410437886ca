//! The one spanned syntax tree tfkms evaluates. Native HCL (`.tf`,
//! `.tfvars`) and Terraform's JSON syntax (`.tf.json`) are both lowered into
//! it, so the evaluator never needs to know which syntax a value came from.

use crate::span::Span;

#[derive(Clone, Debug, Default)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn blocks<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

#[derive(Clone, Debug)]
pub struct Attribute {
    pub name: String,
    pub name_span: Span,
    pub expr: Expr,
    /// From the name to the end of the value.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub kind: String,
    pub kind_span: Span,
    pub labels: Vec<Label>,
    pub body: Body,
    /// From the block keyword to the closing brace.
    pub span: Span,
}

impl Block {
    pub fn label(&self, i: usize) -> Option<&str> {
        self.labels.get(i).map(|l| l.value.as_str())
    }

    /// The span of the block's first line (keyword and labels): where a
    /// finding about the block as a whole points.
    pub fn head_span(&self) -> Span {
        match self.labels.last() {
            Some(l) => self.kind_span.to(l.span),
            None => self.kind_span,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Label {
    pub value: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Null,
    Bool(bool),
    /// The number as written, so no precision is lost before evaluation.
    Number(String),
    /// Quoted strings and heredocs. A string without interpolation is a
    /// template with one literal part.
    Template(Template),
    Tuple(Vec<Expr>),
    Object(Vec<ObjectItem>),
    Variable(String),
    Traversal {
        base: Box<Expr>,
        ops: Vec<TraversalOp>,
    },
    Call {
        name: String,
        args: Vec<Expr>,
        /// `f(xs...)`: the final argument is expanded into arguments.
        expand_final: bool,
    },
    Conditional {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    For(Box<ForExpr>),
    Parens(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    NotEq,
    LessEq,
    GreaterEq,
    Less,
    Greater,
    Plus,
    Minus,
    Mul,
    Div,
    Mod,
    And,
    Or,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::LessEq => "<=",
            BinaryOp::GreaterEq => ">=",
            BinaryOp::Less => "<",
            BinaryOp::Greater => ">",
            BinaryOp::Plus => "+",
            BinaryOp::Minus => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::And => "&&",
            BinaryOp::Or => "||",
        }
    }
}

#[derive(Clone, Debug)]
pub struct ObjectItem {
    pub key: ObjectKey,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub enum ObjectKey {
    /// A bare identifier key: `{ name = ... }` is the string "name".
    Ident(String, Span),
    /// Any other key expression, evaluated (`{ (var.k) = ... }`, `{ "k" = ... }`).
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct TraversalOp {
    pub kind: TraversalOpKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum TraversalOpKind {
    Attr(String),
    Index(Expr),
    /// `.*`
    AttrSplat,
    /// `[*]`
    FullSplat,
}

#[derive(Clone, Debug)]
pub struct ForExpr {
    pub key_var: Option<String>,
    pub value_var: String,
    pub collection: Expr,
    /// Present for `{ for ... : k => v }`.
    pub key: Option<Expr>,
    pub value: Expr,
    /// `...` after the value: group values of equal keys into lists.
    pub grouping: bool,
    pub cond: Option<Expr>,
}

#[derive(Clone, Debug)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
}

impl Template {
    /// The text of a template made of literals only.
    pub fn as_literal(&self) -> Option<String> {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                TemplatePart::Literal(l) => s.push_str(&l.text),
                _ => return None,
            }
        }
        Some(s)
    }
}

#[derive(Clone, Debug)]
pub enum TemplatePart {
    Literal(Literal),
    Interpolation(Expr),
    If {
        cond: Expr,
        then: Template,
        otherwise: Option<Template>,
    },
    For {
        key_var: Option<String>,
        value_var: String,
        collection: Expr,
        body: Template,
    },
}

/// Literal template text with the source it was decoded from.
#[derive(Clone, Debug)]
pub struct Literal {
    /// The decoded text (escapes resolved, heredoc indentation stripped).
    pub text: String,
    /// The source bytes the text was decoded from.
    pub span: Span,
    pub encoding: LiteralEncoding,
}

/// How a literal's source bytes encode its text; needed to map an offset in
/// the decoded text back to the exact source character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiteralEncoding {
    /// Inside `"..."`: backslash escapes, `$${` and `%%{`.
    Quoted,
    /// Heredoc body. Where a line starts, `indent` whitespace characters
    /// (spaces, tabs, any mix) were stripped, except from blank lines, which
    /// `<<-` leaves whole (see [`heredoc_margin_len`]). `starts_line`: the
    /// literal's first character begins a line as Terraform sees it, which
    /// a strip marker (`~}`) can make differ from what precedes it in the
    /// file.
    Heredoc { indent: usize, starts_line: bool },
    /// A JSON string (Terraform JSON syntax): JSON escapes, `$${`, `%%{`.
    Json,
    /// Decoded text equals the source bytes (identifiers, labels).
    Raw,
}

impl Literal {
    /// Maps a byte offset in `self.text` to a byte offset in the file, given
    /// the file's text. Escapes and stripped indentation are accounted for, so
    /// a finding inside a heredoc or a quoted JSON string points at the exact
    /// character.
    pub fn source_offset(&self, file_text: &str, decoded_offset: usize) -> usize {
        self.offset_map(file_text).source_offset(decoded_offset)
    }

    /// [`Literal::source_offset`] for many offsets of one literal: walks the
    /// source once, where each call of `source_offset` walks it from the
    /// start (quadratic over the nodes of a JSON heredoc).
    pub fn offset_map(&self, file_text: &str) -> OffsetMap {
        let src = file_text.get(self.span.range()).unwrap_or("");
        let base = self.span.start as usize;
        let mut map = OffsetMap {
            base,
            len: src.len(),
            steps: Vec::new(),
        };
        if self.encoding == LiteralEncoding::Raw || src.len() == self.text.len() && src == self.text
        {
            return map;
        }
        let sb = src.as_bytes();
        let (mut si, mut di) = (0usize, 0usize);
        // Indentation is stripped only where a line starts, and a literal
        // may start mid-line (after an interpolation).
        let mut at_line_start = match self.encoding {
            LiteralEncoding::Heredoc { starts_line, .. } => starts_line,
            _ => base == 0 || file_text.as_bytes().get(base - 1) == Some(&b'\n'),
        };
        while si < sb.len() {
            if let LiteralEncoding::Heredoc { indent, .. } = self.encoding
                && at_line_start
            {
                si += heredoc_margin_len(&src[si..], indent);
                map.step(di, di, si);
                at_line_start = false;
                continue;
            }
            let c = sb[si];
            let (s_adv, d_adv) = match (self.encoding, c) {
                (_, b'$' | b'%') if sb.get(si + 1) == Some(&c) && sb.get(si + 2) == Some(&b'{') => {
                    (2, 1)
                }
                (LiteralEncoding::Quoted | LiteralEncoding::Json, b'\\') => match sb.get(si + 1) {
                    Some(b'u') => (6, escaped_len(src.get(si + 2..si + 6))),
                    Some(b'U') => (10, escaped_len(src.get(si + 2..si + 10))),
                    _ => (2, 1),
                },
                _ => {
                    let len = utf8_len(c);
                    (len, len)
                }
            };
            if c == b'\n' {
                at_line_start = true;
            }
            if s_adv != 1 || d_adv != 1 {
                map.step(di, di + d_adv, si + s_adv);
            }
            si += s_adv;
            di += d_adv;
        }
        map
    }
}

/// How many bytes `<<-` strips where a line starts, `line` being the text
/// from there: `indent` whitespace characters, whatever they are, but
/// nothing from a blank line (only whitespace up to its newline), which
/// Terraform neither counts for the least indentation nor strips. Whitespace
/// that runs into an interpolation is not blank.
pub fn heredoc_margin_len(line: &str, indent: usize) -> usize {
    let mut cut = 0;
    for (n, (i, c)) in line.char_indices().enumerate() {
        if c == '\n' {
            return 0;
        }
        if !c.is_whitespace() {
            break;
        }
        if n < indent {
            cut = i + c.len_utf8();
        }
    }
    cut
}

/// The text of a heredoc literal whose (already strip-marker-trimmed)
/// source is `src`: `indent` stripped where lines start (the first only if
/// `starts_line`), and `$${`, `%%{` unescaped. [`Literal::offset_map`]
/// walks the same way back.
pub fn decode_heredoc(src: &str, indent: usize, starts_line: bool) -> String {
    let mut out = String::with_capacity(src.len());
    let mut at_line_start = starts_line;
    let mut rest = src;
    while !rest.is_empty() {
        if at_line_start {
            rest = &rest[heredoc_margin_len(rest, indent)..];
            at_line_start = false;
            continue;
        }
        let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let (line, after) = rest.split_at(line_len);
        out.push_str(&line.replace("$${", "${").replace("%%{", "%{"));
        rest = after;
        at_line_start = line.ends_with('\n');
    }
    out
}

/// Decoded-to-source offsets of one literal: between the places where one
/// decoded byte is not one source byte, both advance together.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    base: usize,
    len: usize,
    /// In decoded order: an escape, multi-byte character or stripped
    /// indentation decoding to `d_start..d_end` and ending at source `s_end`.
    steps: Vec<OffsetStep>,
}

#[derive(Clone, Copy, Debug)]
struct OffsetStep {
    d_start: usize,
    d_end: usize,
    s_end: usize,
}

impl OffsetMap {
    fn step(&mut self, d_start: usize, d_end: usize, s_end: usize) {
        self.steps.push(OffsetStep {
            d_start,
            d_end,
            s_end,
        });
    }

    /// The file offset of `decoded_offset`; an offset inside an escape or a
    /// character maps to its end, as no character may be split.
    pub fn source_offset(&self, decoded_offset: usize) -> usize {
        let d = decoded_offset;
        let before = self.steps.partition_point(|s| s.d_start < d);
        let s = match before.checked_sub(1).map(|i| self.steps[i]) {
            None => d,
            Some(step) if d < step.d_end => step.s_end,
            Some(step) => step.s_end + (d - step.d_end),
        };
        self.base + s.min(self.len)
    }
}

/// How many bytes the character of a `\u`/`\U` escape's hex digits takes.
fn escaped_len(hex: Option<&str>) -> usize {
    u32::from_str_radix(hex.unwrap_or("0"), 16)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('\u{fffd}')
        .len_utf8()
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::FileId;

    /// The file offsets of every decoded offset `0..=text.len()` of the
    /// literal whose source is `file[start..end]`.
    fn offsets(
        file: &str,
        start: usize,
        end: usize,
        text: &str,
        encoding: LiteralEncoding,
    ) -> Vec<usize> {
        let lit = Literal {
            text: text.to_string(),
            span: Span::new(FileId(0), start, end),
            encoding,
        };
        let map = lit.offset_map(file);
        (0..=text.len()).map(|d| map.source_offset(d)).collect()
    }

    #[test]
    fn quoted_escapes_map_to_their_source_characters() {
        let file = r#"x = "ab\"c""#;
        assert_eq!(
            offsets(file, 5, 10, "ab\"c", LiteralEncoding::Quoted),
            [5, 6, 7, 9, 10]
        );
    }

    #[test]
    fn stripped_heredoc_indentation_is_skipped_after_each_line_start() {
        let file = "  ab\n  cd\n";
        assert_eq!(
            offsets(
                file,
                0,
                file.len(),
                "ab\ncd\n",
                LiteralEncoding::Heredoc {
                    indent: 2,
                    starts_line: true
                }
            ),
            [0, 3, 4, 5, 8, 9, 10]
        );
    }

    #[test]
    fn tabs_and_mixed_margins_strip_characters_and_blank_lines_stay_whole() {
        // What terraform 1.11 makes of `<<-` with these lines: two
        // characters off each line whatever they are, the blank line kept.
        // An offset where a margin was stripped maps before the margin.
        let file = "\t\tab\n\t cd\n \t \n\t\t${";
        let end = file.len() - 2;
        let src = &file[..end];
        let text = decode_heredoc(src, 2, true);
        assert_eq!(text, "ab\ncd\n \t \n");
        let enc = LiteralEncoding::Heredoc {
            indent: 2,
            starts_line: true,
        };
        assert_eq!(
            offsets(file, 0, end, &text, enc),
            [0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14]
        );
    }

    #[test]
    fn a_literal_that_does_not_start_a_line_keeps_its_first_whitespace() {
        let file = "\t\tx\n\t\ty\n";
        let text = decode_heredoc(file, 2, false);
        assert_eq!(text, "\t\tx\ny\n");
        let enc = LiteralEncoding::Heredoc {
            indent: 2,
            starts_line: false,
        };
        assert_eq!(
            offsets(file, 0, file.len(), &text, enc),
            [0, 1, 2, 3, 4, 7, 8]
        );
    }

    #[test]
    fn a_multibyte_margin_is_stripped_whole() {
        let file = "\u{a0}\u{a0}a\n  b\n";
        let text = decode_heredoc(file, 2, true);
        assert_eq!(text, "a\nb\n");
    }

    #[test]
    fn an_offset_inside_an_escaped_character_maps_past_the_escape() {
        let file = r#"a\u00e9b"#;
        assert_eq!(
            offsets(file, 0, file.len(), "aéb", LiteralEncoding::Json),
            [0, 1, 7, 7, 8]
        );
    }

    #[test]
    fn dollar_escapes_and_multibyte_text_keep_characters_whole() {
        let file = "$${é}";
        assert_eq!(
            offsets(file, 0, file.len(), "${é}", LiteralEncoding::Quoted),
            [0, 2, 3, 5, 5, 6]
        );
    }
}
