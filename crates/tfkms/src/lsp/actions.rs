//! Quick fixes, suppressions and hovers, answered from the last scan.
//!
//! Every answer is computed against the text that scan read. When the
//! buffer has changed since, its spans may point anywhere, so nothing is
//! offered until the next scan.

// lsp-types' `WorkspaceEdit` is keyed by `Uri`, whose lazily parsed parts
// clippy sees as interior mutability; its hash and equality are of the text.
#![allow(clippy::mutable_key_type)]

use super::diagnostics::{Positions, diagnostic};
use super::position::{Encoding, LineIndex};
use super::uri;
use crate::scan::ScanResult;
use lsp_types::{
    CodeAction, CodeActionKind, Hover, HoverContents, MarkupContent, MarkupKind, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::Path;
use tfkms_rules::finding::{Finding, RuleMeta};
use tfkms_syntax::comments::CommentStyle;
use tfkms_syntax::{FileId, FileKind, SourceFile};

/// What the last scan knows of one open file, when its text is the one the
/// scan read.
pub struct Current<'a> {
    pub result: &'a ScanResult,
    pub file: FileId,
    pub encoding: Encoding,
}

impl<'a> Current<'a> {
    pub fn find(
        result: &'a ScanResult,
        path: &Path,
        buffer: &str,
        encoding: Encoding,
    ) -> Option<Current<'a>> {
        let file = result.sources.find(path)?;
        (*result.sources.get(file).text == *buffer).then_some(Current {
            result,
            file,
            encoding,
        })
    }

    fn source(&self) -> &'a SourceFile {
        self.result.sources.get(self.file)
    }

    /// The findings published on this file whose range meets `range`.
    fn findings_at(&self, range: Range) -> impl Iterator<Item = &'a Finding> + '_ {
        let index = LineIndex::new(&self.source().text, self.encoding);
        let (start, end) = (index.offset(range.start), index.offset(range.end));
        self.result.findings.iter().filter(move |f| {
            let span = f.primary.span;
            span.file == self.file && span.start as usize <= end && start <= span.end as usize
        })
    }

    pub fn code_actions(&self, range: Range) -> Vec<CodeAction> {
        let mut positions = Positions::new(self.result, self.encoding);
        let mut actions = Vec::new();
        for finding in self.findings_at(range) {
            let diagnostic = diagnostic(finding, &mut positions);
            if let Some(edit) = fix_edit(finding, &mut positions) {
                actions.push(CodeAction {
                    title: finding
                        .fix
                        .as_ref()
                        .map(|f| f.description.clone())
                        .unwrap_or_default(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                });
            }
            if let Some(edit) = self.suppression(finding) {
                actions.push(CodeAction {
                    title: format!(
                        "Suppress {} here with a `# tfkms:ignore` comment (write the reason after the code)",
                        finding.rule.code
                    ),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic]),
                    edit: Some(edit),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                });
            }
        }
        actions
    }

    /// A `# tfkms:ignore CODE` comment on a line of its own above the
    /// finding's line, or else above the statement or document it is in
    /// (where suppressions also apply): the first of those lines where the
    /// inserted text is a comment, not text inside a string or heredoc.
    /// No reason is written for the user: the comment then suppresses the
    /// finding and TFKMS012 asks for the reason until one is there.
    fn suppression(&self, finding: &Finding) -> Option<WorkspaceEdit> {
        let source = self.source();
        let name = source.path.file_name()?.to_string_lossy();
        if !matches!(
            FileKind::from_name(&name)?,
            FileKind::Config | FileKind::Vars
        ) {
            return None; // JSON has no comments.
        }
        let mut anchors: Vec<usize> = finding
            .anchors
            .iter()
            .filter(|a| a.file == self.file)
            .map(|a| a.start as usize)
            .collect();
        // The closest enclosing head first: the statement before the document.
        anchors.sort_unstable_by(|a, b| b.cmp(a));
        let text = &source.text;
        let at = std::iter::once(finding.primary.span.start as usize)
            .chain(anchors)
            .find_map(|offset| comment_line(text, offset, finding.rule))?;
        let index = LineIndex::new(text, self.encoding);
        let position = index.position(at.0);
        let edit = TextEdit::new(Range::new(position, position), at.1);
        Some(single_file_edit(uri::from_path(&source.path), vec![edit]))
    }

    pub fn hover(&self, position: Position) -> Option<Hover> {
        let mut rules: Vec<&'static RuleMeta> = Vec::new();
        let mut range = None;
        for finding in self.findings_at(Range::new(position, position)) {
            if !rules.iter().any(|r| r.code == finding.rule.code) {
                rules.push(finding.rule);
            }
            range.get_or_insert(finding.primary.span);
        }
        let span = range?;
        let text = rules
            .iter()
            .map(|r| format!("**{} {}**: {}\n\n{}", r.code, r.slug, r.summary, r.docs))
            .collect::<Vec<_>>()
            .join("\n\n---\n\n");
        let mut positions = Positions::new(self.result, self.encoding);
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(positions.range(span)),
        })
    }
}

/// The finding's fix as edits, when every edit is in a file whose text the
/// scan read (not one loaded by `file()`, which has no buffer to edit).
fn fix_edit(finding: &Finding, positions: &mut Positions) -> Option<WorkspaceEdit> {
    let fix = finding.fix.as_ref()?;
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in &fix.edits {
        let location = positions.location(edit.span);
        changes
            .entry(location.uri)
            .or_default()
            .push(TextEdit::new(location.range, edit.text.clone()));
    }
    (!changes.is_empty()).then(|| WorkspaceEdit::new(changes))
}

fn single_file_edit(uri: Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit::new(HashMap::from([(uri, edits)]))
}

/// Where a suppression comment for the line holding `offset` goes, and its
/// text, when the lexer would read it as a comment there.
fn comment_line(text: &str, offset: usize, rule: &RuleMeta) -> Option<(usize, String)> {
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let inserted = format!("{indent}# tfkms:ignore {}\n", rule.code);
    let edited = format!("{}{inserted}{}", &text[..line_start], &text[line_start..]);
    let comment_at = line_start + indent.len();
    let is_comment = tfkms_syntax::comments::comments(&edited)
        .iter()
        .any(|c| c.style == CommentStyle::Hash && c.range.start == comment_at);
    is_comment.then_some((line_start, inserted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suppression_never_lands_inside_a_heredoc() {
        let rule = &tfkms_rules::PARSE_ERROR;
        let text = "policy = <<EOF\n{\"Resource\": \"x\"}\nEOF\n";
        let inside = text.find("{\"Resource").unwrap();
        assert_eq!(comment_line(text, inside, rule), None);
        let (at, inserted) = comment_line(text, 0, rule).unwrap();
        assert_eq!((at, inserted.as_str()), (0, "# tfkms:ignore TFKMS000\n"));
    }

    #[test]
    fn a_suppression_keeps_the_line_indentation() {
        let rule = &tfkms_rules::PARSE_ERROR;
        let text = "x = [\n    \"a\",\n]\n";
        let (at, inserted) = comment_line(text, text.find("\"a\"").unwrap(), rule).unwrap();
        assert_eq!(at, 6);
        assert_eq!(inserted, "    # tfkms:ignore TFKMS000\n");
    }
}
