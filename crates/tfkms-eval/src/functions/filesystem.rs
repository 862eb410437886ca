//! File functions, confined to the scanned roots.
//!
//! Terraform resolves relative paths against its working directory, and
//! `path.module` is the module's directory relative to it. tfkms shows
//! `path.module` relative to its own working directory, so a path is
//! resolved against the directory that `path.module` is relative to, and,
//! for a root module, against the module directory (where Terraform would
//! run) when the first does not exist. Every path is normalized and must lie
//! inside a scanned root before it is touched; its links are then followed
//! one at a time, each checked before its target is touched
//! ([`tfkms_syntax::confine`]). Only regular files are read, up to the size
//! cap.

use super::crypto::{Algo, render};
use super::encoding::base64_encode;
use super::{Call, Res, quote};
use crate::eval::Scope;
use crate::normalize;
use crate::scope::Bindings;
use crate::value::{
    Alternatives, Cause, Elements, Hop, Hops, Kind, Origin, Shape, Text, TextPart, Unknown, Value,
};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tfkms_syntax::FileId;
use tfkms_syntax::Span;
use tfkms_syntax::ast::Block;
use tfkms_syntax::ast::LiteralEncoding;
use tfkms_syntax::confine::{ReadRefusal, Refusal, read_regular};

/// The synthetic file of template text that cannot be located in a source
/// file: spans in it are rewritten to the place of use before the result
/// leaves this module.
const TEMPLATE_FILE: FileId = FileId(u32::MAX);

/// Files and directories `fileset` looks at before giving up.
const MAX_WALK: usize = 100_000;

/// The directory relative paths are resolved against: the one that
/// `path.module` (the module's display directory) is relative to.
fn base_dir(c: &Call) -> PathBuf {
    let m = c.scope.inst.module;
    let disp = Path::new(&m.display_dir);
    if disp.is_absolute() {
        return m.dir.clone();
    }
    let mut base = m.dir.clone();
    for comp in disp.components().rev() {
        match comp {
            Component::CurDir => {}
            Component::Normal(name) if base.file_name() == Some(name) => {
                base.pop();
            }
            _ => {
                return std::env::current_dir()
                    .map(|d| normalize(&d))
                    .unwrap_or(m.dir.clone());
            }
        }
    }
    base
}

/// A path argument resolved, confined to the roots, links followed and
/// checked. A path outside the roots is refused without being touched.
fn resolve(c: &Call, raw: &str) -> Result<PathBuf, Value> {
    if raw.starts_with('~') {
        return Err(c.unsupported(format!("the path {} in the home directory", quote(raw))));
    }
    let p = Path::new(raw);
    let mut candidates: Vec<PathBuf> = if p.is_absolute() {
        vec![normalize(p)]
    } else {
        let mut v = vec![normalize(&base_dir(c).join(p))];
        if c.scope.inst.address.is_empty() {
            let local = normalize(&c.scope.inst.module.dir.join(p));
            if local != v[0] {
                v.push(local);
            }
        }
        v
    };
    let project = c.scope.inst.project;
    // A Terragrunt unit's files sit beside its module's.
    let overlaid: Vec<PathBuf> = candidates
        .iter()
        .filter_map(|p| project.overlaid(p))
        .collect();
    candidates.extend(overlaid);
    let inside: Vec<&PathBuf> = candidates
        .iter()
        .filter(|p| project.inside_roots(p))
        .collect();
    let Some(&first) = inside.first() else {
        return Err(c.fail(format!(
            "{} is outside the scanned directories; tfkms reads files only inside them",
            quote(&candidates[0].to_string_lossy())
        )));
    };
    let path = inside
        .iter()
        .find(|p| p.symlink_metadata().is_ok())
        .copied()
        .unwrap_or(first);
    project.note_read(path);
    match project.roots().resolve(path) {
        Ok(real) => {
            project.note_read(&real);
            Ok(real)
        }
        // Does not exist: the caller reports it as Terraform does.
        Err(Refusal::Missing { .. }) => Ok(path.clone()),
        Err(Refusal::Outside { .. }) => Err(c.fail(format!(
            "{} leads outside the scanned directories (through a symbolic link); tfkms reads files only inside them",
            quote(&path.to_string_lossy())
        ))),
        Err(r) => Err(c.fail(format!("{}: {r}", quote(&path.to_string_lossy())))),
    }
}

fn path_arg(c: &Call, v: &Value) -> Result<PathBuf, Value> {
    let raw = c.str(v, "path")?;
    resolve(c, &raw)
}

fn read(c: &Call, raw: &str, path: &Path) -> Result<Vec<u8>, Value> {
    let cap = c.scope.budget().limits.max_file_bytes;
    match read_regular(path, cap) {
        Ok(bytes) => {
            c.charge(bytes.len() / 64)?;
            Ok(bytes)
        }
        Err(ReadRefusal::NotRegular("a directory")) => {
            Err(c.bad("path", format!("{} is a directory, not a file", quote(raw))))
        }
        Err(ReadRefusal::NotRegular(what)) => Err(c.fail(format!(
            "{} is not a regular file ({what}); tfkms reads only regular files",
            quote(raw)
        ))),
        Err(ReadRefusal::TooLarge { size, cap }) => Err(c.limit(format!(
            "{} is {size} bytes, over the {cap} byte limit for files (`max_file_bytes` in `.tfkms.toml`)",
            quote(raw)
        ))),
        Err(ReadRefusal::Io(_)) if path.symlink_metadata().is_err() => {
            Err(c.bad("path", format!("no file exists at {}", quote(raw))))
        }
        Err(ReadRefusal::Io(why)) => Err(c.fail(format!("failed to read file: {why}"))),
    }
}

/// The text of the file at `path` (resolved from `raw`) and its ID among
/// the scan's sources. Each file is read once per scan; every call is
/// charged as if it read it, so budgets do not depend on which thread read
/// the file first.
fn source_text(c: &Call, raw: &str, path: &Path) -> Result<(FileId, Arc<str>), Value> {
    let project = c.scope.inst.project;
    let text = match project.loaded_text(path) {
        Some(text) => {
            c.charge(text.len() / 64)?;
            text
        }
        None => {
            let bytes = read(c, raw, path)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                c.bad(
                    "path",
                    format!(
                        "contents of {} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead",
                        quote(raw)
                    ),
                )
            })?;
            Arc::from(text)
        }
    };
    Ok((project.register_loaded_file(path, text.clone()), text))
}

pub fn file(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path"])?;
    let raw = c.str(&args[0], "path")?.into_owned();
    let path = resolve(c, &raw)?;
    // The file joins the scan's sources, so a policy read from it points at
    // its exact characters: the text maps to the file byte for byte.
    let (id, text) = source_text(c, &raw, &path)?;
    let span = tfkms_syntax::Span::new(id, 0, text.len());
    let mut v = c.string(text.to_string());
    v.kind = Kind::String(Text::known(
        text.to_string(),
        Origin::literal(span, tfkms_syntax::ast::LiteralEncoding::Raw),
    ));
    Ok(v)
}

pub fn filebase64(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path"])?;
    let raw = c.str(&args[0], "path")?.into_owned();
    let path = resolve(c, &raw)?;
    Ok(c.string(base64_encode(&read(c, &raw, &path)?)))
}

pub fn filehash(c: &Call, args: Vec<Value>, algo: Algo, base64: bool) -> Res {
    c.arity(&args, &["path"])?;
    let raw = c.str(&args[0], "path")?.into_owned();
    let path = resolve(c, &raw)?;
    Ok(c.string(render(algo, &read(c, &raw, &path)?, base64)))
}

pub fn fileexists(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path"])?;
    let raw = c.str(&args[0], "path")?.into_owned();
    let path = path_arg(c, &args[0])?;
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => Ok(c.bool(true)),
        Ok(_) => Err(c.fail(format!("{} is not a regular file", quote(&raw)))),
        Err(_) => Ok(c.bool(false)),
    }
}

/// `fileset(path, pattern)`: the regular files under `path` matching the
/// glob, relative to `path` with `/` separators.
pub fn fileset(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path", "pattern"])?;
    let raw = c.str(&args[0], "path")?.into_owned();
    let pattern = c.str(&args[1], "pattern")?.into_owned();
    let dir = resolve(c, &raw)?;
    let glob = globset::GlobBuilder::new(&clean(&pattern))
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| c.fail(format!("failed to glob pattern ({pattern}): {e}")))?
        .compile_matcher();
    let roots = c.scope.inst.project.roots();
    let mut out = Vec::new();
    let mut seen = 0usize;
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .max_depth(64)
    {
        seen += 1;
        if seen > MAX_WALK {
            return Err(c.limit(format!("fileset() over {MAX_WALK} files")));
        }
        c.charge(1)?;
        let Ok(entry) = entry else { continue };
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|p| p.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel.is_empty() || !glob.is_match(&rel) {
            continue;
        }
        // A symlink counts as the file it names, when that stays inside.
        let is_file = if entry.path_is_symlink() {
            match roots.resolve(entry.path()) {
                Ok(real) => real.is_file(),
                Err(_) => false,
            }
        } else {
            entry.file_type().is_file()
        };
        if is_file {
            out.push(c.string(rel));
        }
    }
    Ok(Value::set(out, c.origin.clone()))
}

/// Go's `filepath.Clean` on a slash-separated path.
pub fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

pub fn basename(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path"])?;
    let p = c.str(&args[0], "path")?;
    if p.is_empty() {
        return Ok(c.string("."));
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(c.string("/"));
    }
    Ok(c.string(trimmed.rsplit('/').next().unwrap_or(trimmed)))
}

pub fn dirname(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path"])?;
    let p = c.str(&args[0], "path")?;
    let dir = match p.rfind('/') {
        Some(i) => &p[..=i],
        None => "",
    };
    Ok(c.string(clean(dir)))
}

pub fn abspath(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path"])?;
    let p = c.str(&args[0], "path")?;
    let abs = if Path::new(p.as_ref()).is_absolute() {
        PathBuf::from(p.as_ref())
    } else {
        base_dir(c).join(p.as_ref())
    };
    Ok(c.string(clean(&abs.to_string_lossy().replace('\\', "/"))))
}

pub fn pathexpand(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path"])?;
    let p = c.str(&args[0], "path")?;
    if p.starts_with('~') {
        return Ok(c.unsupported("the home directory in pathexpand()".into()));
    }
    Ok(c.string(p))
}

/// `templatefile(path, vars)`: the file rendered as a template with only
/// `vars` in scope. The template is the user's own source: it joins the
/// scan's files, so what comes from its text points at its characters.
pub fn templatefile(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["path", "vars"])?;
    let raw = c.str(&args[0], "path")?.into_owned();
    let path = resolve(c, &raw)?;
    let vars = template_vars(c, &args[1])?;
    let (file, text) = source_text(c, &raw, &path)?;
    let at = Located {
        file,
        offsets: (0..=text.len() as u32).collect(),
        // A template file's literals decode only `$${` and `%%{`, as a
        // heredoc's do.
        encoding: LiteralEncoding::Heredoc {
            indent: 0,
            starts_line: true,
        },
    };
    render_template(c.scope, &c.origin, &text, Some(at), vars)
        .map_err(|why| c.fail(format!("failed to parse template {}: {why}", quote(&raw))))
}

/// `templatestring(template, vars)`: a string (Terraform insists on a
/// reference to one) rendered as `templatefile` renders a file.
pub fn templatestring(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["template", "vars"])?;
    let vars = template_vars(c, &args[1])?;
    let text = c.str(&args[0], "template")?.into_owned();
    let at = locate(c.scope, &args[0]);
    render_template(c.scope, &c.origin, &text, at, vars)
        .map_err(|why| c.fail(format!("failed to parse the template: {why}")))
}

fn template_vars(c: &Call, v: &Value) -> Result<BTreeMap<String, Value>, Value> {
    let vars = match &v.kind {
        Kind::Map(m) => m.clone(),
        Kind::Unknown(u) => return Err(c.unknown_from(u)),
        Kind::Null => Default::default(),
        _ => return Err(c.bad("vars", "a map or object is required")),
    };
    for k in vars.keys() {
        if !is_identifier(k) {
            return Err(c.bad(
                "vars",
                format!(
                    "invalid template variable name {}: must start with a letter, followed by zero or more letters, digits, and underscores",
                    quote(k)
                ),
            ));
        }
    }
    Ok(vars)
}

/// Where the characters of template text are in a scanned or loaded file:
/// the file offset of each byte of the text (plus one past the end), and
/// the encoding that maps a literal's decoded text back to them.
pub(crate) struct Located {
    file: FileId,
    offsets: Vec<u32>,
    encoding: LiteralEncoding,
}

/// Where a template given as a string value came from, when every
/// character maps back exactly: one known literal (a heredoc, a quoted
/// string, `file()` contents). Text built from several pieces, or holding
/// template escapes that its own encoding would read again, is located at
/// the place of use instead.
pub(crate) fn locate(scope: &Scope, v: &Value) -> Option<Located> {
    let Kind::String(t) = &v.kind else {
        return None;
    };
    let [TextPart::Known { text, origin }] = t.parts.as_slice() else {
        return None;
    };
    let (span, outer) = (origin.span?, origin.encoding?);
    let encoding = match outer {
        LiteralEncoding::Raw => LiteralEncoding::Heredoc {
            indent: 0,
            starts_line: true,
        },
        _ if text.contains("$${") || text.contains("%%{") => return None,
        // A literal inside the heredoc starts after any margin already
        // stripped from its line.
        LiteralEncoding::Heredoc { indent, .. } => LiteralEncoding::Heredoc {
            indent,
            starts_line: false,
        },
        other => other,
    };
    let file_text = scope.inst.project.file_text(span.file)?;
    let lit = tfkms_syntax::ast::Literal {
        text: text.clone(),
        span,
        encoding: outer,
    };
    let map = lit.offset_map(&file_text);
    // Where a heredoc line starts, the decoded offset maps to the start of
    // the stripped margin; a literal starting there starts after it.
    let margin = |d: usize, at: usize| match outer {
        LiteralEncoding::Heredoc {
            indent,
            starts_line,
        } if (d == 0 && starts_line) || (d > 0 && text.as_bytes()[d - 1] == b'\n') => {
            file_text.get(at..).map_or(0, |rest| {
                tfkms_syntax::ast::heredoc_margin_len(rest, indent)
            })
        }
        _ => 0,
    };
    let offsets = (0..=text.len())
        .map(|d| {
            let at = map.source_offset(d);
            (at + margin(d, at)) as u32
        })
        .collect();
    Some(Located {
        file: span.file,
        offsets,
        encoding,
    })
}

/// Parses and evaluates template text with only `vars` in scope; `Err` is
/// why the text is not a template. Located text keeps its own spans; other
/// text is parsed under a synthetic file whose spans then move to `call`.
pub(crate) fn render_template(
    scope: &Scope,
    call: &Origin,
    text: &str,
    at: Option<Located>,
    vars: BTreeMap<String, Value>,
) -> Result<Value, String> {
    let at = at.unwrap_or_else(|| Located {
        file: TEMPLATE_FILE,
        offsets: (0..=text.len() as u32).collect(),
        encoding: LiteralEncoding::Heredoc {
            indent: 0,
            starts_line: true,
        },
    });
    let expr = tfkms_syntax::parse_template_text(at.file, text, &at.offsets, at.encoding)
        .map_err(|e| e.message)?;
    let mut bindings = Bindings::default();
    for (k, v) in vars {
        bindings = bindings.with(&k, v);
    }
    let mut v = Scope::new(scope.inst, bindings).eval(&expr);
    reorigin(&mut v, call);
    if let Kind::String(t) = &mut v.kind {
        t.encoded = None;
    }
    Ok(v)
}

/// `data "template_file"` (hashicorp/template): `rendered` is `template`
/// rendered with `vars`, a map of strings, at plan time. Inputs not known
/// leave it unknown for their own cause.
pub fn template_file_rendered(scope: &Scope, block: &Block, address: &str, span: Span) -> Value {
    let origin = Origin::at(span);
    let fail = |why: String| Value::error(format!("`{address}`: {why}"), origin.clone());
    if block.body.attribute("filename").is_some() {
        return Value::unknown(
            Cause::Unsupported {
                what: format!(
                    "the `filename` argument of `{address}` (removed in hashicorp/template 2.0)"
                ),
            },
            Shape::Any,
            origin,
        );
    }
    let Some(template) = block
        .body
        .attribute("template")
        .map(|a| scope.eval(&a.expr))
    else {
        return fail("the `template` argument is required".into());
    };
    let vars = match block.body.attribute("vars").map(|a| scope.eval(&a.expr)) {
        None => BTreeMap::new(),
        Some(v) => match string_vars(v) {
            Ok(vars) => vars,
            Err(Ok(unknown)) => return Value::unknown_from(unknown, origin),
            Err(Err(why)) => return fail(why),
        },
    };
    if let Some(u) = template.first_unknown() {
        return Value::unknown_from(u.clone(), origin);
    }
    let text = match template.as_known_str() {
        Some(s) => s.into_owned(),
        None => {
            return fail(format!(
                "`template` must be a string, not a {}",
                template.type_name()
            ));
        }
    };
    let at = locate(scope, &template);
    render_template(scope, &origin, &text, at, vars)
        .unwrap_or_else(|why| fail(format!("failed to parse the template: {why}")))
}

/// `vars` converted to `map(string)` as the provider's schema converts it:
/// `Err(Ok(_))` when it is not known, `Err(Err(_))` when it cannot convert.
fn string_vars(v: Value) -> Result<BTreeMap<String, Value>, Result<Unknown, String>> {
    let map = match v.kind {
        Kind::Map(m) => m,
        Kind::Null => return Ok(BTreeMap::new()),
        Kind::Unknown(u) => return Err(Ok(u)),
        _ => {
            return Err(Err(format!(
                "`vars` must be a map of strings, not a {}",
                v.type_name()
            )));
        }
    };
    let mut out = BTreeMap::new();
    for (k, e) in map {
        let e = match e.kind {
            Kind::String(_) | Kind::Unknown(_) | Kind::Number(_) | Kind::Bool(_) => {
                super::stringify(e)
            }
            _ => {
                return Err(Err(format!(
                    "`vars` must be a map of strings, but `{k}` is a {}",
                    e.type_name()
                )));
            }
        };
        out.insert(k, e);
    }
    Ok(out)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(ch) if ch.is_alphabetic() || ch == '_')
        && chars.all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-')
}

/// Moves every span that points into the synthetic template file to the
/// call; spans of values passed in through `vars` stay where they are.
fn reorigin(v: &mut Value, call: &Origin) {
    fix_origin(&mut v.origin, call);
    match &mut v.kind {
        Kind::String(t) => fix_text(t, call),
        Kind::List(items) | Kind::Set(items) => items.iter_mut().for_each(|e| reorigin(e, call)),
        Kind::Map(m) => m.values_mut().for_each(|e| reorigin(e, call)),
        Kind::Unknown(u) => fix_unknown(u, call),
        _ => {}
    }
}

fn fix_text(t: &mut Text, call: &Origin) {
    for p in &mut t.parts {
        match p {
            TextPart::Known { origin, .. } => fix_origin(origin, call),
            TextPart::Unknown(u) => fix_unknown(u, call),
        }
    }
}

/// What an unknown knows of its content (a directive's branches, a list's
/// elements) was made from the template too.
fn fix_unknown(u: &mut Unknown, call: &Origin) {
    match &u.shape {
        Shape::OneOf(alternatives) => {
            let mut fixed = (*alternatives.0).clone();
            fixed.iter_mut().for_each(|a| fix_text(&mut a.text, call));
            u.shape = Shape::OneOf(Alternatives(Arc::new(fixed)));
        }
        Shape::ListWith(elements) => {
            let mut fixed = (*elements.0).clone();
            fixed.iter_mut().for_each(|e| reorigin(e, call));
            u.shape = Shape::ListWith(Elements(Arc::new(fixed)));
        }
        _ => {}
    }
}

fn fix_origin(o: &mut Origin, call: &Origin) {
    if o.span.is_some_and(|s| s.file == TEMPLATE_FILE) {
        o.span = call.span;
        o.encoding = None;
    }
    let hops = o.hops.to_vec();
    if hops.iter().any(|h| h.span.file == TEMPLATE_FILE) {
        let mut fixed = Hops::default();
        for h in hops {
            let span = if h.span.file == TEMPLATE_FILE {
                call.span.unwrap_or(h.span)
            } else {
                h.span
            };
            fixed = fixed.push(Hop { span, ..h });
        }
        o.hops = fixed;
    }
}
