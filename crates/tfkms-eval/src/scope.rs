//! Evaluation scopes: the module instance an expression is evaluated in, plus
//! the names bound around it (`each`, `count`, `for` variables, `dynamic`
//! iterators), and the budget that keeps hostile input bounded.

use crate::value::{Cause, Origin, Shape, Value};
use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Limits on evaluation, shared by a root module and all its children.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Evaluation steps (expression nodes, function calls, collection
    /// elements produced) before evaluation stops with an unknown.
    pub max_steps: u64,
    /// Wall-clock budget for one root module tree.
    pub max_time: Duration,
    /// Nesting of evaluation (expressions within references within calls).
    pub max_depth: u32,
    /// Elements in one collection, bytes in one string.
    pub max_collection: usize,
    pub max_string: usize,
    /// Nesting of module calls.
    pub max_module_depth: u32,
    /// The largest file read: configuration, variables, `file()` and
    /// `templatefile()`, the module manifest, `.tfkms.toml`.
    pub max_file_bytes: u64,
    /// Commas and line breaks in one file before it is refused unparsed
    /// ([`tfkms_syntax::MAX_FILE_ELEMENTS`]).
    pub max_file_elements: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_steps: 20_000_000,
            max_time: Duration::from_secs(5),
            max_depth: 400,
            max_collection: 1_000_000,
            // Far above any real policy or template (AWS caps policies at 10 KB);
            // bounds what hostile templates can build.
            max_string: 4 * 1024 * 1024,
            max_module_depth: 32,
            max_file_bytes: tfkms_syntax::MAX_FILE_BYTES,
            max_file_elements: tfkms_syntax::MAX_FILE_ELEMENTS,
        }
    }
}

#[derive(Debug)]
pub struct Budget {
    pub limits: Limits,
    steps: Cell<u64>,
    depth: Cell<u32>,
    started: Instant,
    exhausted: Cell<Option<&'static str>>,
}

impl Budget {
    pub fn new(limits: Limits) -> Budget {
        Budget {
            limits,
            steps: Cell::new(0),
            depth: Cell::new(0),
            started: Instant::now(),
            exhausted: Cell::new(None),
        }
    }

    /// Counts `n` steps; returns the reason when a limit is passed.
    pub fn step(&self, n: u64) -> Result<(), &'static str> {
        if let Some(why) = self.exhausted.get() {
            return Err(why);
        }
        let s = self.steps.get() + n;
        self.steps.set(s);
        if s > self.limits.max_steps {
            self.exhausted.set(Some("too many evaluation steps"));
        } else if (s & 0x3ff < n.min(0x400) || n >= 0x400)
            && self.started.elapsed() > self.limits.max_time
        {
            self.exhausted.set(Some("evaluation time limit"));
        }
        match self.exhausted.get() {
            Some(why) => Err(why),
            None => Ok(()),
        }
    }

    pub fn enter(&self) -> Result<DepthGuard<'_>, &'static str> {
        let d = self.depth.get() + 1;
        if d > self.limits.max_depth {
            return Err("expressions nested too deeply");
        }
        self.depth.set(d);
        Ok(DepthGuard(self))
    }

    pub fn limit_value(why: &str, origin: Origin) -> Value {
        Value::unknown(
            Cause::Limit {
                what: why.to_string(),
            },
            Shape::Any,
            origin,
        )
    }
}

pub struct DepthGuard<'a>(&'a Budget);

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.0.depth.set(self.0.depth.get() - 1);
    }
}

/// Names bound by enclosing constructs, innermost first; O(1) to extend.
#[derive(Clone, Debug, Default)]
pub struct Bindings(Option<Rc<BindingNode>>);

#[derive(Debug)]
struct BindingNode {
    name: Rc<str>,
    value: Value,
    outer: Bindings,
}

impl Bindings {
    pub fn with(&self, name: &str, value: Value) -> Bindings {
        Bindings(Some(Rc::new(BindingNode {
            name: name.into(),
            value,
            outer: self.clone(),
        })))
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        let mut cur = &self.0;
        while let Some(n) = cur {
            if &*n.name == name {
                return Some(&n.value);
            }
            cur = &n.outer.0;
        }
        None
    }
}
