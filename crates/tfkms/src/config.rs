//! `.tfkms.toml`: rule severities and disables, excludes, the team's own
//! accounts and trusted alias patterns.
//!
//! ```toml
//! exclude = ["legacy/**"]                  # relative to this file
//! own_accounts = ["111122223333"]
//! trusted_alias_patterns = ["alias/platform-*"]
//! same_account_roots = [["live/prod/*", "shared/prod"]]
//!
//! [rules]
//! TFKMS002 = "error"                       # or "warning", "note", "off"
//! kms-grant = "off"                        # codes or slugs
//!
//! [limits]                                 # see crate::limits
//! max_time = 10
//! ```
//!
//! The file is found by walking up from each scanned path to the
//! repository's root (the directory holding `.git`), or given with
//! `--config`. Every mistake in it is an error that points at the key or
//! value, with its line and column: a config that silently does less than
//! it says is worse than none.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use tfkms_rules::finding::{Finding, RuleMeta, Severity};
use toml::Spanned;

pub const FILE_NAME: &str = ".tfkms.toml";

/// What a config says about one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    Severity(Severity),
}

/// Per-rule settings by rule code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSettings {
    by_code: BTreeMap<&'static str, RuleSetting>,
}

impl RuleSettings {
    pub fn set(&mut self, rule: &'static RuleMeta, setting: RuleSetting) {
        self.by_code.insert(rule.code, setting);
    }

    pub fn get(&self, code: &str) -> Option<RuleSetting> {
        self.by_code.get(code).copied()
    }

    pub fn is_off(&self, code: &str) -> bool {
        self.get(code) == Some(RuleSetting::Off)
    }

    /// The rule's severity as configured; `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        match self.get(rule.code) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Severity(s)) => Some(s),
            None => Some(rule.severity),
        }
    }

    /// Drops the findings of rules that are off and gives the others their
    /// configured severity. A configured severity replaces the rule's own
    /// choice per finding (TFKMS002's error for `alias/*`), as asked.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| !self.is_off(f.rule.code));
        for f in findings {
            if let Some(RuleSetting::Severity(s)) = self.get(f.rule.code) {
                f.severity = s;
            }
        }
    }
}

/// A loaded config, its values checked.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it was read from; `None` when there is none.
    pub path: Option<PathBuf>,
    pub rules: RuleSettings,
    /// Globs relative to the config file's directory.
    pub exclude: Vec<String>,
    pub own_accounts: Vec<String>,
    pub trusted_alias_patterns: Vec<String>,
    /// A config file found but not read (a link leading out, not a regular
    /// file): reported as a finding there, and the defaults apply.
    pub refused: Option<tfkms_syntax::WalkProblem>,
    /// Evaluation limits, `[limits]` (see [`crate::limits`]).
    pub limits: tfkms_eval::Limits,
    /// Groups of root module globs, relative to the config file's
    /// directory: the roots of a group deploy to one account, so
    /// project-wide rules relate their policies.
    pub same_account_roots: Vec<Vec<String>>,
}

impl Config {
    /// The directory `exclude` is relative to.
    pub fn dir(&self) -> Option<PathBuf> {
        let path = self.path.as_ref()?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        Some(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()))
    }

    /// What this config sets for a scan of `paths`; the command line (or
    /// the editor) adds its own options to it.
    pub fn scan_options(&self, paths: Vec<PathBuf>) -> crate::scan::ScanOptions {
        let anchored = |globs: &[String]| match self.dir() {
            Some(dir) => globs.iter().map(|g| (dir.clone(), g.clone())).collect(),
            None => Vec::new(),
        };
        let same_account_roots = match self.dir() {
            Some(dir) => self
                .same_account_roots
                .iter()
                .map(|group| (dir.clone(), group.clone()))
                .collect(),
            None => Vec::new(),
        };
        crate::scan::ScanOptions {
            paths,
            rules: self.rules.clone(),
            anchored_exclude: anchored(&self.exclude),
            same_account_roots,
            own_accounts: self.own_accounts.clone(),
            trusted_alias_patterns: self.trusted_alias_patterns.clone(),
            limits: self.limits.clone(),
            refused: self.refused.iter().cloned().collect(),
            ..crate::scan::ScanOptions::default()
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    own_accounts: Vec<Spanned<String>>,
    #[serde(default)]
    trusted_alias_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    limits: crate::limits::RawLimits,
    #[serde(default)]
    same_account_roots: Vec<Vec<Spanned<String>>>,
}

/// A config that cannot be used, with the place in it to fix. Boxed: it is
/// rare, and the `Result`s that carry it stay small.
#[derive(Clone, Debug)]
pub struct ConfigError(Box<Details>);

#[derive(Clone, Debug)]
struct Details {
    /// The config's path as shown to users.
    pub display_path: String,
    /// The file's text; empty when it could not be read.
    pub text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl ConfigError {
    fn at(
        file: &ConfigFile,
        span: Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError(Box::new(Details {
            display_path: file.display_path.clone(),
            text: file.text.clone(),
            span: Some(span),
            message: message.into(),
            label: Some(label.into()),
            help,
        }))
    }

    fn without_location(display_path: String, message: String) -> ConfigError {
        ConfigError(Box::new(Details {
            display_path,
            text: String::new(),
            span: None,
            message,
            label: None,
            help: None,
        }))
    }

    /// Where in the config's text the mistake is, when it lies there (a
    /// file that cannot be read has no place in it).
    pub fn span(&self) -> Option<Range<usize>> {
        self.0.span.clone()
    }

    /// The config's path as shown to users.
    pub fn display_path(&self) -> &str {
        &self.0.display_path
    }

    /// The config's text (the user's own file, so it may be shown).
    pub fn text(&self) -> &str {
        &self.0.text
    }

    /// What the mark under the mistake says.
    pub fn label(&self) -> &str {
        self.0.label.as_deref().unwrap_or("here")
    }

    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// `path:line:column` of the problem (columns count characters).
    pub fn location(&self) -> String {
        let d = &self.0;
        match &d.span {
            Some(span) => {
                let start = span.start.min(d.text.len());
                let before = d.text.get(..start).unwrap_or("");
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                format!("{}:{line}:{column}", d.display_path)
            }
            None => d.display_path.clone(),
        }
    }

    /// The error as a located diagnostic with a snippet of the config.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let mut handler = miette::GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false);
        let mut out = String::new();
        let spans: Vec<Range<usize>> = self.0.span.iter().cloned().collect();
        // A long line is shown through a window, named with the true
        // position (miette would count the window's columns).
        let located = match crate::output::window::window(&self.0.text, &spans) {
            Some(w) => {
                handler = handler.without_primary_span_start();
                Located {
                    error: self,
                    span: self
                        .0
                        .span
                        .as_ref()
                        .map(|s| w.offset(s.start)..w.offset(s.end)),
                    source: miette::NamedSource::new(self.location(), w.text),
                }
            }
            None => Located {
                error: self,
                span: self.0.span.clone(),
                source: miette::NamedSource::new(&self.0.display_path, self.0.text.clone()),
            },
        };
        if handler.render_report(&mut out, &located).is_err() {
            out = format!("tfkms: {self}\n");
        }
        out
    }
}

/// The error with its file named in the snippet's header.
struct Located<'a> {
    error: &'a ConfigError,
    /// The error's span in `source`.
    span: Option<Range<usize>>,
    source: miette::NamedSource<String>,
}

impl fmt::Debug for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.error, f)
    }
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.error, f)
    }
}

impl std::error::Error for Located<'_> {}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.0.message)
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for Located<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("tfkms::config"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.error
            .0
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.error
            .0
            .span
            .as_ref()
            .map(|_| &self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(self.error.0.label.clone(), span),
        )))
    }
}

struct ConfigFile {
    display_path: String,
    text: String,
}

/// Directories the lookup stops at: a repository's root (`.git`, a
/// directory or a worktree's file) and a Terraform working directory.
const BOUNDARY_MARKERS: &[&str] = &[".git", ".terraform"];

/// The config file that applies to `start`: `.tfkms.toml` in its directory
/// or the nearest parent up to the lookup's [`boundary`]; with no boundary,
/// only `start`'s own, so a config planted in a shared parent directory
/// cannot change a scan.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = start_dir(start)?;
    let boundary = boundary(&start);
    let mut dir = start;
    loop {
        let candidate = dir.join(FILE_NAME);
        // Whatever it is: `load` refuses what is not a regular file inside.
        if candidate.symlink_metadata().is_ok() {
            return Some(candidate);
        }
        if boundary.as_ref().is_none_or(|b| *b == dir) || !dir.pop() {
            return None;
        }
    }
}

fn start_dir(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    if abs.is_dir() {
        Some(abs)
    } else {
        abs.parent().map(Path::to_path_buf)
    }
}

/// The nearest directory at or above `dir` holding one of
/// [`BOUNDARY_MARKERS`], without crossing into another filesystem.
pub fn boundary(dir: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let device = std::fs::metadata(dir).ok()?.dev();
    let mut dir = dir.to_path_buf();
    loop {
        let marked = BOUNDARY_MARKERS
            .iter()
            .any(|m| dir.join(m).symlink_metadata().is_ok());
        if marked {
            return Some(dir);
        }
        if !dir.pop() || std::fs::metadata(&dir).ok()?.dev() != device {
            return None;
        }
    }
}

/// The settings a scan of `paths` runs with, and a mistake in a discovered
/// config: that one does not stop the scan, which reports it where it is
/// (TFKMS000) and uses the default settings, so a pull request's findings
/// are not lost to a typo in its config. A config named with `explicit`
/// (`--config`) must be right, as any other argument.
pub fn for_scan(
    explicit: Option<&Path>,
    paths: &[PathBuf],
) -> Result<(Config, Option<ConfigError>), ConfigError> {
    match for_paths(explicit, paths) {
        Ok(config) => Ok((config, None)),
        Err(e) if explicit.is_none() && e.span().is_some() => Ok((Config::default(), Some(e))),
        Err(e) => Err(e),
    }
}

/// The config for a scan of `paths`: `explicit` when given, else the one
/// discovered from the paths, which must agree (one scan has one set of
/// rule settings and accounts).
pub fn for_paths(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Config, ConfigError> {
    if let Some(path) = explicit {
        return load(path);
    }
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut found: Vec<(Option<PathBuf>, &PathBuf)> = Vec::new();
    for p in paths {
        let config = discover(p);
        if !found.iter().any(|(c, _)| *c == config) {
            found.push((config, p));
        }
    }
    match found.as_slice() {
        [] | [(None, _)] => Ok(Config::default()),
        [(Some(path), _)] => load(path),
        [(a, pa), (b, pb), ..] => {
            let name = |c: &Option<PathBuf>| match c {
                Some(c) => display(c),
                None => "no config".to_string(),
            };
            Err(ConfigError::without_location(
                display(pa),
                format!(
                    "`{}` uses {} but `{}` uses {}; scan them separately or pass --config",
                    display(pa),
                    name(a),
                    display(pb),
                    name(b)
                ),
            ))
        }
    }
}

fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    tfkms_syntax::discover::display(&cwd, path)
}

/// Reads the config at `path` (named with `--config`, or discovered).
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let display_path = display(path);
    let bytes = match read_confined(path) {
        Ok(bytes) => bytes,
        Err(Unread::Refused(message)) => {
            return Ok(Config {
                refused: Some(tfkms_syntax::WalkProblem {
                    display_path,
                    message: format!(
                        "the config was not read: {message}; the scan used the default settings"
                    ),
                }),
                ..Config::default()
            });
        }
        Err(Unread::Io(why)) => {
            return Err(ConfigError::without_location(
                display_path,
                format!("cannot read the config: {why}"),
            ));
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        ConfigError::without_location(
            display_path.clone(),
            format!(
                "the config is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let file = ConfigFile { display_path, text };
    let mut config = parse(&file)?;
    config.path = Some(path.to_path_buf());
    Ok(config)
}

enum Unread {
    /// Not a file tfkms may read: reported as a finding.
    Refused(String),
    Io(String),
}

/// A config's bytes, when it is a regular file inside the area it governs
/// (the lookup's boundary, or its own directory): a link leading out of it
/// is never followed, and a FIFO or device is never opened, so neither can
/// show another file's content in an error.
fn read_confined(path: &Path) -> Result<Vec<u8>, Unread> {
    use tfkms_syntax::confine::{ReadRefusal, Refusal, Roots};
    // `--config .tfkms.toml` has an empty parent: the current directory.
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = start_dir(parent).ok_or_else(|| Unread::Io("no such file or directory".into()))?;
    let area = boundary(&dir).unwrap_or(dir);
    let absolute = std::path::absolute(path).map_err(|e| Unread::Io(e.to_string()))?;
    let real = match Roots::new(vec![area]).resolve(&absolute) {
        Ok(real) => real,
        Err(Refusal::Missing {
            through_link: false,
        }) => return Err(Unread::Io("no such file or directory".into())),
        Err(Refusal::Io(why)) => return Err(Unread::Io(why)),
        Err(r @ Refusal::Outside { .. }) => {
            return Err(Unread::Refused(format!("symbolic link {r}")));
        }
        Err(r) => return Err(Unread::Refused(r.to_string())),
    };
    tfkms_syntax::confine::read_regular(&real, tfkms_syntax::MAX_FILE_BYTES).map_err(|e| match e {
        ReadRefusal::Io(why) => Unread::Io(why),
        refused => Unread::Refused(refused.to_string()),
    })
}

/// Parses and checks a config's text; `display_path` names it in errors.
pub fn parse_str(display_path: &str, text: &str) -> Result<Config, ConfigError> {
    parse(&ConfigFile {
        display_path: display_path.into(),
        text: text.into(),
    })
}

fn parse(file: &ConfigFile) -> Result<Config, ConfigError> {
    let raw: RawConfig = toml::from_str(&file.text).map_err(|e| {
        let message = e.message().trim_end().to_string();
        ConfigError(Box::new(Details {
            display_path: file.display_path.clone(),
            text: file.text.clone(),
            span: e.span(),
            label: Some(label_for(&message).into()),
            help: None,
            message,
        }))
    })?;

    let mut config = Config::default();
    let mut seen: BTreeMap<&'static str, &Spanned<String>> = BTreeMap::new();
    for (key, value) in &raw.rules {
        let Some(meta) = tfkms_rules::find_meta(key.get_ref()) else {
            return Err(ConfigError::at(
                file,
                key.span(),
                format!("unknown rule `{}` in [rules]", key.get_ref()),
                "not a rule code or slug",
                Some("`tfkms rules` lists the codes and slugs".into()),
            ));
        };
        if let Some(first) = seen.insert(meta.code, key) {
            return Err(ConfigError::at(
                file,
                key.span(),
                format!(
                    "`{}` and `{}` both name {}",
                    first.get_ref(),
                    key.get_ref(),
                    meta.code
                ),
                "named twice",
                None,
            ));
        }
        let setting = match value.get_ref().as_str() {
            "off" => RuleSetting::Off,
            "error" => RuleSetting::Severity(Severity::Error),
            "warning" => RuleSetting::Severity(Severity::Warning),
            "note" => RuleSetting::Severity(Severity::Note),
            other => {
                return Err(ConfigError::at(
                    file,
                    value.span(),
                    format!("invalid setting `{other}` for {}", meta.code),
                    "not a severity",
                    Some("use \"error\", \"warning\", \"note\" or \"off\"".into()),
                ));
            }
        };
        config.rules.set(meta, setting);
    }
    for pattern in &raw.exclude {
        check_glob(file, pattern, "exclude")?;
        config.exclude.push(pattern.get_ref().clone());
    }
    for account in &raw.own_accounts {
        let a = account.get_ref();
        if a.len() != 12 || !a.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ConfigError::at(
                file,
                account.span(),
                format!("`{a}` is not an AWS account ID"),
                "expected 12 digits",
                Some("account IDs are 12 digits, as a string: \"111122223333\"".into()),
            ));
        }
        config.own_accounts.push(a.clone());
    }
    for pattern in &raw.trusted_alias_patterns {
        let p = pattern.get_ref();
        if !p.starts_with("alias/") {
            return Err(ConfigError::at(
                file,
                pattern.span(),
                format!("`{p}` is not an alias pattern"),
                "expected `alias/...`",
                Some("trusted alias patterns are alias names as conditions use them: \"alias/app-*\"".into()),
            ));
        }
        config.trusted_alias_patterns.push(p.clone());
    }
    for group in &raw.same_account_roots {
        for pattern in group {
            check_glob(file, pattern, "root")?;
        }
        config
            .same_account_roots
            .push(group.iter().map(|p| p.get_ref().clone()).collect());
    }
    config.limits = raw
        .limits
        .apply()
        .map_err(|bad| ConfigError::at(file, bad.span, bad.message, "not a valid limit", None))?;
    Ok(config)
}

/// A glob the scan will match paths against, or where it is wrong.
fn check_glob(file: &ConfigFile, pattern: &Spanned<String>, what: &str) -> Result<(), ConfigError> {
    let Err(e) = tfkms_syntax::discover::build_globset(std::slice::from_ref(pattern.get_ref()))
    else {
        return Ok(());
    };
    let why = match e {
        tfkms_syntax::discover::DiscoverError::Glob { message, .. } => message,
        other => other.to_string(),
    };
    Err(ConfigError::at(
        file,
        pattern.span(),
        format!("invalid {what} pattern `{}`: {why}", pattern.get_ref()),
        "not a glob",
        None,
    ))
}

fn label_for(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        "unknown key"
    } else if message.starts_with("invalid type") {
        "wrong type"
    } else {
        "here"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> ConfigError {
        parse_str(".tfkms.toml", text).expect_err("the config is invalid")
    }

    #[test]
    fn reads_every_setting() {
        let c = parse_str(
            ".tfkms.toml",
            r#"
exclude = ["legacy/**"]
own_accounts = ["111122223333"]
trusted_alias_patterns = ["alias/platform-*"]
same_account_roots = [["live/prod/*", "shared"], ["live/dev/*"]]

[rules]
TFKMS002 = "error"
alias-arn-in-resource = "off"
tfkms010 = "warning"
"#,
        )
        .unwrap();
        assert_eq!(
            c.same_account_roots,
            [vec!["live/prod/*", "shared"], vec!["live/dev/*"]]
        );
        assert_eq!(c.exclude, ["legacy/**"]);
        assert_eq!(c.own_accounts, ["111122223333"]);
        assert_eq!(c.trusted_alias_patterns, ["alias/platform-*"]);
        assert_eq!(
            c.rules.get("TFKMS002"),
            Some(RuleSetting::Severity(Severity::Error))
        );
        assert!(c.rules.is_off("TFKMS001"));
        assert_eq!(
            c.rules.get("TFKMS010"),
            Some(RuleSetting::Severity(Severity::Warning))
        );
        assert_eq!(c.rules.get("TFKMS000"), None);
    }

    #[test]
    fn limits_are_positive_whole_numbers() {
        let c = parse_str(
            ".tfkms.toml",
            "[limits]\nmax_file_bytes = 1024\nmax_file_elements = 10\n",
        )
        .unwrap();
        assert_eq!(c.limits.max_file_bytes, 1024);
        assert_eq!(c.limits.max_file_elements, 10);
        let e = error("[limits]\nmax_file_bytes = 0\n");
        assert_eq!(e.location(), ".tfkms.toml:2:18");
        assert_eq!(
            e.message(),
            "`max_file_bytes` must be a positive whole number that fits its type"
        );
    }

    /// miette pads labels to their column and panicked past 65,535: a long
    /// line is drawn through a window, named with its true position.
    #[test]
    fn an_error_far_along_a_line_is_drawn_with_its_true_column() {
        let e = error(&format!("exclude = [{}1]\n", " ".repeat(70_000)));
        let drawn = e.render(false);
        assert!(drawn.contains("[.tfkms.toml:1:70012]"), "{drawn}");
        assert!(drawn.len() < 2_000, "{}", drawn.len());
    }

    #[test]
    fn errors_name_the_key_and_its_line_and_column() {
        let e = error("exclude = []\nsevere = true\n");
        assert_eq!(e.location(), ".tfkms.toml:2:1");
        assert!(
            e.message().contains("unknown field `severe`"),
            "{}",
            e.message()
        );

        let e = error("[rules]\n  TFKMS099 = \"off\"\n");
        assert_eq!(
            e.to_string(),
            ".tfkms.toml:2:3: unknown rule `TFKMS099` in [rules]"
        );

        let e = error("[rules]\nTFKMS002 = \"fatal\"\n");
        assert_eq!(
            e.to_string(),
            ".tfkms.toml:2:12: invalid setting `fatal` for TFKMS002"
        );

        let e = error("[rules]\nTFKMS002 = 3\n");
        assert_eq!(e.location(), ".tfkms.toml:2:12");

        let e = error("own_accounts = [\"1111\"]\n");
        assert_eq!(
            e.to_string(),
            ".tfkms.toml:1:17: `1111` is not an AWS account ID"
        );

        let e = error("trusted_alias_patterns = [\"app-*\"]\n");
        assert_eq!(e.location(), ".tfkms.toml:1:27");

        let e = error("exclude = [\"a/[b\"]\n");
        assert_eq!(e.location(), ".tfkms.toml:1:12");

        let e = error("same_account_roots = [[\"live/*\", \"a/[b\"]]\n");
        assert_eq!(e.location(), ".tfkms.toml:1:34");
        assert!(
            e.message().contains("invalid root pattern"),
            "{}",
            e.message()
        );

        let e = error("[rules]\nTFKMS002 = \"off\"\nwildcard-alias-condition = \"error\"\n");
        assert!(
            e.message().contains("both name TFKMS002"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn the_rendered_error_shows_the_line() {
        let out = error("[rules]\nTFKMS099 = \"off\"\n").render(false);
        assert!(out.contains("TFKMS099 = \"off\""), "{out}");
        assert!(out.contains("not a rule code or slug"), "{out}");
    }

    #[test]
    fn settings_turn_rules_off_and_change_severities() {
        let c = parse_str(
            ".tfkms.toml",
            "[rules]\nTFKMS002 = \"off\"\nTFKMS001 = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(
            c.rules
                .severity(&tfkms_rules::rules::alias_arn_in_resource::META),
            Some(Severity::Warning)
        );
        assert_eq!(
            c.rules
                .severity(&tfkms_rules::rules::wildcard_alias_condition::META),
            None
        );
    }
}
