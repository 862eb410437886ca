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
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let eq = |x: char, y: char| {
        if case_insensitive {
            x.to_lowercase().eq(y.to_lowercase())
        } else {
            x == y
        }
    };
    // Dynamic programming over (i, j): can a[i..] and b[j..] match a common
    // string. Bounded by the pattern lengths.
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![vec![false; m + 1]; n + 1];
    dp[n][m] = true;
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            if i == n && j == m {
                continue;
            }
            let ai = a.get(i).copied();
            let bj = b.get(j).copied();
            dp[i][j] = match (ai, bj) {
                (Some('*'), _) => {
                    dp[i + 1][j] || (j < m && dp[i][j + 1]) || (j < m && dp[i + 1][j + 1])
                }
                (_, Some('*')) => dp[i][j + 1] || (i < n && dp[i + 1][j]),
                (Some(x), Some(y)) => (x == '?' || y == '?' || eq(x, y)) && dp[i + 1][j + 1],
                _ => false,
            };
        }
    }
    dp[0][0]
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
}
