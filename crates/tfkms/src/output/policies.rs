//! `tfkms policies`: every resolved document with its address and location.

use super::locate;
use crate::scan::ScanResult;
use serde_json::json;

pub fn render(result: &ScanResult, as_json: bool, keep: &dyn Fn(&str) -> bool) -> String {
    if as_json {
        let docs: Vec<_> = result
            .documents
            .iter()
            .filter(|d| keep(&d.address))
            .map(|d| {
                let l = locate(&result.sources, d.span);
                json!({
                    "address": d.address,
                    "location": {"path": l.path, "start": {"line": l.start_line, "column": l.start_column}},
                    "complete": d.complete,
                    "json": d.rendered_text(),
                })
            })
            .collect();
        let mut s = serde_json::to_string_pretty(&json!({"version": 1, "documents": docs}))
            .expect("JSON values always serialize");
        s.push('\n');
        return s;
    }
    let mut out = String::new();
    for d in result.documents.iter().filter(|d| keep(&d.address)) {
        let l = locate(&result.sources, d.span);
        out.push_str(&format!(
            "# {}  ({}:{}:{}){}\n",
            d.address,
            l.path,
            l.start_line,
            l.start_column,
            if d.complete {
                ""
            } else {
                "  [incomplete: unknown parts shown as ${...}]"
            }
        ));
        match d.rendered_text() {
            Some(r) => out.push_str(&r),
            None => out.push_str("(not rendered)"),
        }
        out.push_str("\n\n");
    }
    out
}
