//! IAM wildcard matching (`*` any run of characters, `?` one character),
//! implemented once for every rule.

/// Whether `text` matches the IAM `pattern`.
pub fn matches(pattern: &str, text: &str, case_insensitive: bool) -> bool {
    // Rules call this for every action and resource of every statement:
    // ASCII input (nearly all of it) is matched on the bytes in place.
    if pattern.is_ascii() && text.is_ascii() {
        let eq = |a: u8, b: u8| {
            if case_insensitive {
                a.eq_ignore_ascii_case(&b)
            } else {
                a == b
            }
        };
        return wildcard_match(pattern.as_bytes(), text.as_bytes(), b'*', b'?', eq);
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let eq = |a: char, b: char| {
        if case_insensitive {
            a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    wildcard_match(&p, &t, '*', '?', eq)
}

/// Iterative matching with a single backtrack point: linear in practice and
/// never exponential on hostile patterns.
fn wildcard_match<T: Copy + PartialEq>(
    p: &[T],
    t: &[T],
    star_sym: T,
    one_sym: T,
    eq: impl Fn(T, T) -> bool,
) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == one_sym || (p[pi] != star_sym && eq(p[pi], t[ti]))) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == star_sym {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == star_sym {
        pi += 1;
    }
    pi == p.len()
}

/// Whether two IAM patterns can match a common string: used to tell whether
/// alias resources a policy may manage overlap an alias condition pattern.
pub fn patterns_overlap(a: &str, b: &str, case_insensitive: bool) -> bool {
    shortest_common_match(&collapse_stars(a), &collapse_stars(b), case_insensitive).is_some()
}

/// Like [`patterns_overlap`], for strings of at most `max_chars`
/// characters (an alias name has at most 256): whether some string that
/// long or shorter matches both. A pattern with more literal characters
/// matches no such string, so the search is bounded by `max_chars`
/// whatever the input.
pub fn patterns_overlap_within(a: &str, b: &str, case_insensitive: bool, max_chars: usize) -> bool {
    let (a, b) = (collapse_stars(a), collapse_stars(b));
    let literal = |p: &[char]| p.iter().filter(|c| **c != '*').count();
    if literal(&a) > max_chars || literal(&b) > max_chars {
        return false;
    }
    shortest_common_match(&a, &b, case_insensitive).is_some_and(|len| len <= max_chars)
}

/// The pattern's characters, with each run of `*` as one: `a**b` matches
/// what `a*b` matches, and the search below stays within the lengths.
fn collapse_stars(pattern: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(pattern.len());
    for c in pattern.chars() {
        if !(c == '*' && out.last() == Some(&'*')) {
            out.push(c);
        }
    }
    out
}

/// The length of the shortest string both patterns match, if any.
///
/// `len[i][j]` is that length for the suffixes `a[i..]` and `b[j..]`: a
/// `*` either ends here or takes the other side's next character (a
/// literal or `?`, one more character; another `*`, none, as one of two
/// overlapping runs ends first); two single characters agree when either
/// is `?` or they are equal. Rows are filled from the end, keeping two:
/// O(|a|·|b|) time, O(|b|) memory.
fn shortest_common_match(a: &[char], b: &[char], case_insensitive: bool) -> Option<usize> {
    let agree = |x: char, y: char| {
        x == '?'
            || y == '?'
            || x == y
            || (case_insensitive && x.to_lowercase().eq(y.to_lowercase()))
    };
    let (n, m) = (a.len(), b.len());
    let plus_one = |l: Option<usize>| l.map(|l| l + 1);
    // `below` is row i + 1, `row` row i.
    let mut below: Vec<Option<usize>> = vec![None; m + 1];
    let mut row: Vec<Option<usize>> = vec![None; m + 1];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            row[j] = match (a.get(i), b.get(j)) {
                (None, None) => Some(0),
                (Some('*'), next) => {
                    let ends = below[j];
                    let takes = match next {
                        None => None,
                        Some('*') => row[j + 1],
                        Some(_) => plus_one(row[j + 1]),
                    };
                    min_known(ends, takes)
                }
                (next, Some('*')) => {
                    let ends = row[j + 1];
                    let takes = next.and_then(|_| plus_one(below[j]));
                    min_known(ends, takes)
                }
                (Some(x), Some(y)) if agree(*x, *y) => plus_one(below[j + 1]),
                _ => None,
            };
        }
        std::mem::swap(&mut below, &mut row);
    }
    below[0]
}

fn min_known(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

pub fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_iam() {
        assert!(matches("kms:Decrypt*", "kms:DecryptSomething", true));
        assert!(matches("kms:*alias", "kms:CreateAlias", true));
        assert!(matches("kms:*Alias", "kms:CreateAlias", false));
        assert!(matches("alias/app-?", "alias/app-1", false));
        assert!(!matches("alias/app-?", "alias/app-12", false));
        assert!(matches("*", "", false));
        assert!(!matches("a*b", "ac", false));
        assert!(matches("alias/é*", "alias/É-1", true));
        assert!(!matches("alias/é*", "alias/É-1", false));
        assert!(matches("ALIAS/?-x", "alias/é-x", true));
        let hostile = "*a".repeat(50);
        assert!(!matches(&hostile, &"a".repeat(60).replace('a', "b"), false));
    }

    #[test]
    fn overlap_of_two_patterns() {
        assert!(patterns_overlap("alias/app-*", "alias/*", false));
        assert!(patterns_overlap("alias/app-*", "alias/app-prod", false));
        assert!(!patterns_overlap("alias/app-*", "alias/db-*", false));
        assert!(patterns_overlap("*", "alias/x", false));
        assert!(patterns_overlap("alias/*-prod", "alias/app-*", false));
    }

    #[test]
    fn overlap_where_neither_pattern_covers_the_other() {
        // alias/app-data matches both.
        assert!(patterns_overlap("alias/app-*", "alias/*-data", false));
        assert!(!matches("alias/app-*", "alias/*-data", false));
        assert!(!matches("alias/*-data", "alias/app-*", false));
        // One character after `app-` never ends in `-data`.
        assert!(!patterns_overlap("alias/app-?", "alias/*-data", false));
        assert!(patterns_overlap("a*", "*b", false));
        assert!(patterns_overlap("*ab*", "*ba*", false)); // aba
        assert!(patterns_overlap("x*y*z", "*y*", false));
        assert!(patterns_overlap("a?c", "ab*", false));
        assert!(!patterns_overlap("a*b", "b*a", false));
    }

    #[test]
    fn overlap_counts_characters() {
        // `a*a` needs two characters, `a` is one.
        assert!(!patterns_overlap("a*a", "a", false));
        assert!(!patterns_overlap("??", "a", false));
        assert!(patterns_overlap("??", "*", false));
        assert!(patterns_overlap("", "", false));
        assert!(patterns_overlap("", "***", false));
        assert!(!patterns_overlap("", "?", false));
        assert!(patterns_overlap("a***b", "a?b", false));
    }

    #[test]
    fn overlap_ignores_case_only_when_asked() {
        assert!(patterns_overlap("ALIAS/*", "alias/x", true));
        assert!(!patterns_overlap("ALIAS/*", "alias/x", false));
        assert!(patterns_overlap("alias/É*", "*é-x", true));
    }

    #[test]
    fn overlap_within_a_length_is_bounded_by_it() {
        let long = format!("alias/{}", "x".repeat(300));
        assert!(patterns_overlap(&long, "alias/*", false));
        assert!(!patterns_overlap_within(&long, "alias/*", false, 256));
        // Each fits, but a string matching both needs 406 characters.
        let a = format!("alias/{}*", "a".repeat(200));
        let b = format!("*{}", "b".repeat(200));
        assert!(patterns_overlap(&a, &b, false));
        assert!(!patterns_overlap_within(&a, &b, false, 256));
        assert!(patterns_overlap_within(
            "alias/app-*",
            "alias/*-data",
            false,
            256
        ));
        // Hostile input is refused by its literal length before any search.
        let hostile = "*a".repeat(1_000_000);
        assert!(!patterns_overlap_within(&hostile, &hostile, false, 256));
        let stars = "*".repeat(1_000_000);
        assert!(patterns_overlap_within(&stars, "alias/x", false, 256));
    }

    /// Every pair of patterns of up to three characters over `a`, `b`,
    /// `*`, `?` against every string of up to six characters over `a`
    /// and `b` (a shortest common string of two such patterns has at most
    /// six, and needs no other letter): the overlap and the shortest
    /// length agree with matching.
    #[test]
    fn overlap_agrees_with_matching_exhaustively() {
        fn all(alphabet: &[char], max: usize) -> Vec<String> {
            let mut out = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..max {
                last = last
                    .iter()
                    .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                    .collect();
                out.extend(last.iter().cloned());
            }
            out
        }
        let patterns = all(&['a', 'b', '*', '?'], 3);
        let texts = all(&['a', 'b'], 6);
        for a in &patterns {
            for b in &patterns {
                let shortest = texts
                    .iter()
                    .filter(|t| matches(a, t, false) && matches(b, t, false))
                    .map(|t| t.chars().count())
                    .min();
                let got = shortest_common_match(&collapse_stars(a), &collapse_stars(b), false);
                assert_eq!(got, shortest, "{a:?} {b:?}");
                assert_eq!(
                    patterns_overlap(a, b, false),
                    shortest.is_some(),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
