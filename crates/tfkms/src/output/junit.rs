//! `--format junit`: JUnit XML for CI systems that show test reports
//! (GitLab, Jenkins, Azure Pipelines, test-report actions).
//!
//! One test suite per rule, one test case per rule and scanned file, so a
//! report lists what was checked as well as what failed; each finding is a
//! `<failure>` of its rule's test case for its file.

use super::RepoRoot;
use crate::scan::ScanResult;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use tfkms_rules::finding::Finding;

pub fn render(result: &ScanResult, root: &RepoRoot) -> String {
    let mut files: Vec<String> = result
        .sources
        .files()
        .map(|(_, f)| root.path(&f.display_path))
        .collect();
    files.sort();
    files.dedup();

    // Findings by rule, then by the file they point at, in report order.
    let mut by_rule: BTreeMap<&str, BTreeMap<String, Vec<&Finding>>> = BTreeMap::new();
    for f in &result.findings {
        let path = root.path(&result.sources.get(f.primary.span.file).display_path);
        by_rule
            .entry(f.rule.code)
            .or_default()
            .entry(path)
            .or_default()
            .push(f);
    }

    let metas = tfkms_rules::all_metas();
    let tests = metas.len() * files.len();
    let failures = result.findings.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"tfkms\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for meta in metas {
        let findings = by_rule.get(meta.code);
        let suite_failures: usize = findings.map_or(0, |m| m.values().map(Vec::len).sum());
        let _ = writeln!(
            out,
            "  <testsuite name=\"{} {}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"0\">",
            meta.code,
            meta.slug,
            files.len()
        );
        for file in &files {
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}.{}\" file=\"{}\"",
                xml(file),
                meta.code,
                meta.slug,
                xml(file)
            );
            match findings.and_then(|m| m.get(file)) {
                None => out.push_str("/>\n"),
                Some(fs) => {
                    out.push_str(">\n");
                    for f in fs {
                        failure(&mut out, result, root, f);
                    }
                    out.push_str("    </testcase>\n");
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn failure(out: &mut String, result: &ScanResult, root: &RepoRoot, f: &Finding) {
    let loc = root.locate(&result.sources, f.primary.span);
    let mut body = format!(
        "{}:{}:{}: {} {}\n{}\n",
        loc.path,
        loc.start_line,
        loc.start_column,
        f.severity.as_str(),
        f.rule.code,
        f.message
    );
    if let Some(help) = &f.help {
        let _ = writeln!(body, "help: {help}");
    }
    for d in &f.documents {
        let _ = writeln!(body, "in {d}");
    }
    for r in &f.related {
        let l = root.locate(&result.sources, r.span);
        let _ = writeln!(
            body,
            "  {}:{}:{}: {}",
            l.path, l.start_line, l.start_column, r.message
        );
    }
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{}\">{}</failure>",
        xml(&f.message),
        f.severity.as_str(),
        xml_text(&body)
    );
}

/// Escapes an XML attribute value. Characters XML 1.0 cannot carry at all
/// (most control characters) become U+FFFD; line breaks and tabs are kept
/// as references, which parsers would otherwise normalise to spaces.
fn xml(s: &str) -> String {
    escape(s, true)
}

/// Escapes XML element text, where line breaks stay as they are.
fn xml_text(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            // A raw CR would be read as a line break.
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml("a<b & \"c\"\n\u{1}"),
            "a&lt;b &amp; &quot;c&quot;&#10;\u{fffd}"
        );
        assert_eq!(
            xml_text("a<b \"c\"\n\r\u{1}"),
            "a&lt;b \"c\"\n&#13;\u{fffd}"
        );
    }
}
