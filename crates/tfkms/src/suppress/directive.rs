//! The text of a suppression comment:
//!
//! ```text
//! tfkms:ignore CODE[, CODE...] [until=YYYY-MM-DD] REASON
//! ```
//!
//! Codes are rule codes or slugs. Ranges are byte offsets into the comment's
//! body (the text after `#` or `//`).

use std::ops::Range;

const MARKER: &str = "tfkms:ignore";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed<'a> {
    /// An ordinary comment.
    NotADirective,
    /// Reads like a suppression but is not spelled as one (`tfkms: ignore`,
    /// `tfkms-ignore`): it would silently suppress nothing.
    Misspelled,
    Directive(Directive<'a>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive<'a> {
    pub codes: Vec<(Range<usize>, &'a str)>,
    /// The `until=` word and the date text after `=`.
    pub until: Option<(Range<usize>, &'a str)>,
    pub reason: Option<String>,
}

pub fn parse(body: &str) -> Parsed<'_> {
    let start = body.len() - body.trim_start().len();
    let text = &body[start..];
    let is_marker = text
        .get(..MARKER.len())
        .is_some_and(|m| m.eq_ignore_ascii_case(MARKER))
        && text[MARKER.len()..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
    if !is_marker {
        return if misspelled(text) {
            Parsed::Misspelled
        } else {
            Parsed::NotADirective
        };
    }
    let b = body.as_bytes();
    let skip_blanks = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut i = skip_blanks(start + MARKER.len());
    let mut codes = Vec::new();
    loop {
        let token_end = body[i..]
            .find(|c: char| c.is_whitespace() || c == ',')
            .map_or(body.len(), |p| i + p);
        if token_end == i {
            // A stray comma (`A,,B`) separates nothing; the end ends the list.
            if b.get(i) == Some(&b',') {
                i = skip_blanks(i + 1);
                continue;
            }
            break;
        }
        codes.push((i..token_end, &body[i..token_end]));
        let after = skip_blanks(token_end);
        i = after;
        if b.get(after) == Some(&b',') {
            i = skip_blanks(after + 1);
        } else {
            break;
        }
    }

    let rest = &body[i..];
    let mut until = None;
    let mut reason_words: Vec<&str> = Vec::new();
    let mut offset = i;
    for word in rest.split_inclusive(char::is_whitespace) {
        let w = word.trim_end();
        if until.is_none() && w.starts_with("until=") {
            until = Some((offset..offset + w.len(), &w["until=".len()..]));
        } else {
            reason_words.push(word);
        }
        offset += word.len();
    }
    let reason = reason_words
        .concat()
        .trim()
        .trim_start_matches(['-', ':', '\u{2014}'])
        .trim()
        .to_string();
    Parsed::Directive(Directive {
        codes,
        until,
        reason: (!reason.is_empty()).then_some(reason),
    })
}

/// `tfkms: ignore`, `tfkms-ignore`, `tfkms ignore`, `tfkms:ignored`: the
/// tool's name and the word, joined some other way.
fn misspelled(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("tfkms") else {
        return false;
    };
    rest.trim_start_matches([':', '-', '_', ' ', '\t'])
        .starts_with("ignore")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(body: &str) -> Directive<'_> {
        match parse(body) {
            Parsed::Directive(d) => d,
            other => panic!("not a directive: {other:?}"),
        }
    }

    fn codes<'a>(d: &Directive<'a>) -> Vec<&'a str> {
        d.codes.iter().map(|(_, c)| *c).collect()
    }

    #[test]
    fn reads_codes_and_reason() {
        let d = directive(" tfkms:ignore TFKMS002 the platform team owns alias/app-*");
        assert_eq!(codes(&d), ["TFKMS002"]);
        assert_eq!(
            d.reason.as_deref(),
            Some("the platform team owns alias/app-*")
        );
        assert_eq!(d.until, None);
        let (range, code) = &d.codes[0];
        assert_eq!(&" tfkms:ignore TFKMS002 the"[range.clone()], *code);
    }

    #[test]
    fn reads_several_codes_separated_by_commas() {
        for body in [
            " tfkms:ignore TFKMS001,alias-arn-in-resource reason",
            " tfkms:ignore TFKMS001, alias-arn-in-resource reason",
            " tfkms:ignore TFKMS001 ,alias-arn-in-resource   reason",
        ] {
            let d = directive(body);
            assert_eq!(codes(&d), ["TFKMS001", "alias-arn-in-resource"], "{body}");
            assert_eq!(d.reason.as_deref(), Some("reason"), "{body}");
        }
    }

    #[test]
    fn reads_an_expiry_anywhere_after_the_codes() {
        let body = " tfkms:ignore TFKMS002 until=2027-03-31 -- legacy role";
        let d = directive(body);
        let (range, date) = d.until.clone().unwrap();
        assert_eq!(&body[range], "until=2027-03-31");
        assert_eq!(date, "2027-03-31");
        assert_eq!(d.reason.as_deref(), Some("legacy role"));
        let d = directive(" tfkms:ignore TFKMS002 legacy role until=2027-03-31");
        assert_eq!(d.reason.as_deref(), Some("legacy role"));
        assert_eq!(d.until.map(|u| u.1), Some("2027-03-31"));
    }

    #[test]
    fn no_codes_and_no_reason() {
        assert_eq!(directive(" tfkms:ignore").codes, []);
        assert_eq!(directive(" tfkms:ignore   ").codes, []);
        let d = directive("tfkms:ignore TFKMS001");
        assert_eq!(codes(&d), ["TFKMS001"]);
        assert_eq!(d.reason, None);
        let d = directive(" TFKMS:IGNORE TFKMS001 until=2027-01-01");
        assert_eq!(d.reason, None);
    }

    #[test]
    fn tells_ordinary_and_misspelled_comments_apart() {
        assert_eq!(
            parse(" a comment about tfkms:ignore"),
            Parsed::NotADirective
        );
        assert_eq!(parse(" tfkms is great"), Parsed::NotADirective);
        for body in [
            " tfkms: ignore TFKMS001 x",
            " tfkms-ignore TFKMS001",
            " tfkms:ignored x",
            " Tfkms ignore",
        ] {
            assert_eq!(parse(body), Parsed::Misspelled, "{body}");
        }
    }
}
