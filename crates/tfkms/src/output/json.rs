//! `--format json`: a stable, versioned shape (see the README).

use super::{locate, ordered};
use crate::scan::ScanResult;
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

pub fn render(result: &ScanResult) -> String {
    let findings: Vec<Value> = ordered(result)
        .into_iter()
        .map(|(f, suppressed)| {
            let mut obj = finding(&result.sources, f);
            if let Some(s) = suppressed {
                obj["suppressed"] = json!({
                    "reason": s.reason,
                    "location": location(&result.sources, s.comment),
                });
            }
            obj
        })
        .collect();
    let mut doc = json!({
        "version": FORMAT_VERSION,
        "tool": {"name": "tfkms", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files": result.files,
            "documents": result.document_count,
            "findings": result.findings.len(),
            "suppressed": result.suppressed.len(),
        },
        "findings": findings,
    });
    if let Some(b) = &result.baseline {
        doc["baseline"] = json!({
            "path": b.path,
            "matched": b.matched,
            "absent": b.absent,
        });
    }
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialize");
    s.push('\n');
    s
}
