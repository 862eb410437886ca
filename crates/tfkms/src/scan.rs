//! The scan pipeline.
//!
//! 1. Discover the files, read them all in parallel and skim each for its
//!    module calls ([`tfkms_syntax::calls`]); the texts stay for the whole
//!    scan (findings quote them), no syntax tree is built yet.
//! 2. From the calls, find the root modules (those no module calls) and how
//!    many roots reach each module.
//! 3. Evaluate the roots in parallel. Each is evaluated in a project holding
//!    only the modules it reaches; a module is parsed when first needed,
//!    shared by every root that reaches it, and dropped after the last one.
//!    Documents are checked by the rules as soon as they are resolved.
//! 4. Parse what no root reached (for its parse errors), check the skimmed
//!    calls against the parsed ones, and evaluate any root the skim missed.
//!
//! So the syntax trees and resolved documents (each about ten times the size
//! of their source) are never all held at once.

use crate::progress::Progress;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use tfkms_eval::{ChildCall, Limits, Module, ModuleInstance, Origin, Project, Value};
use tfkms_iam::{Document, Grant};
use tfkms_rules::finding::{Finding, Label};
use tfkms_syntax::ast::Body;
use tfkms_syntax::confine::{Refusal, Roots};
use tfkms_syntax::{
    FileId, FileKind, FoundFile, ReadOutcome, SourceFile, SourceMap, Span, WalkProblem,
};

#[derive(Clone, Debug, Default)]
pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    pub exclude: Vec<String>,
    /// `--var name=value`, in command-line order.
    pub vars: Vec<(String, String)>,
    /// `--var-file`, in command-line order.
    pub var_files: Vec<PathBuf>,
    pub trusted_alias_patterns: Vec<String>,
    /// The team's AWS account IDs (TFKMS008, TFKMS009).
    pub own_accounts: Vec<String>,
    pub limits: Limits,
    /// Severity changes and rules turned off (`.tfkms.toml`).
    pub rules: crate::config::RuleSettings,
    /// Globs relative to a directory (the config file's), besides `exclude`.
    pub anchored_exclude: Vec<(PathBuf, String)>,
    /// Groups of root module globs relative to a directory (the config
    /// file's): roots deployed to one account, whose policies project-wide
    /// rules relate. Every other root is a deployment of its own.
    pub same_account_roots: Vec<(PathBuf, Vec<String>)>,
    /// The date suppressions' `until=` is compared with; `None` is today.
    pub today: Option<crate::suppress::Date>,
    /// Worker threads; all cores when `None`.
    pub jobs: Option<usize>,
    /// Return every resolved document in [`ScanResult::documents`] (`tfkms
    /// policies` prints them). Otherwise each is dropped once checked.
    pub keep_documents: bool,
    /// Return the key-access model in [`ScanResult::access`] (`tfkms
    /// access`). Otherwise it is built only for the rules that read it.
    pub keep_access: bool,
    /// Counters the scan advances, for a progress display.
    pub progress: Option<Arc<Progress>>,
    /// Files outside the scan proper that were refused (a `.tfkms.toml`
    /// leading out of the repository): reported as TFKMS000 where they are.
    pub refused: Vec<WalkProblem>,
    /// A mistake in the discovered `.tfkms.toml`: reported where it is,
    /// and the scan uses the default settings.
    pub config_problem: Option<crate::config::ConfigError>,
    /// Texts that stand in for files on disk (an editor's unsaved buffers).
    pub overlays: Option<Arc<Overlays>>,
    /// Set by another thread when this scan's result is no longer wanted
    /// (a newer edit arrived); the scan then stops early with
    /// [`ScanError::Cancelled`].
    pub cancel: Option<Arc<AtomicBool>>,
}

/// Unsaved texts by absolute path. An overlay for a file discovery did not
/// find (a new buffer not yet saved) is scanned when it lies under a
/// scanned path and is a Terraform file.
pub type Overlays = HashMap<PathBuf, Arc<str>>;

pub struct ScanResult {
    pub sources: SourceMap,
    pub findings: Vec<Finding>,
    /// The resolved documents, when [`ScanOptions::keep_documents`] is set.
    pub documents: Vec<Document>,
    pub grants: Vec<Grant>,
    /// Every key and who can use it, when [`ScanOptions::keep_access`] is set.
    pub access: Vec<tfkms_access::KeyAccess>,
    /// How many documents were resolved and checked.
    pub document_count: usize,
    /// Files read (configuration and variables).
    pub files: usize,
    /// Findings accepted by `tfkms:ignore` comments; not in `findings`.
    pub suppressed: Vec<crate::suppress::Suppressed>,
    /// What `--baseline` left out, when one was given.
    pub baseline: Option<crate::baseline::Outcome>,
    /// `--var` names no scanned root module declares (their values are
    /// ignored), each with the declared name it most likely meant.
    pub undeclared_cli_vars: Vec<(String, Option<String>)>,
}

#[derive(Debug)]
pub enum ScanError {
    /// Bad arguments or an unreadable root: the scan could not run.
    Usage(String),
    /// [`ScanOptions::cancel`] was set before the scan finished.
    Cancelled,
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Usage(m) => f.write_str(m),
            ScanError::Cancelled => f.write_str("the scan was cancelled"),
        }
    }
}

/// Evaluation recurses through references (a local referring to a local
/// ...); the depth limit keeps that bounded, and threads get stacks big
/// enough for the limit.
const THREAD_STACK_BYTES: usize = 32 * 1024 * 1024;

pub fn scan(opts: &ScanOptions) -> Result<ScanResult, ScanError> {
    in_pool(opts.jobs, || scan_in_pool(opts))?
}

fn in_pool<T: Send>(jobs: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T, ScanError> {
    Ok(thread_pool(jobs)?.install(work))
}

/// The worker threads of a scan, with stacks deep enough for evaluation.
pub(crate) fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, ScanError> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(THREAD_STACK_BYTES);
    if let Some(n) = jobs {
        builder = builder.num_threads(n);
    }
    builder
        .build()
        .map_err(|e| ScanError::Usage(format!("cannot start worker threads: {e}")))
}

fn scan_in_pool(opts: &ScanOptions) -> Result<ScanResult, ScanError> {
    let gathered = gather(opts)?;
    let result = analyze(gathered, opts);
    if cancelled(opts) {
        return Err(ScanError::Cancelled);
    }
    Ok(result)
}

/// What is read before any module is parsed: the files, installed modules,
/// Terragrunt downloads and `--var-file`s.
pub(crate) struct Gathered {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) first: FirstPass,
    pub(crate) installed: Vec<InstalledModule>,
    pub(crate) downloads: HashMap<PathBuf, Vec<PathBuf>>,
    pub(crate) cli_var_bodies: Vec<Body>,
}

/// Discovers and reads the files of a scan, and reports what cannot be read.
pub(crate) fn gather(opts: &ScanOptions) -> Result<Gathered, ScanError> {
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let discovery = tfkms_syntax::discover(
        &paths,
        &tfkms_syntax::DiscoverOptions {
            exclude: opts.exclude.clone(),
            anchored_exclude: opts.anchored_exclude.clone(),
            hidden: false,
        },
    )
    .map_err(|e| ScanError::Usage(e.to_string()))?;

    let cap = opts.limits.max_file_bytes;
    let (installed, manifest_problems) = installed_modules(&discovery.files, &discovery.roots, cap);
    let mut downloads = crate::terragrunt::downloads(&discovery.files, &discovery.roots);
    let mut found = discovery.files;
    add_unsaved_files(&mut found, &paths, opts.overlays.as_deref());
    found.extend(installed.iter().flat_map(|m| m.files.iter().cloned()));
    found.append(&mut downloads.files);
    let mut first = first_pass(&found, |f| read_or_overlay(f, opts, cap), opts);
    if cancelled(opts) {
        return Err(ScanError::Cancelled);
    }

    let problems = discovery
        .problems
        .iter()
        .chain(&manifest_problems)
        .chain(&downloads.problems);
    for problem in problems.chain(&opts.refused) {
        let id = first.sources.add(SourceFile::new(
            PathBuf::from(&problem.display_path),
            problem.display_path.clone(),
            "".into(),
        ));
        let refused = Label {
            span: Span::new(id, 0, 0),
            message: problem.message.clone(),
        };
        first.findings.push(
            Finding::new(&tfkms_rules::PARSE_ERROR, refused, problem.message.clone()).with_help(
                "tfkms reads only regular files inside the scanned directories, so nothing behind this path was checked; replace it with the file itself, or leave it out with --exclude",
            ),
        );
    }

    if let Some(problem) = &opts.config_problem {
        first
            .findings
            .push(config_finding(&mut first.sources, problem));
    }

    // Variable files named on the command line.
    let mut cli_var_bodies = Vec::new();
    for path in &opts.var_files {
        let name = path.to_string_lossy().to_string();
        let kind = if name.ends_with(".json") {
            FileKind::VarsJson
        } else {
            FileKind::Vars
        };
        let id = FileId(first.sources.len() as u32);
        let cwd = std::env::current_dir().unwrap_or_default();
        let display = tfkms_syntax::discover::display(&cwd, path);
        let (source, body) = read_and_parse(id, path, display, kind, &opts.limits);
        let unreadable = source.text.is_empty() && !path.is_file();
        first.sources.add(source);
        match body {
            Ok(b) if !unreadable => cli_var_bodies.push(b),
            Ok(_) => {
                return Err(ScanError::Usage(format!(
                    "--var-file {}: no such file",
                    path.display()
                )));
            }
            Err(label) => first.findings.push(parse_finding(label)),
        }
    }

    Ok(Gathered {
        paths,
        first,
        installed,
        downloads: downloads.working_dirs,
        cli_var_bodies,
    })
}

pub(crate) fn cancelled(opts: &ScanOptions) -> bool {
    opts.cancel
        .as_ref()
        .is_some_and(|c| c.load(Ordering::Relaxed))
}

/// A file's text: the editor's unsaved buffer when there is one, otherwise
/// the file on disk (within the size cap, as any file).
pub(crate) fn read_or_overlay(f: &FoundFile, opts: &ScanOptions, cap: u64) -> ReadOutcome {
    match opts.overlays.as_deref().and_then(|o| o.get(&f.path)) {
        Some(text) if text.len() as u64 > cap => ReadOutcome::Unreadable(format!(
            "the buffer is {} bytes, more than the {cap} bytes tfkms reads from one file (`max_file_bytes` in `.tfkms.toml`)",
            text.len()
        )),
        Some(text) => ReadOutcome::Text(text.clone()),
        None => tfkms_syntax::read_source_capped(&f.path, cap),
    }
}

/// Whether a path names a Terraform file (configuration, variables,
/// Terragrunt): the only files a scan takes from unsaved buffers.
pub(crate) fn is_terraform_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| FileKind::from_name(&name.to_string_lossy()).is_some())
}

/// Unsaved buffers of Terraform files that are not on disk yet join the
/// scan when they lie under a scanned path, in path order as discovery
/// keeps it.
fn add_unsaved_files(found: &mut Vec<FoundFile>, paths: &[PathBuf], overlays: Option<&Overlays>) {
    let Some(overlays) = overlays else { return };
    let known: HashSet<PathBuf> = found.iter().map(|f| f.path.clone()).collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut added = false;
    for path in overlays.keys() {
        let kind = path
            .file_name()
            .and_then(|n| FileKind::from_name(&n.to_string_lossy()));
        let under_scan = paths.iter().any(|p| path.starts_with(p));
        if let Some(kind) = kind
            && under_scan
            && !known.contains(path)
            && !path.exists()
        {
            found.push(FoundFile {
                path: path.clone(),
                display_path: tfkms_syntax::discover::display(&cwd, path),
                kind,
            });
            added = true;
        }
    }
    if added {
        found.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// Scans one in-memory file as a module of its own, without touching the
/// disk: the entry point for fuzzing and for embedding.
pub fn scan_text(
    display_path: &str,
    text: &str,
    opts: &ScanOptions,
) -> Result<ScanResult, ScanError> {
    in_pool(opts.jobs, || scan_text_in_pool(display_path, text, opts))
}

fn scan_text_in_pool(display_path: &str, text: &str, opts: &ScanOptions) -> ScanResult {
    let dir = PathBuf::from("/nonexistent-tfkms-virtual-root");
    let found = [FoundFile {
        path: dir.join(display_path),
        display_path: display_path.to_string(),
        kind: FileKind::from_name(display_path).unwrap_or(FileKind::Config),
    }];
    let first = first_pass(&found, |_| ReadOutcome::Text(text.into()), opts);
    let gathered = Gathered {
        paths: vec![dir],
        first,
        installed: Vec::new(),
        downloads: HashMap::new(),
        cli_var_bodies: Vec::new(),
    };
    analyze(gathered, opts)
}

/// What the first pass keeps of a file besides its text.
pub(crate) struct FileMeta {
    pub(crate) kind: FileKind,
    /// The file name, for override files and the order of tfvars.
    name: String,
    /// The file could not be read; its finding is already reported.
    pub(crate) unreadable: bool,
}

/// One directory of the scan: a module when it has configuration that parses.
pub(crate) struct DirInfo {
    display_dir: String,
    pub(crate) files: Vec<FileId>,
    has_config: bool,
    /// The local directories its module blocks call, per the skim.
    calls: Vec<PathBuf>,
}

impl DirInfo {
    fn new(display_dir: String) -> DirInfo {
        DirInfo {
            display_dir,
            files: Vec::new(),
            has_config: false,
            calls: Vec::new(),
        }
    }
}

pub(crate) struct FirstPass {
    pub(crate) sources: SourceMap,
    pub(crate) files: Vec<FileMeta>,
    pub(crate) dirs: BTreeMap<PathBuf, DirInfo>,
    /// Files that could not be read.
    pub(crate) findings: Vec<Finding>,
}

/// Reads every file in parallel and skims it for module calls. Indexed
/// collection keeps the (sorted) order, so file IDs and output are the same
/// with any thread count.
fn first_pass(
    found: &[FoundFile],
    read: impl Fn(&FoundFile) -> ReadOutcome + Sync,
    opts: &ScanOptions,
) -> FirstPass {
    if let Some(p) = &opts.progress {
        p.set_files(found.len());
    }
    let read: Vec<(SourceFile, Result<Vec<String>, Label>)> = found
        .par_iter()
        .enumerate()
        .map(|(i, f)| read_one(FileId(i as u32), f, read(f), opts))
        .collect();
    let mut first = FirstPass {
        sources: SourceMap::new(),
        files: Vec::with_capacity(found.len()),
        dirs: BTreeMap::new(),
        findings: Vec::new(),
    };
    // Canonicalizing is a few system calls per path component: once per
    // directory, not per file.
    let mut canonical: HashMap<PathBuf, PathBuf> = HashMap::new();
    // Files come in path order, so a directory's files mostly follow one
    // another: they gather here and join `dirs` once per run, where a
    // lookup per file compared long paths component by component (16,000
    // instructions a file on real repositories).
    let mut run: Option<(PathBuf, PathBuf, DirInfo)> = None;
    for (f, (source, calls)) in found.iter().zip(read) {
        let id = first.sources.add(source);
        let parent = f.path.parent().unwrap_or(Path::new(""));
        let left_the_directory =
            |(raw, _, _): &mut (PathBuf, PathBuf, DirInfo)| raw.as_os_str() != parent.as_os_str();
        if let Some((_, dir, info)) = run.take_if(left_the_directory) {
            first.add_dir_run(dir, info);
        }
        let (_, dir, info) = run.get_or_insert_with(|| {
            let dir = canonical
                .entry(parent.to_path_buf())
                .or_insert_with_key(|p| canonical_dir(p))
                .clone();
            let display_dir = f
                .display_path
                .rsplit_once('/')
                .map_or_else(|| ".".to_string(), |(d, _)| d.to_string());
            (parent.to_path_buf(), dir, DirInfo::new(display_dir))
        });
        info.files.push(id);
        info.has_config |= f.kind.is_config();
        let unreadable = match calls {
            Ok(sources) => {
                info.calls.extend(
                    sources
                        .iter()
                        .filter(|s| tfkms_eval::is_local_source(s))
                        .map(|s| tfkms_eval::normalize(&dir.join(s))),
                );
                false
            }
            Err(label) => {
                first.findings.push(parse_finding(label));
                true
            }
        };
        first.files.push(FileMeta {
            kind: f.kind,
            name: f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            unreadable,
        });
    }
    if let Some((_, dir, info)) = run {
        first.add_dir_run(dir, info);
    }
    first
}

impl FirstPass {
    /// Adds a run of one directory's files; a directory whose files were
    /// interrupted by a subdirectory's comes back as a second run.
    fn add_dir_run(&mut self, dir: PathBuf, run: DirInfo) {
        match self.dirs.entry(dir) {
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(run);
            }
            std::collections::btree_map::Entry::Occupied(mut e) => {
                let info = e.get_mut();
                info.files.extend(run.files);
                info.has_config |= run.has_config;
                info.calls.extend(run.calls);
            }
        }
    }
}

/// Reads one file: its text and its skimmed module calls, or why it cannot
/// be used.
pub(crate) fn read_one(
    id: FileId,
    f: &FoundFile,
    outcome: ReadOutcome,
    opts: &ScanOptions,
) -> (SourceFile, Result<Vec<String>, Label>) {
    let (text, error) = match outcome {
        ReadOutcome::Text(text) => (text, None),
        // The lossy text shows the bad byte as U+FFFD.
        ReadOutcome::NotUtf8 { text, offset } => (
            text,
            Some(Label {
                span: Span::new(id, offset, offset + '\u{fffd}'.len_utf8()),
                message: NOT_UTF8.into(),
            }),
        ),
        ReadOutcome::Unreadable(why) => (
            "".into(),
            Some(Label {
                span: Span::new(id, 0, 0),
                message: format!("cannot read the file: {why}"),
            }),
        ),
    };
    let error = error.or_else(|| element_limit(id, &text, opts.limits.max_file_elements));
    let calls = match error {
        Some(e) => Err(e),
        None => Ok(module_sources(id, f.kind, &text)),
    };
    let source = SourceFile::new(f.path.clone(), f.display_path.clone(), text);
    (source, calls)
}

/// A mistake in the discovered config, at its place in the config's text.
fn config_finding(sources: &mut SourceMap, problem: &crate::config::ConfigError) -> Finding {
    let id = sources.add(SourceFile::new(
        PathBuf::from(problem.display_path()),
        problem.display_path().to_string(),
        problem.text().into(),
    ));
    let span = problem.span().unwrap_or(0..0);
    let here = Label {
        span: Span::new(id, span.start, span.end),
        message: problem.label().to_string(),
    };
    let message = format!(
        "invalid config: {}; the scan used the default settings",
        problem.message()
    );
    let help = problem.help().map(str::to_string).unwrap_or_else(|| {
        "fix the config; `tfkms rules` checks it and lists the settings it gives".to_string()
    });
    Finding::new(&tfkms_rules::PARSE_ERROR, here, message).with_help(help)
}

/// A file too large to parse safely, refused where it crosses the limit.
fn element_limit(id: FileId, text: &str, max: usize) -> Option<Label> {
    let at = tfkms_syntax::element_limit_crossed(text, max)?;
    Some(Label {
        span: Span::new(id, at, at + 1),
        message: format!(
            "the file has more than {max} commas and line breaks, the most tfkms parses in one file (`max_file_elements` in `.tfkms.toml`); past this point, parsing it could exhaust memory"
        ),
    })
}

/// The `source` of each `module` block of a configuration file: skimmed from
/// native syntax; JSON, and text the skim cannot read, is parsed for them
/// (and parsed again when its module is evaluated).
fn module_sources(id: FileId, kind: FileKind, text: &str) -> Vec<String> {
    if !kind.is_config() {
        return Vec::new();
    }
    if kind == FileKind::Config
        && let Some(sources) = tfkms_syntax::calls::module_sources(text)
    {
        return sources;
    }
    match tfkms_syntax::parse(id, kind, text) {
        Ok(body) => body
            .blocks("module")
            .filter_map(tfkms_eval::literal_source)
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// A directory's module once parsed; `None` when it has no configuration
/// that parses.
type ModuleCell = OnceLock<Option<Arc<Module>>>;

/// Modules parsed on demand and shared between the roots that reach them.
struct Modules<'a> {
    first: &'a FirstPass,
    /// One cell per directory being used: the first root to need a module
    /// parses it, the others wait for it and share it.
    cache: Mutex<HashMap<PathBuf, Arc<ModuleCell>>>,
    /// Roots still to be evaluated that reach each directory, per the skim;
    /// at zero the module leaves the cache.
    uses: Mutex<HashMap<PathBuf, usize>>,
    /// The directories each parsed module calls (`None`: not a module, no
    /// configuration file parsed), as the parsed module says.
    parsed: Mutex<HashMap<PathBuf, Option<Vec<PathBuf>>>>,
    findings: Mutex<Vec<Finding>>,
    progress: Option<&'a Progress>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere cannot leave these maps half-updated.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Modules<'_> {
    fn get(&self, dir: &Path) -> Option<Arc<Module>> {
        let cell = lock(&self.cache)
            .entry(dir.to_path_buf())
            .or_default()
            .clone();
        cell.get_or_init(|| self.build(dir).map(Arc::new)).clone()
    }

    /// A root that used these directories is done with them.
    fn release<'p>(&self, dirs: impl Iterator<Item = &'p PathBuf>) {
        let mut uses = lock(&self.uses);
        let mut cache = lock(&self.cache);
        for dir in dirs {
            if let Some(n) = uses.get_mut(dir) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    uses.remove(dir);
                    cache.remove(dir);
                }
            }
        }
    }

    /// Parses the files of a directory into its module.
    fn build(&self, dir: &Path) -> Option<Module> {
        let parsed = parse_dir(self.first, dir, self.progress, &[])?;
        lock(&self.findings).extend(parsed.findings);
        lock(&self.parsed).insert(dir.to_path_buf(), parsed.calls);
        parsed.module
    }
}

/// A directory parsed: its module (`None` when no configuration file
/// parses), the directories it calls, and its files' parse errors.
pub(crate) struct ParsedDir {
    pub(crate) module: Option<Module>,
    pub(crate) calls: Option<Vec<PathBuf>>,
    pub(crate) findings: Vec<Finding>,
}

/// Parses the files of a directory of the scan into its module. Variable
/// files Terraform loads automatically are kept for when it is a root.
/// With `generated`, the module as a Terragrunt unit runs it: its files and
/// those the unit's `generate` blocks write into its working copy.
pub(crate) fn parse_dir(
    first: &FirstPass,
    dir: &Path,
    progress: Option<&Progress>,
    generated: &[crate::terragrunt::Generated],
) -> Option<ParsedDir> {
    let info = first.dirs.get(dir)?;
    let mut configs: Vec<(FileId, String, Body)> = Vec::new();
    let mut vars: Vec<(String, Body)> = Vec::new();
    let mut findings = Vec::new();
    for &id in &info.files {
        let meta = &first.files[id.0 as usize];
        // A unit's file is read by its evaluation (crate::terragrunt).
        if meta.unreadable || meta.kind.is_terragrunt() || meta.kind == FileKind::TerragruntStack {
            continue;
        }
        let text = &first.sources.get(id).text;
        match tfkms_syntax::parse(id, meta.kind, text) {
            Ok(body) if meta.kind.is_config() => configs.push((id, meta.name.clone(), body)),
            Ok(body) => vars.push((meta.name.clone(), body)),
            Err(e) => findings.push(parse_finding(Label {
                span: e.span,
                message: e.message,
            })),
        }
        // A unit's own copy parses the files again; count them once.
        if let Some(p) = progress.filter(|_| generated.is_empty()) {
            p.file_parsed();
        }
    }
    findings.extend(crate::terragrunt::lay_over(
        &mut configs,
        generated,
        &|id| Some(first.sources.get(id).text.clone()),
    ));
    if configs.is_empty() {
        return Some(ParsedDir {
            module: None,
            calls: None,
            findings,
        });
    }
    // terraform.tfvars first, then *.auto.tfvars in lexical order, as
    // Terraform loads them; other .tfvars files are only read when named
    // with --var-file.
    let mut auto: Vec<(String, Body)> = vars
        .into_iter()
        .filter(|(n, _)| {
            n == "terraform.tfvars"
                || n == "terraform.tfvars.json"
                || n.ends_with(".auto.tfvars")
                || n.ends_with(".auto.tfvars.json")
        })
        .collect();
    auto.sort_by_key(|(n, _)| (!n.starts_with("terraform.tfvars"), n.clone()));
    let module = Module::new(
        dir.to_path_buf(),
        info.display_dir.clone(),
        configs,
        auto.into_iter().map(|(_, b)| b).collect(),
    );
    let calls = tfkms_eval::local_calls(&module).collect();
    Some(ParsedDir {
        module: Some(module),
        calls: Some(calls),
        findings,
    })
}

/// What evaluating one root module tree produced.
#[derive(Clone, Default)]
pub(crate) struct TreeResult {
    findings: Vec<Finding>,
    /// Every document, when asked to keep them.
    documents: Vec<Document>,
    /// What project-wide rules keep of the documents.
    facts: tfkms_rules::Facts,
    document_count: usize,
    grants: Vec<Grant>,
    access: Vec<tfkms_access::KeyAccess>,
    /// The root module's variables, for `--var`/`--var-file` names that no
    /// root declares.
    variables: Vec<String>,
    /// The module directories the tree reached (a change in one of them
    /// changes this result).
    pub(crate) reached: Vec<PathBuf>,
    /// Directories it calls that hold no module (yet: a parse error).
    pub(crate) not_modules: Vec<PathBuf>,
    /// The paths its evaluation read through `file()` and its kin.
    pub(crate) reads: HashSet<PathBuf>,
}

/// A root module tree's result as a report takes it: a fresh scan gives
/// its results up, the engine lends the ones it keeps.
pub(crate) type GivenResult<'r> = Cow<'r, TreeResult>;

/// What a report moves or copies out of one tree's result.
struct TreeOutput {
    findings: Vec<Finding>,
    documents: Vec<Document>,
    grants: Vec<Grant>,
    access: Vec<tfkms_access::KeyAccess>,
}

impl TreeOutput {
    fn of(result: GivenResult) -> TreeOutput {
        match result {
            Cow::Owned(r) => TreeOutput {
                findings: r.findings,
                documents: r.documents,
                grants: r.grants,
                access: r.access,
            },
            Cow::Borrowed(r) => TreeOutput {
                findings: r.findings.clone(),
                documents: r.documents.clone(),
                grants: r.grants.clone(),
                access: r.access.clone(),
            },
        }
    }
}

/// What every root module tree's evaluation shares.
pub(crate) struct Prepared {
    pub(crate) base: Project,
    installed_dirs: HashSet<PathBuf>,
    pub(crate) units: BTreeMap<PathBuf, crate::terragrunt::Unit>,
    pub(crate) unit_findings: Vec<Finding>,
    /// The files the expansion of `terragrunt.stack.hcl` files read.
    pub(crate) stack_reads: HashSet<PathBuf>,
    /// The modules Terragrunt units deploy.
    deployed: HashSet<PathBuf>,
    /// The units' `.terragrunt-cache` working copies, kept to evaluate the
    /// units again.
    downloads: HashMap<PathBuf, Vec<PathBuf>>,
}

/// The project every root is evaluated in, and the Terragrunt units.
pub(crate) fn prepare(
    paths: &[PathBuf],
    first: &FirstPass,
    installed: Vec<InstalledModule>,
    downloads: HashMap<PathBuf, Vec<PathBuf>>,
    opts: &ScanOptions,
) -> Prepared {
    let texts: Vec<Arc<str>> = first.sources.files().map(|(_, f)| f.text.clone()).collect();
    let canon_roots = paths.iter().map(|r| canonical_dir(r)).collect();
    let mut base = Project::new(HashMap::new(), canon_roots, opts.limits.clone(), texts);
    base.set_host(Arc::new(tfkms_iam::extract::PolicyHost));
    let installed_dirs: HashSet<PathBuf> = installed.iter().map(|m| m.dir.clone()).collect();
    for m in installed {
        base.add_installed_module(m.root_dir, m.key, m.dir);
    }
    let terragrunt = terragrunt_units(first, &base, &opts.limits, downloads.clone());
    Prepared {
        base,
        installed_dirs,
        deployed: deployed_modules(&terragrunt.units),
        units: terragrunt.units,
        unit_findings: terragrunt.findings,
        stack_reads: terragrunt.stack_reads,
        downloads,
    }
}

/// The modules units deploy: each is evaluated with a unit's inputs, not
/// also alone without them.
fn deployed_modules(units: &BTreeMap<PathBuf, crate::terragrunt::Unit>) -> HashSet<PathBuf> {
    units.values().filter_map(|u| u.module.clone()).collect()
}

impl Prepared {
    /// Evaluates the Terragrunt units again, after a file they read
    /// changed on disk. Returns whether they still deploy the same modules
    /// (else which directories are roots may have changed).
    pub(crate) fn reevaluate_units(&mut self, first: &FirstPass, limits: &Limits) -> bool {
        // A fresh scan budget, as a fresh scan's units have.
        let texts = first.sources.files().map(|(_, f)| f.text.clone()).collect();
        self.base = self.base.with_files(texts);
        let terragrunt = terragrunt_units(first, &self.base, limits, self.downloads.clone());
        let deployed = deployed_modules(&terragrunt.units);
        let same_modules = deployed == self.deployed;
        self.units = terragrunt.units;
        self.unit_findings = terragrunt.findings;
        self.stack_reads = terragrunt.stack_reads;
        self.deployed = deployed;
        same_modules
    }

    /// The root module trees, as the parsed modules say: directories with a
    /// module that nothing calls, and Terragrunt units deploying a module.
    /// `modules` gives each directory's local calls, `None` when it holds
    /// no module.
    pub(crate) fn roots<'a>(
        &self,
        modules: impl Iterator<Item = (&'a PathBuf, Option<&'a [PathBuf]>)> + Clone,
    ) -> BTreeSet<PathBuf> {
        let called: HashSet<&PathBuf> = modules
            .clone()
            .flat_map(|(_, calls)| calls.unwrap_or_default())
            .chain(&self.installed_dirs)
            .chain(&self.deployed)
            .collect();
        let unit_roots = self
            .units
            .iter()
            .filter(|(_, u)| u.module.is_some())
            .map(|(dir, _)| dir.clone());
        modules
            .filter(|(dir, calls)| {
                calls.is_some()
                    && !called.contains(dir)
                    && !self.units.contains_key(*dir)
                    && !crate::terragrunt::in_cache(dir)
            })
            .map(|(dir, _)| dir.clone())
            .chain(unit_roots)
            .collect()
    }

    /// The roots per the skimmed calls, before anything is parsed: a
    /// directory with configuration files is taken for a module.
    fn skimmed_roots(&self, first: &FirstPass) -> BTreeSet<PathBuf> {
        self.roots(
            first
                .dirs
                .iter()
                .map(|(dir, info)| (dir, info.has_config.then_some(info.calls.as_slice()))),
        )
    }

    /// Evaluates the trees of `roots` in parallel, each with the modules
    /// `module` gives.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn evaluate(
        &self,
        first: &FirstPass,
        roots: &[PathBuf],
        module: &(dyn Fn(&Path) -> Option<Arc<Module>> + Sync),
        cli_var_bodies: &[Body],
        opts: &ScanOptions,
        rule_texts: &RuleTexts,
        done: &(dyn Fn(&TreeResult) + Sync),
    ) -> Vec<(PathBuf, TreeResult)> {
        if let Some(p) = &opts.progress {
            p.add_roots(roots.len());
        }
        roots
            .par_iter()
            .map(|root| {
                // A cancelled scan's result is thrown away: skip the work.
                let result = if cancelled(opts) {
                    TreeResult::default()
                } else {
                    let unit = self.units.get(root);
                    let tree = Tree {
                        base: &self.base,
                        first,
                        root,
                        unit,
                    };
                    evaluate_tree(module, &tree, cli_var_bodies, opts, rule_texts)
                };
                done(&result);
                if let Some(p) = &opts.progress {
                    p.root_done();
                }
                (root.clone(), result)
            })
            .collect()
    }
}

/// Everything after reading: modules, evaluation, documents, rules.
fn analyze(gathered: Gathered, opts: &ScanOptions) -> ScanResult {
    let Gathered {
        paths,
        first,
        installed,
        downloads,
        cli_var_bodies,
    } = gathered;
    let prepared = prepare(&paths, &first, installed, downloads, opts);
    let base = &prepared.base;
    // Roots per the skimmed calls, and how many of them reach each module.
    let roots: Vec<PathBuf> = prepared.skimmed_roots(&first).into_iter().collect();
    let mut uses: HashMap<PathBuf, usize> = HashMap::new();
    for root in &roots {
        let module = unit_module(&prepared.units, root);
        for dir in skimmed_reach(&first, base, module) {
            *uses.entry(dir).or_default() += 1;
        }
    }
    let modules = Modules {
        first: &first,
        cache: Mutex::default(),
        uses: Mutex::new(uses),
        parsed: Mutex::default(),
        findings: Mutex::default(),
        progress: opts.progress.as_deref(),
    };
    let rule_texts = RuleTexts::new(&first.sources);
    let get = |dir: &Path| modules.get(dir);
    let release = |r: &TreeResult| modules.release(r.reached.iter());
    let evaluate = |roots: &[PathBuf]| {
        prepared.evaluate(
            &first,
            roots,
            &get,
            &cli_var_bodies,
            opts,
            &rule_texts,
            &release,
        )
    };
    let mut results: BTreeMap<PathBuf, TreeResult> = evaluate(&roots).into_iter().collect();

    // Parse what no root reached, for its parse errors and its calls.
    let unparsed: Vec<&PathBuf> = {
        let parsed = lock(&modules.parsed);
        first
            .dirs
            .keys()
            .filter(|d| !parsed.contains_key(*d))
            .collect()
    };
    unparsed.par_iter().for_each(|dir| {
        modules.build(dir);
    });
    // The skim is a hint: the parsed modules say which directories are
    // called, hence which are roots. Results of a wrongly assumed root are
    // dropped; a root the skim hid is evaluated now.
    let actual_roots: BTreeSet<PathBuf> = {
        let parsed = lock(&modules.parsed);
        prepared.roots(parsed.iter().map(|(d, c)| (d, c.as_deref())))
    };
    results.retain(|root, _| actual_roots.contains(root));
    let missed: Vec<PathBuf> = actual_roots
        .into_iter()
        .filter(|r| !results.contains_key(r))
        .collect();
    results.extend(evaluate(&missed));

    let module_findings = std::mem::take(&mut *lock(&modules.findings));
    let mut findings = first.findings;
    findings.extend(module_findings);
    let report = Report {
        sources: first.sources,
        findings,
        cli_var_bodies: &cli_var_bodies,
        rule_texts: &rule_texts,
        mentions: &[],
    };
    let results = results.into_iter().map(|(root, r)| (root, Cow::Owned(r)));
    report.finish(&prepared, results, opts)
}

/// What the report is made of besides the root module trees' results.
pub(crate) struct Report<'a> {
    pub(crate) sources: SourceMap,
    /// Findings of reading and parsing.
    pub(crate) findings: Vec<Finding>,
    pub(crate) cli_var_bodies: &'a [Body],
    pub(crate) rule_texts: &'a RuleTexts,
    /// Whether each of the first sources mentions tfkms, when known.
    pub(crate) mentions: &'a [bool],
}

impl Report<'_> {
    /// Joins the trees' results (in root order), runs the project-wide
    /// rules, sorts, and applies suppressions.
    pub(crate) fn finish<'r>(
        self,
        prepared: &Prepared,
        results: impl Iterator<Item = (PathBuf, GivenResult<'r>)>,
        opts: &ScanOptions,
    ) -> ScanResult {
        let Report {
            sources,
            mut findings,
            cli_var_bodies,
            rule_texts,
            mentions,
        } = self;
        let base = &prepared.base;
        let files = sources.len();
        findings.extend(prepared.unit_findings.iter().cloned());
        let results: Vec<(PathBuf, GivenResult)> = results.collect();
        let document_count = results.iter().map(|(_, r)| r.document_count).sum();
        // Read in place: only the trees' own outputs are moved or copied.
        let (mut later, undeclared_cli_vars) = undeclared_variables(&results, cli_var_bodies, opts);
        later.extend(project_wide(&results, rule_texts, base, opts));
        let mut documents = Vec::new();
        let mut grants = Vec::new();
        let mut access = Vec::new();
        for (_, r) in results {
            let tree = TreeOutput::of(r);
            findings.extend(tree.findings);
            documents.extend(tree.documents);
            grants.extend(tree.grants);
            access.extend(tree.access);
        }
        findings.extend(later);

        // Files read by file()/templatefile() join the source map so findings
        // in them render with their text.
        let mut sources = sources;
        let cwd = std::env::current_dir().unwrap_or_default();
        for (path, text) in base.loaded_files() {
            sources.add(SourceFile::new(
                path.clone(),
                tfkms_syntax::discover::display(&cwd, &path),
                text,
            ));
        }

        let mut findings = tfkms_rules::merge_duplicates(findings);
        // By path, not file ID: files loaded during parallel evaluation are
        // numbered in the order they were first read.
        findings.sort_by(|a, b| {
            let path = |f: &Finding| sources.get(f.primary.span.file).display_path.as_str();
            path(a)
                .cmp(path(b))
                .then_with(|| a.sort_key().cmp(&b.sort_key()))
        });
        let mut result = ScanResult {
            sources,
            findings,
            documents,
            grants,
            access,
            document_count,
            files,
            suppressed: Vec::new(),
            baseline: None,
            undeclared_cli_vars,
        };
        let today = opts.today.unwrap_or_else(crate::suppress::Date::today);
        crate::suppress::finish_knowing(&mut result, &opts.rules, today, mentions);
        result
    }
}

/// The `--var-file` values (as findings) and `--var` names (with a
/// suggestion) for variables no root module declares. Command-line values
/// apply to every root: a name is a mistake only when none declares it.
fn undeclared_variables(
    results: &[(PathBuf, GivenResult)],
    cli_var_bodies: &[Body],
    opts: &ScanOptions,
) -> (Vec<Finding>, Vec<(String, Option<String>)>) {
    use tfkms_rules::rules::undeclared_variable::{in_var_file, suggestion};
    if cli_var_bodies.is_empty() && opts.vars.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let declared: BTreeSet<&str> = results
        .iter()
        .flat_map(|(_, r)| r.variables.iter().map(String::as_str))
        .collect();
    let declared_names = || declared.iter().copied();
    let findings = cli_var_bodies
        .iter()
        .flat_map(|b| &b.attributes)
        .filter(|attr| !declared.contains(attr.name.as_str()))
        .map(|attr| in_var_file(attr.name_span, &attr.name, declared_names()))
        .collect();
    let mut undeclared_cli_vars: Vec<(String, Option<String>)> = Vec::new();
    for (name, _) in &opts.vars {
        if !declared.contains(name.as_str()) && !undeclared_cli_vars.iter().any(|(n, _)| n == name)
        {
            undeclared_cli_vars.push((name.clone(), suggestion(name, declared_names())));
        }
    }
    (findings, undeclared_cli_vars)
}

/// The findings of the project-wide rules, per deployment. A root alone is
/// checked in place; the roots of a `same_account_roots` group are joined.
fn project_wide(
    results: &[(PathBuf, GivenResult)],
    rule_texts: &RuleTexts,
    base: &Project,
    opts: &ScanOptions,
) -> Vec<Finding> {
    let texts = rule_texts.current(base);
    let ctx = tfkms_rules::Context {
        files: &texts,
        trusted_alias_patterns: &opts.trusted_alias_patterns,
        own_accounts: &opts.own_accounts,
        deployed_accounts: &[],
    };
    let deployment_of = Deployments::new(&opts.same_account_roots);
    if deployment_of.groups.is_empty() {
        // Every root is a deployment of its own, and the results are in
        // root order, as the deployments are.
        return results
            .iter()
            .flat_map(|(_, r)| r.facts.check(&ctx))
            .collect();
    }
    let mut facts: BTreeMap<Deployment, Vec<&tfkms_rules::Facts>> = BTreeMap::new();
    for (root, r) in results {
        facts
            .entry(deployment_of.root(root))
            .or_default()
            .push(&r.facts);
    }
    let mut findings = Vec::new();
    for parts in facts.values() {
        match parts.as_slice() {
            [alone] => findings.extend(alone.check(&ctx)),
            many => {
                let mut joined = tfkms_rules::Facts::default();
                for part in many {
                    joined.append((*part).clone());
                }
                findings.extend(joined.check(&ctx));
            }
        }
    }
    findings
}

/// A set of root modules whose policies apply in one AWS account: what a
/// project-wide rule sees at once.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Deployment {
    /// A group of `same_account_roots`, by its position in the config.
    Group(usize),
    /// A root module and the modules it calls, alone.
    Root(PathBuf),
}

/// The configured groups of roots that share an account.
struct Deployments {
    groups: Vec<(PathBuf, globset::GlobSet)>,
}

impl Deployments {
    fn new(configured: &[(PathBuf, Vec<String>)]) -> Deployments {
        // The config checked every pattern when it was read.
        let groups = configured
            .iter()
            .filter_map(|(base, globs)| {
                let set = tfkms_syntax::discover::build_globset(globs).ok()?;
                Some((base.clone(), set))
            })
            .collect();
        Deployments { groups }
    }

    /// The deployment a (canonical) root directory belongs to: the first
    /// group with a glob matching its path relative to the config.
    fn root(&self, root: &Path) -> Deployment {
        let group = self.groups.iter().position(|(base, set)| {
            root.strip_prefix(base)
                .is_ok_and(|rel| set.is_match(tfkms_syntax::discover::slash_path(rel)))
        });
        match group {
            Some(i) => Deployment::Group(i),
            None => Deployment::Root(root.to_path_buf()),
        }
    }
}

/// The modules a root reaches through skimmed calls and its installed
/// modules, itself included.
fn skimmed_reach(first: &FirstPass, base: &Project, root: &Path) -> HashSet<PathBuf> {
    let mut seen = HashSet::new();
    let mut queue: Vec<PathBuf> = std::iter::once(root)
        .chain(base.installed_dirs(root))
        .map(Path::to_path_buf)
        .collect();
    while let Some(dir) = queue.pop() {
        let Some(info) = first.dirs.get(&dir) else {
            continue;
        };
        if seen.insert(dir) {
            queue.extend(info.calls.iter().cloned());
        }
    }
    seen
}

/// The texts rules quote, by file ID: the scanned files, then those read
/// during evaluation. Rebuilt only when more files were read.
pub(crate) struct RuleTexts {
    pub(crate) scanned: Arc<[Arc<str>]>,
    with_loaded: Mutex<Option<Arc<[Arc<str>]>>>,
}

impl RuleTexts {
    pub(crate) fn new(sources: &SourceMap) -> RuleTexts {
        RuleTexts {
            scanned: sources.files().map(|(_, f)| f.text.clone()).collect(),
            with_loaded: Mutex::default(),
        }
    }

    fn current(&self, project: &Project) -> Arc<[Arc<str>]> {
        let loaded = project.loaded_files();
        if loaded.is_empty() {
            return self.scanned.clone();
        }
        let mut cached = lock(&self.with_loaded);
        let total = self.scanned.len() + loaded.len();
        match &*cached {
            Some(t) if t.len() == total => t.clone(),
            _ => {
                let t: Arc<[Arc<str>]> = self
                    .scanned
                    .iter()
                    .cloned()
                    .chain(loaded.into_iter().map(|(_, t)| t))
                    .collect();
                *cached = Some(t.clone());
                t
            }
        }
    }
}

/// One root module tree to evaluate.
struct Tree<'a> {
    base: &'a Project,
    first: &'a FirstPass,
    root: &'a Path,
    unit: Option<&'a crate::terragrunt::Unit>,
}

/// Evaluates one root module and every module it calls, and checks the
/// documents they resolve.
fn evaluate_tree(
    modules: &(dyn Fn(&Path) -> Option<Arc<Module>> + Sync),
    tree: &Tree,
    cli_var_bodies: &[Body],
    opts: &ScanOptions,
    rule_texts: &RuleTexts,
) -> TreeResult {
    let Tree {
        base,
        first,
        root,
        unit,
    } = *tree;
    // A unit's tree is rooted at the module it deploys.
    let root = match unit.and_then(|u| u.module.as_deref()) {
        Some(module) => module,
        None => root,
    };
    // A unit whose `generate` blocks write files runs its own copy of the
    // module; its parse problems are this tree's.
    let mut own_copy_findings = Vec::new();
    let own_copy = unit.filter(|u| !u.generated.is_empty()).map(|u| {
        let parsed = parse_dir(first, root, None, &u.generated)?;
        own_copy_findings = parsed.findings;
        parsed.module.map(Arc::new)
    });
    let Some(root_module) = own_copy.unwrap_or_else(|| modules(root)) else {
        return TreeResult {
            findings: own_copy_findings,
            reached: vec![root.to_path_buf()],
            ..TreeResult::default()
        };
    };
    // The modules this tree reaches, by the calls of the parsed modules.
    let mut reached: HashMap<PathBuf, Arc<Module>> = HashMap::new();
    let mut queue: Vec<PathBuf> = tfkms_eval::local_calls(&root_module)
        .chain(base.installed_dirs(root).map(Path::to_path_buf))
        .collect();
    reached.insert(root.to_path_buf(), root_module);
    let mut not_modules = Vec::new();
    while let Some(dir) = queue.pop() {
        if reached.contains_key(&dir) || not_modules.contains(&dir) {
            continue;
        }
        match modules(&dir) {
            Some(m) => {
                queue.extend(tfkms_eval::local_calls(&m));
                reached.insert(dir, m);
            }
            None => not_modules.push(dir),
        }
    }
    let mut project = base.with_modules(reached);
    if let Some(unit) = unit {
        project.set_overlay(root.to_path_buf(), unit.files_dir.clone());
    }
    let module = &project.modules[root];
    let wants_access = opts.keep_access || access_rules_on(opts);
    let Collected {
        mut documents,
        grants,
        mut findings,
        deployed_accounts,
        policy_arn_uses,
        resources,
        ..
    } = evaluate_root(
        &project,
        module,
        unit.map(|u| &u.inputs),
        cli_var_bodies,
        &opts.vars,
        wants_access,
    );
    findings.append(&mut own_copy_findings);
    // Only the whole tree shows every place a document's `json` is used.
    tfkms_iam::extract::mark_key_policies(&mut documents);
    tfkms_iam::extract::mark_limits(&mut documents, &policy_arn_uses);
    // Built before a unit's documents are renamed: the model ties them to
    // the resources by their addresses in the module.
    let model = wants_access.then(|| {
        let own: Vec<String> = if opts.own_accounts.is_empty() {
            deployed_accounts.iter().map(|a| a.id.clone()).collect()
        } else {
            opts.own_accounts.clone()
        };
        let accounts = tfkms_access::Accounts {
            own: &own,
            listed: !opts.own_accounts.is_empty(),
        };
        let detail = if opts.keep_access {
            tfkms_access::Detail::Full
        } else {
            tfkms_access::Detail::Rules
        };
        tfkms_access::build(&documents, &grants, &resources, &accounts, detail)
    });
    if let Some(unit) = unit {
        // Units deploying one module each have its documents.
        for doc in &mut documents {
            doc.address = format!("{}//{}", unit.display_dir, doc.address);
        }
    }

    let texts = rule_texts.current(&project);
    let ctx = tfkms_rules::Context {
        files: &texts,
        trusted_alias_patterns: &opts.trusted_alias_patterns,
        own_accounts: &opts.own_accounts,
        deployed_accounts: &deployed_accounts,
    };
    let mut facts = tfkms_rules::Facts::default();
    for doc in &documents {
        tfkms_rules::check_document(&ctx, doc, &mut findings);
        facts.add(&ctx, doc);
    }
    for grant in &grants {
        tfkms_rules::check_grant(&ctx, grant, &mut findings);
    }
    let mut access = Vec::new();
    if let Some(model) = &model {
        let mut from_model = Vec::new();
        tfkms_rules::check_access(&ctx, model, &mut from_model);
        if let Some(unit) = unit {
            // The model names documents by their addresses in the module.
            for f in &mut from_model {
                for d in &mut f.documents {
                    *d = format!("{}//{d}", unit.display_dir);
                }
            }
        }
        tfkms_rules::add_model_findings(&mut findings, from_model);
    }
    if opts.keep_access {
        access = model.map(|m| m.keys).unwrap_or_default();
    }
    set_anchors(&mut findings, &documents);
    report_limits_once(&mut findings);
    let findings = tfkms_rules::merge_duplicates(findings);
    let document_count = documents.len();
    TreeResult {
        findings,
        documents: if opts.keep_documents {
            documents
        } else {
            Vec::new()
        },
        facts,
        document_count,
        grants,
        access,
        variables: module.variables.keys().cloned().collect(),
        reached: project.modules.keys().cloned().collect(),
        not_modules,
        reads: project.reads(),
    }
}

/// Whether a rule reading the key-access model is on.
fn access_rules_on(opts: &ScanOptions) -> bool {
    tfkms_rules::all_rules()
        .iter()
        .any(|r| r.uses_access_model() && opts.rules.severity(r.meta()).is_some())
}

/// Records on each finding the heads of its documents and statement among
/// `documents`, for suppression comments placed there.
fn set_anchors(findings: &mut [Finding], documents: &[Document]) {
    // Statement heads by name, per document, so a document with many
    // statements and many findings costs their sum, not their product.
    type Heads = HashMap<String, Span>;
    let mut by_address: HashMap<&str, Vec<(&Document, Heads)>> = HashMap::new();
    for d in documents {
        let mut heads = Heads::new();
        for st in &d.statements {
            // The first statement of a name, as a search would find it.
            heads.entry(st.name()).or_insert(st.head);
        }
        by_address
            .entry(d.address.as_str())
            .or_default()
            .push((d, heads));
    }
    for f in findings {
        for address in &f.documents {
            for (d, heads) in by_address.get(address.as_str()).into_iter().flatten() {
                f.anchors.push(d.span);
                if let Some(head) = f.statement.as_ref().and_then(|name| heads.get(name)) {
                    f.anchors.push(*head);
                }
            }
        }
    }
}

/// A module `terraform init` installed under a root's `.terraform/modules`.
pub(crate) struct InstalledModule {
    root_dir: PathBuf,
    key: String,
    dir: PathBuf,
    files: Vec<FoundFile>,
}

/// Reads `.terraform/modules/modules.json` beside every directory with
/// configuration, so registry and git module calls are evaluated from the
/// copies `terraform init` made. Nothing is fetched; a missing manifest
/// leaves those calls unevaluated (reported as TFKMS010). A manifest, or a
/// module directory, that is a link out of the roots, not a regular file or
/// not JSON is reported where it is, and nothing it names is read.
fn installed_modules(
    files: &[FoundFile],
    roots: &Roots,
    cap: u64,
) -> (Vec<InstalledModule>, Vec<WalkProblem>) {
    let mut dirs: Vec<&Path> = files
        .iter()
        .filter(|f| f.kind.is_config())
        .filter_map(|f| f.path.parent())
        .collect();
    dirs.dedup();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for dir in dirs {
        // The common case, no `terraform init`, costs one system call.
        if std::fs::symlink_metadata(dir.join(".terraform")).is_err() {
            continue;
        }
        let root_dir = canonical_dir(dir);
        let Some(json) = read_manifest(dir, roots, cap, &mut problems) else {
            continue;
        };
        let Some(entries) = json["Modules"].as_array() else {
            continue;
        };
        for entry in entries {
            let (Some(key), Some(rel)) = (entry["Key"].as_str(), entry["Dir"].as_str()) else {
                continue;
            };
            if key.is_empty() || rel.is_empty() || rel == "." {
                continue;
            }
            let module_dir = tfkms_eval::normalize(&dir.join(rel));
            // Only copies inside the root's own .terraform are read: never
            // follow the manifest out of the scanned tree.
            let real = match roots.resolve(&module_dir) {
                Ok(real) if real.starts_with(&root_dir) => real,
                Ok(_)
                | Err(Refusal::Missing {
                    through_link: false,
                }) => {
                    if !roots.contains(&module_dir) {
                        problems.push(problem(
                            &dir.join(MANIFEST),
                            format!(
                                "module `{key}` is listed in {}, which leaves the scanned roots; not read",
                                display_path(&module_dir)
                            ),
                        ));
                    }
                    continue;
                }
                Err(r) => {
                    problems.push(problem(&module_dir, refusal_message(&r)));
                    continue;
                }
            };
            let module_files = installed_files(&module_dir, roots, &mut problems);
            out.push(InstalledModule {
                root_dir: root_dir.clone(),
                key: key.to_string(),
                dir: real,
                files: module_files,
            });
        }
    }
    (out, problems)
}

const MANIFEST: &str = ".terraform/modules/modules.json";

/// The module manifest beside `dir`, when there is one to read. Each step of
/// its path is checked, so a refusal names the link that leads out.
fn read_manifest(
    dir: &Path,
    roots: &Roots,
    cap: u64,
    problems: &mut Vec<WalkProblem>,
) -> Option<serde_json::Value> {
    let mut real = None;
    for step in [".terraform", ".terraform/modules", MANIFEST] {
        let path = dir.join(step);
        match roots.resolve(&path) {
            Ok(r) => real = Some(r),
            Err(Refusal::Missing {
                through_link: false,
            }) => return None,
            Err(r) => {
                problems.push(problem(&path, refusal_message(&r)));
                return None;
            }
        }
    }
    let manifest = dir.join(MANIFEST);
    let text = match tfkms_syntax::confine::read_regular(&real?, cap) {
        Ok(bytes) => bytes,
        Err(why) => {
            problems.push(problem(
                &manifest,
                format!("cannot read the module manifest: {why}"),
            ));
            return None;
        }
    };
    match serde_json::from_slice(&text) {
        Ok(json) => Some(json),
        Err(e) => {
            problems.push(problem(
                &manifest,
                format!(
                    "the module manifest is not valid JSON ({e}); the modules it lists are not evaluated"
                ),
            ));
            None
        }
    }
}

/// The configuration files of an installed module's directory, links
/// followed only inside the roots.
fn installed_files(dir: &Path, roots: &Roots, problems: &mut Vec<WalkProblem>) -> Vec<FoundFile> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(kind) = FileKind::from_name(&name).filter(|k| k.is_config()) else {
            continue;
        };
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let file_type = if file_type.is_symlink() {
            match roots
                .resolve(&path)
                .and_then(|real| std::fs::metadata(real).map_err(|e| Refusal::Io(e.to_string())))
            {
                Ok(meta) => meta.file_type(),
                Err(r) => {
                    problems.push(problem(&path, refusal_message(&r)));
                    continue;
                }
            }
        } else {
            file_type
        };
        if !file_type.is_file() {
            problems.push(problem(
                &path,
                format!(
                    "not a regular file ({}); tfkms reads only regular files, so it was not read",
                    tfkms_syntax::confine::kind_of(file_type)
                ),
            ));
            continue;
        }
        files.push(FoundFile {
            display_path: display_path(&path),
            path,
            kind,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    tfkms_syntax::tofu::drop_replaced_by_tofu(&mut files);
    files
}

fn refusal_message(r: &Refusal) -> String {
    match r {
        Refusal::Outside { .. } => format!("symbolic link {r}"),
        _ => r.to_string(),
    }
}

fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    tfkms_syntax::discover::display(&cwd, path)
}

fn problem(path: &Path, message: String) -> WalkProblem {
    WalkProblem {
        display_path: display_path(path),
        message,
    }
}

fn parse_finding(label: Label) -> Finding {
    let message = label.message.clone();
    // The label says where, not the message again: a parser's "what; what
    // was expected" splits into the two, as rustc puts it.
    let short = match message.split_once("; ") {
        Some((_, expected)) => expected.to_string(),
        None if message == NOT_UTF8 => "not valid UTF-8".to_string(),
        // An unreadable file has no text to point into.
        None if label.span.start == label.span.end => message.clone(),
        None => "here".to_string(),
    };
    let label = Label {
        span: label.span,
        message: short,
    };
    Finding::new(&tfkms_rules::PARSE_ERROR, label, message)
        .with_help("the file was skipped; fix it so that Terraform (and tfkms) can read it")
}

const NOT_UTF8: &str = "the file is not valid UTF-8";

/// Reads and parses one file outside the module pipeline (`--var-file`).
fn read_and_parse(
    id: FileId,
    path: &Path,
    display: String,
    kind: FileKind,
    limits: &Limits,
) -> (SourceFile, Result<Body, Label>) {
    match tfkms_syntax::read_source_capped(path, limits.max_file_bytes) {
        ReadOutcome::Text(text) => {
            let body = match element_limit(id, &text, limits.max_file_elements) {
                Some(refused) => Err(refused),
                None => tfkms_syntax::parse(id, kind, &text).map_err(|e| Label {
                    span: e.span,
                    message: e.message,
                }),
            };
            (SourceFile::new(path.to_path_buf(), display, text), body)
        }
        ReadOutcome::NotUtf8 { text, offset } => (
            SourceFile::new(path.to_path_buf(), display, text),
            Err(Label {
                // The lossy text shows the bad byte as U+FFFD.
                span: Span::new(id, offset, offset + '\u{fffd}'.len_utf8()),
                message: NOT_UTF8.into(),
            }),
        ),
        ReadOutcome::Unreadable(why) => (
            SourceFile::new(path.to_path_buf(), display, "".into()),
            Err(Label {
                span: Span::new(id, 0, 0),
                message: format!("cannot read the file: {why}"),
            }),
        ),
    }
}

/// An evaluation limit stops every value evaluated after it: one finding
/// says so, at the first value it stopped, rather than one per value.
fn report_limits_once(findings: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    findings.retain(|f| match &f.limit {
        Some(limit) => seen.insert(limit.clone()),
        None => true,
    });
}

fn canonical_dir(dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(dir).unwrap_or_else(|_| tfkms_eval::normalize(dir))
}

/// What the evaluation of a root module tree yields for the rules.
#[derive(Default)]
struct Collected {
    documents: Vec<Document>,
    grants: Vec<Grant>,
    /// Findings of the evaluation itself: undeclared variables (TFKMS014),
    /// module calls that could not be evaluated (TFKMS010).
    findings: Vec<Finding>,
    /// The accounts the root module says it deploys to.
    deployed_accounts: Vec<tfkms_rules::DeployedAccount>,
    /// How the tree uses managed policies' ARNs (boundaries, attachments).
    policy_arn_uses: Vec<(String, tfkms_iam::extract::ArnUse)>,
    /// What the key-access model needs besides documents, when asked for.
    resources: tfkms_access::Resources,
    wants_access: bool,
}

fn evaluate_root(
    project: &Project,
    module: &Module,
    unit_inputs: Option<&crate::terragrunt::Inputs>,
    cli_var_files: &[Body],
    cli_vars: &[(String, String)],
    wants_access: bool,
) -> Collected {
    let budget = std::rc::Rc::new(project.root_budget());
    // Variable files hold constants; evaluate them in an empty module.
    let empty = Module::default();
    let consts = ModuleInstance::new(
        project,
        &empty,
        String::new(),
        HashMap::new(),
        budget.clone(),
        0,
    );
    // Terragrunt passes `inputs` as `TF_VAR_` environment variables, which
    // every variable file overrides.
    let mut inputs: HashMap<String, Value> = match unit_inputs {
        None => HashMap::new(),
        Some(crate::terragrunt::Inputs::Known(given)) => {
            given.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
        }
        Some(crate::terragrunt::Inputs::Unknown(v)) => module
            .variables
            .keys()
            .map(|k| (k.clone(), v.clone()))
            .collect(),
    };
    let mut findings = Vec::new();
    for body in &module.auto_var_files {
        for attr in &body.attributes {
            if !module.variables.contains_key(&attr.name) {
                findings.push(tfkms_rules::rules::undeclared_variable::finding(
                    attr.name_span,
                    &attr.name,
                    module.variables.keys().map(String::as_str),
                ));
            }
        }
    }
    for body in module.auto_var_files.iter().chain(cli_var_files) {
        for attr in &body.attributes {
            let v = consts.scope().eval(&attr.expr).via(tfkms_eval::Hop {
                span: attr.span,
                label: format!("value of `var.{}` from this file", attr.name),
            });
            inputs.insert(attr.name.clone(), v);
        }
    }
    for (name, raw) in cli_vars {
        inputs.insert(name.clone(), cli_var_value(module, name, raw, &consts));
    }
    let root = ModuleInstance::new(project, module, String::new(), inputs, budget, 0);
    let mut collected = Collected {
        findings,
        wants_access,
        ..Collected::default()
    };
    let providers = if wants_access {
        crate::accounts::accounts_by_provider(&root)
    } else {
        tfkms_access::ProviderAccounts::default()
    };
    collect_documents(&root, &providers, &mut collected);
    collected.deployed_accounts = crate::accounts::deployed_accounts(&root);
    collected
}

/// `--var name=value`: taken literally for string variables and variables
/// without a type, parsed as an expression otherwise, as Terraform does.
fn cli_var_value(module: &Module, name: &str, raw: &str, consts: &ModuleInstance) -> Value {
    let is_string = module
        .variables
        .get(name)
        .and_then(|v| v.body.attribute("type"))
        .map(|t| matches!(&t.expr.kind, tfkms_syntax::ast::ExprKind::Variable(n) if n == "string"))
        .unwrap_or(true);
    if is_string {
        return Value::string(raw, Origin::default());
    }
    match tfkms_syntax::parse(FileId(u32::MAX), FileKind::Vars, &format!("v = {raw}\n")) {
        Ok(body) => match body.attributes.first() {
            Some(a) => {
                let mut v = consts.scope().eval(&a.expr);
                strip_spans(&mut v);
                v
            }
            None => Value::string(raw, Origin::default()),
        },
        Err(_) => Value::string(raw, Origin::default()),
    }
}

/// Values from the command line have no source location.
fn strip_spans(v: &mut Value) {
    v.origin = Origin::default();
    match &mut v.kind {
        tfkms_eval::Kind::String(t) => {
            for p in &mut t.parts {
                if let tfkms_eval::TextPart::Known { origin, .. } = p {
                    *origin = Origin::default();
                }
            }
        }
        tfkms_eval::Kind::List(items) | tfkms_eval::Kind::Set(items) => {
            items.iter_mut().for_each(strip_spans)
        }
        tfkms_eval::Kind::Map(m) => m.values_mut().for_each(strip_spans),
        _ => {}
    }
}

/// The documents and grants of an instance and of every module it calls;
/// module calls that could not be evaluated are reported, since nothing in
/// them was checked.
fn collect_documents(
    inst: &ModuleInstance,
    providers: &tfkms_access::ProviderAccounts,
    out: &mut Collected,
) {
    out.documents.extend(tfkms_iam::extract::documents(inst));
    out.grants.extend(tfkms_iam::extract::grants(inst));
    out.policy_arn_uses
        .extend(tfkms_iam::extract::policy_arn_uses(inst));
    if out.wants_access {
        out.resources
            .extend(tfkms_access::resources(inst, providers));
    }
    for (name, call) in inst.children() {
        let given = providers.for_call(inst, &name);
        // A legacy module's own provider blocks take the place of those
        // of the same name it is given.
        let wants_access = out.wants_access;
        let of = |child: &ModuleInstance| {
            if wants_access {
                given
                    .clone()
                    .with_own(child, crate::accounts::declared_configurations(child))
            } else {
                given.clone()
            }
        };
        match &*call {
            ChildCall::Single(child) => collect_documents(child, &of(child), out),
            ChildCall::Instances(list) => {
                for (_, child) in list {
                    collect_documents(child, &of(child), out);
                }
            }
            ChildCall::Unresolved(why) => {
                let block = &inst.module.module_calls[&name];
                let unknown = tfkms_eval::eval::unknown_of(why);
                out.findings.push(
                    tfkms_rules::rules::unresolved_policy_value::module_not_evaluated(
                        block.head_span(),
                        &inst.qualify(&format!("module.{name}")),
                        &unknown,
                    ),
                );
            }
        }
    }
}

/// Evaluates every directory holding `terragrunt.hcl` as a Terragrunt unit,
/// by canonical directory; units deploying nothing are left out. Also
/// returns the problems found in their files.
fn terragrunt_units(
    first: &FirstPass,
    base: &Project,
    limits: &Limits,
    downloads: HashMap<PathBuf, Vec<PathBuf>>,
) -> TerragruntUnits {
    let mut ignored_json = Vec::new();
    let files = unit_files(first, &mut ignored_json);
    let stacks = stack_files(first);
    if files.is_empty() && stacks.is_empty() {
        return TerragruntUnits::default();
    }
    let stack_paths = stacks
        .iter()
        .map(|(dir, id)| (dir.join(tfkms_syntax::TERRAGRUNT_STACK_FILE), *id));
    let scanned = files
        .iter()
        .map(|(dir, (id, kind))| (dir.join(crate::terragrunt::unit_file_name(*kind)), *id))
        .chain(stack_paths)
        .map(|(path, id)| (path, (id, first.sources.get(id).text.clone())))
        .collect();
    let env = Arc::new(crate::terragrunt::Env::new(
        base.roots().clone(),
        scanned,
        limits,
        downloads,
    ));
    let is_module = |dir: &Path| first.dirs.get(dir).is_some_and(|d| d.has_config);
    let expansion = crate::terragrunt::stack::expand(&env, base, &stacks);
    let evaluated: Vec<(PathBuf, Option<crate::terragrunt::Unit>)> =
        units_to_evaluate(first, &files, &expansion)
            .par_iter()
            .map(|u| {
                let unit = crate::terragrunt::evaluate_unit(
                    &env,
                    base,
                    u.dir,
                    u.file,
                    &u.display_dir,
                    &is_module,
                    &u.placement,
                );
                (u.dir.clone(), unit)
            })
            .collect();
    let mut units = BTreeMap::new();
    let mut findings: Vec<Finding> = ignored_json
        .into_iter()
        .map(crate::terragrunt::json_beside_hcl)
        .collect();
    findings.extend(expansion.findings);
    // What a stack cannot generate is noted, unless a copy generated
    // there before is scanned: that copy is checked instead.
    let mut not_checked: Vec<_> = expansion
        .not_checked
        .into_iter()
        .filter(|(at, _, _)| {
            !at.as_ref()
                .is_some_and(|at| files.iter().any(|(dir, _)| dir == at))
        })
        .map(|(_, cause, note)| (cause, note))
        .collect();
    for (dir, unit) in evaluated {
        let Some(mut unit) = unit else { continue };
        findings.append(&mut unit.findings);
        not_checked.append(&mut unit.not_checked);
        units.insert(dir, unit);
    }
    findings.extend(crate::terragrunt::one_note_per_cause(not_checked));
    TerragruntUnits {
        units,
        findings,
        stack_reads: expansion.reads,
    }
}

/// The configuration file of each scanned unit directory, by canonical
/// directory. Terragrunt reads `terragrunt.hcl`, and `terragrunt.hcl.json`
/// only when there is none: a JSON file beside an HCL one goes to
/// `ignored_json`.
fn unit_files(
    first: &FirstPass,
    ignored_json: &mut Vec<FileId>,
) -> Vec<(PathBuf, (FileId, FileKind))> {
    first
        .dirs
        .iter()
        .filter_map(|(dir, info)| {
            let mut unit_files = info.files.iter().filter(|id| {
                let meta = &first.files[id.0 as usize];
                meta.kind.is_terragrunt() && !meta.unreadable
            });
            let first_file = *unit_files.next()?;
            let mut chosen = (first_file, first.files[first_file.0 as usize].kind);
            for &id in unit_files {
                let kind = first.files[id.0 as usize].kind;
                if kind == FileKind::Terragrunt {
                    ignored_json.push(chosen.0);
                    chosen = (id, kind);
                } else {
                    ignored_json.push(id);
                }
            }
            Some((dir.clone(), chosen))
        })
        .collect()
}

/// The readable scanned `terragrunt.stack.hcl` files, with their canonical
/// directories.
fn stack_files(first: &FirstPass) -> Vec<(PathBuf, FileId)> {
    first
        .dirs
        .iter()
        .flat_map(|(dir, info)| info.files.iter().map(move |id| (dir, *id)))
        .filter(|(_, id)| {
            let meta = &first.files[id.0 as usize];
            meta.kind == FileKind::TerragruntStack && !meta.unreadable
        })
        .map(|(dir, id)| (dir.clone(), id))
        .collect()
}

/// A unit to evaluate: scanned, or generated by a stack.
struct UnitToEvaluate<'a> {
    dir: &'a PathBuf,
    /// Its configuration file.
    file: (FileId, FileKind),
    display_dir: String,
    placement: crate::terragrunt::Placement,
}

/// The scanned units and those the stacks generate. A unit a stack
/// generates is evaluated where the stack puts it, with its `values`: not
/// also in its source directory without them, nor as a copy generated
/// before (the stack is what Terragrunt generates from, before it runs).
fn units_to_evaluate<'a>(
    first: &FirstPass,
    files: &'a [(PathBuf, (FileId, FileKind))],
    expansion: &'a crate::terragrunt::stack::Expansion,
) -> Vec<UnitToEvaluate<'a>> {
    let generated: HashSet<&PathBuf> = expansion.units.iter().map(|u| &u.dir).collect();
    let scanned = files
        .iter()
        .filter(|(dir, _)| !generated.contains(dir) && !expansion.unit_sources.contains(dir))
        .map(|(dir, file)| UnitToEvaluate {
            dir,
            file: *file,
            display_dir: first.dirs[dir].display_dir.clone(),
            placement: crate::terragrunt::Placement::default(),
        });
    let from_stacks = expansion.units.iter().map(|u| UnitToEvaluate {
        dir: &u.dir,
        file: u.file,
        display_dir: u.display_dir.clone(),
        placement: u.placement.clone(),
    });
    scanned.chain(from_stacks).collect()
}

/// The units of a scan, the problems of their files and what their stack
/// files read.
#[derive(Default)]
struct TerragruntUnits {
    units: BTreeMap<PathBuf, crate::terragrunt::Unit>,
    findings: Vec<Finding>,
    stack_reads: HashSet<PathBuf>,
}

/// The directory of the module a root evaluates: a unit's module, or the
/// root itself.
fn unit_module<'a>(
    units: &'a BTreeMap<PathBuf, crate::terragrunt::Unit>,
    root: &'a Path,
) -> &'a Path {
    units
        .get(root)
        .and_then(|u| u.module.as_deref())
        .unwrap_or(root)
}
