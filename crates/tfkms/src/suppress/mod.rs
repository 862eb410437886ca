//! Inline suppressions: `# tfkms:ignore CODE reason` comments.
//!
//! A suppression applies to one line: the line it ends, or, standing on a
//! line of its own, the next line that is not only a comment (so several
//! can be stacked). It suppresses a finding when that line is one the
//! finding's primary span covers, or the first line of the finding's
//! statement block or policy document, so one comment above a block
//! accepts everything in it for the rules it names.
//!
//! As with ruff's `noqa`, suppressions are checked too: one that names no
//! rule, an unknown rule or no reason is reported (TFKMS012), and a rule
//! named where it finds nothing is reported as unused (TFKMS013), with a fix
//! that removes it. A suppression past its `until=` date suppresses nothing
//! and the finding says so.

pub mod date;
pub mod directive;

pub use date::Date;

use crate::config::RuleSettings;
use crate::scan::ScanResult;
use directive::Parsed;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use tfkms_rules::finding::{Edit, Finding, Fix};
use tfkms_rules::rules::{invalid_suppression, unused_suppression};
use tfkms_syntax::comments::{Comment, CommentStyle};
use tfkms_syntax::{FileId, FileKind, SourceFile, SourceMap, Span};

/// A finding a suppression accepted: reported apart, and never failing the
/// scan.
#[derive(Clone, Debug)]
pub struct Suppressed {
    pub finding: Finding,
    pub reason: Option<String>,
    /// The suppression comment.
    pub comment: Span,
}

/// One rule named in a suppression.
struct Named {
    code: &'static str,
    span: Span,
    used: bool,
}

struct Suppression {
    comment: Span,
    own_line: bool,
    /// The line it applies to; `None` when it is the file's last line.
    target: Option<u32>,
    named: Vec<Named>,
    /// Every code token as written, valid or not, for removing one.
    tokens: Vec<Span>,
    until: Option<Date>,
    reason: Option<String>,
}

/// Applies the rule settings and the inline suppressions to a finished
/// scan: findings of rules that are off are dropped, suppressed ones move
/// to `result.suppressed`, and problems with the suppressions themselves
/// join the findings.
pub fn finish(result: &mut ScanResult, rules: &RuleSettings, today: Date) {
    finish_knowing(result, rules, today, &[]);
}

/// [`finish`], with whether each of the first files mentions tfkms (so may
/// hold suppressions) already known: the incremental engine keeps that per
/// file rather than search every text again at each edit.
pub(crate) fn finish_knowing(
    result: &mut ScanResult,
    rules: &RuleSettings,
    today: Date,
    mentions: &[bool],
) {
    rules.apply(&mut result.findings);
    let findings = std::mem::take(&mut result.findings);
    let (mut active, mut suppressed, mut problems) =
        apply_knowing(&result.sources, findings, rules, today, mentions);
    // A fix shared with a suppressed finding (one rewrite of a statement)
    // would change what the suppression accepted: it is not offered.
    let held: Vec<&Fix> = suppressed
        .iter()
        .filter_map(|s| s.finding.fix.as_ref())
        .collect();
    for f in &mut active {
        if f.fix.as_ref().is_some_and(|x| held.contains(&x)) {
            f.fix = None;
        }
    }
    rules.apply(&mut problems);
    active.extend(problems);
    active.sort_by(|a, b| report_order(&result.sources, a, b));
    suppressed.sort_by(|a, b| report_order(&result.sources, &a.finding, &b.finding));
    result.findings = active;
    result.suppressed = suppressed;
}

/// The order findings are reported in: by path, then position and code.
pub fn report_order(sources: &SourceMap, a: &Finding, b: &Finding) -> Ordering {
    let path = |f: &Finding| sources.get(f.primary.span.file).display_path.as_str();
    path(a)
        .cmp(path(b))
        .then_with(|| a.sort_key().cmp(&b.sort_key()))
}

/// Splits `findings` into those still reported and those suppressed, and
/// reports the suppressions' own problems.
pub fn apply(
    sources: &SourceMap,
    findings: Vec<Finding>,
    rules: &RuleSettings,
    today: Date,
) -> (Vec<Finding>, Vec<Suppressed>, Vec<Finding>) {
    apply_knowing(sources, findings, rules, today, &[])
}

/// [`apply`], with whether each of the first files mentions tfkms known.
fn apply_knowing(
    sources: &SourceMap,
    findings: Vec<Finding>,
    rules: &RuleSettings,
    today: Date,
    mentions: &[bool],
) -> (Vec<Finding>, Vec<Suppressed>, Vec<Finding>) {
    let mut problems = Vec::new();
    let mut all: Vec<Suppression> = Vec::new();
    for (id, file) in sources.files() {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        // `.hcl` files among the sources are Terragrunt configuration a
        // unit read (`include`, `read_terragrunt_config()`).
        let native = name.ends_with(".hcl")
            || FileKind::from_name(&name)
                .is_some_and(|k| matches!(k, FileKind::Config | FileKind::Vars));
        let named = || match mentions.get(id.0 as usize) {
            Some(&known) => known,
            None => mentions_tfkms(&file.text),
        };
        if native && named() {
            read_file(id, file, &mut all, &mut problems);
        }
    }
    let mut by_line: BTreeMap<(FileId, u32), Vec<usize>> = BTreeMap::new();
    for (i, s) in all.iter().enumerate() {
        if let Some(line) = s.target {
            by_line.entry((s.comment.file, line)).or_default().push(i);
        }
    }

    // Nothing in a file that does not parse was checked, so its
    // suppressions cannot be told unused.
    let unparsed: BTreeSet<FileId> = findings
        .iter()
        .filter(|f| f.rule.code == tfkms_rules::PARSE_ERROR.code)
        .map(|f| f.primary.span.file)
        .collect();
    let mut active = Vec::new();
    let mut suppressed = Vec::new();
    for mut f in findings {
        let mut matched: BTreeSet<usize> = BTreeSet::new();
        for (file, first, last) in anchors(sources, &f) {
            for (_, list) in by_line.range((file, first)..=(file, last)) {
                for &i in list {
                    if all[i].named.iter().any(|n| n.code == f.rule.code) {
                        matched.insert(i);
                    }
                }
            }
        }
        for &i in &matched {
            for n in all[i].named.iter_mut().filter(|n| n.code == f.rule.code) {
                n.used = true;
            }
        }
        let expired = |s: &Suppression| s.until.is_some_and(|u| u < today);
        match matched.iter().find(|&&i| !expired(&all[i])) {
            Some(&i) => suppressed.push(Suppressed {
                finding: f,
                reason: all[i].reason.clone(),
                comment: all[i].comment,
            }),
            None => {
                for &i in &matched {
                    if let Some(until) = all[i].until {
                        f = f.related(
                            all[i].comment,
                            format!("this suppression expired on {until}; today is {today}"),
                        );
                    }
                }
                active.push(f);
            }
        }
    }

    for s in all.iter().filter(|s| !unparsed.contains(&s.comment.file)) {
        let expired = s.until.filter(|u| *u < today).map(|u| u.to_string());
        let any_used = s.named.iter().any(|n| n.used);
        for n in s.named.iter().filter(|n| !n.used) {
            // A rule that is off found nothing because it did not run.
            if rules.is_off(n.code) {
                continue;
            }
            let file = sources.get(s.comment.file);
            let removal = if any_used {
                remove_token(s, n.span)
            } else {
                remove_comment(file, s)
            };
            let fix = removal.map(|edit| Fix {
                description: if any_used {
                    format!("remove {} from the suppression", n.code)
                } else {
                    "remove the suppression".into()
                },
                edits: vec![edit],
            });
            problems.push(unused_suppression::unused(
                n.span,
                n.code,
                expired.as_deref(),
                fix,
            ));
        }
    }
    (active, suppressed, problems)
}

/// The places a suppression for `f` may target: the lines of its primary
/// span, and the first lines of its statement and documents.
fn anchors(sources: &SourceMap, f: &Finding) -> Vec<(FileId, u32, u32)> {
    let line = |offset: u32, file: FileId| sources.get(file).line_col(offset).line;
    let p = f.primary.span;
    let mut out = vec![(p.file, line(p.start, p.file), line(p.end, p.file))];
    for a in &f.anchors {
        let l = line(a.start, a.file);
        out.push((a.file, l, l));
    }
    out
}

/// Whether `text` contains `tfkms` in any case: every directive, and every
/// misspelling worth reporting, does. Lexing comments costs more than
/// parsing in a tree of thousands of files with none, so this is checked
/// first.
pub(crate) fn mentions_tfkms(text: &str) -> bool {
    // Anchored on the `k`: `t` is the commonest letter of Terraform source
    // and stopping at each one cost about ten times as many stops.
    let b = text.as_bytes();
    memchr::memchr2_iter(b'k', b'K', b).any(|k| {
        k.checked_sub(2)
            .and_then(|start| b.get(start..start + 5))
            .is_some_and(|w| w.eq_ignore_ascii_case(b"tfkms"))
    })
}

/// Reads one file's suppressions, reporting those that cannot be honoured.
/// The comments written in the contents of a Terragrunt file's `generate`
/// blocks that are parsed where they stand (crate::terragrunt): to the
/// lexer they are heredoc text, but they are comments of the file
/// Terragrunt writes, and findings in it point here.
fn generated_comments(id: FileId, file: &SourceFile) -> Vec<Comment> {
    if !file.display_path.ends_with(".hcl") {
        return Vec::new();
    }
    let Ok(body) = tfkms_syntax::parse(id, FileKind::Terragrunt, &file.text) else {
        return Vec::new();
    };
    crate::terragrunt::literal_contents(&body, &file.text)
        .into_iter()
        .flat_map(|literal| {
            let only = crate::terragrunt::only_within(&file.text, literal);
            tfkms_syntax::comments::comments(&only)
        })
        .collect()
}

fn read_file(
    id: FileId,
    file: &SourceFile,
    out: &mut Vec<Suppression>,
    problems: &mut Vec<Finding>,
) {
    let text: &str = &file.text;
    let mut comments = tfkms_syntax::comments::comments(text);
    comments.extend(generated_comments(id, file));
    comments.sort_by_key(|c| c.range.start);
    let next_code = next_code_lines(file, &comments);
    for c in &comments {
        if c.style == CommentStyle::Block {
            continue;
        }
        let body = &text[c.body.clone()];
        let span =
            |r: std::ops::Range<usize>| Span::new(id, c.body.start + r.start, c.body.start + r.end);
        let comment = Span::new(id, c.range.start, c.range.end);
        let d = match directive::parse(body) {
            Parsed::NotADirective => continue,
            Parsed::Misspelled => {
                problems.push(invalid_suppression::misspelled(comment));
                continue;
            }
            Parsed::Directive(d) => d,
        };
        let line = file.line_col(comment.start).line;
        let own_line = tfkms_rules::rewrite::is_line_start(text, c.range.start);
        let target = if own_line {
            next_code.get(line as usize + 1).copied().flatten()
        } else {
            Some(line)
        };
        let mut named = Vec::new();
        for (range, token) in &d.codes {
            let s = span(range.clone());
            match tfkms_rules::find_meta(token) {
                None => problems.push(invalid_suppression::unknown_rule(s, token)),
                Some(m)
                    if tfkms_rules::scan_metas()[1..]
                        .iter()
                        .any(|x| x.code == m.code) =>
                {
                    problems.push(invalid_suppression::not_suppressible(s, m.code))
                }
                Some(m) => named.push(Named {
                    code: m.code,
                    span: s,
                    used: false,
                }),
            }
        }
        if d.codes.is_empty() {
            problems.push(invalid_suppression::no_rule(comment));
            continue;
        }
        let until = match &d.until {
            None => None,
            Some((range, date)) => match Date::parse(date) {
                Some(d) => Some(d),
                None => {
                    problems.push(invalid_suppression::invalid_until(
                        span(range.clone()),
                        date,
                    ));
                    None
                }
            },
        };
        if d.reason.is_none() {
            problems.push(invalid_suppression::no_reason(comment));
        }
        out.push(Suppression {
            comment,
            own_line,
            target,
            named,
            tokens: d.codes.iter().map(|(r, _)| span(r.clone())).collect(),
            until,
            reason: d.reason,
        });
    }
}

/// For each line, the first line at or after it that is not only a
/// comment: where a suppression standing above it applies. Index 0 is
/// unused; `None` past the last line.
fn next_code_lines(file: &SourceFile, comments: &[Comment]) -> Vec<Option<u32>> {
    let text: &str = &file.text;
    let last = file.line_count();
    let mut comment_only = vec![false; last + 2];
    for c in comments {
        let rest = text[c.range.end..].split('\n').next().unwrap_or("");
        if tfkms_rules::rewrite::is_line_start(text, c.range.start) && rest.trim().is_empty() {
            let first = file.line_col(c.range.start as u32).line as usize;
            let end = file.line_col(c.range.end as u32).line as usize;
            for flag in &mut comment_only[first..=end.min(last)] {
                *flag = true;
            }
        }
    }
    let mut next = vec![None; last + 2];
    for line in (1..=last).rev() {
        next[line] = if comment_only[line] {
            next[line + 1]
        } else {
            Some(line as u32)
        };
    }
    next
}

/// Removes the whole comment: its line when it stands alone, else the
/// comment and the blanks before it.
fn remove_comment(file: &SourceFile, s: &Suppression) -> Option<Edit> {
    let text: &str = &file.text;
    let (start, end) = (s.comment.start as usize, s.comment.end as usize);
    let range = if s.own_line {
        let line_start = tfkms_rules::rewrite::line_start(text, start);
        let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n + 1);
        line_start..line_end
    } else {
        text[..start].trim_end_matches([' ', '\t']).len()..end
    };
    Some(Edit {
        span: Span::new(s.comment.file, range.start, range.end),
        text: String::new(),
    })
}

/// Removes one code and the separator after it (or, for the last, before).
fn remove_token(s: &Suppression, token: Span) -> Option<Edit> {
    let i = s.tokens.iter().position(|t| *t == token)?;
    let span = match (s.tokens.get(i + 1), i.checked_sub(1).map(|p| s.tokens[p])) {
        (Some(next), _) => Span {
            end: next.start,
            ..token
        },
        (None, Some(prev)) => Span {
            start: prev.end,
            ..token
        },
        (None, None) => return None,
    };
    Some(Edit {
        span,
        text: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleSetting;
    use tfkms_rules::finding::{Label, Severity};
    use tfkms_rules::rules::alias_arn_in_resource::META as ALIAS_ARN;

    fn sources(text: &str) -> SourceMap {
        let mut map = SourceMap::new();
        map.add(SourceFile::new(
            "main.tf".into(),
            "main.tf".into(),
            text.into(),
        ));
        map
    }

    #[test]
    fn only_files_naming_tfkms_are_lexed_for_directives() {
        assert!(mentions_tfkms("# tfkms:ignore TFKMS002 reason"));
        assert!(mentions_tfkms("x = 1 // TfKmS-ignore"));
        assert!(mentions_tfkms("tfkms"));
        assert!(!mentions_tfkms("# tfkm"));
        assert!(!mentions_tfkms("kms key"));
        assert!(!mentions_tfkms("ends in tfk"));
        assert!(mentions_tfkms("aws_kms_key.k # after kms: TFKMS:ignore"));
        assert!(!mentions_tfkms(
            "resource \"t\" \"n\" { tags = { tf = \"kms\" } }"
        ));
    }

    /// A TFKMS001 finding on the first occurrence of `needle`.
    fn finding(text: &str, needle: &str) -> Finding {
        let start = text.find(needle).expect("needle in text");
        Finding::new(
            &ALIAS_ARN,
            Label {
                span: Span::new(FileId(0), start, start + needle.len()),
                message: String::new(),
            },
            "m",
        )
    }

    fn today() -> Date {
        Date::parse("2026-06-01").unwrap()
    }

    fn codes(list: &[Finding]) -> Vec<&str> {
        list.iter().map(|f| f.rule.code).collect()
    }

    #[test]
    fn stacked_suppressions_reach_the_next_line_with_code() {
        let text =
            "a = [\n  # tfkms:ignore TFKMS002 r2\n  # tfkms:ignore TFKMS001 r1\n  \"x\",\n]\n";
        let (active, suppressed, problems) = apply(
            &sources(text),
            vec![finding(text, "\"x\"")],
            &RuleSettings::default(),
            today(),
        );
        assert!(active.is_empty());
        assert_eq!(suppressed[0].reason.as_deref(), Some("r1"));
        // TFKMS002 was named above the same line and found nothing there.
        assert_eq!(codes(&problems), ["TFKMS013"]);
    }

    #[test]
    fn a_blank_line_ends_a_suppressions_reach() {
        let text = "# tfkms:ignore TFKMS001 r\n\na = \"x\"\n";
        let (active, _, problems) = apply(
            &sources(text),
            vec![finding(text, "\"x\"")],
            &RuleSettings::default(),
            today(),
        );
        assert_eq!(codes(&active), ["TFKMS001"]);
        assert_eq!(codes(&problems), ["TFKMS013"]);
    }

    #[test]
    fn an_expiry_is_inclusive() {
        let text = "a = \"x\" # tfkms:ignore TFKMS001 until=2026-06-01 r\n";
        let f = || vec![finding(text, "\"x\"")];
        let rules = RuleSettings::default();
        let (active, _, _) = apply(&sources(text), f(), &rules, today());
        assert!(active.is_empty(), "suppressed on its last day");
        let next_day = Date::parse("2026-06-02").unwrap();
        let (active, _, problems) = apply(&sources(text), f(), &rules, next_day);
        assert_eq!(codes(&active), ["TFKMS001"]);
        assert!(
            active[0]
                .related
                .iter()
                .any(|l| l.message.contains("expired on 2026-06-01"))
        );
        assert!(problems.is_empty(), "expired, not unused: {problems:?}");
    }

    #[test]
    fn unused_suppressions_are_not_reported_for_rules_that_are_off_or_files_that_do_not_parse() {
        let text = "# tfkms:ignore TFKMS001,TFKMS002 r\na = \"x\"\n";
        let mut rules = RuleSettings::default();
        rules.set(
            &tfkms_rules::rules::wildcard_alias_condition::META,
            RuleSetting::Off,
        );
        let (_, _, problems) = apply(&sources(text), Vec::new(), &rules, today());
        assert_eq!(codes(&problems), ["TFKMS013"]);
        assert!(problems[0].message.contains("TFKMS001"));

        let parse_error = Finding::new(
            &tfkms_rules::PARSE_ERROR,
            Label {
                span: Span::new(FileId(0), 0, 0),
                message: String::new(),
            },
            "broken",
        );
        let (active, _, problems) = apply(
            &sources(text),
            vec![parse_error],
            &RuleSettings::default(),
            today(),
        );
        assert_eq!(codes(&active), ["TFKMS000"]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn unused_codes_are_removed_alone_or_with_the_whole_comment() {
        let text =
            "a = \"x\" # tfkms:ignore TFKMS002, TFKMS001 r\nb = 1 # tfkms:ignore TFKMS002 r\n";
        let (_, suppressed, problems) = apply(
            &sources(text),
            vec![finding(text, "\"x\"")],
            &RuleSettings::default(),
            today(),
        );
        assert_eq!(suppressed.len(), 1);
        let removed: Vec<&str> = problems
            .iter()
            .map(|p| {
                let e = &p.fix.as_ref().unwrap().edits[0];
                &text[e.span.range()]
            })
            .collect();
        assert_eq!(removed, ["TFKMS002, ", " # tfkms:ignore TFKMS002 r"]);
        assert!(problems.iter().all(|p| p.severity == Severity::Warning));
    }
}
