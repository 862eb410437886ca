//! `--format json`: a stable, versioned shape (see the README).

use super::locate;
use crate::scan::ScanResult;
use serde_json::{Value, json};
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

pub fn render(result: &ScanResult) -> String {
    let findings: Vec<Value> = result
        .findings
        .iter()
        .map(|f| {
            let mut obj = json!({
                "code": f.rule.code,
                "slug": f.rule.slug,
                "severity": f.severity.as_str(),
                "message": f.message,
                "help": f.help,
                "location": location(&result.sources, f.primary.span),
                "label": f.primary.message,
                "related": f.related.iter().map(|r| json!({
                    "message": r.message,
                    "location": location(&result.sources, r.span),
                })).collect::<Vec<_>>(),
                "document": f.documents.first(),
                "documents": f.documents,
                "statement": f.statement,
            });
            if let Some(fix) = &f.fix {
                obj["fix"] = json!({
                    "description": fix.description,
                    "edits": fix.edits.iter().map(|e| json!({
                        "location": location(&result.sources, e.span),
                        "text": e.text,
                    })).collect::<Vec<_>>(),
                });
            }
            obj
        })
        .collect();
    let doc = json!({
        "version": FORMAT_VERSION,
        "tool": {"name": "tfkms", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files": result.files,
            "documents": result.document_count,
            "findings": result.findings.len(),
        },
        "findings": findings,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialize");
    s.push('\n');
    s
}
