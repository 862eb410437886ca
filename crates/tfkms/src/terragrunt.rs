//! Terragrunt units.
//!
//! A directory holding `terragrunt.hcl` is a unit: Terragrunt runs the
//! module its `terraform { source }` names, with its `inputs` as the
//! module's variables. tfkms evaluates the file as Terragrunt does (locals,
//! includes and how they merge, dependencies' `mock_outputs`, the functions
//! whose results the tree itself determines), and the scan then evaluates
//! the module as a root with those inputs, so a finding points at the
//! literal in `terragrunt.hcl`, or in a file it includes, where the value
//! was written.
//!
//! Nothing is run and nothing outside the scanned roots is read: a function
//! that would run a command, call AWS or read the environment gives an
//! unknown naming why, and a file outside the roots is refused where it is
//! named.

mod generate;
pub mod stack;

use generate::{GenerateBlock, generate_block, generated_files};
pub use generate::{Generated, IfExists, lay_over, literal_contents, only_within};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use tfkms_eval::{Budget, Cause, Host, InstanceKey, Mode, Module, ModuleInstance, Origin};
use tfkms_eval::{Project, Scope, Shape, Unknown, Value};
use tfkms_rules::finding::{Finding, Label};
use tfkms_syntax::ast::{Block, Body};
use tfkms_syntax::confine::{ReadRefusal, Refusal, Roots};
use tfkms_syntax::{
    FileId, FileKind, FoundFile, Span, TERRAGRUNT_FILE, TERRAGRUNT_JSON_FILE,
    TERRAGRUNT_STACK_FILE, WalkProblem,
};

/// A unit, evaluated: the module it deploys and the variables it gives it.
pub struct Unit {
    /// The unit's directory as shown to users: documents are named
    /// `DIR//ADDRESS` after it.
    pub display_dir: String,
    /// Where the unit's own files are on disk: its directory, or for a unit
    /// a stack generates, the source it would be copied from.
    pub files_dir: PathBuf,
    /// The module Terragrunt runs (canonical directory); `None` when it
    /// could not be told, which one of `findings` says.
    pub module: Option<PathBuf>,
    pub inputs: Inputs,
    /// Problems of the unit's own files, and a note when its module is not
    /// checked.
    pub findings: Vec<Finding>,
    /// What was not checked and why (the unit's module, what depends on a
    /// file not found): units sharing a cause share one finding.
    pub not_checked: Vec<(NotChecked, Finding)>,
    /// The Terraform files the unit's `generate` blocks write into the
    /// module's working copy, parsed.
    pub generated: Vec<Generated>,
    /// The files its evaluation read or looked for besides its own
    /// configuration (included and read files, `find_in_parent_folders()`
    /// candidates, `terragrunt.values.hcl`, what `file()` read), as named
    /// and as resolved.
    pub reads: HashSet<PathBuf>,
}

/// Why a unit's module was not checked, as far as it is the same for
/// several units: the same fix makes all of them checked.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotChecked {
    /// Its remote source is not in `.terragrunt-cache`: one `terragrunt
    /// init` of the tree downloads every unit's.
    NotDownloaded { source: String },
    /// Its local source is outside the scanned directories: scanning a
    /// directory holding them all checks every unit's.
    OutsideScan { source: String },
    /// The remote source of a stack's `unit` or `stack` block: one
    /// `terragrunt stack generate` writes every one of them.
    StackSourceRemote { source: String },
    /// `find_in_parent_folders(NAME)` found nothing inside the scanned
    /// directories: a scan of the directory holding NAME finds it for every
    /// unit.
    NotFoundAbove { name: String },
    /// Anything else, by what the note says of it (the unknown the source
    /// is built from, a directory without Terraform files).
    Other { why: String },
}

impl NotChecked {
    fn key(&self) -> String {
        match self {
            NotChecked::NotDownloaded { .. } => "not downloaded".into(),
            NotChecked::OutsideScan { .. } => "outside the scan".into(),
            NotChecked::StackSourceRemote { .. } => "stack source not local".into(),
            NotChecked::NotFoundAbove { name } => format!("not found above: {name}"),
            NotChecked::Other { why } => why.clone(),
        }
    }

    fn source(&self) -> Option<&str> {
        match self {
            NotChecked::NotDownloaded { source }
            | NotChecked::OutsideScan { source }
            | NotChecked::StackSourceRemote { source } => Some(source),
            NotChecked::NotFoundAbove { .. } | NotChecked::Other { .. } => None,
        }
    }
}

/// The `inputs` of a unit, after includes are merged.
pub enum Inputs {
    Known(BTreeMap<String, Value>),
    /// Not known as a whole (built from an unknown): every variable of the
    /// module may be set by it, so every one is this unknown.
    Unknown(Value),
}

/// What the evaluation of every unit of a scan shares.
pub struct Env {
    roots: Roots,
    /// The scanned `terragrunt.hcl` files by canonical path, so a file both
    /// scanned and included has one ID and is read once.
    scanned: HashMap<PathBuf, (FileId, Arc<str>)>,
    cap: u64,
    max_depth: usize,
    /// `max_generated_units`: the units and stacks all stack files of the
    /// scan may generate together.
    max_generated_units: usize,
    /// The working directories in each unit's `.terragrunt-cache`.
    downloads: HashMap<PathBuf, Vec<PathBuf>>,
}

impl Env {
    pub fn new(
        roots: Roots,
        scanned: HashMap<PathBuf, (FileId, Arc<str>)>,
        limits: &tfkms_eval::Limits,
        downloads: HashMap<PathBuf, Vec<PathBuf>>,
    ) -> Env {
        Env {
            roots,
            scanned,
            cap: limits.max_file_bytes,
            max_depth: limits.max_module_depth as usize,
            max_generated_units: limits.max_generated_units,
            downloads,
        }
    }
}

/// The directory Terragrunt downloads a unit's remote module into.
pub const CACHE_DIR: &str = ".terragrunt-cache";

/// What `terragrunt init` left in the units' `.terragrunt-cache`
/// directories: read like the scanned files, never fetched.
#[derive(Default)]
pub struct Downloads {
    /// The Terraform files of the downloaded modules.
    pub files: Vec<FoundFile>,
    pub problems: Vec<WalkProblem>,
    /// Each unit's working copies (canonical unit dir → canonical
    /// directories): where Terragrunt copied the unit's `terragrunt.hcl`
    /// beside the module it runs.
    pub working_dirs: HashMap<PathBuf, Vec<PathBuf>>,
}

/// Finds the `.terragrunt-cache` beside every unit's `terragrunt.hcl` and
/// the Terraform files in it. A cache that leads out of the unit's
/// directory is reported and not read.
pub fn downloads(files: &[FoundFile], roots: &Roots) -> Downloads {
    let mut out = Downloads::default();
    for unit_file in files.iter().filter(|f| f.kind.is_terragrunt()) {
        let Some(unit_dir) = unit_file.path.parent() else {
            continue;
        };
        let cache = unit_dir.join(CACHE_DIR);
        // The common case, nothing downloaded, costs one system call.
        if cache.symlink_metadata().is_err() {
            continue;
        }
        let unit_real = canonical(unit_dir);
        match roots.resolve(&cache) {
            Ok(real) if real.starts_with(&unit_real) => {}
            Ok(_) | Err(_) => {
                out.problems.push(WalkProblem {
                    display_path: display(&cache),
                    message: format!("{CACHE_DIR} leads outside its unit's directory; not read"),
                });
                continue;
            }
        }
        let options = tfkms_syntax::DiscoverOptions {
            exclude: Vec::new(),
            anchored_exclude: Vec::new(),
            hidden: false,
        };
        let Ok(found) = tfkms_syntax::discover(std::slice::from_ref(&cache), &options) else {
            continue;
        };
        out.problems.extend(found.problems);
        for f in found.files {
            if f.kind.is_terragrunt() {
                if let Some(dir) = f.path.parent() {
                    out.working_dirs
                        .entry(unit_real.clone())
                        .or_default()
                        .push(canonical(dir));
                }
            } else {
                out.files.push(f);
            }
        }
    }
    out
}

/// Whether a directory is inside a `.terragrunt-cache`: a downloaded
/// module is evaluated only as its unit's.
pub fn in_cache(dir: &Path) -> bool {
    dir.components().any(|c| c.as_os_str() == CACHE_DIR)
}

fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| tfkms_eval::normalize(dir))
}

/// Where a unit is evaluated, besides its directory: for a unit a stack
/// generates, the copies that put its files there and the `values` its
/// `unit` block gives it.
#[derive(Clone, Default)]
pub struct Placement {
    pub copies: Copies,
    /// `None`: the unit reads `terragrunt.values.hcl` beside it, if any.
    pub values: Option<Value>,
}

/// The directories `terragrunt stack generate` would write, each a copy of
/// a source directory: a path inside one is read from its source, since
/// tfkms writes nothing.
#[derive(Clone, Default)]
pub struct Copies(Vec<(PathBuf, PathBuf)>);

impl Copies {
    /// These copies and one more: `generated` holding what is in `source`.
    pub fn with(&self, generated: PathBuf, source: PathBuf) -> Copies {
        let mut copies = self.0.clone();
        copies.push((generated, source));
        Copies(copies)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Where a (normalized) path is on disk. A copy can be inside another
    /// (a nested stack's units), so the innermost is undone first, until
    /// none holds the path; each copy is undone at most once.
    pub fn on_disk(&self, path: &Path) -> PathBuf {
        let mut path = path.to_path_buf();
        let mut left: Vec<&(PathBuf, PathBuf)> = self.0.iter().collect();
        while let Some(i) = (0..left.len())
            .filter(|&i| path.starts_with(&left[i].0))
            .max_by_key(|&i| left[i].0.components().count())
        {
            let (generated, source) = left.remove(i);
            let rest = path.strip_prefix(generated).unwrap_or(Path::new(""));
            path = source.join(rest);
        }
        path
    }
}

/// Evaluates the unit Terragrunt runs in `dir`, whose configuration is
/// `file`. `is_module` says whether a directory holds Terraform files of
/// the scan. `None` when the file deploys nothing: no `terraform { source }`
/// and no Terraform files beside it (a parent configuration others include).
pub fn evaluate_unit(
    env: &Arc<Env>,
    base: &Project,
    dir: &Path,
    (file, kind): (FileId, FileKind),
    display_dir: &str,
    is_module: &dyn Fn(&Path) -> bool,
    placement: &Placement,
) -> Option<Unit> {
    let sink = Arc::new(Sink::default());
    let text = base.file_text(file)?;
    let file_name = unit_file_name(kind);
    let files_dir = placement.copies.on_disk(dir);
    let unit = |module, inputs, findings, not_checked, generated| Unit {
        display_dir: display_dir.to_string(),
        files_dir: files_dir.clone(),
        module,
        inputs,
        findings,
        not_checked,
        generated,
        reads: sink.take_reads(),
    };
    let body = match tfkms_syntax::parse(file, kind, &text) {
        Ok(body) => body,
        Err(e) => {
            return Some(unit(
                None,
                Inputs::Known(BTreeMap::new()),
                vec![unreadable(e.span, e.message)],
                Vec::new(),
                Vec::new(),
            ));
        }
    };
    let loaded = Loaded {
        path: files_dir.join(file_name),
        id: file,
        body,
    };
    let mut ctx = FileCtx {
        terragrunt_dir: dir.to_path_buf(),
        original_dir: dir.to_path_buf(),
        file_dir: dir.to_path_buf(),
        include_dir: None,
        stack: vec![loaded.path.clone()],
        copies: placement.copies.clone(),
        values: placement.values.clone(),
    };
    let budget = Rc::new(base.root_budget());
    if ctx.values.is_none() {
        ctx.values = values_beside(env, &sink, base, &budget, &ctx, Span::new(file, 0, 0));
    }
    let config = evaluate_file(env, &sink, base, budget, &loaded, ctx);
    let mut findings = std::mem::take(&mut *lock(&sink.findings));
    let mut not_checked = std::mem::take(&mut *lock(&sink.shared));
    let generated = generated_files(env, base, dir, &config.generate, &mut findings);
    let module = match &config.source {
        None if is_module(&files_dir) => Some(files_dir.clone()),
        None => return None,
        Some((source, span)) => match module_dir(env, dir, &placement.copies, source, is_module) {
            Ok(module) => Some(module),
            Err(why) => {
                let note = tfkms_rules::rules::unresolved_policy_value::module_not_evaluated(
                    *span,
                    &format!("{}/{file_name}", display(dir)),
                    &why,
                );
                let cause = match (
                    remote_not_downloaded(env, dir, source),
                    local_outside_scan(env, dir, &placement.copies, source),
                ) {
                    (Some(source), _) => NotChecked::NotDownloaded { source },
                    (_, Some(source)) => NotChecked::OutsideScan { source },
                    _ => NotChecked::Other {
                        why: note.help.clone().unwrap_or_default(),
                    },
                };
                not_checked.push((cause, note));
                None
            }
        },
    };
    let inputs = match config.inputs {
        None => Inputs::Known(BTreeMap::new()),
        Some(Value {
            kind: tfkms_eval::Kind::Map(fields),
            ..
        }) => Inputs::Known(fields.into_iter().collect()),
        Some(v) if v.is_unknown() => Inputs::Unknown(v),
        Some(v) => {
            findings.push(unreadable(
                v.origin.span.unwrap_or_else(|| Span::new(file, 0, 0)),
                format!(
                    "`inputs` must be a map of variable values, not {}; Terragrunt rejects this file",
                    v.type_name()
                ),
            ));
            Inputs::Known(BTreeMap::new())
        }
    };
    Some(unit(module, inputs, findings, not_checked, generated))
}

/// Whether `path` exists, decided inside the roots one link at a time
/// (`None` outside them): a directory link in the middle of the path could
/// lead out, and whether something outside exists must not decide anything.
fn found_in_roots(env: &Env, path: &Path) -> Option<bool> {
    env.roots
        .contains(path)
        .then(|| !matches!(env.roots.resolve(path), Err(Refusal::Missing { .. })))
}

/// The values `terragrunt stack generate` wrote beside a unit or stack
/// (`terragrunt.values.hcl`: one attribute per value, as Terragrunt's
/// `writeValues` writes them), evaluated; `None` when there is no such
/// file. A file that cannot be read is reported at `span`.
fn values_beside(
    env: &Arc<Env>,
    sink: &Arc<Sink>,
    base: &Project,
    budget: &Rc<Budget>,
    ctx: &FileCtx,
    span: Span,
) -> Option<Value> {
    let on_disk = ctx.copies.on_disk(&ctx.file_dir).join(stack::VALUES_FILE);
    // Looked for: one written here later gives the unit its values.
    sink.note_read(&on_disk);
    // A refusal other than a missing file is reported where it is read.
    if found_in_roots(env, &on_disk) != Some(true) {
        return None;
    }
    let loaded = load(env, sink, base, ctx, stack::VALUES_FILE, span)?;
    let origin = Origin::at(Span::new(loaded.id, 0, 0));
    note_blocks_in_values(sink, &loaded.body);
    let mut inner = ctx.clone();
    inner.values = None;
    let values = with_file_scope(env, sink, base, budget.clone(), &loaded, &inner, |file| {
        loaded
            .body
            .attributes
            .iter()
            .map(|a| (a.name.clone(), file.scope.eval(&a.expr)))
            .collect()
    });
    Some(Value::map(values, origin))
}

/// Blocks in a `terragrunt.values.hcl` (a `dependency` written there by
/// hand): `values` are its attributes, one per value as `terragrunt stack
/// generate` writes them, so what a block would give is not in them.
fn note_blocks_in_values(sink: &Sink, body: &Body) {
    for block in &body.blocks {
        let label = block
            .label(0)
            .map(|l| format!(" \"{l}\""))
            .unwrap_or_default();
        sink.push(
            tfkms_rules::rules::unresolved_policy_value::terragrunt_not_evaluated(
                block.head_span(),
                &format!("the `{}{label}` block in {}", block.kind, stack::VALUES_FILE),
                "what it would give is not among the unit's `values`",
                "`terragrunt stack generate` writes a unit block's `values` to terragrunt.values.hcl as one attribute per value, and the unit reads `values.NAME` from those attributes; tfkms reads the attributes only, so this block was not evaluated: give what the unit needs as a `values` attribute, or a `dependency` block in the unit's terragrunt.hcl",
            ),
        );
    }
}

/// A `terragrunt.hcl.json` beside a `terragrunt.hcl`, which Terragrunt
/// reads instead: said, so that what is in it is not taken as checked.
pub fn json_beside_hcl(file: FileId) -> Finding {
    Finding::new(
        &tfkms_rules::rules::unresolved_policy_value::META,
        Label {
            span: Span::new(file, 0, 0),
            message: "not read".into(),
        },
        format!(
            "this {TERRAGRUNT_JSON_FILE} is not evaluated: Terragrunt reads the {TERRAGRUNT_FILE} beside it instead"
        ),
    )
    .with_help(format!(
        "remove one of the two files; tfkms, like Terragrunt, checks only {TERRAGRUNT_FILE}"
    ))
}

/// The name of a unit's configuration file of this kind.
pub fn unit_file_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::TerragruntJson => TERRAGRUNT_JSON_FILE,
        _ => TERRAGRUNT_FILE,
    }
}

/// The syntax of a Terragrunt configuration file, by its name: JSON for
/// `*.json` (`terragrunt.hcl.json`, `root.hcl.json`), native otherwise.
fn config_kind(path: &Path) -> FileKind {
    match path.extension() {
        Some(ext) if ext == "json" => FileKind::TerragruntJson,
        _ => FileKind::Terragrunt,
    }
}

/// The remote source of a unit whose `.terragrunt-cache` holds no download.
fn remote_not_downloaded(env: &Env, dir: &Path, source: &Value) -> Option<String> {
    let src = source.as_known_str()?;
    let downloaded = env.downloads.get(dir).is_some_and(|d| !d.is_empty());
    (local_source(&src).is_none() && !downloaded).then(|| src.into_owned())
}

/// The local source of a unit when it is outside the scanned directories.
fn local_outside_scan(env: &Env, dir: &Path, copies: &Copies, source: &Value) -> Option<String> {
    let src = source.as_known_str()?;
    let local = local_source(&src)?;
    let outside = !env
        .roots
        .contains(&copies.on_disk(&tfkms_eval::normalize(&dir.join(local))));
    outside.then(|| src.into_owned())
}

/// How many of the other units sharing a note it points at; the rest are
/// counted.
const OTHER_UNITS_SHOWN: usize = 5;

/// One note per cause for which units' modules were not checked: the
/// cause, and its fix, are the same for every unit. Each note stands at the
/// first unit (in path order) and points at the others.
pub fn one_note_per_cause(notes: Vec<(NotChecked, Finding)>) -> Vec<Finding> {
    let mut by_cause: BTreeMap<String, Vec<(NotChecked, Finding)>> = BTreeMap::new();
    for (cause, note) in notes {
        by_cause.entry(cause.key()).or_default().push((cause, note));
    }
    by_cause.into_values().filter_map(shared_note).collect()
}

fn shared_note(units: Vec<(NotChecked, Finding)>) -> Option<Finding> {
    let mut units = units.into_iter();
    let (cause, mut note) = units.next()?;
    let others: Vec<(NotChecked, Finding)> = units.collect();
    let also_here = match cause {
        NotChecked::NotFoundAbove { .. } => "not found from here either",
        _ => "deployed here too, not checked either",
    };
    for (_, other) in others.iter().take(OTHER_UNITS_SHOWN) {
        note = note.related(other.primary.span, also_here);
    }
    if others.is_empty() {
        return Some(note);
    }
    let n = others.len();
    let units = if n == 1 {
        "1 other unit".to_string()
    } else {
        format!("{n} other units")
    };
    let mut sources: Vec<&str> = others
        .iter()
        .filter_map(|(c, _)| c.source())
        .filter(|s| Some(*s) != cause.source())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    if let NotChecked::NotFoundAbove { .. } = cause {
        let help = note.help.take().unwrap_or_default();
        note.help = Some(format!(
            "{help}; the same search finds nothing for {units} either"
        ));
        return Some(note);
    }
    let same = match (&cause, sources.len()) {
        (NotChecked::Other { .. } | NotChecked::NotFoundAbove { .. }, _) => {
            "for the same reason".to_string()
        }
        (_, 0) => "deploying the same source".to_string(),
        (_, k) => format!(
            "for the same reason, deploying {k} other source{}",
            if k == 1 { "" } else { "s" }
        ),
    };
    let also = format!(
        "{units} {} not checked {same}",
        if n == 1 { "is" } else { "are" }
    );
    let help = note.help.take().unwrap_or_default();
    note.help = Some(format!("{help}; {also}"));
    Some(note)
}

/// The module a `terraform { source }` names: a local directory of the
/// scan. A remote source is never fetched.
fn module_dir(
    env: &Env,
    dir: &Path,
    copies: &Copies,
    source: &Value,
    is_module: &dyn Fn(&Path) -> bool,
) -> Result<PathBuf, Unknown> {
    let not_checked = |why: String| {
        Unknown::new(
            Cause::ModuleOutput {
                address: "terraform.source".into(),
                why,
            },
            Shape::Any,
        )
    };
    let Some(src) = source.as_known_str() else {
        return Err(match source.first_unknown() {
            Some(u) => not_checked(format!(
                "its `terraform {{ source }}` is not known: {}",
                u.cause.explain()
            )),
            None => not_checked(format!(
                "its `terraform {{ source }}` must be a string, not {}",
                source.type_name()
            )),
        });
    };
    let Some(local) = local_source(&src) else {
        return downloaded(env, dir, &src, is_module).map_err(not_checked);
    };
    let path = copies.on_disk(&tfkms_eval::normalize(&dir.join(local)));
    if !env.roots.contains(&path) {
        return Err(not_checked(format!(
            "its source \"{src}\" leaves the scanned directories; scan a directory that contains it"
        )));
    }
    let real = env.roots.resolve(&path).unwrap_or(path);
    if !is_module(&real) {
        return Err(not_checked(format!(
            "its source \"{src}\" is not a directory of Terraform files in the scan"
        )));
    }
    Ok(real)
}

/// A remote source's module: the one working copy `terragrunt init` made
/// in the unit's `.terragrunt-cache`.
fn downloaded(
    env: &Env,
    dir: &Path,
    src: &str,
    is_module: &dyn Fn(&Path) -> bool,
) -> Result<PathBuf, String> {
    match env
        .downloads
        .get(dir)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        [] => Err(format!(
            "its source \"{src}\" is not a local path and is not in {CACHE_DIR}; tfkms never downloads modules: run `terragrunt init` before scanning to check it"
        )),
        [one] if is_module(one) => Ok(one.clone()),
        [one] => Err(format!(
            "its source \"{src}\" was downloaded to {}, which holds no Terraform files",
            display(one)
        )),
        many => Err(format!(
            "its source \"{src}\" is not a local path, and {CACHE_DIR} holds {} downloads; tfkms cannot tell which is this source's: remove {CACHE_DIR} and run `terragrunt init` again to check it",
            many.len()
        )),
    }
}

/// A local `source` as a path: `./x`, `../x`, an absolute path or
/// `file://`; `//` separates the directory Terragrunt copies from the
/// subdirectory it runs in, which for a local path is simply a path.
fn local_source(src: &str) -> Option<PathBuf> {
    let path = src.strip_prefix("file://").unwrap_or(src);
    let local = path.starts_with('/')
        || path.starts_with("./")
        || path.starts_with("../")
        || path == "."
        || path == "..";
    local.then(|| PathBuf::from(path.split("//").collect::<Vec<_>>().join("/")))
}

/// Problems found while evaluating one unit's files.
#[derive(Default)]
struct Sink {
    findings: Mutex<Vec<Finding>>,
    /// Problems other units may share, by cause.
    shared: Mutex<Vec<(NotChecked, Finding)>>,
    /// Every path the evaluation read or looked for (as named and as
    /// resolved), so that a change to one re-evaluates what read it.
    reads: Mutex<HashSet<PathBuf>>,
}

impl Sink {
    fn note_read(&self, path: &Path) {
        lock(&self.reads).insert(path.to_path_buf());
    }

    fn take_reads(&self) -> HashSet<PathBuf> {
        std::mem::take(&mut *lock(&self.reads))
    }

    fn push(&self, f: Finding) {
        lock(&self.findings).push(f);
    }

    fn push_shared(&self, cause: NotChecked, f: Finding) {
        lock(&self.shared).push((cause, f));
    }

    /// Whether a problem was reported inside `span`: an expression whose
    /// value is unknown because of it needs no finding of its own.
    fn reported_within(&self, span: Span) -> bool {
        lock(&self.findings)
            .iter()
            .chain(lock(&self.shared).iter().map(|(_, f)| f))
            .any(|f| span.contains(f.primary.span))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A file tfkms does not read as Terragrunt does: it cannot be read, it is
/// outside the roots, or Terragrunt would reject it.
fn unreadable(span: Span, message: String) -> Finding {
    Finding::new(
        &tfkms_rules::PARSE_ERROR,
        Label {
            span,
            message: "not read".into(),
        },
        message,
    )
    .with_help(
        "nothing that depends on this file was checked; fix it so that Terragrunt (and tfkms) can read it",
    )
}

/// Where one file is evaluated.
#[derive(Clone)]
struct FileCtx {
    /// `get_terragrunt_dir()`: the unit's directory, in the files it
    /// includes too, since Terragrunt evaluates them for the unit; a file
    /// read with `read_terragrunt_config()` has its own directory here.
    terragrunt_dir: PathBuf,
    /// `get_original_terragrunt_dir()`: the unit's directory, whatever
    /// file is being read for it.
    original_dir: PathBuf,
    /// The file's own directory: relative paths start there.
    file_dir: PathBuf,
    /// While evaluating an included file: its directory
    /// (`get_parent_terragrunt_dir()`).
    include_dir: Option<PathBuf>,
    /// The files being evaluated, outermost first: a file met again is a
    /// cycle.
    stack: Vec<PathBuf>,
    /// The directories a stack would generate that the unit is in: paths
    /// inside them are read from their sources.
    copies: Copies,
    /// `values`, when a stack's `unit` block gives them.
    values: Option<Value>,
}

impl FileCtx {
    /// Whether the file is a stack file or belongs to a unit a stack
    /// generates.
    fn in_a_stack(&self) -> bool {
        !self.copies.is_empty()
            || self
                .stack
                .last()
                .and_then(|file| file.file_name())
                .is_some_and(|name| name == TERRAGRUNT_STACK_FILE)
    }
}

/// A configuration file read and parsed.
struct Loaded {
    path: PathBuf,
    id: FileId,
    body: Body,
}

/// A file evaluated: what merging and `include.NAME` /
/// `read_terragrunt_config()` see of it.
#[derive(Default)]
struct Config {
    locals: BTreeMap<String, Value>,
    inputs: Option<Value>,
    /// `terraform { source }` and the span of the attribute.
    source: Option<(Value, Span)>,
    dependencies: BTreeMap<String, Value>,
    /// `generate` blocks by name: an included file's are replaced by the
    /// includer's of the same name.
    generate: BTreeMap<String, GenerateBlock>,
}

impl Config {
    /// The object `include.NAME` and `read_terragrunt_config()` give.
    fn exposed(&self, origin: &Origin) -> Value {
        let mut fields = BTreeMap::new();
        fields.insert(
            "locals".to_string(),
            Value::map(self.locals.clone(), origin.clone()),
        );
        if let Some(inputs) = &self.inputs {
            fields.insert("inputs".to_string(), inputs.clone());
        }
        if !self.dependencies.is_empty() {
            fields.insert(
                "dependency".to_string(),
                Value::map(self.dependencies.clone(), origin.clone()),
            );
        }
        if let Some((source, _)) = &self.source {
            let mut terraform = BTreeMap::new();
            terraform.insert("source".to_string(), source.clone());
            fields.insert(
                "terraform".to_string(),
                Value::map(terraform, origin.clone()),
            );
        }
        Value::map(fields, origin.clone())
    }
}

/// How an `include` merges into the file that includes it.
#[derive(Clone, Copy, PartialEq)]
enum Merge {
    /// Top-level keys: the includer's win (Terragrunt's default).
    Shallow,
    /// Maps merged recursively, lists concatenated, the includer's scalars
    /// win.
    Deep,
    /// Not merged; only `include.NAME` sees it.
    None,
}

/// Evaluates one configuration file: includes first (their paths may use
/// only functions), then dependencies, locals, `inputs` and `terraform`.
fn evaluate_file(
    env: &Arc<Env>,
    sink: &Arc<Sink>,
    parent: &Project,
    budget: Rc<Budget>,
    file: &Loaded,
    ctx: FileCtx,
) -> Config {
    with_file_scope(env, sink, parent, budget, file, &ctx, |fs| {
        evaluate_config(env, sink, file, &ctx, fs)
    })
}

/// What the expressions of one configuration file are evaluated in: its
/// `locals`, and Terragrunt's functions and names through its host.
struct FileScope<'s, 'p> {
    inst: &'s ModuleInstance<'p>,
    scope: Scope<'s, 'p>,
    host: &'s FileHost,
    module: &'s Module,
}

fn with_file_scope<R>(
    env: &Arc<Env>,
    sink: &Arc<Sink>,
    parent: &Project,
    budget: Rc<Budget>,
    file: &Loaded,
    ctx: &FileCtx,
    f: impl FnOnce(&FileScope<'_, '_>) -> R,
) -> R {
    let locals_only = Body {
        attributes: Vec::new(),
        blocks: file.body.blocks("locals").cloned().collect(),
    };
    let module = Module::new(
        ctx.file_dir.clone(),
        display(&ctx.file_dir),
        vec![(file.id, TERRAGRUNT_FILE.to_string(), locals_only)],
        Vec::new(),
    );
    let host = Arc::new(FileHost {
        env: env.clone(),
        sink: sink.clone(),
        ctx: ctx.clone(),
        globals: Mutex::default(),
        includes: Mutex::default(),
    });
    let mut project = parent.with_modules(HashMap::new());
    project.set_host(host.clone());
    let inst = ModuleInstance::new(&project, &module, String::new(), HashMap::new(), budget, 0);
    let result = f(&FileScope {
        inst: &inst,
        scope: inst.scope(),
        host: &host,
        module: &module,
    });
    // What `file()` and its kin read in this file's expressions.
    lock(&sink.reads).extend(project.reads());
    result
}

/// The locals, includes, dependencies, `inputs`, `terraform` and
/// `generate` blocks of one file, merged with what it includes.
fn evaluate_config(
    env: &Arc<Env>,
    sink: &Arc<Sink>,
    file: &Loaded,
    ctx: &FileCtx,
    fs: &FileScope,
) -> Config {
    let FileScope {
        inst,
        scope,
        host,
        module,
    } = fs;
    let id = file.id;

    let includes = evaluate_includes(env, sink, scope, file, ctx);
    *lock(&host.includes) = includes
        .iter()
        .map(|i| (i.name.clone(), i.dir.clone()))
        .collect();
    let mut exposed = BTreeMap::new();
    for Include {
        block,
        name,
        expose,
        config,
        ..
    } in &includes
    {
        let origin = Origin::at(block.head_span());
        let v = if *expose {
            config.exposed(&origin)
        } else {
            Value::error(
                format!(
                    "`include.{name}` is not exposed: set `expose = true` in the include block to use its values"
                ),
                origin,
            )
        };
        exposed.insert(name.clone(), v);
    }
    {
        let mut globals = lock(&host.globals);
        match (includes.as_slice(), exposed.get("")) {
            // A bare `include` block is referred to as `include` itself.
            ([_], Some(bare)) => globals.insert("include".into(), bare.clone()),
            _ => globals.insert(
                "include".into(),
                Value::map(exposed, Origin::at(Span::new(id, 0, 0))),
            ),
        };
    }

    let mut own = Config::default();
    for block in file.body.blocks("dependency") {
        let Some(name) = block.label(0) else { continue };
        own.dependencies
            .insert(name.to_string(), dependency(scope, block, name));
    }
    let mut merged = Config::default();
    for include in &includes {
        merge_config(&mut merged, &include.config, include.merge);
    }
    let dependencies = merged_dependencies(&merged, &own, &includes);
    lock(&host.globals).insert(
        "dependency".into(),
        Value::map(dependencies.clone(), Origin::at(Span::new(id, 0, 0))),
    );

    let mut names: Vec<&String> = module.locals.keys().collect();
    names.sort();
    for name in names {
        let attr = &module.locals[name];
        own.locals
            .insert(name.clone(), inst.local(name, &Origin::at(attr.span)));
    }
    own.inputs = file.body.attribute("inputs").map(|a| scope.eval(&a.expr));
    own.source = file
        .body
        .blocks("terraform")
        .filter_map(|b| b.body.attribute("source"))
        .last()
        .map(|a| (scope.eval(&a.expr), a.span));
    // Last: contents built past the evaluation limits leave the unit's
    // inputs and source evaluated.
    for block in file.body.blocks("generate") {
        match block.label(0) {
            Some(name) => {
                own.generate
                    .insert(name.to_string(), generate_block(scope, block));
            }
            None => sink.push(unreadable(
                block.head_span(),
                "this generate block has no name; Terragrunt rejects it".into(),
            )),
        }
    }

    // The file's own values win over what it includes.
    let mut result = merged;
    result.locals = own.locals;
    result.generate.extend(own.generate);
    let strategy = includes
        .iter()
        .map(|i| i.merge)
        .find(|m| *m != Merge::None)
        .unwrap_or(Merge::Shallow);
    merge_config_over(&mut result, own.inputs, own.source, strategy);
    result.dependencies = dependencies;
    result
}

/// An `include` block, with the file it includes evaluated.
struct Include<'b> {
    block: &'b Block,
    /// The block's label; `""` for a bare `include`.
    name: String,
    /// The included file's directory.
    dir: PathBuf,
    merge: Merge,
    expose: bool,
    config: Config,
}

fn evaluate_includes<'b>(
    env: &Arc<Env>,
    sink: &Arc<Sink>,
    scope: &Scope,
    file: &'b Loaded,
    ctx: &FileCtx,
) -> Vec<Include<'b>> {
    let mut out = Vec::new();
    for block in file.body.blocks("include") {
        let name = block.label(0).unwrap_or("").to_string();
        if ctx.include_dir.is_some() {
            sink.push(unreadable(
                block.head_span(),
                format!(
                    "{} is included by {}, and includes another file; Terragrunt allows one level of includes and rejects this",
                    display(&file.path),
                    display(&ctx.terragrunt_dir.join(TERRAGRUNT_FILE))
                ),
            ));
            continue;
        }
        let Some(path_attr) = block.body.attribute("path") else {
            sink.push(unreadable(
                block.head_span(),
                "this include block has no `path`".into(),
            ));
            continue;
        };
        let path = scope.eval(&path_attr.expr);
        let Some(raw) = path.as_known_str() else {
            if sink.reported_within(path_attr.expr.span) {
                continue;
            }
            let why = match path.first_unknown() {
                Some(u) => u.cause.explain(),
                None => format!("it is {}, not a string", path.type_name()),
            };
            sink.push(unreadable(
                path_attr.expr.span,
                format!("the path of this include cannot be known: {why}"),
            ));
            continue;
        };
        let Some(loaded) = load(
            env,
            sink,
            scope.inst.project,
            ctx,
            &raw,
            path_attr.expr.span,
        ) else {
            continue;
        };
        let dir = loaded
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut inner = ctx.clone();
        inner.file_dir = dir.clone();
        inner.include_dir = Some(dir.clone());
        inner.stack.push(loaded.path.clone());
        let config = evaluate_file(
            env,
            sink,
            scope.inst.project,
            scope.inst.budget.clone(),
            &loaded,
            inner,
        );
        let merge = match block
            .body
            .attribute("merge_strategy")
            .map(|a| scope.eval(&a.expr))
            .as_ref()
            .and_then(|v| v.as_known_str().map(|s| s.to_string()))
            .as_deref()
        {
            Some("deep") => Merge::Deep,
            Some("no_merge") => Merge::None,
            _ => Merge::Shallow,
        };
        let expose = block
            .body
            .attribute("expose")
            .and_then(|a| scope.eval(&a.expr).as_bool())
            .unwrap_or(false);
        out.push(Include {
            block,
            name,
            dir,
            merge,
            expose,
            config,
        });
    }
    out
}

/// `dependency.NAME`: its `outputs` are the `mock_outputs` declared, the
/// values Terragrunt gives a unit whose dependency has no state yet;
/// without them, unknown.
fn dependency(scope: &Scope, block: &Block, name: &str) -> Value {
    let origin = Origin::at(block.head_span());
    let outputs = match block.body.attribute("mock_outputs") {
        Some(mock) => scope.eval(&mock.expr),
        None => Value::unknown(
            Cause::ModuleOutput {
                address: format!("dependency.{name}.outputs"),
                why: format!(
                    "the outputs of another unit are known only once it is applied; declare `mock_outputs` in `dependency \"{name}\"` to check this unit with them"
                ),
            },
            Shape::Any,
            origin.clone(),
        ),
    };
    let mut fields = BTreeMap::new();
    fields.insert("outputs".to_string(), outputs);
    Value::map(fields, origin)
}

fn merged_dependencies(
    merged: &Config,
    own: &Config,
    includes: &[Include],
) -> BTreeMap<String, Value> {
    let deep = includes.iter().any(|i| i.merge == Merge::Deep);
    let mut out = merged.dependencies.clone();
    for (name, v) in &own.dependencies {
        let v = match (deep, out.remove(name)) {
            (true, Some(parent)) => deep_merge(parent, v.clone()),
            _ => v.clone(),
        };
        out.insert(name.clone(), v);
    }
    out
}

/// Merges an included file's values into what is merged so far; later
/// includes win over earlier ones.
fn merge_config(into: &mut Config, included: &Config, merge: Merge) {
    if merge == Merge::None {
        return;
    }
    merge_config_over(
        into,
        included.inputs.clone(),
        included.source.clone(),
        merge,
    );
    into.generate.extend(
        included
            .generate
            .iter()
            .map(|(name, g)| (name.clone(), g.clone())),
    );
    for (name, v) in &included.dependencies {
        let v = match (merge, into.dependencies.remove(name)) {
            (Merge::Deep, Some(prev)) => deep_merge(prev, v.clone()),
            _ => v.clone(),
        };
        into.dependencies.insert(name.clone(), v);
    }
}

/// `inputs` and `source` laid over `into`: per key of `inputs` when
/// shallow, recursively when deep.
fn merge_config_over(
    into: &mut Config,
    inputs: Option<Value>,
    source: Option<(Value, Span)>,
    merge: Merge,
) {
    if let Some(source) = source {
        into.source = Some(source);
    }
    let Some(inputs) = inputs else { return };
    into.inputs = Some(match into.inputs.take() {
        None => inputs,
        Some(prev) if merge == Merge::Deep => deep_merge(prev, inputs),
        Some(prev) => shallow_merge(prev, inputs),
    });
}

fn shallow_merge(parent: Value, child: Value) -> Value {
    match (parent.kind, child.kind) {
        (tfkms_eval::Kind::Map(mut p), tfkms_eval::Kind::Map(c)) => {
            p.extend(c);
            Value::map(p, child.origin)
        }
        (tfkms_eval::Kind::Unknown(u), _) => Value::unknown_from(u, parent.origin),
        (_, kind) => Value::new(kind, child.origin),
    }
}

/// Terragrunt's deep merge: maps merged key by key, lists concatenated, the
/// child's value kept for anything else.
fn deep_merge(parent: Value, child: Value) -> Value {
    use tfkms_eval::Kind;
    match (parent.kind, child.kind) {
        (Kind::Map(mut p), Kind::Map(c)) => {
            for (k, v) in c {
                let v = match p.remove(&k) {
                    Some(prev) => deep_merge(prev, v),
                    None => v,
                };
                p.insert(k, v);
            }
            Value::map(p, child.origin)
        }
        (Kind::List(mut p), Kind::List(c)) => {
            p.extend(c);
            Value::list(p, child.origin)
        }
        (Kind::Unknown(u), _) => Value::unknown_from(u, parent.origin),
        (_, kind) => Value::new(kind, child.origin),
    }
}

/// Reads and parses the configuration file `raw` names (relative to the
/// file being evaluated), refusing what is outside the roots, a cycle, or
/// deeper than the module depth limit. A refusal is reported at `span`.
fn load(
    env: &Env,
    sink: &Sink,
    project: &Project,
    ctx: &FileCtx,
    raw: &str,
    span: Span,
) -> Option<Loaded> {
    sink.note_read(&named_path(ctx, raw));
    match read_config(env, project, ctx, raw) {
        Ok(loaded) => {
            sink.note_read(&loaded.path);
            Some(loaded)
        }
        Err(message) => {
            sink.push(unreadable(span, message));
            None
        }
    }
}

/// Where the file `raw` names, relative to the file being evaluated, is on
/// disk.
fn named_path(ctx: &FileCtx, raw: &str) -> PathBuf {
    ctx.copies
        .on_disk(&tfkms_eval::normalize(&ctx.file_dir.join(raw)))
}

fn read_config(env: &Env, project: &Project, ctx: &FileCtx, raw: &str) -> Result<Loaded, String> {
    let path = named_path(ctx, raw);
    if !env.roots.contains(&path) {
        return Err(format!(
            "\"{raw}\" is outside the scanned directories; tfkms reads nothing outside them, so it was not read: scan a directory that contains it"
        ));
    }
    let real = match env.roots.resolve(&path) {
        Ok(real) => real,
        Err(Refusal::Missing { .. }) => return Err(format!("no file exists at \"{raw}\"")),
        Err(r) => return Err(format!("\"{raw}\": {r}")),
    };
    if let Some(at) = ctx.stack.iter().position(|p| *p == real) {
        let cycle: Vec<String> = ctx.stack[at..]
            .iter()
            .chain(std::iter::once(&real))
            .map(|p| display(p))
            .collect();
        return Err(format!(
            "the configuration files read one another in a cycle: {}",
            cycle.join(" -> ")
        ));
    }
    if ctx.stack.len() > env.max_depth {
        return Err(format!(
            "more than {} configuration files read one from another, the most tfkms follows (`max_module_depth` in `.tfkms.toml`)",
            env.max_depth
        ));
    }
    let (id, text) = match env.scanned.get(&real) {
        Some((id, text)) => (*id, text.clone()),
        None => {
            let bytes = tfkms_syntax::confine::read_regular(&real, env.cap).map_err(|e| match e {
                ReadRefusal::TooLarge { size, cap } => format!(
                    "\"{raw}\" is {size} bytes, over the {cap} byte limit for files (`max_file_bytes` in `.tfkms.toml`)"
                ),
                ReadRefusal::NotRegular(what) => {
                    format!("\"{raw}\" is not a regular file ({what}); tfkms reads only regular files")
                }
                ReadRefusal::Io(why) => format!("cannot read \"{raw}\": {why}"),
            })?;
            let text: Arc<str> = String::from_utf8(bytes)
                .map_err(|_| format!("\"{raw}\" is not valid UTF-8"))?
                .into();
            (project.register_loaded_file(&real, text.clone()), text)
        }
    };
    let body = tfkms_syntax::parse(id, config_kind(&real), &text)
        .map_err(|e| format!("{} does not parse: {}", display(&real), e.message))?;
    Ok(Loaded {
        path: real,
        id,
        body,
    })
}

fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    tfkms_syntax::discover::display(&cwd, path)
}

/// The path from `from` to `to`, both absolute and normalized.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> =
        std::iter::repeat_n("..".to_string(), from.len() - common).collect();
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().to_string()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// Terragrunt's functions and names, for the evaluation of one file.
struct FileHost {
    env: Arc<Env>,
    sink: Arc<Sink>,
    ctx: FileCtx,
    /// `include` and `dependency`, once evaluated.
    globals: Mutex<HashMap<String, Value>>,
    /// The files this file includes, by include name.
    includes: Mutex<Vec<(String, PathBuf)>>,
}

impl Host for FileHost {
    fn object_attribute(
        &self,
        _scope: &Scope,
        _mode: Mode,
        _ty: &str,
        _name: &str,
        _key: Option<&InstanceKey>,
        _block: &Block,
        _attr: &str,
        _span: Span,
    ) -> Option<Value> {
        None
    }

    fn global(&self, name: &str, span: Span) -> Option<Value> {
        if name == "values" {
            let generated = !self.ctx.copies.is_empty();
            let mut values = self
                .ctx
                .values
                .clone()
                .unwrap_or_else(|| stack_values(span, generated));
            values.origin.span = values.origin.span.or(Some(span));
            return Some(values);
        }
        // Only a stack file (its `autoinclude` blocks) and the units it
        // generates have these; elsewhere the name is unknown, as to
        // Terragrunt.
        if (name == "unit" || name == "stack") && self.ctx.in_a_stack() {
            return Some(generated_path_reference(name, span));
        }
        let mut v = lock(&self.globals).get(name)?.clone();
        v.origin.span = v.origin.span.or(Some(span));
        Some(v)
    }

    fn function(&self, scope: &Scope, name: &str, args: &[Value], span: Span) -> Option<Value> {
        let origin = Origin::at(span);
        let never = |why: &str| {
            Value::unknown(
                Cause::ModuleOutput {
                    address: format!("{name}()"),
                    why: why.to_string(),
                },
                Shape::Any,
                origin.clone(),
            )
        };
        let path = |p: &Path| Value::string(p.to_string_lossy(), origin.clone());
        Some(match name {
            "get_terragrunt_dir" => path(&self.ctx.terragrunt_dir),
            "get_original_terragrunt_dir" => path(&self.ctx.original_dir),
            "get_parent_terragrunt_dir" => path(&self.parent_dir(args)),
            "path_relative_to_include" => Value::string(
                relative(&self.parent_dir(args), &self.ctx.terragrunt_dir),
                origin,
            ),
            "path_relative_from_include" => Value::string(
                relative(&self.ctx.terragrunt_dir, &self.parent_dir(args)),
                origin,
            ),
            "find_in_parent_folders" => self.find_in_parent_folders(args, origin),
            "read_terragrunt_config" => self.read_terragrunt_config(scope, args, origin),
            "get_env" => match args {
                [_, default] => default.clone(),
                _ => never(
                    "without a default it reads the environment, which tfkms never does, so that a scan does not depend on the machine; give it a default",
                ),
            },
            "run_cmd" => {
                never("it runs a command, and tfkms never runs anything from the scanned tree")
            }
            "sops_decrypt_file" => never("it decrypts a secret, with keys tfkms does not have"),
            "get_aws_account_id"
            | "get_aws_account_alias"
            | "get_aws_caller_identity_arn"
            | "get_aws_caller_identity_user_id" => {
                never("it asks AWS who runs Terragrunt, and tfkms never touches the network")
            }
            "get_terraform_command" | "get_terraform_cli_args" => {
                never("it depends on the command Terragrunt runs")
            }
            "get_repo_root" | "get_path_to_repo_root" | "get_path_from_repo_root" => {
                match self.repo_root() {
                    None => never(
                        "it asks git for the repository's root, and no directory holding `.git` is above the unit inside the scanned directories: scan the repository's root",
                    ),
                    Some(root) => match name {
                        "get_repo_root" => path(&root),
                        "get_path_to_repo_root" => {
                            Value::string(relative(&self.ctx.terragrunt_dir, &root), origin)
                        }
                        _ => Value::string(relative(&root, &self.ctx.terragrunt_dir), origin),
                    },
                }
            }
            "get_platform" => never("it depends on the machine Terragrunt runs on"),
            "mark_as_read" => args.first()?.clone(),
            _ => return None,
        })
    }
}

impl FileHost {
    /// The directory of the included file a path function refers to: the
    /// file being evaluated when it is included, else the include named by
    /// the argument, or the first; the unit's own without includes.
    fn parent_dir(&self, args: &[Value]) -> PathBuf {
        if let Some(dir) = &self.ctx.include_dir {
            return dir.clone();
        }
        let includes = lock(&self.includes);
        let wanted = args
            .first()
            .and_then(|a| a.as_known_str().map(|s| s.to_string()));
        includes
            .iter()
            .find(|(name, _)| wanted.as_deref().is_none_or(|w| w == name))
            .map(|(_, dir)| dir.clone())
            .unwrap_or_else(|| self.ctx.terragrunt_dir.clone())
    }

    /// The repository's root as `git rev-parse --show-toplevel` gives it:
    /// the nearest directory holding `.git`, from the unit's directory up,
    /// inside the scanned roots.
    fn repo_root(&self) -> Option<PathBuf> {
        let mut dir = self.ctx.terragrunt_dir.clone();
        while self.env.roots.contains(&dir) {
            self.sink.note_read(&dir.join(".git"));
            if dir.join(".git").symlink_metadata().is_ok() {
                return Some(dir);
            }
            if !dir.pop() {
                break;
            }
        }
        None
    }

    /// The first directory above the unit's holding the file or directory
    /// named, searched from the unit's parent directory up, as Terragrunt
    /// searches; the search stops at the edge of the scanned roots.
    fn find_in_parent_folders(&self, args: &[Value], origin: Origin) -> Value {
        let name = match args.first() {
            None => TERRAGRUNT_FILE.to_string(),
            Some(v) => match v.as_known_str() {
                Some(s) => s.to_string(),
                None => return unknown_like(v, origin),
            },
        };
        let mut dir = self.ctx.terragrunt_dir.clone();
        while dir.pop() && self.env.roots.contains(&dir) {
            let candidate = dir.join(&name);
            let on_disk = self.ctx.copies.on_disk(&candidate);
            // Looked for: one created here later changes what is found.
            self.sink.note_read(&on_disk);
            // A directory counts: Terragrunt's docs use
            // `find_in_parent_folders("some")` to find a parent folder.
            if let Ok(real) = self.env.roots.resolve(&on_disk)
                && real.exists()
            {
                self.sink.note_read(&real);
                return Value::string(candidate.to_string_lossy(), origin);
            }
        }
        if let Some(fallback) = args.get(1) {
            return fallback.clone();
        }
        let message = format!(
            "find_in_parent_folders(\"{name}\") found no {name} above {} inside the scanned directories; the search would go on outside them, where tfkms never reads: scan the directory that holds it",
            display(&self.ctx.terragrunt_dir)
        );
        if let Some(span) = origin.span {
            self.sink.push_shared(
                NotChecked::NotFoundAbove { name: name.clone() },
                unreadable(span, message.clone()),
            );
        }
        // Unknown, not an error: the file may well exist where tfkms does
        // not look.
        Value::unknown(
            Cause::ModuleOutput {
                address: format!("find_in_parent_folders(\"{name}\")"),
                why: message,
            },
            Shape::Any,
            origin,
        )
    }

    /// The configuration in another file, evaluated as a unit of its own
    /// directory would evaluate it.
    fn read_terragrunt_config(&self, scope: &Scope, args: &[Value], origin: Origin) -> Value {
        let Some(first) = args.first() else {
            return Value::error("read_terragrunt_config() needs a path", origin);
        };
        let Some(raw) = first.as_known_str() else {
            return unknown_like(first, origin);
        };
        let path = tfkms_eval::normalize(&self.ctx.file_dir.join(raw.as_ref()));
        let on_disk = self.ctx.copies.on_disk(&path);
        self.sink.note_read(&on_disk);
        if let Some(default) = args.get(1)
            && self.env.roots.contains(&path)
            && found_in_roots(&self.env, &on_disk) == Some(false)
        {
            return default.clone();
        }
        let span = origin
            .span
            .unwrap_or_else(|| Span::new(FileId(u32::MAX), 0, 0));
        let project = scope.inst.project;
        let Some(loaded) = load(&self.env, &self.sink, project, &self.ctx, &raw, span) else {
            return Value::unknown(
                Cause::ModuleOutput {
                    address: format!("read_terragrunt_config(\"{raw}\")"),
                    why: "the file could not be read, as reported where it is named".into(),
                },
                Shape::Any,
                origin,
            );
        };
        let dir = loaded
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut stack = self.ctx.stack.clone();
        stack.push(loaded.path.clone());
        let ctx = FileCtx {
            terragrunt_dir: dir.clone(),
            original_dir: self.ctx.original_dir.clone(),
            file_dir: dir,
            include_dir: None,
            stack,
            copies: self.ctx.copies.clone(),
            values: self.ctx.values.clone(),
        };
        let config = evaluate_file(
            &self.env,
            &self.sink,
            project,
            scope.inst.budget.clone(),
            &loaded,
            ctx,
        );
        config.exposed(&origin)
    }
}

/// `unit.NAME.path` and `stack.NAME.path` (Terragrunt 1.1, for the
/// `autoinclude` blocks of a stack file): the path of a unit or stack the
/// stack generates. Its documentation says only that they "resolve to
/// generated paths", not in which form (absolute, or relative to the file
/// that reads them), so the value is unknown rather than guessed.
fn generated_path_reference(name: &str, span: Span) -> Value {
    Value::unknown(
        Cause::ModuleOutput {
            address: format!("{name}.NAME.path"),
            why: format!(
                "it is the path Terragrunt gives the {name} a stack generates, in a form its documentation does not state (absolute, or relative to the file reading it), so tfkms does not evaluate it: write the path itself"
            ),
        },
        Shape::Any,
        Origin::at(span),
    )
}

/// `values` where no stack gives any and no `terragrunt.values.hcl` is
/// beside the file: what the `unit` block of a stack would give the unit
/// it generates (<https://terragrunt.gruntwork.io/docs/features/stacks/>).
/// `generated`: a stack generates the file's unit, from a block without
/// `values`.
fn stack_values(span: Span, generated: bool) -> Value {
    let why = if generated {
        "the `unit` block that generates this unit gives it no `values`, so `terragrunt stack generate` writes no terragrunt.values.hcl for it".to_string()
    } else {
        format!(
            "a unit's `values` come from the `unit` block of a {TERRAGRUNT_STACK_FILE} that generates it (or the terragrunt.values.hcl `terragrunt stack generate` writes beside it), and no scanned stack generates this unit: scan the stack that does"
        )
    };
    Value::unknown(
        Cause::ModuleOutput {
            address: "values".into(),
            why,
        },
        Shape::Any,
        Origin::at(span),
    )
}

fn unknown_like(v: &Value, origin: Origin) -> Value {
    match v.first_unknown() {
        Some(u) => Value::unknown_from(u.derived(), origin),
        None => Value::error(format!("expected a string, got {}", v.type_name()), origin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_directories() {
        assert_eq!(
            relative(Path::new("/a/live"), Path::new("/a/live/prod/app")),
            "prod/app"
        );
        assert_eq!(
            relative(Path::new("/a/live/prod/app"), Path::new("/a/live")),
            "../.."
        );
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/b")), ".");
        assert_eq!(relative(Path::new("/a/b/c"), Path::new("/a/d")), "../../d");
    }

    #[test]
    fn paths_in_generated_copies_are_read_from_their_sources() {
        let stack = Copies::default().with(
            "/r/live/.terragrunt-stack/prod".into(),
            "/r/stacks/env".into(),
        );
        let unit = stack.with(
            "/r/live/.terragrunt-stack/prod/.terragrunt-stack/app".into(),
            "/r/units/app".into(),
        );
        let on_disk = |p: &str| unit.on_disk(Path::new(p));
        // The innermost copy first.
        assert_eq!(
            on_disk("/r/live/.terragrunt-stack/prod/.terragrunt-stack/app/terragrunt.hcl"),
            PathBuf::from("/r/units/app/terragrunt.hcl")
        );
        assert_eq!(
            on_disk("/r/live/.terragrunt-stack/prod/terragrunt.stack.hcl"),
            PathBuf::from("/r/stacks/env/terragrunt.stack.hcl")
        );
        // Outside every copy: where it is.
        assert_eq!(
            on_disk("/r/live/root.hcl"),
            PathBuf::from("/r/live/root.hcl")
        );
        // A copy whose source is inside another copy's generated directory
        // is undone, then that one.
        let chained = Copies::default()
            .with("/r/g".into(), "/r/s".into())
            .with("/r/h".into(), "/r/g/x".into());
        assert_eq!(
            chained.on_disk(Path::new("/r/h/f")),
            PathBuf::from("/r/s/x/f")
        );
    }

    #[test]
    fn local_sources_and_their_double_slash() {
        assert_eq!(
            local_source("../../modules//app"),
            Some(PathBuf::from("../../modules/app"))
        );
        assert_eq!(local_source("/abs/mod"), Some(PathBuf::from("/abs/mod")));
        assert_eq!(
            local_source("git::https://example.com/m.git//x?ref=v1"),
            None
        );
        assert_eq!(local_source("tfr:///terraform-aws-modules/iam/aws"), None);
        assert_eq!(local_source("github.com/org/repo//m"), None);
    }
}
