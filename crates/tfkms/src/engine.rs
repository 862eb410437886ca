//! The incremental scan behind `tfkms lsp` and `scan --watch`: the same pipeline as
//! [`crate::scan::scan`], with what it learns kept between requests.
//!
//! Kept: the discovered files and their texts, every directory's parsed
//! module, and each root module tree's result (its findings and the facts
//! project-wide rules use) with the module directories it reached and the
//! files its evaluation read. An edit to a file re-parses that file's
//! directory only and evaluates again only the roots whose evaluation
//! reached that directory or read that file (and changed its text); the
//! project-wide rules, suppressions and sorting then run over the kept
//! results, lent to the report, not copied. Only Terraform files are taken
//! from buffers, as in a fresh scan: a buffer of any other file (a policy
//! read by `file()`) changes nothing until it is written. What an edit
//! cannot change in place (a created or deleted file, a Terragrunt file, a
//! module manifest, a `--var-file`, a file becoming unreadable) makes the
//! next update discover everything again, as a fresh scan does.
//!
//! What is kept is one entry per file, directory and root, replaced on
//! change: memory does not grow with the number of edits.

use crate::scan::{
    FirstPass, Overlays, Prepared, Report, RuleTexts, ScanError, ScanOptions, ScanResult,
    TreeResult,
};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use tfkms_eval::Module;
use tfkms_rules::finding::Finding;
use tfkms_syntax::ast::Body;
use tfkms_syntax::{FileId, FileKind, FoundFile, ReadOutcome};

pub struct Engine {
    /// The settings of every update; overlays and cancel flag come with each.
    opts: ScanOptions,
    pool: rayon::ThreadPool,
    state: Option<State>,
    /// The roots the last update evaluated, in order.
    evaluated: Vec<PathBuf>,
}

/// What a scan of the current texts knows.
struct State {
    first: FirstPass,
    prepared: Prepared,
    cli_var_bodies: Vec<Body>,
    /// Scanned files by path, as discovered and as real paths.
    ids: HashMap<PathBuf, FileId>,
    /// Each scanned file's (canonical) directory, by file ID.
    dir_of: Vec<PathBuf>,
    /// `--var-file`s, as given and canonical: not part of any directory.
    var_files: HashSet<PathBuf>,
    /// Every directory of the scan, parsed, in path order: the order the
    /// report takes their findings in.
    modules: BTreeMap<PathBuf, ParsedDir>,
    /// The result of every root module tree evaluated for the current texts.
    results: BTreeMap<PathBuf, TreeResult>,
    /// Roots whose result is missing or stale (an update was cancelled
    /// before it evaluated them again).
    dirty: BTreeSet<PathBuf>,
    /// The buffers the texts were last read with.
    overlays: Arc<Overlays>,
    /// Whether each source mentions tfkms (may hold suppressions), by ID.
    mentions: Vec<bool>,
}

struct ParsedDir {
    module: Option<Arc<Module>>,
    calls: Option<Vec<PathBuf>>,
    findings: Vec<Finding>,
}

/// A change the engine cannot make in place: discover and read again.
struct Rediscover;

impl Engine {
    /// An engine for scans with these settings (their `overlays` and
    /// `cancel` are ignored: each update brings its own).
    pub fn new(opts: ScanOptions) -> Result<Engine, ScanError> {
        let pool = crate::scan::thread_pool(opts.jobs)?;
        let opts = ScanOptions {
            overlays: None,
            cancel: None,
            keep_documents: false,
            keep_access: false,
            progress: None,
            ..opts
        };
        Ok(Engine {
            opts,
            pool,
            state: None,
            evaluated: Vec::new(),
        })
    }

    /// The root module trees the last update evaluated (canonical
    /// directories): those an edit reaches, or all after a rediscovery.
    pub fn evaluated_roots(&self) -> &[PathBuf] {
        &self.evaluated
    }

    /// The files the evaluation of the kept results read through `file()`
    /// and its kin (as named and as real paths): besides the Terraform
    /// files, the config and module manifests, the files whose change on
    /// disk can change the report.
    pub fn read_files(&self) -> HashSet<PathBuf> {
        let roots = self.state.iter().flat_map(|s| s.results.values());
        let units = self.state.iter().flat_map(|s| s.prepared.units.values());
        let stacks = self.state.iter().flat_map(|s| &s.prepared.stack_reads);
        roots
            .flat_map(|r| r.reads.iter())
            .chain(units.flat_map(|u| u.reads.iter()))
            .chain(stacks)
            .cloned()
            .collect()
    }

    /// The scan of the files with `overlays` over them, after the files in
    /// `changed_on_disk` were written. Equal to a fresh [`crate::scan::scan`]
    /// with the same overlays. Cancelled, it keeps what it learnt and the
    /// next update finishes the work.
    pub fn update(
        &mut self,
        overlays: Arc<Overlays>,
        changed_on_disk: &[PathBuf],
        cancel: Option<Arc<AtomicBool>>,
    ) -> Result<ScanResult, ScanError> {
        let opts = ScanOptions {
            overlays: Some(overlays),
            cancel,
            ..self.opts.clone()
        };
        let pool = &self.pool;
        let state = &mut self.state;
        let evaluated_roots = &mut self.evaluated;
        pool.install(|| {
            // A panic mid-update may leave the state half-changed: start over.
            let taken = state.take();
            let mut current = match taken {
                Some(mut s) => match s.apply(&opts, changed_on_disk) {
                    Ok(()) => s,
                    Err(Rediscover) => State::build(&opts)?,
                },
                None => State::build(&opts)?,
            };
            *evaluated_roots = current.dirty.iter().cloned().collect();
            // Each source's text, once for the evaluation and the report.
            let rule_texts = RuleTexts::new(&current.first.sources);
            let evaluated = current.evaluate_dirty(&opts, &rule_texts);
            let result = evaluated.map(|()| current.report(&opts, &rule_texts));
            *state = Some(current);
            result
        })
    }
}

/// The Terraform files whose buffer was opened, changed or closed. Only
/// they count: the scan reads Terraform files from buffers, and everything
/// else (what `file()` or Terragrunt reads) from disk, so typing in any
/// other buffer changes nothing until it is written.
fn changed_buffers<'a>(old: &'a Overlays, new: &'a Overlays) -> impl Iterator<Item = PathBuf> + 'a {
    let opened_or_changed = new
        .iter()
        .filter(|(path, text)| old.get(*path) != Some(*text))
        .map(|(path, _)| path);
    let closed = old.keys().filter(|path| !new.contains_key(*path));
    opened_or_changed
        .chain(closed)
        .filter(|path| crate::scan::is_terraform_file(path))
        .cloned()
}

impl State {
    fn build(opts: &ScanOptions) -> Result<State, ScanError> {
        let gathered = crate::scan::gather(opts)?;
        let first = gathered.first;
        let prepared = crate::scan::prepare(
            &gathered.paths,
            &first,
            gathered.installed,
            gathered.downloads,
            opts,
        );
        let mut ids = HashMap::new();
        let mut dir_of = vec![PathBuf::new(); first.sources.len()];
        for (dir, info) in &first.dirs {
            for &id in &info.files {
                dir_of[id.0 as usize] = dir.clone();
                let path = &first.sources.get(id).path;
                ids.insert(path.clone(), id);
                // Watchers name files by their real path.
                if let Some(name) = path.file_name() {
                    ids.insert(dir.join(name), id);
                }
            }
        }
        let var_files = opts
            .var_files
            .iter()
            .flat_map(|p| [p.clone(), std::fs::canonicalize(p).unwrap_or_default()])
            .collect();
        let mut state = State {
            first,
            prepared,
            cli_var_bodies: gathered.cli_var_bodies,
            ids,
            dir_of,
            var_files,
            modules: BTreeMap::new(),
            results: BTreeMap::new(),
            dirty: BTreeSet::new(),
            overlays: opts.overlays.clone().unwrap_or_default(),
            mentions: Vec::new(),
        };
        state.mentions = state
            .first
            .sources
            .files()
            .map(|(_, f)| crate::suppress::mentions_tfkms(&f.text))
            .collect();
        let dirs: Vec<PathBuf> = state.first.dirs.keys().cloned().collect();
        state.parse(dirs);
        state.find_roots();
        Ok(state)
    }

    /// Takes in the new texts: re-parses the directories of changed files
    /// and marks the roots that reach them, or read a changed file, dirty.
    fn apply(&mut self, opts: &ScanOptions, changed_on_disk: &[PathBuf]) -> Result<(), Rediscover> {
        let new = opts.overlays.clone().unwrap_or_default();
        let mut changed: BTreeSet<PathBuf> = changed_on_disk.iter().cloned().collect();
        changed.extend(changed_buffers(&self.overlays, &new));
        self.overlays = new;
        let mut dirs = BTreeSet::new();
        for path in &changed {
            let on_disk = changed_on_disk.contains(path);
            if let Some(dir) = self.take_change(path, on_disk, opts)? {
                dirs.insert(dir);
            }
        }
        for (root, result) in &self.results {
            if result
                .reached
                .iter()
                .chain(&result.not_modules)
                .any(|d| dirs.contains(d))
            {
                self.dirty.insert(root.clone());
            }
        }
        if self.parse(dirs.into_iter().collect()) {
            self.find_roots();
        }
        Ok(())
    }

    /// Takes in one changed path; returns the directory to parse again.
    fn take_change(
        &mut self,
        path: &Path,
        on_disk: bool,
        opts: &ScanOptions,
    ) -> Result<Option<PathBuf>, Rediscover> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let manifest = path.components().any(|c| c.as_os_str() == ".terraform");
        if name == crate::config::FILE_NAME || manifest || self.var_files.contains(path) {
            return Err(Rediscover);
        }
        let Some(id) = self.file_id(path) else {
            return self.take_other_change(path, &name, on_disk).map(|()| None);
        };
        let meta = &self.first.files[id.0 as usize];
        // A unit's inputs come from evaluating its files with the others,
        // and a stack's decide which units there are.
        if meta.kind.is_terragrunt() || meta.kind == FileKind::TerragruntStack || meta.unreadable {
            return Err(Rediscover);
        }
        let source = self.first.sources.get(id);
        let found = FoundFile {
            path: source.path.clone(),
            display_path: source.display_path.clone(),
            kind: meta.kind,
        };
        let cap = opts.limits.max_file_bytes;
        let outcome = crate::scan::read_or_overlay(&found, opts, cap);
        if !matches!(outcome, ReadOutcome::Text(_)) {
            return Err(Rediscover);
        }
        let (source, calls) = crate::scan::read_one(id, &found, outcome, opts);
        // Unreadable now (too many elements): reported as a fresh scan does.
        if calls.is_err() {
            return Err(Rediscover);
        }
        if source.text == self.first.sources.get(id).text {
            return Ok(None);
        }
        self.mentions[id.0 as usize] = crate::suppress::mentions_tfkms(&source.text);
        self.first.sources.replace(id, source);
        Ok(Some(self.dir_of[id.0 as usize].clone()))
    }

    fn file_id(&self, path: &Path) -> Option<FileId> {
        if let Some(&id) = self.ids.get(path) {
            return Some(id);
        }
        let dir = std::fs::canonicalize(path.parent()?).ok()?;
        self.ids.get(&dir.join(path.file_name()?)).copied()
    }

    /// A change to a file that is not a scanned Terraform file: a new file,
    /// or one that `file()` and its kin read.
    fn take_other_change(
        &mut self,
        path: &Path,
        name: &str,
        on_disk: bool,
    ) -> Result<(), Rediscover> {
        if FileKind::from_name(name).is_some() {
            // A Terraform file discovery did not see: new (a buffer not yet
            // saved, or written since), or one the scan leaves out (hidden,
            // excluded). Only the first changes the scan.
            let unsaved = !path.exists() && self.overlays.contains_key(path);
            return if on_disk || unsaved {
                Err(Rediscover)
            } else {
                Ok(())
            };
        }
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let read = |reads: &HashSet<PathBuf>| reads.contains(path) || reads.contains(&real);
        // A stack file's reads decide which units there are.
        if read(&self.prepared.stack_reads) {
            return Err(Rediscover);
        }
        let mut readers: Vec<PathBuf> = self
            .results
            .iter()
            .filter(|(_, r)| read(&r.reads))
            .map(|(root, _)| root.clone())
            .collect();
        let unit_readers: Vec<PathBuf> = self
            .prepared
            .units
            .iter()
            .filter(|(_, unit)| read(&unit.reads))
            .map(|(dir, _)| dir.clone())
            .collect();
        if readers.is_empty() && unit_readers.is_empty() {
            return Ok(());
        }
        if self.prepared.base.is_loaded(&real) {
            match tfkms_syntax::read_source_capped(&real, self.prepared.base.limits.max_file_bytes)
            {
                ReadOutcome::Text(text) => {
                    // Written with the text it had: its readers read the same.
                    if !self.prepared.base.replace_loaded_text(&real, text) {
                        return Ok(());
                    }
                }
                // Its error belongs where the evaluation reads it.
                _ => return Err(Rediscover),
            }
        }
        if !unit_readers.is_empty() {
            // The units' configurations are evaluated again (the others
            // give what they gave); only the readers' modules are.
            let limits = self.prepared.base.limits.clone();
            if !self.prepared.reevaluate_units(&self.first, &limits) {
                return Err(Rediscover);
            }
            readers.extend(unit_readers);
        }
        self.dirty.extend(readers);
        Ok(())
    }

    /// Parses `dirs` in parallel, replacing what they held; returns whether
    /// the module graph changed (a directory calls others, or is a module
    /// or not, unlike before), hence perhaps which directories are roots.
    fn parse(&mut self, dirs: Vec<PathBuf>) -> bool {
        use rayon::prelude::*;
        let first = &self.first;
        let parsed: Vec<(PathBuf, ParsedDir)> = dirs
            .into_par_iter()
            .filter_map(|dir| {
                let p = crate::scan::parse_dir(first, &dir, None, &[])?;
                let parsed = ParsedDir {
                    module: p.module.map(Arc::new),
                    calls: p.calls,
                    findings: p.findings,
                };
                Some((dir, parsed))
            })
            .collect();
        let mut graph_changed = false;
        for (dir, new) in parsed {
            graph_changed |= self
                .modules
                .get(&dir)
                .is_none_or(|old| old.calls != new.calls);
            self.modules.insert(dir, new);
        }
        graph_changed
    }

    /// The roots for the parsed modules: results of directories no longer
    /// roots are dropped, new roots are to be evaluated.
    fn find_roots(&mut self) {
        let roots = self.prepared.roots(
            self.modules
                .iter()
                .map(|(dir, p)| (dir, p.calls.as_deref())),
        );
        self.results.retain(|root, _| roots.contains(root));
        self.dirty.retain(|root| roots.contains(root));
        let missing = roots.into_iter().filter(|r| !self.results.contains_key(r));
        self.dirty.extend(missing.collect::<Vec<_>>());
    }

    fn evaluate_dirty(
        &mut self,
        opts: &ScanOptions,
        rule_texts: &RuleTexts,
    ) -> Result<(), ScanError> {
        if self.dirty.is_empty() {
            return Ok(());
        }
        let roots: Vec<PathBuf> = self.dirty.iter().cloned().collect();
        // The new texts, and a fresh budget for the whole update.
        self.prepared.base = self.prepared.base.with_files(rule_texts.scanned.to_vec());
        let modules = &self.modules;
        let module = |dir: &Path| modules.get(dir).and_then(|p| p.module.clone());
        let evaluated = self.prepared.evaluate(
            &self.first,
            &roots,
            &module,
            &self.cli_var_bodies,
            opts,
            rule_texts,
            &|_| {},
        );
        // Trees skipped for the cancel are empty: keep none of them.
        if crate::scan::cancelled(opts) {
            return Err(ScanError::Cancelled);
        }
        self.results.extend(evaluated);
        self.dirty.clear();
        Ok(())
    }

    /// The report of the kept results, lent to it: what it hands out
    /// (findings, grants) is copied, what it only reads is not.
    fn report(&self, opts: &ScanOptions, rule_texts: &RuleTexts) -> ScanResult {
        let mut findings = self.first.findings.clone();
        for parsed in self.modules.values() {
            findings.extend(parsed.findings.iter().cloned());
        }
        let report = Report {
            sources: self.first.sources.clone(),
            findings,
            cli_var_bodies: &self.cli_var_bodies,
            rule_texts,
            mentions: &self.mentions,
        };
        let results = self
            .results
            .iter()
            .map(|(root, r)| (root.clone(), Cow::Borrowed(r)));
        report.finish(&self.prepared, results, opts)
    }
}
