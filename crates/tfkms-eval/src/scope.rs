//! Evaluation scopes: the module instance an expression is evaluated in, plus
//! the names bound around it (`each`, `count`, `for` variables, `dynamic`
//! iterators), and the budget that keeps hostile input bounded.

use crate::value::{Cause, Origin, Shape, Unknown, Value};
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Limits on evaluation. The `max_*` limits hold for one root module tree
/// (a root and all the modules it calls); the `max_scan_*` limits for all
/// the trees of a scan together. Each is a key of `.tfkms.toml`'s
/// `[limits]` table of the same name.
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
    /// Bytes of values built while evaluating one root module tree, counted
    /// as they are built (a copy of a value counts again: values are not
    /// shared in memory). Bounds memory and time together.
    pub max_value_bytes: u64,
    /// Wall-clock budget for evaluating all the root module trees of a scan.
    pub max_scan_time: Duration,
    /// Bytes of values built in the whole scan, as `max_value_bytes`.
    pub max_scan_value_bytes: u64,
    /// Units and stacks the scan's `terragrunt.stack.hcl` files generate,
    /// together: nested stacks multiply them, so a few small files could
    /// otherwise ask for millions.
    pub max_generated_units: usize,
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
            max_value_bytes: 256 * 1024 * 1024,
            max_scan_time: Duration::from_secs(60),
            max_scan_value_bytes: 16 * 1024 * 1024 * 1024,
            // Real stacks generate tens of units, a large live repository
            // hundreds; each costs a few kilobytes to expand and a root
            // tree to evaluate, so 5000 stays within seconds and tens of
            // megabytes.
            max_generated_units: 5000,
        }
    }
}

/// What all the root module trees of a scan share: one deadline and one
/// count of value bytes, so that many roots cannot take many budgets.
#[derive(Debug)]
pub struct ScanBudget {
    deadline: Instant,
    max_value_bytes: u64,
    value_bytes: AtomicU64,
}

impl ScanBudget {
    pub fn new(limits: &Limits) -> ScanBudget {
        ScanBudget {
            deadline: Instant::now() + limits.max_scan_time,
            max_value_bytes: limits.max_scan_value_bytes,
            value_bytes: AtomicU64::new(0),
        }
    }

    fn past_deadline(&self) -> bool {
        Instant::now() > self.deadline
    }

    /// Adds `bytes`; whether the scan is still within its limit.
    fn add_value_bytes(&self, bytes: u64) -> bool {
        let before = self.value_bytes.fetch_add(bytes, Ordering::Relaxed);
        before.saturating_add(bytes) <= self.max_value_bytes
    }
}

/// The evaluation budget of one root module tree, tied to the scan's.
#[derive(Debug)]
pub struct Budget {
    pub limits: Limits,
    steps: Cell<u64>,
    depth: Cell<u32>,
    value_bytes: Cell<u64>,
    /// Bytes counted here but not yet added to the scan's count: the shared
    /// counter is touched once per chunk, not once per value.
    unshared_bytes: Cell<u64>,
    started: Instant,
    scan: Arc<ScanBudget>,
    /// The limit passed, once one is: every evaluation after it stops.
    passed: RefCell<Option<String>>,
    /// The unknown every evaluation returns once a limit is passed, made
    /// where the first one noticed it: one cause, reported once.
    stopped: OnceCell<Unknown>,
}

/// A limit of the [`Budget`] was passed; [`Budget::stopped_value`] is the
/// value to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct Stop;

/// The scan's count is updated in chunks of this many bytes.
const SHARED_CHUNK: u64 = 1 << 20;

impl Budget {
    /// A budget for evaluation outside any scan (tests, tools).
    pub fn new(limits: Limits) -> Budget {
        let scan = Arc::new(ScanBudget::new(&limits));
        Budget::in_scan(limits, scan)
    }

    /// The budget of one root module tree of the scan `scan`.
    pub fn in_scan(limits: Limits, scan: Arc<ScanBudget>) -> Budget {
        Budget {
            limits,
            steps: Cell::new(0),
            depth: Cell::new(0),
            value_bytes: Cell::new(0),
            unshared_bytes: Cell::new(0),
            started: Instant::now(),
            scan,
            passed: RefCell::new(None),
            stopped: OnceCell::new(),
        }
    }

    pub fn is_exhausted(&self) -> bool {
        self.passed.borrow().is_some()
    }

    fn exhaust(&self, what: impl FnOnce() -> String) -> Stop {
        let mut passed = self.passed.borrow_mut();
        if passed.is_none() {
            *passed = Some(what());
        }
        Stop
    }

    fn check_exhausted(&self) -> Result<(), Stop> {
        match self.is_exhausted() {
            true => Err(Stop),
            false => Ok(()),
        }
    }

    /// The unknown standing for the passed limit, seen at `origin`. The first
    /// place to ask is recorded as where evaluation stopped.
    pub fn stopped_value(&self, origin: Origin) -> Value {
        let u = self.stopped.get_or_init(|| {
            let what = self.passed.borrow().clone().unwrap_or_default();
            Unknown::new(
                Cause::Limit {
                    what,
                    at: origin.span,
                },
                Shape::Any,
            )
        });
        Value::unknown_from(u.clone(), origin)
    }

    /// Counts `n` steps.
    pub fn step(&self, n: u64) -> Result<(), Stop> {
        self.check_exhausted()?;
        let s = self.steps.get() + n;
        self.steps.set(s);
        if s > self.limits.max_steps {
            return Err(self.exhaust(|| {
                format!(
                    "evaluating this root module took more than {} steps (`max_steps`)",
                    self.limits.max_steps
                )
            }));
        }
        // The clock is read about once per 1024 steps.
        if s & 0x3ff < n.min(0x400) || n >= 0x400 {
            return self.check_clock();
        }
        Ok(())
    }

    /// Checks both deadlines now; for loops that do much work per step.
    pub fn check_clock(&self) -> Result<(), Stop> {
        self.check_exhausted()?;
        if self.started.elapsed() > self.limits.max_time {
            return Err(self.exhaust(|| {
                format!(
                    "evaluating this root module took longer than {} (`max_time`)",
                    human_duration(self.limits.max_time)
                )
            }));
        }
        if self.scan.past_deadline() {
            return Err(self.exhaust(|| {
                format!(
                    "evaluating the scan's root modules took longer than {} (`max_scan_time`)",
                    human_duration(self.limits.max_scan_time)
                )
            }));
        }
        Ok(())
    }

    /// Counts `bytes` of values about to be built (or copied): called before
    /// allocating, so that a value past the limit is never built.
    pub fn charge_bytes(&self, bytes: u64) -> Result<(), Stop> {
        self.check_exhausted()?;
        let total = self.value_bytes.get().saturating_add(bytes);
        self.value_bytes.set(total);
        if total > self.limits.max_value_bytes {
            return Err(self.exhaust(|| {
                format!(
                    "the values built for this root module passed {} (`max_value_bytes`)",
                    human_bytes(self.limits.max_value_bytes)
                )
            }));
        }
        let unshared = self.unshared_bytes.get().saturating_add(bytes);
        if unshared < SHARED_CHUNK {
            self.unshared_bytes.set(unshared);
            return Ok(());
        }
        self.unshared_bytes.set(0);
        if !self.scan.add_value_bytes(unshared) {
            return Err(self.exhaust(|| {
                format!(
                    "the values built in this scan passed {} (`max_scan_value_bytes`)",
                    human_bytes(self.limits.max_scan_value_bytes)
                )
            }));
        }
        self.check_clock()
    }

    /// Counts a copy of `v` (see [`Budget::charge_bytes`]).
    pub fn charge_copy(&self, v: &Value) -> Result<(), Stop> {
        self.charge_bytes(v.footprint())
    }

    /// The bytes of values counted so far.
    pub fn value_bytes(&self) -> u64 {
        self.value_bytes.get()
    }

    pub fn enter(&self) -> Result<DepthGuard<'_>, String> {
        let d = self.depth.get() + 1;
        if d > self.limits.max_depth {
            return Err(format!(
                "expressions nested too deeply (more than {}, `max_depth`)",
                self.limits.max_depth
            ));
        }
        self.depth.set(d);
        Ok(DepthGuard(self))
    }

    /// The value standing for a limit of one value (its size, its nesting)
    /// reached at `origin`; evaluation goes on elsewhere.
    pub fn limit_value(why: &str, origin: Origin) -> Value {
        Value::unknown(
            Cause::Limit {
                what: why.to_string(),
                at: origin.span,
            },
            Shape::Any,
            origin,
        )
    }
}

/// `5s`, `250ms`.
pub fn human_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// `256 MiB`, `4 KiB`, `100 bytes`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {unit}", n / size);
        }
    }
    format!("{n} bytes")
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
