//! `tfkms scan --fix`: applies the fixes findings carry, by byte span, so
//! every byte outside the edits (comments, formatting) is kept.
//!
//! As in ruff, a pass applies every fix whose edits do not overlap those of
//! a fix taken before it in the file, then the project is scanned again
//! and the next pass takes what is left, until nothing changes (or a pass
//! limit is reached). A file is written only when its new text parses; a
//! file that changed on disk since it was read is left alone.

use crate::scan::{ScanError, ScanOptions, ScanResult, scan};
use std::collections::BTreeMap;
use std::path::Path;
use tfkms_rules::finding::{Edit, Finding};
use tfkms_syntax::{FileId, FileKind, SourceFile};

/// Enough for fixes that unblock one another; a pass that fixes nothing
/// ends the loop first.
const MAX_PASSES: usize = 8;

/// One fix written to a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub path: String,
    pub code: &'static str,
    pub description: String,
}

/// A file whose fixes were not written, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct FixReport {
    pub applied: Vec<Applied>,
    pub skipped: Vec<Skipped>,
}

/// Scans, applies the fixes, and scans again until nothing is left to fix;
/// returns the last scan (what remains) and what was changed. With a
/// `baseline`, the findings it records are left alone, fixes included: a
/// team that accepted them for now has not asked for their code to change
/// (the returned result has the baseline applied).
pub fn scan_and_fix(
    opts: &ScanOptions,
    baseline: Option<&Path>,
) -> Result<(ScanResult, FixReport), ScanError> {
    let scan_once = || -> Result<ScanResult, ScanError> {
        let mut result = scan(opts)?;
        if let Some(path) = baseline {
            crate::baseline::apply(&mut result, path)
                .map_err(|e| ScanError::Usage(e.to_string()))?;
        }
        Ok(result)
    };
    let mut report = FixReport::default();
    let mut result = scan_once()?;
    for _ in 0..MAX_PASSES {
        let pass = apply(&result);
        let changed = !pass.applied.is_empty();
        report.applied.extend(pass.applied);
        for s in pass.skipped {
            if !report.skipped.contains(&s) {
                report.skipped.push(s);
            }
        }
        if !changed {
            break;
        }
        result = scan_once()?;
    }
    Ok((result, report))
}

/// One pass: writes the non-overlapping fixes of `result`'s findings.
pub fn apply(result: &ScanResult) -> FixReport {
    let mut report = FixReport::default();
    let mut by_file: BTreeMap<FileId, Vec<&Finding>> = BTreeMap::new();
    let accepted = result
        .baseline
        .as_ref()
        .map_or(&[][..], |b| b.accepted.as_slice());
    for f in &result.findings {
        let Some(fix) = &f.fix else { continue };
        let Some(first) = fix.edits.first() else {
            continue;
        };
        // One statement's fix rewrites all of its alias ARNs: it must not
        // rewrite one that the baseline accepts.
        let touches_accepted = fix.edits.iter().any(|e| {
            accepted
                .iter()
                .any(|a| a.file == e.span.file && a.start < e.span.end && e.span.start < a.end)
        });
        if touches_accepted {
            continue;
        }
        // A fix is applied whole or not at all, so its edits must all be in
        // one file to be written in one go.
        if fix.edits.iter().all(|e| e.span.file == first.span.file) {
            by_file.entry(first.span.file).or_default().push(f);
        }
    }
    for (file, findings) in by_file {
        let source = result.sources.get(file);
        let (text, applied) = edited(source, &findings);
        if applied.is_empty() {
            continue;
        }
        match check_and_write(source, &text) {
            Ok(()) => report.applied.extend(applied),
            Err(reason) => report.skipped.push(Skipped {
                path: source.display_path.clone(),
                reason,
            }),
        }
    }
    report
}

/// The file's text with every fix applied that does not overlap one taken
/// before it. Fixes shared by several findings (one rewrite of a statement
/// that fixes each of its alias ARNs) are applied once and count for each.
fn edited(source: &SourceFile, findings: &[&Finding]) -> (String, Vec<Applied>) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    let mut order: Vec<&Finding> = findings.to_vec();
    order.sort_by_key(|f| f.fix.as_ref().map(|x| x.edits[0].span));
    for f in order {
        let Some(fix) = &f.fix else { continue };
        let duplicate = fix.edits.iter().all(|e| taken.contains(&e));
        let free = fix
            .edits
            .iter()
            .all(|e| taken.iter().all(|t| !conflicts(t, e)));
        if duplicate || free {
            if !duplicate {
                taken.extend(fix.edits.iter());
            }
            applied.push(Applied {
                path: source.display_path.clone(),
                code: f.rule.code,
                description: fix.description.clone(),
            });
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let text: &str = &source.text;
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in taken {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        match (text.get(at..start), text.get(start..end)) {
            (Some(before), Some(_)) => {
                out.push_str(before);
                out.push_str(&e.text);
                at = end;
            }
            // An edit outside the text (or inside a character) cannot come
            // from this file's findings; write nothing rather than guess.
            _ => return (text.to_string(), Vec::new()),
        }
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Edits conflict when they share a byte, or insert at the same place (the
/// order of the two texts would be a guess). An insertion touching a
/// replacement's end does not conflict with it.
fn conflicts(a: &Edit, b: &Edit) -> bool {
    let overlap = a.span.start < b.span.end && b.span.start < a.span.end;
    let same_insertion = a.span.is_empty() && b.span.is_empty() && a.span.start == b.span.start;
    overlap || same_insertion
}

fn check_and_write(source: &SourceFile, text: &str) -> Result<(), String> {
    let kind = source
        .path
        .file_name()
        .and_then(|n| FileKind::from_name(&n.to_string_lossy()))
        .ok_or("not a Terraform file")?;
    if tfkms_syntax::parse(FileId(0), kind, &source.text).is_err() {
        return Err("the file does not parse, so fixes are not applied to it".into());
    }
    if let Err(e) = tfkms_syntax::parse(FileId(0), kind, text) {
        return Err(format!(
            "the fixed text would not parse ({}); nothing was written",
            e.message
        ));
    }
    match std::fs::read_to_string(&source.path) {
        Ok(now) if *now == *source.text => {}
        Ok(_) => return Err("the file changed since it was scanned".into()),
        Err(e) => return Err(tfkms_syntax::discover::io_message(&e)),
    }
    std::fs::write(&source.path, text).map_err(|e| tfkms_syntax::discover::io_message(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tfkms_rules::finding::{Fix, Label};
    use tfkms_syntax::Span;

    fn finding(start: usize, end: usize, text: &str) -> Finding {
        let span = Span::new(FileId(0), start, end);
        let mut f = Finding::new(
            &tfkms_rules::rules::alias_arn_in_resource::META,
            Label {
                span,
                message: String::new(),
            },
            "m",
        );
        f.fix = Some(Fix {
            description: format!("to {text}"),
            edits: vec![Edit {
                span,
                text: text.into(),
            }],
        });
        f
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let source = SourceFile::new("x.tf".into(), "x.tf".into(), "abcdefgh".into());
        let a = finding(0, 3, "A");
        let b = finding(2, 5, "B");
        let c = finding(5, 8, "C");
        let again = finding(5, 8, "C");
        let (text, applied) = edited(&source, &[&b, &a, &c, &again]);
        assert_eq!(text, "AdeC");
        assert_eq!(applied.len(), 3, "a, c, and c's twin: {applied:?}");
    }
}
