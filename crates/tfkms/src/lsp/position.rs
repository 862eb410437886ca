//! Byte offsets to LSP positions and back.
//!
//! tfkms's spans are byte offsets; an LSP position is a line and a
//! character counted in the negotiated encoding: UTF-16 code units unless
//! the client offers UTF-8. Lines end at `\n` (a `\r` before it belongs to
//! the line, as nothing points between the two).

use lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it, as counting bytes needs no walk of
    /// the line; otherwise UTF-16, which every client must accept.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The start of every line of one text.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            encoding,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of a position. A character past the end of its line
    /// means the line's end, and a line past the last the text's end, as
    /// the protocol asks; a position inside a character means its start.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line_end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..line_end];
        let wanted = position.character as usize;
        let within = match self.encoding {
            Encoding::Utf8 => floor_char_boundary(line, wanted.min(line.len())),
            Encoding::Utf16 => {
                let mut units = 0;
                line.char_indices()
                    .find(|(_, c)| {
                        units += c.len_utf16();
                        units > wanted
                    })
                    .map_or(line.len(), |(i, _)| i)
            }
        };
        start + within
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    // "é" is two UTF-8 bytes and one UTF-16 unit; "𝄞" four bytes and two
    // units.
    const TEXT: &str = "a = \"é𝄞x\"\nb = 1\r\n";

    #[test]
    fn utf16_counts_code_units() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        let x = TEXT.find('x').unwrap();
        assert_eq!(index.position(x), Position::new(0, 8));
        assert_eq!(index.offset(Position::new(0, 8)), x);
        let b = TEXT.find('b').unwrap();
        assert_eq!(index.position(b), Position::new(1, 0));
        assert_eq!(index.offset(Position::new(1, 0)), b);
    }

    #[test]
    fn utf8_counts_bytes() {
        let index = LineIndex::new(TEXT, Encoding::Utf8);
        let x = TEXT.find('x').unwrap();
        assert_eq!(index.position(x), Position::new(0, 11));
        assert_eq!(index.offset(Position::new(0, 11)), x);
    }

    #[test]
    fn positions_inside_a_character_or_past_the_line_are_clamped() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        let clef = TEXT.find('𝄞').unwrap();
        // Between the two halves of the surrogate pair.
        assert_eq!(index.offset(Position::new(0, 7)), clef);
        assert_eq!(index.offset(Position::new(0, 99)), TEXT.find('\n').unwrap());
        assert_eq!(index.offset(Position::new(9, 0)), TEXT.len());
        let utf8 = LineIndex::new(TEXT, Encoding::Utf8);
        assert_eq!(utf8.offset(Position::new(0, clef as u32 + 1)), clef);
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
