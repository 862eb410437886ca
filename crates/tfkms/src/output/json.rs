//! `--format json`: a stable, versioned shape (see the README).

use super::{locate, ordered};
use crate::scan::ScanResult;
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use tfkms_rules::finding::Finding;
use tfkms_syntax::{SourceMap, Span};

pub const FORMAT_VERSION: u32 = 1;

fn location(sources: &SourceMap, span: Span) -> Value {
    let l = locate(sources, span);
    json!({
        "path": l.path,
        "start": {"line": l.start_line, "column": l.start_column},
        "end": {"line": l.end_line, "column": l.end_column},
    })
}

fn finding(sources: &SourceMap, f: &Finding) -> Value {
    let mut obj = json!({
        "code": f.rule.code,
        "slug": f.rule.slug,
        "severity": f.severity.as_str(),
        "message": f.message,
        "help": f.help,
        "location": location(sources, f.primary.span),
        "label": f.primary.message,
        "related": f.related.iter().map(|r| json!({
            "message": r.message,
            "location": location(sources, r.span),
        })).collect::<Vec<_>>(),
        "document": f.documents.first(),
        "documents": f.documents,
        "statement": f.statement,
    });
    if let Some(fix) = &f.fix
        && let Some((span, text)) = super::replacement(sources, fix)
    {
        obj["fix"] = json!({
            "description": fix.description,
            "replacement": {"location": location(sources, span), "text": text},
        });
    }
    obj
}

/// The report's top level. Its fields are in the order a `Value` map keeps
/// (by name), so the output is what one `Value` of it would print.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<Value>,
    findings: Findings<'a>,
    summary: Value,
    tool: Value,
    version: u32,
}

/// The findings, each made a `Value` only while it is written: a `Value`
/// of every finding at once took tens of kilobytes per finding, and a
/// document of 100,000 findings ran out of memory.
struct Findings<'a>(&'a ScanResult);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let result = self.0;
        let all = ordered(result);
        let mut seq = serializer.serialize_seq(Some(all.len()))?;
        for (f, suppressed) in all {
            let mut obj = finding(&result.sources, f);
            if let Some(s) = suppressed {
                obj["suppressed"] = json!({
                    "reason": s.reason,
                    "location": location(&result.sources, s.comment),
                });
            }
            seq.serialize_element(&obj)?;
        }
        seq.end()
    }
}

pub fn render(result: &ScanResult) -> String {
    let report = Report {
        baseline: result.baseline.as_ref().map(|b| {
            json!({
                "path": b.path,
                "matched": b.matched,
                "absent": b.absent,
            })
        }),
        findings: Findings(result),
        summary: json!({
            "files": result.files,
            "documents": result.document_count,
            "findings": result.findings.len(),
            "suppressed": result.suppressed.len(),
        }),
        tool: json!({"name": "tfkms", "version": env!("CARGO_PKG_VERSION")}),
        version: FORMAT_VERSION,
    };
    let mut s = serde_json::to_string_pretty(&report).expect("JSON values always serialize");
    s.push('\n');
    s
}
