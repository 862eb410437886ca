//! Test support: evaluates expression text in a one-module project, so
//! tests of the evaluator need no scan.

use crate::scope::Budget;
use crate::{Limits, Module, ModuleInstance, Project, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use tfkms_syntax::{FileId, FileKind};

/// Evaluates `expr` in an empty root module whose directory does not exist
/// (file functions find nothing).
pub fn eval(expr: &str) -> Value {
    eval_in(Path::new("/nonexistent/tfkms-testing"), "", expr)
}

/// Evaluates `expr` in a root module at `dir` (also the only scanned root)
/// made of `config` (blocks such as `variable` and `locals`).
pub fn eval_in(dir: &Path, config: &str, expr: &str) -> Value {
    eval_with_limits(dir, config, expr, Limits::default())
}

pub fn eval_with_limits(dir: &Path, config: &str, expr: &str, limits: Limits) -> Value {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let text = format!("{config}\n__tfkms_expr = {expr}\n");
    let body = match tfkms_syntax::parse(FileId(0), FileKind::Config, &text) {
        Ok(b) => b,
        Err(e) => {
            return Value::error(
                format!("the test expression does not parse: {}", e.message),
                Default::default(),
            );
        }
    };
    let Some(attr) = body.attribute("__tfkms_expr").cloned() else {
        return Value::error("the test expression is missing", Default::default());
    };
    let module = Module::new(
        dir.clone(),
        ".".into(),
        vec![(FileId(0), "main.tf".into(), body)],
        vec![],
    );
    let mut modules: HashMap<PathBuf, Module> = HashMap::new();
    modules.insert(dir.clone(), module);
    let project = Project::new(
        modules,
        vec![dir.clone()],
        limits.clone(),
        vec![Arc::from(text)],
    );
    let module = &project.modules[&dir];
    let inst = ModuleInstance::new(
        &project,
        module,
        String::new(),
        HashMap::new(),
        Rc::new(Budget::new(limits)),
        0,
    );
    inst.scope().eval(&attr.expr)
}
