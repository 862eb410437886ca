//! The literal `source` of each top-level `module` block of a native-syntax
//! file, found by a lexical skim instead of a parse.
//!
//! The scan needs every module call before it evaluates anything (a module
//! no other module calls is a root), but holding every syntax tree from then
//! until evaluation would take about twelve times the size of the source.
//! The skim reads the text once, far faster than parsing, and the scan parses
//! each module only when it evaluates it. The skim is a hint: the scan checks
//! it against the calls in the parsed modules and corrects the roots, so a
//! file the skim gets wrong costs time, never a wrong result.

/// The `source` strings of the file's `module` blocks, in source order, or
/// `None` when the skim cannot tell (unbalanced delimiters, a `source` that
/// is not a plain string literal, a `module` header it does not recognise):
/// the caller then parses the file.
pub fn module_sources(text: &str) -> Option<Vec<String>> {
    // Most files call no module; a block type cannot be spelled other than
    // literally, so these need no skim at all.
    let Some(last_candidate) = last_module_word(text.as_bytes()) else {
        return Some(Vec::new());
    };
    let mut s = Skim {
        b: text.as_bytes(),
        i: 0,
    };
    let mut out = Vec::new();
    // Depth of `{`, `[` and `(` outside strings; an item (attribute or
    // block) starts at a line start or right after a block's `{`.
    let mut depth = 0usize;
    let mut at_item_start = true;
    // The depth of the body of the module block being read, if any.
    let mut module_body: Option<usize> = None;
    while s.i < s.b.len() {
        let c = s.b[s.i];
        match c {
            b'\n' => {
                s.i += 1;
                // No block can start past the last `module` that could
                // begin one: the rest, often most of the file, is not read.
                if s.i > last_candidate && module_body.is_none() {
                    return Some(out);
                }
                at_item_start = true;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                s.i += 1;
                continue;
            }
            b'#' => s.line_comment(),
            b'/' if s.peek(1) == Some(b'/') => s.line_comment(),
            b'/' if s.peek(1) == Some(b'*') => s.block_comment()?,
            b'"' => {
                s.string()?;
                at_item_start = false;
            }
            b'<' if s.peek(1) == Some(b'<') => {
                s.heredoc()?;
                at_item_start = true;
            }
            b'{' | b'[' | b'(' => {
                s.i += 1;
                depth += 1;
                at_item_start = c == b'{';
            }
            b'}' | b']' | b')' => {
                s.i += 1;
                depth = depth.checked_sub(1)?;
                if module_body.is_some_and(|d| depth < d) {
                    module_body = None;
                }
                at_item_start = false;
            }
            _ if is_ident_start(c) => {
                let word = s.ident();
                let item_start = std::mem::replace(&mut at_item_start, false);
                if !item_start {
                    continue;
                }
                if depth == 0 && word == b"module" {
                    if s.module_header()? {
                        depth += 1;
                        module_body = Some(depth);
                        at_item_start = true;
                    }
                } else if module_body == Some(depth)
                    && word == b"source"
                    && let Some(src) = s.source_attribute()?
                {
                    out.push(src);
                }
            }
            _ => {
                s.i += 1;
                at_item_start = false;
            }
        }
    }
    (depth == 0).then_some(out)
}

/// Where the last `module` that could begin a block starts: a word of its
/// own, first on its line (a comment may come before it). Many files name
/// modules only in references (`module.x.arn`), longer names
/// (`var.module_name`) or prose; they need no skim.
fn last_module_word(b: &[u8]) -> Option<usize> {
    const WORD: &[u8] = b"module";
    // Forward, though only the last one counts: the forward search skips
    // text several times faster than the reverse one.
    memchr::memmem::find_iter(b, WORD)
        .filter(|&at| {
            let line_start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1);
            let before = &b[line_start..at];
            let after = b.get(at + WORD.len()).copied();
            let first_on_line = before.iter().all(|c| matches!(c, b' ' | b'\t'))
                || memchr::memmem::find(before, b"*/").is_some();
            first_on_line
                && !before
                    .last()
                    .is_some_and(|&c| is_ident_char(c) || c == b'.')
                && !after.is_some_and(|c| is_ident_char(c) || c == b'.')
        })
        .last()
}

struct Skim<'a> {
    b: &'a [u8],
    i: usize,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80
}

impl<'a> Skim<'a> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.b.get(self.i + ahead).copied()
    }

    fn ident(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.i < self.b.len() && is_ident_char(self.b[self.i]) {
            self.i += 1;
        }
        &self.b[start..self.i]
    }

    fn spaces(&mut self) {
        while matches!(self.peek(0), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// Up to, not including, the newline.
    fn line_comment(&mut self) {
        while self.i < self.b.len() && self.b[self.i] != b'\n' {
            self.i += 1;
        }
    }

    fn block_comment(&mut self) -> Option<()> {
        let rest = &self.b[self.i + 2..];
        let end = rest.windows(2).position(|w| w == b"*/")?;
        self.i += 2 + end + 2;
        Some(())
    }

    /// Skips a quoted template from its opening quote; returns whether it
    /// was a plain literal (no interpolation, directive or escape).
    fn string(&mut self) -> Option<bool> {
        self.i += 1;
        let mut plain = true;
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(plain);
                }
                b'\n' => return None,
                b'\\' => {
                    plain = false;
                    self.i += 2;
                }
                b'$' | b'%'
                    if self.peek(1) == Some(self.b[self.i]) && self.peek(2) == Some(b'{') =>
                {
                    plain = false;
                    self.i += 3;
                }
                b'$' | b'%' if self.peek(1) == Some(b'{') => {
                    plain = false;
                    self.i += 2;
                    self.template_expr()?;
                }
                _ => self.i += 1,
            }
        }
    }

    /// Skips the expression of a `${ ... }` or `%{ ... }` up to and including
    /// its closing brace.
    fn template_expr(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    self.string()?;
                }
                b'<' if self.peek(1) == Some(b'<') => self.heredoc()?,
                b'#' => self.line_comment(),
                b'/' if self.peek(1) == Some(b'/') => self.line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.block_comment()?,
                b'{' | b'[' | b'(' => {
                    depth += 1;
                    self.i += 1;
                }
                b'}' if depth == 0 => {
                    self.i += 1;
                    return Some(());
                }
                b'}' | b']' | b')' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                }
                _ => self.i += 1,
            }
        }
    }

    /// Skips a heredoc from its `<<` to the end of its closing marker line.
    fn heredoc(&mut self) -> Option<()> {
        self.i += 2;
        if self.peek(0) == Some(b'-') {
            self.i += 1;
        }
        let marker = self.ident();
        if marker.is_empty() {
            return None;
        }
        // The header ends the line.
        match self.peek(0)? {
            b'\n' => self.i += 1,
            b'\r' if self.peek(1) == Some(b'\n') => self.i += 2,
            _ => return None,
        }
        loop {
            // At a line start: is this the closing marker?
            let mut j = self.i;
            while matches!(self.b.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            if self.b[j..].starts_with(marker) {
                let after = j + marker.len();
                match self.b.get(after) {
                    None | Some(b'\n' | b'\r') => {
                        self.i = after;
                        return Some(());
                    }
                    _ => {}
                }
            }
            // Otherwise skip the line, and any interpolation starting on it.
            loop {
                match *self.b.get(self.i)? {
                    b'\n' => {
                        self.i += 1;
                        break;
                    }
                    b'$' | b'%'
                        if self.peek(1) == Some(self.b[self.i]) && self.peek(2) == Some(b'{') =>
                    {
                        self.i += 3
                    }
                    b'$' | b'%' if self.peek(1) == Some(b'{') => {
                        self.i += 2;
                        self.template_expr()?;
                    }
                    _ => self.i += 1,
                }
            }
        }
    }

    /// After `module` at the top level: `true` past the `{` of a block
    /// header with one label, `false` for an attribute named `module`.
    fn module_header(&mut self) -> Option<bool> {
        self.spaces();
        match self.peek(0)? {
            b'=' if self.peek(1) != Some(b'=') => return Some(false),
            b'"' => {
                if !self.string()? {
                    return None;
                }
            }
            c if is_ident_start(c) => {
                self.ident();
            }
            _ => return None,
        }
        self.spaces();
        if self.peek(0)? != b'{' {
            return None;
        }
        self.i += 1;
        Some(true)
    }

    /// After `source` at the start of an item of a module body: the string
    /// when the value is a plain literal alone on its line, `None` (the skim
    /// gives up) when the value is anything else.
    fn source_attribute(&mut self) -> Option<Option<String>> {
        self.spaces();
        if self.peek(0)? != b'=' || self.peek(1) == Some(b'=') {
            // `source { ... }` would be a nested block: not the argument.
            return Some(None);
        }
        self.i += 1;
        self.spaces();
        if self.peek(0)? != b'"' {
            return None;
        }
        let start = self.i + 1;
        if !self.string()? {
            return None;
        }
        let literal = std::str::from_utf8(&self.b[start..self.i - 1]).ok()?;
        self.spaces();
        match self.peek(0) {
            None | Some(b'\n' | b'\r' | b'#' | b'}') => {}
            Some(b'/') if matches!(self.peek(1), Some(b'/' | b'*')) => {}
            _ => return None,
        }
        Some(Some(literal.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::module_sources;

    fn sources(text: &str) -> Option<Vec<String>> {
        module_sources(text)
    }

    #[test]
    fn finds_literal_sources_of_top_level_module_blocks() {
        let text = r#"
# module "commented" { source = "./no" }
module "a" {
  source = "./modules/a"
  name   = "x"
}

module b {
  for_each = toset(["x"])
  source   = "../b" # trailing comment
  nested = {
    source = "./not-an-argument"
  }
}

module "one_line" { source = "./c" }

resource "x" "y" {
  module = "./no"
  source = "./no"
}
"#;
        assert_eq!(
            sources(text).unwrap(),
            ["./modules/a", "../b", "./c"].map(String::from)
        );
    }

    /// A file that names `module` only in references, longer words and
    /// prose declares no module and is not skimmed: even unbalanced, it
    /// gives no calls rather than asking for a parse.
    #[test]
    fn references_to_modules_are_no_module_blocks() {
        let text = "locals {\n  a = module.keys.arn\n  b = var.module_name\n  c = my-module\n  d = \"a module\"\n";
        assert_eq!(sources(text), Some(Vec::new()));
        let text = "module\"a\"{source=\"./a\"}\n/* b */ module\tb {\n  source = \"./b\"\n}\n";
        assert_eq!(sources(text).unwrap(), ["./a", "./b"].map(String::from));
    }

    #[test]
    fn skips_strings_heredocs_and_interpolations() {
        let text = r#"
locals {
  a = "module \"x\" { source = \"./no\" }"
  b = "${jsonencode({ k = "}" })}"
  c = <<-EOT
    module "y" {
      source = "./no"
    }
    ${ { k = "EOT" } }
    EOT
  d = "$${not_interpolation"
}
module "z" {
  source = "./yes"
}
"#;
        assert_eq!(sources(text).unwrap(), ["./yes".to_string()]);
    }

    #[test]
    fn registry_sources_are_returned_as_written() {
        let text = "module \"r\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.0.0\"\n}\n";
        assert_eq!(
            sources(text).unwrap(),
            ["terraform-aws-modules/vpc/aws".to_string()]
        );
    }

    #[test]
    fn gives_up_where_a_parse_is_needed() {
        for text in [
            "module \"a\" {\n  source = \"./${var.x}\"\n}\n",
            "module \"a\" {\n  source = var.x\n}\n",
            "module \"a\" {\n  source = \"./a\" == \"b\" ? 1 : 2\n}\n",
            "module \"a\" {\n  source = \"./a\\\\b\"\n}\n",
            "module \"a\" {\n  source = \"./a\"\n",
            "locals {\n  a = \"unterminated\n}\nmodule \"a\" {}\n",
            "locals {\n  a = <<EOT\nno end\n}\nmodule \"a\" {}\n",
            "module \"a\" \"b\" {\n}\n",
            "}\nmodule \"a\" {}\n",
        ] {
            assert_eq!(sources(text), None, "{text}");
        }
    }

    /// Nothing past the last line that could start a module block is read,
    /// so what a parse would refuse there does not make the skim give up.
    #[test]
    fn stops_after_the_last_module_block() {
        for tail in [
            "locals {\n  a = \"unterminated\n}\n",
            "locals {\n  a = <<EOT\nno end\n}\n",
            "}\n",
            "output \"o\" {\n  value = module.a.x\n  description = \"a module\"\n",
        ] {
            let text = format!("module \"a\" {{\n  source = \"./a\"\n}}\n{tail}");
            assert_eq!(sources(&text).unwrap(), ["./a"], "{text}");
        }
    }

    #[test]
    fn a_file_without_the_word_module_calls_none_even_if_it_does_not_parse() {
        for text in [
            "locals {\n  a = \"unterminated\n}\n",
            "locals {\n  a = <<EOT\nno end\n}\n",
            "}\n",
        ] {
            assert_eq!(sources(text), Some(Vec::new()), "{text}");
        }
    }

    #[test]
    fn module_as_an_attribute_name_is_not_a_block() {
        assert_eq!(sources("module = \"x\"\n").unwrap(), Vec::<String>::new());
    }
}
