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
    let (config, config_problem) =
        crate::config::for_scan(req.config.as_deref(), &req.paths).map_err(|e| e.render(false))?;
    let opts = ScanOptions {
        exclude: req.exclude.clone(),
        vars: req.vars.clone(),
        var_files: req.var_files.clone(),
        jobs: req.jobs,
        keep_access: true,
        config_problem: config_problem.clone(),
        ..config.scan_options(req.paths.clone())
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
        .count()
        - usize::from(config_problem.is_some());
    let mut notes = Vec::new();
    if let Some(problem) = &config_problem {
        notes.push(format!(
            "tfkms: {}: invalid config: {}; the default settings were used",
            problem.location(),
            problem.message()
        ));
    }
    if unparsed > 0 {
        notes.push(format!(
            "tfkms: {unparsed} file{} could not be read or parsed, so what they declare is missing here; `tfkms scan` shows why",
            if unparsed == 1 { "" } else { "s" }
        ));
    }
    Ok((text, (!notes.is_empty()).then(|| notes.join("\n"))))
}
