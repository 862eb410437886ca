//! String functions. Lengths and offsets count grapheme clusters, as
//! Terraform counts them.

use super::{Call, Res, derived};
use crate::value::{Kind, Text, TextPart, Value};
use regex::Regex;
use std::collections::BTreeMap;
use unicode_segmentation::UnicodeSegmentation;

/// Applies a per-character transformation to every known part, keeping the
/// unknown parts: exact for mappings that look at one character at a time.
fn map_parts(c: &Call, t: Text, f: impl Fn(&str) -> String) -> Value {
    let parts = t
        .parts
        .into_iter()
        .map(|p| match p {
            TextPart::Known { text, origin } => TextPart::Known {
                text: f(&text),
                origin: derived(&origin),
            },
            TextPart::Unknown(u) => TextPart::Unknown(u.derived()),
        })
        .collect();
    Value::new(
        Kind::String(Text {
            parts,
            encoded: None,
        }),
        c.origin.clone(),
    )
}

pub fn lower(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let t = c.text(&args[0], "str")?;
    Ok(map_parts(c, t, |s| s.chars().map(simple_lower).collect()))
}

pub fn upper(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let t = c.text(&args[0], "str")?;
    Ok(map_parts(c, t, |s| s.chars().map(simple_upper).collect()))
}

/// Go's `strings.Title`: the first letter of each word in title case, a
/// word starting after anything but a letter, digit, underscore or mark.
pub fn title(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    let mut out = String::with_capacity(s.len());
    let mut prev = ' ';
    for ch in s.chars() {
        if is_separator(prev) {
            out.push(simple_title(ch));
        } else {
            out.push(ch);
        }
        prev = ch;
    }
    Ok(c.string(out))
}

/// Go maps case one character at a time with Unicode's simple mappings:
/// `ß` stays `ß` in upper case, a final sigma is a plain `σ`. Rust's
/// mappings are the full ones, so a character whose full mapping is
/// several characters keeps its simple one: itself, except `İ`, whose
/// simple lower case is `i`.
fn simple_upper(ch: char) -> char {
    let mut it = ch.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => ch,
    }
}

fn simple_lower(ch: char) -> char {
    ch.to_lowercase().next().unwrap_or(ch)
}

/// Title case differs from upper case only for the Latin digraphs.
fn simple_title(ch: char) -> char {
    match ch {
        '\u{1C4}'..='\u{1C6}' => '\u{1C5}',
        '\u{1C7}'..='\u{1C9}' => '\u{1C8}',
        '\u{1CA}'..='\u{1CC}' => '\u{1CB}',
        '\u{1F1}'..='\u{1F3}' => '\u{1F2}',
        _ => simple_upper(ch),
    }
}

fn is_separator(r: char) -> bool {
    if r.is_ascii() {
        return !(r.is_ascii_alphanumeric() || r == '_');
    }
    if r.is_alphanumeric() {
        return false;
    }
    r.is_whitespace()
}

pub fn chomp(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    let mut end = s.len();
    loop {
        let rest = &s[..end];
        if let Some(r) = rest.strip_suffix("\r\n") {
            end = r.len();
        } else if let Some(r) = rest.strip_suffix(['\n', '\r']) {
            end = r.len();
        } else {
            break;
        }
    }
    Ok(c.string(&s[..end]))
}

pub fn trimspace(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    Ok(c.string(s.trim()))
}

pub fn trim(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str", "cutset"])?;
    let s = c.str(&args[0], "str")?;
    let cut = c.str(&args[1], "cutset")?;
    let cut: Vec<char> = cut.chars().collect();
    Ok(c.string(s.trim_matches(|ch| cut.contains(&ch))))
}

/// The known text at the start of a text, up to its first unknown part.
fn known_prefix(t: &Text) -> (String, bool) {
    let mut s = String::new();
    for p in &t.parts {
        match p {
            TextPart::Known { text, .. } => s.push_str(text),
            TextPart::Unknown(_) => return (s, false),
        }
    }
    (s, true)
}

fn known_suffix(t: &Text) -> (String, bool) {
    let mut rev: Vec<&str> = Vec::new();
    for p in t.parts.iter().rev() {
        match p {
            TextPart::Known { text, .. } => rev.push(text),
            TextPart::Unknown(_) => {
                return (rev.into_iter().rev().collect(), false);
            }
        }
    }
    (rev.into_iter().rev().collect(), true)
}

/// `trimprefix` keeps a partly known string partly known when its known
/// start decides the answer.
pub fn trimprefix(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str", "prefix"])?;
    let t = c.text(&args[0], "str")?;
    let prefix = c.str(&args[1], "prefix")?;
    let (head, whole) = known_prefix(&t);
    if whole {
        return Ok(c.string(head.strip_prefix(&*prefix).unwrap_or(&head)));
    }
    if head.len() >= prefix.len() || !prefix.starts_with(&head) {
        if !head.starts_with(&*prefix) {
            return Ok(Value::new(Kind::String(t), c.origin.clone()));
        }
        return Ok(Value::new(
            Kind::String(cut_front(t, prefix.len())),
            c.origin.clone(),
        ));
    }
    Err(c.unknown_like(&args[0]))
}

pub fn trimsuffix(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str", "suffix"])?;
    let t = c.text(&args[0], "str")?;
    let suffix = c.str(&args[1], "suffix")?;
    let (tail, whole) = known_suffix(&t);
    if whole {
        return Ok(c.string(tail.strip_suffix(&*suffix).unwrap_or(&tail)));
    }
    if tail.len() >= suffix.len() || !suffix.ends_with(&tail) {
        if !tail.ends_with(&*suffix) {
            return Ok(Value::new(Kind::String(t), c.origin.clone()));
        }
        return Ok(Value::new(
            Kind::String(cut_back(t, suffix.len())),
            c.origin.clone(),
        ));
    }
    Err(c.unknown_like(&args[0]))
}

/// Drops `n` bytes of known text from the front.
fn cut_front(t: Text, mut n: usize) -> Text {
    let mut parts = Vec::new();
    for p in t.parts {
        match p {
            TextPart::Known { text, origin } if n > 0 => {
                if text.len() <= n {
                    n -= text.len();
                } else {
                    parts.push(TextPart::Known {
                        text: text[n..].to_string(),
                        origin: derived(&origin),
                    });
                    n = 0;
                }
            }
            TextPart::Unknown(u) => parts.push(TextPart::Unknown(u.derived())),
            p => parts.push(p),
        }
    }
    Text {
        parts,
        encoded: None,
    }
}

fn cut_back(t: Text, mut n: usize) -> Text {
    let mut parts = Vec::new();
    for p in t.parts.into_iter().rev() {
        match p {
            TextPart::Known { text, origin } if n > 0 => {
                if text.len() <= n {
                    n -= text.len();
                } else {
                    parts.push(TextPart::Known {
                        text: text[..text.len() - n].to_string(),
                        origin: derived(&origin),
                    });
                    n = 0;
                }
            }
            TextPart::Unknown(u) => parts.push(TextPart::Unknown(u.derived())),
            p => parts.push(p),
        }
    }
    parts.reverse();
    Text {
        parts,
        encoded: None,
    }
}

pub fn startswith(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str", "prefix"])?;
    let t = c.text(&args[0], "str")?;
    let prefix = c.str(&args[1], "prefix")?;
    let (head, whole) = known_prefix(&t);
    if whole || head.len() >= prefix.len() {
        return Ok(c.bool(head.starts_with(&*prefix)));
    }
    if !prefix.starts_with(&head) {
        return Ok(c.bool(false));
    }
    Err(c.unknown_like(&args[0]))
}

pub fn endswith(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str", "suffix"])?;
    let t = c.text(&args[0], "str")?;
    let suffix = c.str(&args[1], "suffix")?;
    let (tail, whole) = known_suffix(&t);
    if whole || tail.len() >= suffix.len() {
        return Ok(c.bool(tail.ends_with(&*suffix)));
    }
    if !suffix.ends_with(&tail) {
        return Ok(c.bool(false));
    }
    Err(c.unknown_like(&args[0]))
}

pub fn strcontains(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str", "substr"])?;
    let t = c.text(&args[0], "str")?;
    let sub = c.str(&args[1], "substr")?;
    if let Some(s) = t.as_known() {
        return Ok(c.bool(s.contains(&*sub)));
    }
    let found = t.parts.iter().any(|p| match p {
        TextPart::Known { text, .. } => text.contains(&*sub),
        _ => false,
    });
    if found {
        return Ok(c.bool(true));
    }
    Err(c.unknown_like(&args[0]))
}

pub fn strrev(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    Ok(c.string(s.graphemes(true).rev().collect::<String>()))
}

pub fn substr(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str", "offset", "length"])?;
    let s = c.str(&args[0], "str")?;
    let mut offset = c.int_arg(&args[1], "offset")?;
    let length = c.int_arg(&args[2], "length")?;
    let g: Vec<&str> = s.graphemes(true).collect();
    if offset < 0 {
        offset += g.len() as i64;
    } else if length == 0 {
        return Ok(c.string(""));
    }
    let start = offset.clamp(0, g.len() as i64) as usize;
    if start >= g.len() && offset > 0 {
        return Ok(c.string(""));
    }
    let end = if length < 0 {
        g.len()
    } else {
        start.saturating_add(length as usize).min(g.len())
    };
    Ok(c.string(g[start..end].concat()))
}

pub fn indent(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["spaces", "str"])?;
    let n = c.int_arg(&args[0], "spaces")?;
    let s = c.str(&args[1], "str")?;
    let n = usize::try_from(n).unwrap_or(0);
    let lines = s.matches('\n').count();
    c.check_new_str(s.len().saturating_add(n.saturating_mul(lines)))?;
    if lines == 0 {
        // No line to indent: the padding is never built, however wide.
        return Ok(c.string(s.into_owned()));
    }
    let pad = " ".repeat(n);
    Ok(c.string(s.replace('\n', &format!("\n{pad}"))))
}

/// `join(sep, lists...)`: unknown parts of elements stay unknown parts of
/// the result.
pub fn join(c: &Call, args: Vec<Value>) -> Res {
    c.arity_range(&args, 1, None, &["separator", "lists"])?;
    let mut it = args.into_iter();
    let sep_v = it.next().unwrap_or_else(|| c.null());
    let sep = c.str(&sep_v, "separator")?.into_owned();
    let lists: Vec<Value> = it.collect();
    if lists.is_empty() {
        return Err(c.bad("lists", "at least one list is required"));
    }
    let mut out = Text::default();
    let mut first = true;
    let mut total = 0usize;
    for list in lists {
        for (i, e) in c.seq(list, "lists")?.into_iter().enumerate() {
            if !first {
                out.push_str(&sep, c.origin.clone());
            }
            first = false;
            match &e.kind {
                Kind::Null => {
                    return Err(c.bad(
                        "lists",
                        format!("element {i} is null; cannot concatenate null values"),
                    ));
                }
                Kind::Unknown(u) => out.parts.push(TextPart::Unknown(u.derived())),
                _ => {
                    let t = c.text(&e, "lists")?;
                    total += t.as_known().map_or(0, |s| s.len()) + sep.len();
                    c.check_str(total)?;
                    out.push_text(t);
                }
            }
        }
    }
    out.encoded = None;
    Ok(Value::new(Kind::String(out), c.origin.clone()))
}

/// Go's `strings.Split`: an empty separator splits into characters.
pub fn split(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["separator", "str"])?;
    let sep = c.str(&args[0], "separator")?;
    let s = c.str(&args[1], "str")?;
    let parts: Vec<String> = if sep.is_empty() {
        s.chars().map(String::from).collect()
    } else {
        s.split(&*sep).map(str::to_string).collect()
    };
    c.check_len(parts.len())?;
    c.charge(parts.len())?;
    Ok(c.list(parts.into_iter().map(|p| c.string(p)).collect()))
}

/// Compiles a Terraform (Go RE2) pattern. The syntaxes agree except that
/// Go's Perl classes and word boundaries are ASCII, where Rust's are
/// Unicode: they are rewritten to their ASCII forms.
fn compile(c: &Call, pattern: &str, param: &str) -> Result<Regex, Value> {
    regex::RegexBuilder::new(&ascii_perl_classes(pattern))
        .size_limit(16 << 20)
        .build()
        .map_err(|e| c.bad(param, format!("invalid regular expression pattern: {e}")))
}

fn ascii_perl_classes(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("[0-9]"),
            Some('D') => out.push_str("[^0-9]"),
            Some('w') => out.push_str("[0-9A-Za-z_]"),
            Some('W') => out.push_str("[^0-9A-Za-z_]"),
            Some('s') => out.push_str("[\\t\\n\\f\\r ]"),
            Some('S') => out.push_str("[^\\t\\n\\f\\r ]"),
            Some('b') => out.push_str("(?-u:\\b)"),
            Some('B') => out.push_str("(?-u:\\B)"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A regex match as Terraform returns it: the whole match without capture
/// groups, a list for unnamed groups, a map for named groups.
fn match_value(c: &Call, re: &Regex, caps: &regex::Captures) -> Result<Value, Value> {
    let names: Vec<Option<&str>> = re.capture_names().collect();
    if names.len() == 1 {
        return Ok(c.string(caps.get(0).map_or("", |m| m.as_str())));
    }
    let named = names.iter().skip(1).any(Option::is_some);
    let unnamed = names.iter().skip(1).any(Option::is_none);
    if named && unnamed {
        return Err(c.bad(
            "pattern",
            "invalid regular expression pattern: can't mix both named and unnamed capture groups",
        ));
    }
    let group = |i: usize| match caps.get(i) {
        Some(m) => c.string(m.as_str()),
        // An optional group that did not take part: Terraform's value is
        // null, for both kinds of group.
        None => c.null(),
    };
    if named {
        let mut m = BTreeMap::new();
        for (i, n) in names.iter().enumerate().skip(1) {
            if let Some(n) = n {
                m.insert(n.to_string(), group(i));
            }
        }
        Ok(c.map(m))
    } else {
        Ok(c.list((1..names.len()).map(group).collect()))
    }
}

pub fn regex(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["pattern", "string"])?;
    let p = c.str(&args[0], "pattern")?;
    let re = compile(c, &p, "pattern")?;
    let s = c.str(&args[1], "string")?;
    match re.captures(&s) {
        Some(caps) => match_value(c, &re, &caps),
        None => Err(c.fail("pattern did not match any part of the given string")),
    }
}

pub fn regexall(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["pattern", "string"])?;
    let p = c.str(&args[0], "pattern")?;
    let re = compile(c, &p, "pattern")?;
    let s = c.str(&args[1], "string")?;
    let mut out = Vec::new();
    for caps in re.captures_iter(&s) {
        c.charge(1)?;
        out.push(match_value(c, &re, &caps)?);
        if out.len() > c.max_collection() {
            return Err(c.limit("regexall() found more matches than the collection limit"));
        }
    }
    Ok(c.list(out))
}

/// `replace(str, substr, replacement)`; a `substr` wrapped in slashes is a
/// regular expression, and the replacement may then use `$1` and `${name}`.
pub fn replace(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["str", "substr", "replace"])?;
    let s = c.str(&args[0], "str")?;
    let sub = c.str(&args[1], "substr")?;
    let rep = c.str(&args[2], "replace")?;
    let out = if sub.len() > 1 && sub.starts_with('/') && sub.ends_with('/') {
        let re = compile(c, &sub[1..sub.len() - 1], "substr")?;
        c.check_new_str(regex_replaced_len(c, &re, &s, &rep)?)?;
        re.replace_all(&s, &*rep).into_owned()
    } else {
        let n = if sub.is_empty() {
            s.chars().count() + 1
        } else {
            s.matches(&*sub).count()
        };
        c.check_new_str(s.len().saturating_add(n.saturating_mul(rep.len())))?;
        go_replace(&s, &sub, &rep)
    };
    Ok(c.string(out))
}

/// The exact length of `re.replace_all(s, rep)`, computed without building
/// it: each `$name`/`${name}` in `rep` adds the length of that group in
/// each match, so a few bytes of replacement can ask for gigabytes.
fn regex_replaced_len(c: &Call, re: &Regex, s: &str, rep: &str) -> Result<usize, Value> {
    let refs = replacement_refs(rep);
    replaced_len(re, s, &refs, |i| match i % 1024 {
        1023 => c.check_clock(),
        _ => Ok(()),
    })
}

/// [`regex_replaced_len`], calling `tick` with each match's number.
fn replaced_len<E>(
    re: &Regex,
    s: &str,
    refs: &ReplacementRefs,
    mut tick: impl FnMut(usize) -> Result<(), E>,
) -> Result<usize, E> {
    let mut len = s.len();
    for (i, caps) in re.captures_iter(s).enumerate() {
        tick(i)?;
        let whole = caps.get(0).map_or(0, |m| m.len());
        let mut added = refs.literal;
        for name in &refs.groups {
            let group = match name.parse::<usize>() {
                Ok(n) => caps.get(n),
                Err(_) => caps.name(name),
            };
            added = added.saturating_add(group.map_or(0, |m| m.len()));
        }
        len = len.saturating_sub(whole).saturating_add(added);
    }
    Ok(len)
}

/// A replacement template split as the regex crate expands it: literal
/// bytes, and the groups it refers to, in order.
struct ReplacementRefs {
    literal: usize,
    groups: Vec<String>,
}

fn replacement_refs(rep: &str) -> ReplacementRefs {
    let b = rep.as_bytes();
    let mut out = ReplacementRefs {
        literal: 0,
        groups: Vec::new(),
    };
    let is_name = |ch: u8| ch == b'_' || ch.is_ascii_alphanumeric();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'$' {
            out.literal += 1;
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some(b'$') => {
                out.literal += 1;
                i += 2;
            }
            Some(b'{') => match rep[i + 2..].find('}') {
                Some(end) => {
                    out.groups.push(rep[i + 2..i + 2 + end].to_string());
                    i += end + 3;
                }
                None => {
                    out.literal += 1;
                    i += 1;
                }
            },
            Some(&ch) if is_name(ch) => {
                let start = i + 1;
                let mut end = start;
                while end < b.len() && is_name(b[end]) {
                    end += 1;
                }
                out.groups.push(rep[start..end].to_string());
                i = end;
            }
            _ => {
                out.literal += 1;
                i += 1;
            }
        }
    }
    out
}

/// Go's `strings.Replace(s, old, new, -1)`: an empty `old` matches before
/// every character and at the end.
fn go_replace(s: &str, old: &str, new: &str) -> String {
    if !old.is_empty() {
        return s.replace(old, new);
    }
    let mut out = String::with_capacity(s.len() + new.len() * (s.len() + 1));
    out.push_str(new);
    for ch in s.chars() {
        out.push(ch);
        out.push_str(new);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::eval;

    /// The size computed before a regex replacement is the size of what it
    /// then builds, for every form a replacement can take.
    #[test]
    fn regex_replaced_len_is_the_length_of_the_replacement() {
        let templates = [
            "",
            "$0",
            "$0$0$0",
            "${0}x",
            "$1",
            "$1x",
            "${1}x",
            "$$",
            "$$1",
            "$",
            "x$",
            "$2$1${2}${1}$$$$$",
            "${g}",
            "$g",
            "${}",
            "${",
            "${unclosed",
            "$-",
            "$10",
            "$01",
            "${99999999999999999999}",
            "é$0é",
            "$n_1 ${n_1}",
        ];
        let texts = ["", "abc", "abcb", "bbbb", "xyzé", "cbcbcb"];
        let patterns = ["b", "(b)(c)?", "(?P<g>b)", "(?P<n_1>b+)", "", "x*"];
        for p in patterns {
            let re = Regex::new(p).unwrap();
            for s in texts {
                for t in templates {
                    let refs = replacement_refs(t);
                    let len = replaced_len(&re, s, &refs, |_| Ok::<(), ()>(())).unwrap();
                    let built = re.replace_all(s, t);
                    assert_eq!(len, built.len(), "replace({s:?}, /{p}/, {t:?}) = {built:?}");
                }
            }
        }
    }

    #[test]
    fn a_replacement_that_multiplies_the_text_stops_before_it_is_built() {
        let v = eval(
            r#"replace(join("", [for i in range(1000) : "x"]), "/x+/", join("", [for i in range(1000) : "$0$0$0$0$0"]))"#,
        );
        let Kind::Unknown(u) = &v.kind else {
            panic!("expected a limit, got {v}")
        };
        assert!(
            u.cause.explain().contains("5000000 bytes"),
            "{}",
            u.cause.explain()
        );
    }

    #[test]
    fn indent_without_a_newline_is_the_text_however_wide() {
        assert_eq!(
            eval(r#"indent(1e18, "x")"#).as_known_str().as_deref(),
            Some("x")
        );
        assert!(eval(r#"indent(1e18, "x\ny")"#).is_unknown());
    }
}
