//! `terragrunt.stack.hcl`: the units a stack would generate, evaluated
//! without generating them.
//!
//! `terragrunt stack generate` copies the directory each `unit` block's
//! `source` names (relative to the stack file's directory) to
//! `.terragrunt-stack/PATH` beside the stack file, or to `PATH` itself with
//! `no_dot_terragrunt_stack = true`, and writes the block's `values` there
//! as `terragrunt.values.hcl`, which the unit reads as `values`. A `stack`
//! block copies another stack's directory the same way; the copied stack
//! file is generated in turn, relative to where it was copied, and reads
//! its `values` from the `terragrunt.values.hcl` beside it; `locals` of a
//! stack file are evaluated for its blocks. Sources:
//! <https://terragrunt.gruntwork.io/docs/features/stacks/>,
//! <https://terragrunt.gruntwork.io/docs/reference/config-blocks-and-attributes/#unit>,
//! <https://terragrunt.gruntwork.io/docs/reference/cli/commands/stack/generate>,
//! and Terragrunt's `config/stack.go` (`generateStackFile`, `isLocal`,
//! `writeValues`). Terragrunt itself is not run, nor installed where this
//! was written: the behaviour follows those texts only.
//!
//! Nothing is written: each unit is evaluated where the stack would put it,
//! its files read from its source ([`Copies`]). A source that is not a
//! directory inside the scanned roots is a note, never fetched.

use super::{
    Copies, Env, FileCtx, Loaded, NotChecked, Placement, Sink, display, load, local_source, lock,
    unreadable, values_beside, with_file_scope,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use tfkms_eval::{Cause, Project, Shape, Unknown, Value};
use tfkms_rules::finding::Finding;
use tfkms_syntax::ast::Block;
use tfkms_syntax::{FileId, FileKind, Span, TERRAGRUNT_FILE, TERRAGRUNT_JSON_FILE};
use tfkms_syntax::{TERRAGRUNT_STACK_FILE, confine::Refusal};

/// The directory beside a stack file that its units are generated into.
pub const STACK_DIR: &str = ".terragrunt-stack";
/// The file `terragrunt stack generate` writes a block's `values` to.
pub const VALUES_FILE: &str = "terragrunt.values.hcl";

/// A unit a stack would generate, to be evaluated like a scanned one.
pub struct StackUnit {
    /// Where the stack would generate it.
    pub dir: PathBuf,
    pub display_dir: String,
    /// Its source's configuration file.
    pub file: (FileId, FileKind),
    pub placement: Placement,
}

/// What the scanned stack files generate.
#[derive(Default)]
pub struct Expansion {
    pub units: Vec<StackUnit>,
    /// Problems of the stack files.
    pub findings: Vec<Finding>,
    /// What was not checked and why; with the directory the unit or stack
    /// would be generated in, where a copy generated before may be scanned
    /// instead.
    pub not_checked: Vec<(Option<PathBuf>, NotChecked, Finding)>,
    /// The source directories of the units generated: evaluated as the
    /// stack's units, with their `values`, not also on their own.
    pub unit_sources: HashSet<PathBuf>,
    /// The source directories of nested stacks.
    stack_sources: HashSet<PathBuf>,
    /// Whether a nesting of stacks came back to a stack it left.
    cycle: bool,
    /// The files the stack files' evaluation read or looked for: a change
    /// to one may change which units there are.
    pub reads: HashSet<PathBuf>,
}

impl Expansion {
    fn append(&mut self, other: Expansion) {
        self.units.extend(other.units);
        self.findings.extend(other.findings);
        self.not_checked.extend(other.not_checked);
        self.unit_sources.extend(other.unit_sources);
        self.stack_sources.extend(other.stack_sources);
        self.cycle |= other.cycle;
        self.reads.extend(other.reads);
    }
}

/// Expands every scanned stack file (its canonical directory and ID). A
/// stack that another scanned stack nests is expanded only there, where it
/// has its `values`, unless following it led back to itself: then its own
/// expansion reports the cycle.
pub fn expand(env: &Arc<Env>, base: &Project, stacks: &[(PathBuf, FileId)]) -> Expansion {
    let expanded: Vec<(&PathBuf, Expansion)> = stacks
        .iter()
        .map(|(dir, id)| (dir, expand_scanned(env, base, dir, *id)))
        .collect();
    let nested: HashSet<PathBuf> = expanded
        .iter()
        .flat_map(|(_, e)| e.stack_sources.iter().cloned())
        .collect();
    let mut out = Expansion::default();
    for (dir, expansion) in expanded {
        if !nested.contains(dir) || expansion.cycle {
            out.append(expansion);
        }
    }
    out
}

fn expand_scanned(env: &Arc<Env>, base: &Project, dir: &Path, id: FileId) -> Expansion {
    let mut out = Expansion::default();
    let Some(text) = base.file_text(id) else {
        return out;
    };
    let body = match tfkms_syntax::parse(id, FileKind::TerragruntStack, &text) {
        Ok(body) => body,
        Err(e) => {
            out.findings.push(unreadable(e.span, e.message));
            return out;
        }
    };
    let path = dir.join(TERRAGRUNT_STACK_FILE);
    let stack = Stack {
        dir: dir.to_path_buf(),
        loaded: Loaded {
            path: path.clone(),
            id,
            body,
        },
        copies: Copies::default(),
        values: None,
        chain: vec![path],
    };
    expand_stack(env, base, stack, &mut out);
    out
}

/// A stack file where it is, or where a stack would generate it.
struct Stack {
    dir: PathBuf,
    loaded: Loaded,
    copies: Copies,
    /// Given by the `stack` block nesting it; else read beside it.
    values: Option<Value>,
    /// The stack files nesting it, outermost first, and itself.
    chain: Vec<PathBuf>,
}

/// A `unit` or `stack` block, its attributes evaluated.
struct Component {
    kind: &'static str,
    name: String,
    head: Span,
    source: Option<(Value, Span)>,
    path: Option<(Value, Span)>,
    values: Option<Value>,
    no_dot: Option<(Value, Span)>,
    /// The head of its `autoinclude` block, if it has one.
    autoinclude: Option<Span>,
}

fn expand_stack(env: &Arc<Env>, base: &Project, stack: Stack, out: &mut Expansion) {
    let sink = Arc::new(Sink::default());
    let budget = Rc::new(base.root_budget());
    let mut ctx = FileCtx {
        terragrunt_dir: stack.dir.clone(),
        original_dir: stack.dir.clone(),
        file_dir: stack.dir.clone(),
        include_dir: None,
        stack: stack.chain.clone(),
        copies: stack.copies.clone(),
        values: stack.values,
    };
    if ctx.values.is_none() {
        let at = Span::new(stack.loaded.id, 0, 0);
        ctx.values = values_beside(env, &sink, base, &budget, &ctx, at);
    }
    let components = with_file_scope(env, &sink, base, budget, &stack.loaded, &ctx, |fs| {
        let blocks = stack.loaded.body.blocks("unit").map(|b| ("unit", b));
        let blocks = blocks.chain(stack.loaded.body.blocks("stack").map(|b| ("stack", b)));
        blocks
            .map(|(kind, block)| component(fs, kind, block))
            .collect::<Vec<_>>()
    });
    for component in components {
        out.findings.extend(autoinclude_note(&component));
        match place(env, &stack.dir, &stack.copies, &component) {
            Ok(placed) if component.kind == "unit" => add_unit(env, base, &sink, &ctx, placed, out),
            Ok(placed) => nest_stack(env, base, &sink, &ctx, placed, out),
            Err(Problem::Rejected(f)) => out.findings.push(*f),
            Err(Problem::NotChecked(at, cause, note)) => out.not_checked.push((at, cause, *note)),
        }
    }
    out.findings.append(&mut lock(&sink.findings));
    out.reads.extend(sink.take_reads());
    let shared = std::mem::take(&mut *lock(&sink.shared));
    out.not_checked
        .extend(shared.into_iter().map(|(cause, f)| (None, cause, f)));
}

fn component(fs: &super::FileScope, kind: &'static str, block: &Block) -> Component {
    let attr = |name: &str| {
        block
            .body
            .attribute(name)
            .map(|a| (fs.scope.eval(&a.expr), a.expr.span))
    };
    Component {
        kind,
        name: block.label(0).unwrap_or("").to_string(),
        head: block.head_span(),
        source: attr("source"),
        path: attr("path"),
        values: attr("values").map(|(v, _)| v),
        no_dot: attr("no_dot_terragrunt_stack"),
        autoinclude: block
            .body
            .blocks("autoinclude")
            .next()
            .map(Block::head_span),
    }
}

/// Why an `autoinclude` block is a note.
const AUTOINCLUDE_NOT_EVALUATED: &str = "Terragrunt (1.1 and later) writes a unit or stack block's `autoinclude` block into the directory it generates (terragrunt.autoinclude.hcl beside the unit's terragrunt.hcl, terragrunt.autoinclude.stack.hcl beside a nested stack's file) and merges it into that configuration, the autoinclude winning; tfkms does not evaluate that merge, so what it adds (`inputs`, `dependency` outputs, a nested stack's further units) reaches no check: review it by hand, or move it into the unit's or stack's own configuration";

/// A located note for a block's `autoinclude`, which tfkms does not merge
/// into what the block generates.
fn autoinclude_note(c: &Component) -> Option<Finding> {
    let span = c.autoinclude?;
    Some(
        tfkms_rules::rules::unresolved_policy_value::terragrunt_not_evaluated(
            span,
            &format!("the `autoinclude` block of {} \"{}\"", c.kind, c.name),
            &format!("what it adds to the {} it generates is not checked", c.kind),
            AUTOINCLUDE_NOT_EVALUATED,
        ),
    )
}

/// A block's source and the directory it would be generated in.
struct Placed {
    /// The source directory, canonical.
    source: PathBuf,
    source_span: Span,
    generated: PathBuf,
    values: Option<Value>,
}

enum Problem {
    /// What Terragrunt rejects.
    Rejected(Box<Finding>),
    /// What tfkms cannot check, with the directory it would be generated
    /// in when that is known.
    NotChecked(Option<PathBuf>, NotChecked, Box<Finding>),
}

/// Where a block's source is and where it would be generated, as
/// `generateStackFile` and `isLocal` in Terragrunt's `config/stack.go`
/// decide: a path relative to the stack file's directory is local when it
/// exists, or when it is written as a path (`./`, `../`, `/`, `file://`).
fn place(env: &Env, dir: &Path, copies: &Copies, c: &Component) -> Result<Placed, Problem> {
    let what = format!("{} \"{}\"", c.kind, c.name);
    let (src, source_span) = known_string(c.source.as_ref(), c.head, &what, "source")?;
    let (path, _) = known_string(c.path.as_ref(), c.head, &what, "path")?;
    let no_dot = match &c.no_dot {
        None => false,
        Some((v, span)) => v.as_bool().ok_or_else(|| {
            rejected(
                *span,
                &format!("`no_dot_terragrunt_stack` of {what} must be a bool"),
            )
        })?,
    };
    let target = if no_dot {
        dir.to_path_buf()
    } else {
        dir.join(STACK_DIR)
    };
    let generated = tfkms_eval::normalize(&target.join(&path));
    let not_checked = |cause: NotChecked, why: String| {
        let unknown = Unknown::new(
            Cause::ModuleOutput {
                address: what.clone(),
                why,
            },
            Shape::Any,
        );
        let note = tfkms_rules::rules::unresolved_policy_value::module_not_evaluated(
            source_span,
            &display(&generated),
            &unknown,
        );
        Problem::NotChecked(Some(generated.clone()), cause, Box::new(note))
    };
    let written_local = local_source(&src);
    let relative = copies.on_disk(&tfkms_eval::normalize(
        &dir.join(written_local.clone().unwrap_or_else(|| PathBuf::from(&src))),
    ));
    let exists_relative = !src.contains("::") && !src.contains("://") && {
        env.roots.contains(&relative) && relative.symlink_metadata().is_ok()
    };
    if written_local.is_none() && !exists_relative {
        return Err(not_checked(
            NotChecked::StackSourceRemote {
                source: src.clone(),
            },
            format!(
                "its source \"{src}\" is not a local directory, and tfkms never downloads anything: run `terragrunt stack generate`, and name the directory it generates among the paths to scan (a hidden directory such as {STACK_DIR} is not walked into)"
            ),
        ));
    }
    if !env.roots.contains(&relative) {
        return Err(not_checked(
            NotChecked::OutsideScan {
                source: src.clone(),
            },
            format!(
                "its source \"{src}\" leaves the scanned directories; scan a directory that contains it"
            ),
        ));
    }
    let source = match env.roots.resolve(&relative) {
        Ok(real) if real.is_dir() => real,
        Ok(_) | Err(Refusal::Missing { .. }) => {
            return Err(not_checked(
                NotChecked::Other {
                    why: format!("its source \"{src}\" is not a directory"),
                },
                format!("its source \"{src}\" is not a directory of the scan"),
            ));
        }
        Err(refusal) => {
            return Err(Problem::Rejected(Box::new(unreadable(
                source_span,
                format!("\"{src}\": {refusal}"),
            ))));
        }
    };
    Ok(Placed {
        source,
        source_span,
        generated,
        values: c.values.clone(),
    })
}

/// A required attribute of a block as a known string. Unknown, it is a
/// note; missing or not a string, Terragrunt rejects the block.
fn known_string(
    attr: Option<&(Value, Span)>,
    head: Span,
    what: &str,
    name: &str,
) -> Result<(String, Span), Problem> {
    let Some((value, span)) = attr else {
        return Err(rejected(head, &format!("{what} has no `{name}`")));
    };
    if let Some(s) = value.as_known_str() {
        return Ok((s.into_owned(), *span));
    }
    match value.first_unknown() {
        Some(u) => {
            let why = format!("its `{name}` is not known: {}", u.cause.explain());
            let unknown = Unknown::new(
                Cause::ModuleOutput {
                    address: what.to_string(),
                    why: why.clone(),
                },
                Shape::Any,
            );
            let note = tfkms_rules::rules::unresolved_policy_value::module_not_evaluated(
                *span, what, &unknown,
            );
            Err(Problem::NotChecked(
                None,
                NotChecked::Other { why },
                Box::new(note),
            ))
        }
        None => Err(rejected(
            *span,
            &format!(
                "`{name}` of {what} must be a string, not {}",
                value.type_name()
            ),
        )),
    }
}

fn rejected(span: Span, message: &str) -> Problem {
    Problem::Rejected(Box::new(unreadable(
        span,
        format!("{message}; Terragrunt rejects this stack file"),
    )))
}

/// A unit block whose source is placed: its configuration file, read as
/// Terragrunt reads a unit's (`terragrunt.hcl`, else `terragrunt.hcl.json`).
fn add_unit(
    env: &Env,
    base: &Project,
    sink: &Sink,
    ctx: &FileCtx,
    placed: Placed,
    out: &mut Expansion,
) {
    let config = [TERRAGRUNT_FILE, TERRAGRUNT_JSON_FILE]
        .into_iter()
        .map(|name| placed.source.join(name))
        // Not followed here: a link leading out is refused where it is read.
        .find(|path| path.symlink_metadata().is_ok());
    let Some(config) = config else {
        out.findings.push(unreadable(
            placed.source_span,
            format!(
                "{} holds no {TERRAGRUNT_FILE}, so it is not a unit; Terragrunt generates a unit that cannot run",
                display(&placed.source)
            ),
        ));
        return;
    };
    let raw = config.to_string_lossy();
    let Some(loaded) = load(env, sink, base, ctx, &raw, placed.source_span) else {
        return;
    };
    let kind = super::config_kind(&loaded.path);
    out.unit_sources.insert(placed.source.clone());
    out.units.push(StackUnit {
        display_dir: display(&placed.generated),
        file: (loaded.id, kind),
        placement: Placement {
            copies: ctx.copies.with(placed.generated.clone(), placed.source),
            values: placed.values,
        },
        dir: placed.generated,
    });
}

/// A stack block whose source is placed: its stack file, expanded where it
/// would be generated, unless that nests stacks without end.
fn nest_stack(
    env: &Arc<Env>,
    base: &Project,
    sink: &Sink,
    ctx: &FileCtx,
    placed: Placed,
    out: &mut Expansion,
) {
    let file = placed.source.join(TERRAGRUNT_STACK_FILE);
    if let Some(at) = ctx.stack.iter().position(|p| *p == file) {
        let cycle: Vec<String> = ctx.stack[at..]
            .iter()
            .chain(std::iter::once(&file))
            .map(|p| display(p))
            .collect();
        out.cycle = true;
        out.findings.push(unreadable(
            placed.source_span,
            format!(
                "these stacks nest one another in a cycle: {}; Terragrunt would generate them without end",
                cycle.join(" -> ")
            ),
        ));
        return;
    }
    if ctx.stack.len() > env.max_depth {
        out.findings.push(unreadable(
            placed.source_span,
            format!(
                "more than {} stacks nested one in another, the most tfkms follows (`max_module_depth` in `.tfkms.toml`)",
                env.max_depth
            ),
        ));
        return;
    }
    let Some(loaded) = load(
        env,
        sink,
        base,
        ctx,
        &file.to_string_lossy(),
        placed.source_span,
    ) else {
        return;
    };
    out.stack_sources.insert(placed.source.clone());
    let mut chain = ctx.stack.clone();
    chain.push(loaded.path.clone());
    let nested = Stack {
        dir: placed.generated.clone(),
        loaded,
        copies: ctx.copies.with(placed.generated, placed.source),
        values: placed.values,
        chain,
    };
    expand_stack(env, base, nested, out);
}
