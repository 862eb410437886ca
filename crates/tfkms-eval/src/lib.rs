//! The Terraform evaluator of tfkms.
//!
//! Values are known, partly known (strings with unknown holes) or unknown
//! with a cause and a shape (`aws_kms_key.x.arn` is a key ARN); every value
//! carries the spans it came from and the references it travelled through.
//! Evaluation is lazy and memoized per module instance, bounded by a
//! [`Budget`], and never guesses: what cannot be known stays unknown.

pub mod eval;
pub mod functions;
pub mod instance;
pub mod json;
pub mod module;
pub mod number;
pub mod ops;
pub mod scope;
#[doc(hidden)]
pub mod testing;
pub mod types;
pub mod value;

/// A map with a fast hasher for the evaluator's own tables (memoized
/// values, module indexes), which a scan consults at every reference.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

pub use eval::Scope;
pub use instance::{ChildCall, Expansion, InstanceKey, ModuleInstance};
pub use module::{Mode, Module};
pub use number::Number;
pub use scope::{Bindings, Budget, Limits, ScanBudget};
pub use value::{
    Cause, Elements, Fields, Hop, Hops, Kind, Origin, Shape, Text, TextPart, Unknown, Value,
};

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tfkms_syntax::ast::Block;
use tfkms_syntax::{FileId, Span};

/// Knowledge of resource and data source attributes that lives outside the
/// evaluator (the policy document data source is rendered by tfkms-iam).
pub trait Host: Send + Sync {
    /// The value of `attr` of one instance of a `resource`/`data` block, or
    /// `None` to fall back to the evaluator's own knowledge. `scope` has the
    /// instance's `each`/`count` bound.
    #[allow(clippy::too_many_arguments)]
    fn object_attribute(
        &self,
        scope: &Scope,
        mode: Mode,
        ty: &str,
        name: &str,
        key: Option<&InstanceKey>,
        block: &Block,
        attr: &str,
        span: Span,
    ) -> Option<Value>;

    /// A call of a function Terraform does not have (Terragrunt's own, in
    /// `terragrunt.hcl`), or `None` when the host does not know it either.
    fn function(&self, _scope: &Scope, _name: &str, _args: &[Value], _span: Span) -> Option<Value> {
        None
    }

    /// A top-level name Terraform does not have (`include`, `dependency`
    /// in `terragrunt.hcl`), or `None`.
    fn global(&self, _name: &str, _span: Span) -> Option<Value> {
        None
    }
}

#[derive(Debug, Default)]
struct LoadedFiles {
    by_path: HashMap<PathBuf, FileId>,
    files: Vec<(PathBuf, Arc<str>)>,
}

/// All modules of a scan, by canonical directory, and what evaluation may
/// touch.
pub struct Project {
    /// Shared, so that projects made with [`Project::with_modules`] for
    /// different root modules hold a module called by each of them once.
    pub modules: HashMap<PathBuf, Arc<Module>>,
    /// Canonical scanned roots: module sources and `file()` stay inside.
    roots: tfkms_syntax::confine::Roots,
    pub limits: Limits,
    /// The deadline and value count all root module trees share.
    scan_budget: Arc<ScanBudget>,
    host: Option<Arc<dyn Host>>,
    /// The text of every scanned file by `FileId`, for mapping offsets
    /// inside literals back to source characters.
    files: Arc<[Arc<str>]>,
    /// Files read during evaluation (`file()`, `templatefile()`), numbered
    /// after the scanned files so values read from them keep exact spans.
    /// Shared with the projects made by [`Project::with_modules`], so a file
    /// has one ID in the whole scan.
    loaded: Arc<std::sync::Mutex<LoadedFiles>>,
    /// Modules installed by `terraform init`, from
    /// `.terraform/modules/modules.json`: (root module dir, call key) → dir.
    installed: Arc<HashMap<(PathBuf, String), PathBuf>>,
    /// A Terragrunt unit's directory laid over its module's (module dir,
    /// unit dir): Terragrunt runs the module in a copy holding the unit's
    /// files too, so a file the module reads may be the unit's.
    overlay: Option<(PathBuf, PathBuf)>,
    /// Every path the file functions of this project looked at, so an
    /// incremental scan knows which root module trees a changed file
    /// reaches. One log per project made by [`Project::with_modules`].
    reads: Arc<std::sync::Mutex<std::collections::HashSet<PathBuf>>>,
}

impl Project {
    pub fn new(
        modules: HashMap<PathBuf, Module>,
        roots: Vec<PathBuf>,
        limits: Limits,
        files: Vec<Arc<str>>,
    ) -> Project {
        Project {
            modules: modules
                .into_iter()
                .map(|(dir, m)| (dir, Arc::new(m)))
                .collect(),
            roots: tfkms_syntax::confine::Roots::new(roots),
            scan_budget: Arc::new(ScanBudget::new(&limits)),
            limits,
            host: None,
            files: files.into(),
            loaded: Arc::default(),
            installed: Arc::default(),
            overlay: None,
            reads: Arc::default(),
        }
    }

    /// A project over `modules` that shares everything else with this one:
    /// files and their IDs, files loaded during evaluation, installed
    /// modules, host, roots and limits. The scan evaluates each root module
    /// in a project holding only the modules that root reaches, so modules
    /// are parsed when first needed and dropped after their last use.
    pub fn with_modules(&self, modules: HashMap<PathBuf, Arc<Module>>) -> Project {
        Project {
            modules,
            roots: self.roots.clone(),
            limits: self.limits.clone(),
            scan_budget: self.scan_budget.clone(),
            host: self.host.clone(),
            files: self.files.clone(),
            loaded: self.loaded.clone(),
            installed: self.installed.clone(),
            overlay: None,
            reads: Arc::default(),
        }
    }

    /// The same project after an edit: the scanned files' new texts (same
    /// IDs), a fresh scan budget for the new evaluations, and everything
    /// else shared, so a file read by `file()` keeps its ID across edits.
    pub fn with_files(&self, files: Vec<Arc<str>>) -> Project {
        Project {
            modules: self.modules.clone(),
            roots: self.roots.clone(),
            scan_budget: Arc::new(ScanBudget::new(&self.limits)),
            limits: self.limits.clone(),
            host: self.host.clone(),
            files: files.into(),
            loaded: self.loaded.clone(),
            installed: self.installed.clone(),
            overlay: self.overlay.clone(),
            reads: Arc::default(),
        }
    }

    /// Records that evaluation looked at `path` (read it, or asked whether
    /// it exists).
    pub fn note_read(&self, path: &Path) {
        let mut reads = self.reads.lock().unwrap_or_else(|e| e.into_inner());
        if !reads.contains(path) {
            reads.insert(path.to_path_buf());
        }
    }

    /// The paths the file functions looked at in this project.
    pub fn reads(&self) -> std::collections::HashSet<PathBuf> {
        self.reads.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Whether `path` was read during evaluation (it has a file ID).
    pub fn is_loaded(&self, path: &Path) -> bool {
        let loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        loaded.by_path.contains_key(path)
    }

    /// A file read during evaluation changed: later reads see `text` under
    /// the same ID. Returns whether the text differs from the one read
    /// before; if so, results that quoted the old text must be computed
    /// again by the caller.
    pub fn replace_loaded_text(&self, path: &Path, text: Arc<str>) -> bool {
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        let Some(id) = loaded.by_path.get(path).copied() else {
            return false;
        };
        let i = id.0 as usize - self.files.len();
        match loaded.files.get_mut(i) {
            Some(entry) if entry.1 != text => {
                entry.1 = text;
                true
            }
            _ => false,
        }
    }

    /// Lays the files of `unit_dir` over `module_dir` for the functions
    /// that read files, as Terragrunt copies them together.
    pub fn set_overlay(&mut self, module_dir: PathBuf, unit_dir: PathBuf) {
        self.overlay = Some((module_dir, unit_dir));
    }

    /// Where else a path in the overlaid module directory may be: the same
    /// place in the unit's directory.
    pub fn overlaid(&self, path: &Path) -> Option<PathBuf> {
        let (module_dir, unit_dir) = self.overlay.as_ref()?;
        let rest = path.strip_prefix(module_dir).ok()?;
        Some(unit_dir.join(rest))
    }

    /// A fresh budget for evaluating one root module tree of this scan.
    pub fn root_budget(&self) -> Budget {
        Budget::in_scan(self.limits.clone(), self.scan_budget.clone())
    }

    /// The text of a scanned or loaded file.
    pub fn file_text(&self, id: FileId) -> Option<Arc<str>> {
        let i = id.0 as usize;
        if let Some(t) = self.files.get(i) {
            return Some(t.clone());
        }
        let loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        loaded
            .files
            .get(i - self.files.len())
            .map(|(_, t)| t.clone())
    }

    /// The scanned roots, canonical.
    pub fn roots(&self) -> &tfkms_syntax::confine::Roots {
        &self.roots
    }

    /// The text of a file already read during evaluation, by its real path:
    /// a file named by many `file()` calls is read once.
    pub fn loaded_text(&self, path: &Path) -> Option<Arc<str>> {
        self.note_read(path);
        let loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        let id = *loaded.by_path.get(path)?;
        let i = id.0 as usize - self.files.len();
        loaded.files.get(i).map(|(_, t)| t.clone())
    }

    /// Registers a file read during evaluation and returns its ID; the same
    /// path always gets the same ID.
    pub fn register_loaded_file(&self, path: &Path, text: Arc<str>) -> FileId {
        self.note_read(path);
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = loaded.by_path.get(path) {
            return id;
        }
        let id = FileId((self.files.len() + loaded.files.len()) as u32);
        loaded.by_path.insert(path.to_path_buf(), id);
        loaded.files.push((path.to_path_buf(), text));
        id
    }

    /// The files read during evaluation, in ID order after the scanned ones.
    pub fn loaded_files(&self) -> Vec<(PathBuf, Arc<str>)> {
        self.loaded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .files
            .clone()
    }

    /// Records where `terraform init` installed the module called `key`
    /// (dotted call path) from the root module in `root_dir`.
    pub fn add_installed_module(&mut self, root_dir: PathBuf, key: String, dir: PathBuf) {
        Arc::make_mut(&mut self.installed).insert((root_dir, key), dir);
    }

    /// The directories of the modules `terraform init` installed for the
    /// root module in `root_dir`.
    pub fn installed_dirs(&self, root_dir: &Path) -> impl Iterator<Item = &Path> {
        self.installed
            .iter()
            .filter(move |((root, _), _)| root == root_dir)
            .map(|(_, dir)| dir.as_path())
    }

    pub fn set_host(&mut self, host: Arc<dyn Host>) {
        self.host = Some(host);
    }

    pub fn host(&self) -> Option<&dyn Host> {
        self.host.as_deref()
    }

    /// Whether a path (absolute, normalized) is inside a scanned root.
    pub fn inside_roots(&self, path: &Path) -> bool {
        self.roots.contains(path)
    }

    /// The directories called as local modules by some module of the scan;
    /// every other module is a root.
    pub fn called_dirs(&self) -> std::collections::HashSet<PathBuf> {
        let mut out = std::collections::HashSet::new();
        for m in self.modules.values() {
            out.extend(local_calls(m));
        }
        out.extend(self.installed.values().cloned());
        out
    }

    /// The module a `module` block's `source` names: a local directory, or
    /// for registry and git sources the directory `terraform init` recorded
    /// in `.terraform/modules/modules.json`.
    pub fn resolve_module_source(
        &self,
        inst: &ModuleInstance,
        call: &str,
        block: &Block,
        scope: &Scope,
    ) -> Result<&Module, String> {
        let caller = inst.module;
        let Some(attr) = block.body.attribute("source") else {
            return Err("the module call has no `source`".into());
        };
        let v = scope.eval(&attr.expr);
        let Some(src) = v.as_known_str() else {
            return Err("its `source` is not a known string".into());
        };
        if !is_local_source(&src) {
            let key = inst.module_key(call);
            return match self.installed.get(&(inst.root.dir.clone(), key)) {
                Some(dir) => self.modules.get(dir).map(|m| &**m).ok_or_else(|| {
                    format!("its source \"{src}\" was installed by `terraform init`, but the installed directory has no Terraform files")
                }),
                None => Err(format!(
                    "its source \"{src}\" is not a local path and is not installed in `.terraform/modules`: run `terraform init` before scanning to check it"
                )),
            };
        }
        let dir = normalize(&caller.dir.join(src.as_ref()));
        if !self.inside_roots(&dir) {
            return Err(format!(
                "its source \"{src}\" leaves the scanned directories; scan a directory that contains it"
            ));
        }
        self.modules.get(&dir).map(|m| &**m).ok_or_else(|| {
            if literal_source(block).is_none() {
                // The module graph is built from literal sources before
                // anything is evaluated, so a computed one (OpenTofu's early
                // evaluation) names a module this tree never loaded.
                format!(
                    "its `source` is computed (to \"{src}\", as OpenTofu allows); tfkms follows only literal local sources: write the path as a literal to check the module with this call's arguments"
                )
            } else {
                format!("its source \"{src}\" is not a directory of Terraform files in the scan")
            }
        })
    }

    /// `path.root` for an instance: the display directory of its root.
    pub fn root_display_dir(&self, inst: &ModuleInstance) -> String {
        inst.root.display_dir.clone()
    }
}

/// The directories a module calls by literal local `source` (Terraform
/// accepts no other kind of `source`).
pub fn local_calls(module: &Module) -> impl Iterator<Item = PathBuf> + '_ {
    module.module_calls.values().filter_map(|call| {
        let src = literal_source(call)?;
        is_local_source(&src).then(|| normalize(&module.dir.join(src)))
    })
}

/// A `module` block's `source` when it is a string literal.
pub fn literal_source(call: &Block) -> Option<String> {
    match &call.body.attribute("source")?.expr.kind {
        tfkms_syntax::ast::ExprKind::Template(t) => t.as_literal(),
        _ => None,
    }
}

pub fn is_local_source(src: &str) -> bool {
    src.starts_with("./") || src.starts_with("../") || src == "." || src == ".."
}

/// Lexical normalization (`a/./b/../c` → `a/c`) without touching the disk.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
