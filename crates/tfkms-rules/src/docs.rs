//! The rule pages users read, generated from each rule's documentation so
//! the two can never disagree. `docs/rules/` holds the generated pages; a
//! test fails when they are stale (`TFKMS_UPDATE_DOCS=1` rewrites them).

use crate::finding::RuleMeta;

/// The Markdown page of one rule.
pub fn rule_page(meta: &RuleMeta) -> String {
    format!(
        "<!-- Generated from crates/tfkms-rules by `TFKMS_UPDATE_DOCS=1 cargo test -p tfkms-rules --test docs`; do not edit. -->\n\
         # {code} {slug}\n\n\
         Default severity: **{severity}**. {summary}.\n\n\
         {docs}",
        code = meta.code,
        slug = meta.slug,
        severity = meta.severity.as_str(),
        summary = meta.summary.trim_end_matches('.'),
        docs = meta.docs.trim_start(),
    )
}

/// The file name of a rule's page.
pub fn page_name(meta: &RuleMeta) -> String {
    format!("{}-{}.md", meta.code, meta.slug)
}

/// The index page: every rule with a link to its page.
pub fn index_page(metas: &[&RuleMeta]) -> String {
    let mut out = String::from(
        "<!-- Generated from crates/tfkms-rules; do not edit. -->\n# tfkms rules\n\n\
         | code | slug | default severity | what it reports |\n|---|---|---|---|\n",
    );
    for m in metas {
        out.push_str(&format!(
            "| [{}]({}) | {} | {} | {} |\n",
            m.code,
            page_name(m),
            m.slug,
            m.severity.as_str(),
            m.summary.replace('|', "\\|")
        ));
    }
    out
}
