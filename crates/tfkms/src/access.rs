//! `tfkms access`: scans like `tfkms scan`, then prints the key-access
//! model instead of findings.

use crate::output::access::{self, Selection};
use crate::scan::{ScanOptions, scan};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessFormat {
    Human,
    Json,
    Dot,
    Mermaid,
}

pub struct AccessRequest {
    pub paths: Vec<PathBuf>,
    pub vars: Vec<(String, String)>,
    pub var_files: Vec<PathBuf>,
    pub exclude: Vec<String>,
    pub config: Option<PathBuf>,
    pub key: Option<String>,
    pub principal: Option<String>,
    pub format: AccessFormat,
    pub jobs: Option<usize>,
}

/// The report, and what stderr should say (files that could not be
/// parsed, so their keys are missing). `Err` is a usage error.
pub fn run(req: &AccessRequest) -> Result<(String, Option<String>), String> {
    let glob =
        |pattern: &Option<String>, what: &str| -> Result<Option<globset::GlobMatcher>, String> {
            pattern
                .as_deref()
                .map(|p| {
                    globset::Glob::new(p)
                        .map(|g| g.compile_matcher())
                        .map_err(|e| format!("invalid {what} pattern: {e}"))
                })
                .transpose()
        };
    let key = glob(&req.key, "--key")?;
    let principal = glob(&req.principal, "--principal")?;
    let config =
        crate::config::for_paths(req.config.as_deref(), &req.paths).map_err(|e| e.render(false))?;
    let opts = ScanOptions {
        paths: req.paths.clone(),
        exclude: req.exclude.clone(),
        vars: req.vars.clone(),
        var_files: req.var_files.clone(),
        rules: config.rules.clone(),
        anchored_exclude: match config.dir() {
            Some(dir) => config
                .exclude
                .iter()
                .map(|g| (dir.clone(), g.clone()))
                .collect(),
            None => Vec::new(),
        },
        own_accounts: config.own_accounts.clone(),
        trusted_alias_patterns: config.trusted_alias_patterns.clone(),
        limits: config.limits.clone(),
        jobs: req.jobs,
        keep_access: true,
        refused: config.refused.iter().cloned().collect(),
        ..ScanOptions::default()
    };
    let result = scan(&opts).map_err(|e| e.to_string())?;
    let keep_key = |a: &str| key.as_ref().is_none_or(|m| m.is_match(a));
    let keep_principal = |a: &str| principal.as_ref().is_none_or(|m| m.is_match(a));
    let sel = Selection::new(&result.access, &keep_key, &keep_principal);
    let text = match req.format {
        AccessFormat::Human => access::human(&result.sources, &sel),
        AccessFormat::Json => access::json(&result.sources, &sel),
        AccessFormat::Dot => access::dot(&sel),
        AccessFormat::Mermaid => access::mermaid(&sel),
    };
    let unparsed = result
        .findings
        .iter()
        .filter(|f| f.rule.code == "TFKMS000")
        .count();
    let note = (unparsed > 0).then(|| {
        format!(
            "tfkms: {unparsed} file{} could not be read or parsed, so what they declare is missing here; `tfkms scan` shows why",
            if unparsed == 1 { "" } else { "s" }
        )
    });
    Ok((text, note))
}
