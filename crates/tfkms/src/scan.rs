//! The scan pipeline: discover → parse (parallel) → modules → evaluate root
//! module trees (parallel) → extract documents → rules.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tfkms_eval::{ChildCall, Limits, Module, ModuleInstance, Origin, Project, Value};
use tfkms_iam::{Document, Grant};
use tfkms_rules::finding::{Finding, Label};
use tfkms_syntax::ast::Body;
use tfkms_syntax::{FileId, FileKind, SourceFile, SourceMap, Span};

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
    /// The date suppressions' `until=` is compared with; `None` is today.
    pub today: Option<crate::suppress::Date>,
}

pub struct ScanResult {
    pub sources: SourceMap,
    pub findings: Vec<Finding>,
    pub documents: Vec<Document>,
    pub grants: Vec<Grant>,
    /// Files read (configuration and variables).
    pub files: usize,
    /// Findings accepted by `tfkms:ignore` comments; not in `findings`.
    pub suppressed: Vec<crate::suppress::Suppressed>,
    /// What `--baseline` left out, when one was given.
    pub baseline: Option<crate::baseline::Outcome>,
}

#[derive(Debug)]
pub enum ScanError {
    /// Bad arguments or an unreadable root: the scan could not run.
    Usage(String),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Usage(m) => f.write_str(m),
        }
    }
}

struct ParsedFile {
    source: SourceFile,
    kind: FileKind,
    body: Result<Body, Label>,
}

/// Evaluation recurses through references (a local referring to a local
/// ...); the depth limit keeps that bounded, and threads get stacks big
/// enough for the limit.
const THREAD_STACK_BYTES: usize = 32 * 1024 * 1024;

pub fn scan(opts: &ScanOptions) -> Result<ScanResult, ScanError> {
    in_pool(|| scan_in_pool(opts))?
}

fn in_pool<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T, ScanError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(THREAD_STACK_BYTES)
        .build()
        .map_err(|e| ScanError::Usage(format!("cannot start worker threads: {e}")))?;
    Ok(pool.install(work))
}

fn scan_in_pool(opts: &ScanOptions) -> Result<ScanResult, ScanError> {
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

    let installed = installed_modules(&discovery.files);
    let mut found = discovery.files.clone();
    found.extend(installed.iter().flat_map(|m| m.files.iter().cloned()));

    // Parse in parallel; indexed collection keeps the (sorted) order, so
    // file IDs and output are the same with any thread count.
    let parsed: Vec<ParsedFile> = found
        .par_iter()
        .enumerate()
        .map(|(i, f)| parse_file(FileId(i as u32), &f.path, f.display_path.clone(), f.kind))
        .collect();

    let mut sources = SourceMap::new();
    let mut findings = Vec::new();
    let mut bodies: Vec<(FileId, FileKind, Body)> = Vec::new();
    for p in parsed {
        let id = sources.add(p.source);
        match p.body {
            Ok(b) => bodies.push((id, p.kind, b)),
            Err(label) => findings.push(parse_finding(label)),
        }
    }
    for problem in &discovery.problems {
        let id = sources.add(SourceFile::new(
            PathBuf::from(&problem.display_path),
            problem.display_path.clone(),
            "".into(),
        ));
        findings.push(parse_finding(Label {
            span: Span::new(id, 0, 0),
            message: problem.message.clone(),
        }));
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
        let id = FileId(sources.len() as u32);
        let cwd = std::env::current_dir().unwrap_or_default();
        let p = parse_file(id, path, tfkms_syntax::discover::display(&cwd, path), kind);
        let unreadable = p.source.text.is_empty() && !path.is_file();
        sources.add(p.source);
        match p.body {
            Ok(b) if !unreadable => cli_var_bodies.push(b),
            Ok(_) => {
                return Err(ScanError::Usage(format!(
                    "--var-file {}: no such file",
                    path.display()
                )));
            }
            Err(label) => findings.push(parse_finding(label)),
        }
    }

    Ok(analyze(
        &paths,
        sources,
        findings,
        bodies,
        installed,
        &cli_var_bodies,
        opts,
    ))
}

/// Scans one in-memory file as a module of its own, without touching the
/// disk: the entry point for fuzzing and for embedding.
pub fn scan_text(
    display_path: &str,
    text: &str,
    opts: &ScanOptions,
) -> Result<ScanResult, ScanError> {
    in_pool(|| scan_text_in_pool(display_path, text, opts))
}

fn scan_text_in_pool(display_path: &str, text: &str, opts: &ScanOptions) -> ScanResult {
    let kind = FileKind::from_name(display_path).unwrap_or(FileKind::Config);
    let dir = PathBuf::from("/nonexistent-tfkms-virtual-root");
    let id = FileId(0);
    let mut sources = SourceMap::new();
    let mut findings = Vec::new();
    let mut bodies = Vec::new();
    match tfkms_syntax::parse(id, kind, text) {
        Ok(b) => bodies.push((id, kind, b)),
        Err(e) => findings.push(parse_finding(Label {
            span: e.span,
            message: e.message,
        })),
    }
    sources.add(SourceFile::new(
        dir.join(display_path),
        display_path.to_string(),
        text.into(),
    ));
    analyze(&[dir], sources, findings, bodies, Vec::new(), &[], opts)
}

/// Everything after parsing: modules, evaluation, documents, rules.
#[allow(clippy::too_many_arguments)]
fn analyze(
    paths: &[PathBuf],
    sources: SourceMap,
    mut findings: Vec<Finding>,
    bodies: Vec<(FileId, FileKind, Body)>,
    installed: Vec<InstalledModule>,
    cli_var_bodies: &[Body],
    opts: &ScanOptions,
) -> ScanResult {
    let files = sources.len();
    let texts: Vec<Arc<str>> = sources.files().map(|(_, f)| f.text.clone()).collect();
    let project = build_project(paths, &sources, bodies, opts.limits.clone(), texts.clone());
    let mut project = project;
    project.set_host(Arc::new(tfkms_iam::extract::PolicyHost));
    for m in installed {
        project.add_installed_module(m.root_dir, m.key, m.dir);
    }

    let roots = root_modules(&project);
    let evaluated: Vec<Collected> = roots
        .par_iter()
        .map(|dir| {
            let module = &project.modules[dir];
            evaluate_root(&project, module, cli_var_bodies, &opts.vars)
        })
        .collect();
    let mut documents = Vec::new();
    let mut grants = Vec::new();
    for c in evaluated {
        documents.extend(c.documents);
        grants.extend(c.grants);
        findings.extend(c.findings);
    }

    // Files read by file()/templatefile() join the source map so findings
    // in them render with their text.
    let mut sources = sources;
    let mut texts = texts;
    let cwd = std::env::current_dir().unwrap_or_default();
    for (path, text) in project.loaded_files() {
        texts.push(text.clone());
        sources.add(SourceFile::new(
            path.clone(),
            tfkms_syntax::discover::display(&cwd, &path),
            text,
        ));
    }

    let ctx = tfkms_rules::Context {
        files: &texts,
        trusted_alias_patterns: &opts.trusted_alias_patterns,
        own_accounts: &opts.own_accounts,
    };
    findings.extend(tfkms_rules::check(&ctx, &documents, &grants));
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
        files,
        suppressed: Vec::new(),
        baseline: None,
    };
    let today = opts.today.unwrap_or_else(crate::suppress::Date::today);
    crate::suppress::finish(&mut result, &opts.rules, today);
    result
}

/// A module `terraform init` installed under a root's `.terraform/modules`.
struct InstalledModule {
    root_dir: PathBuf,
    key: String,
    dir: PathBuf,
    files: Vec<tfkms_syntax::FoundFile>,
}

/// Reads `.terraform/modules/modules.json` beside every directory with
/// configuration, so registry and git module calls are evaluated from the
/// copies `terraform init` made. Nothing is fetched; a missing or unreadable
/// manifest leaves those calls unevaluated (reported as TFKMS010).
fn installed_modules(files: &[tfkms_syntax::FoundFile]) -> Vec<InstalledModule> {
    let mut dirs: Vec<&Path> = files
        .iter()
        .filter(|f| f.kind.is_config())
        .filter_map(|f| f.path.parent())
        .collect();
    dirs.dedup();
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut out = Vec::new();
    for dir in dirs {
        let manifest = dir.join(".terraform/modules/modules.json");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let root_dir = canonical_dir(dir);
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
            let canon = canonical_dir(&module_dir);
            if !canon.starts_with(&root_dir) {
                continue;
            }
            let mut module_files: Vec<tfkms_syntax::FoundFile> = std::fs::read_dir(&module_dir)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    let kind = FileKind::from_name(&name).filter(|k| k.is_config())?;
                    Some(tfkms_syntax::FoundFile {
                        display_path: tfkms_syntax::discover::display(&cwd, &e.path()),
                        path: e.path(),
                        kind,
                    })
                })
                .collect();
            module_files.sort_by(|a, b| a.path.cmp(&b.path));
            out.push(InstalledModule {
                root_dir: root_dir.clone(),
                key: key.to_string(),
                dir: canon,
                files: module_files,
            });
        }
    }
    out
}

fn parse_finding(label: Label) -> Finding {
    let message = label.message.clone();
    Finding::new(&tfkms_rules::PARSE_ERROR, label, message)
        .with_help("the file was skipped; fix it so that Terraform (and tfkms) can read it")
}

fn parse_file(id: FileId, path: &Path, display: String, kind: FileKind) -> ParsedFile {
    use tfkms_syntax::ReadOutcome;
    match tfkms_syntax::read_source(path) {
        ReadOutcome::Text(text) => {
            let body = tfkms_syntax::parse(id, kind, &text).map_err(|e| Label {
                span: e.span,
                message: e.message,
            });
            ParsedFile {
                source: SourceFile::new(path.to_path_buf(), display, text),
                kind,
                body,
            }
        }
        ReadOutcome::NotUtf8 { text, offset } => ParsedFile {
            body: Err(Label {
                // The lossy text shows the bad byte as U+FFFD.
                span: Span::new(id, offset, offset + '\u{fffd}'.len_utf8()),
                message: "the file is not valid UTF-8".into(),
            }),
            source: SourceFile::new(path.to_path_buf(), display, text),
            kind,
        },
        ReadOutcome::Unreadable(why) => ParsedFile {
            body: Err(Label {
                span: Span::new(id, 0, 0),
                message: format!("cannot read the file: {why}"),
            }),
            source: SourceFile::new(path.to_path_buf(), display, "".into()),
            kind,
        },
    }
}

/// Groups files by directory into modules. Variable files that Terraform
/// loads automatically are kept for when the module is a root.
fn build_project(
    roots: &[PathBuf],
    sources: &SourceMap,
    bodies: Vec<(FileId, FileKind, Body)>,
    limits: Limits,
    texts: Vec<Arc<str>>,
) -> Project {
    /// One directory's files: configuration (with file names, for override
    /// files) and variable files.
    #[derive(Default)]
    struct DirFiles {
        display_dir: String,
        configs: Vec<(FileId, String, Body)>,
        vars: Vec<(String, Body)>,
    }
    let mut by_dir: BTreeMap<PathBuf, DirFiles> = BTreeMap::new();
    for (id, kind, body) in bodies {
        let file = sources.get(id);
        let dir = file
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let canon = canonical_dir(&dir);
        let display_dir = file
            .display_path
            .rsplit_once('/')
            .map(|(d, _)| d.to_string())
            .unwrap_or_else(|| ".".to_string());
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let entry = by_dir.entry(canon).or_insert_with(|| DirFiles {
            display_dir,
            ..DirFiles::default()
        });
        if kind.is_config() {
            entry.configs.push((id, name, body));
        } else {
            entry.vars.push((name, body));
        }
    }
    let mut modules = HashMap::new();
    for (
        dir,
        DirFiles {
            display_dir,
            configs,
            vars,
        },
    ) in by_dir
    {
        if configs.is_empty() {
            continue;
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
            dir.clone(),
            display_dir,
            configs,
            auto.into_iter().map(|(_, b)| b).collect(),
        );
        modules.insert(dir, module);
    }
    let canon_roots = roots.iter().map(|r| canonical_dir(r)).collect();
    Project::new(modules, canon_roots, limits, texts)
}

fn canonical_dir(dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(dir).unwrap_or_else(|_| tfkms_eval::normalize(dir))
}

/// Modules no other module of the scan calls: those are evaluated as roots;
/// the others are evaluated through their calls, with their arguments.
fn root_modules(project: &Project) -> Vec<PathBuf> {
    let called = project.called_dirs();
    let mut roots: Vec<PathBuf> = project
        .modules
        .keys()
        .filter(|d| !called.contains(*d))
        .cloned()
        .collect();
    roots.sort();
    roots
}

/// What the evaluation of a root module tree yields for the rules.
#[derive(Default)]
struct Collected {
    documents: Vec<Document>,
    grants: Vec<Grant>,
    /// Findings of the evaluation itself: undeclared variables (TFKMS014),
    /// module calls that could not be evaluated (TFKMS010).
    findings: Vec<Finding>,
}

fn evaluate_root(
    project: &Project,
    module: &Module,
    cli_var_files: &[Body],
    cli_vars: &[(String, String)],
) -> Collected {
    let budget = std::rc::Rc::new(tfkms_eval::Budget::new(project.limits.clone()));
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
    let mut inputs: HashMap<String, Value> = HashMap::new();
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
        ..Collected::default()
    };
    collect_documents(&root, &mut collected);
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
fn collect_documents(inst: &ModuleInstance, out: &mut Collected) {
    let mut docs = tfkms_iam::extract::documents(inst);
    for d in &mut docs {
        tfkms_iam::render_document(d);
    }
    out.documents.extend(docs);
    out.grants.extend(tfkms_iam::extract::grants(inst));
    for (name, call) in inst.children() {
        match &*call {
            ChildCall::Single(child) => collect_documents(child, out),
            ChildCall::Instances(list) => {
                for (_, child) in list {
                    collect_documents(child, out);
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
