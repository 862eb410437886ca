//! Module instances: a module evaluated with its inputs, lazily. Locals,
//! variables, module calls and data sources are evaluated on first use and
//! remembered; a reference cycle becomes an unknown naming the cycle.

use crate::eval::Scope;
use crate::module::{Mode, Module};
use crate::scope::{Bindings, Budget};
use crate::value::{Cause, Hop, Kind, Origin, Shape, Value};
use crate::{FastMap, Project, types};
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;
use tfkms_syntax::Span;
use tfkms_syntax::ast::{Attribute, Block};

/// The key of one instance of a block with `count` or `for_each`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InstanceKey {
    Index(i64),
    Key(String),
}

impl fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstanceKey::Index(i) => write!(f, "[{i}]"),
            InstanceKey::Key(k) => write!(f, "[{k:?}]"),
        }
    }
}

/// How a block with `count`/`for_each` expands.
#[derive(Clone)]
pub enum Expansion {
    /// No meta-argument: one instance.
    Single,
    /// The instances, each with the bindings (`count.index`, `each.*`) to
    /// evaluate its body with.
    Instances(Vec<(InstanceKey, Bindings)>),
    /// The meta-argument's value is unknown: how many instances exist, and
    /// their keys, cannot be known. The value says why.
    Unknown(Value),
}

enum Slot {
    InProgress,
    Done(Value),
}

pub struct ModuleInstance<'p> {
    pub project: &'p Project,
    pub module: &'p Module,
    /// `""` for a root module, else `module.a` / `module.a["k"].module.b`.
    pub address: String,
    /// Values given for variables: by the caller's arguments, or tfvars and
    /// `--var` for a root. Already carry their provenance hops.
    inputs: HashMap<String, Value>,
    pub budget: Rc<Budget>,
    pub module_depth: u32,
    /// The root module of this instance's tree (itself for a root): where
    /// `path.root` points and where `.terraform/modules` is looked up.
    pub root: &'p Module,
    vars: RefCell<FastMap<String, Value>>,
    locals: RefCell<FastMap<String, Slot>>,
    /// Stack of locals being evaluated, for naming a cycle.
    local_stack: RefCell<Vec<String>>,
    children: RefCell<FastMap<String, Rc<ChildCall<'p>>>>,
    data_cache: RefCell<FastMap<String, Slot>>,
    /// What a [`crate::Host`] derived from this instance's blocks, by key:
    /// lets the host build a thing once although it is both referenced (as
    /// an attribute, possibly many times) and checked on its own. `None`
    /// while being built.
    host_memo: RefCell<FastMap<String, Option<Rc<dyn Any>>>>,
    /// Each block's expansion, by the block's address in memory: a block
    /// referenced by index many times is expanded, and its instances
    /// charged to the budget, once.
    expansions: RefCell<FastMap<*const Block, Expansion>>,
}

/// A module call, expanded: one instance per `count`/`for_each` key.
pub enum ChildCall<'p> {
    Single(Rc<ModuleInstance<'p>>),
    Instances(Vec<(InstanceKey, Rc<ModuleInstance<'p>>)>),
    Unresolved(Value),
}

impl<'p> ModuleInstance<'p> {
    pub fn new(
        project: &'p Project,
        module: &'p Module,
        address: String,
        inputs: HashMap<String, Value>,
        budget: Rc<Budget>,
        module_depth: u32,
    ) -> ModuleInstance<'p> {
        ModuleInstance {
            project,
            module,
            address,
            inputs,
            budget,
            module_depth,
            root: module,
            vars: RefCell::default(),
            locals: RefCell::default(),
            local_stack: RefCell::default(),
            children: RefCell::default(),
            data_cache: RefCell::default(),
            host_memo: RefCell::default(),
            expansions: RefCell::default(),
        }
    }

    /// The dotted key Terraform records a module call under in
    /// `.terraform/modules/modules.json`: `a.b` for `module.a["k"].module.b`.
    pub fn module_key(&self, call: &str) -> String {
        let mut parts: Vec<&str> = self
            .address
            .split("module.")
            .map(|seg| seg.trim_end_matches('.'))
            .filter(|seg| !seg.is_empty())
            .map(|seg| seg.split('[').next().unwrap_or(seg))
            .collect();
        parts.push(call);
        parts.join(".")
    }

    pub fn scope(&self) -> Scope<'_, 'p> {
        Scope::new(self, Bindings::default())
    }

    /// The address of an object in this instance: `module.a.data.x.y`.
    pub fn qualify(&self, local_address: &str) -> String {
        if self.address.is_empty() {
            local_address.to_string()
        } else {
            format!("{}.{}", self.address, local_address)
        }
    }

    pub fn inputs(&self) -> &HashMap<String, Value> {
        &self.inputs
    }

    /// `var.NAME`, with the hop from its declaration or input.
    pub fn variable(&self, name: &str, origin: &Origin) -> Value {
        self.variable_at(name, &[], origin).0
    }

    /// `var.NAME` followed by the attribute names of `path`: the part of
    /// the value reached by following them while they name attributes of
    /// objects, and how many were followed. Only that part is copied, so
    /// `var.config.key_arn` costs what the key ARN does, not what the whole
    /// `var.config` does, at every reference.
    pub fn variable_at(&self, name: &str, path: &[&str], origin: &Origin) -> (Value, usize) {
        if let Some(v) = self.vars.borrow().get(name) {
            return self.copy_at(v, path, origin);
        }
        let v = self.compute_variable(name, origin);
        let kept = self.copy(&v, origin);
        self.vars.borrow_mut().insert(name.to_string(), kept);
        descend_owned(v, path)
    }

    /// A copy of a remembered value, counted by the budget: values are not
    /// shared in memory, so each copy costs what the value does.
    fn copy(&self, v: &Value, origin: &Origin) -> Value {
        match self.budget.charge_copy(v) {
            Ok(()) => v.clone(),
            Err(_) => self.budget.stopped_value(origin.clone()),
        }
    }

    /// A copy of the part of a remembered value `path` leads to (see
    /// [`ModuleInstance::variable_at`]), and how many names it followed.
    fn copy_at(&self, v: &Value, path: &[&str], origin: &Origin) -> (Value, usize) {
        let (part, followed) = descend(v, path.iter().copied());
        (self.copy(part, origin), followed)
    }

    fn compute_variable(&self, name: &str, origin: &Origin) -> Value {
        let Some(decl) = self.module.variables.get(name) else {
            return Value::unknown(
                Cause::UndeclaredVariable {
                    name: name.to_string(),
                },
                Shape::Any,
                origin.clone(),
            );
        };
        let scope = self.scope();
        let nullable = decl
            .body
            .attribute("nullable")
            .and_then(|a| scope.eval(&a.expr).as_bool())
            .unwrap_or(true);
        let ty = decl
            .body
            .attribute("type")
            .map(|a| types::TypeExpr::parse(&a.expr));
        let given = self.inputs.get(name).filter(|v| nullable || !v.is_null());
        let value = match given {
            Some(v) => v.clone(),
            None => match decl.body.attribute("default") {
                Some(d) => {
                    let v = scope.eval(&d.expr);
                    v.via(Hop {
                        span: d.span,
                        label: format!("default of `var.{name}`"),
                    })
                }
                None => {
                    return Value::unknown(
                        Cause::MissingVariable {
                            name: name.to_string(),
                            declared: Some(decl.head_span()),
                        },
                        Shape::Any,
                        origin.clone(),
                    );
                }
            },
        };
        match ty {
            Some(t) => t.convert(value, &scope),
            None => value,
        }
    }

    /// `local.NAME`.
    pub fn local(&self, name: &str, origin: &Origin) -> Value {
        self.local_at(name, &[], origin).0
    }

    /// `local.NAME` followed by the attribute names of `path`, as
    /// [`ModuleInstance::variable_at`] does for variables.
    pub fn local_at(&self, name: &str, path: &[&str], origin: &Origin) -> (Value, usize) {
        match self.locals.borrow().get(name) {
            Some(Slot::Done(v)) => return self.copy_at(v, path, origin),
            Some(Slot::InProgress) => {
                let stack = self.local_stack.borrow();
                let start = stack.iter().position(|n| n == name).unwrap_or(0);
                let mut cycle: Vec<String> = stack[start..]
                    .iter()
                    .map(|n| format!("local.{n}"))
                    .collect();
                cycle.push(format!("local.{name}"));
                let cycle = Value::error(
                    format!(
                        "local values refer to each other in a cycle: {}",
                        cycle.join(" -> ")
                    ),
                    origin.clone(),
                );
                return (cycle, 0);
            }
            None => {}
        }
        let Some(attr) = self.module.locals.get(name) else {
            let undeclared = Value::error(
                format!("local value `local.{name}` is not declared in this module"),
                origin.clone(),
            );
            return (undeclared, 0);
        };
        self.locals
            .borrow_mut()
            .insert(name.to_string(), Slot::InProgress);
        self.local_stack.borrow_mut().push(name.to_string());
        let v = self.scope().eval(&attr.expr);
        self.local_stack.borrow_mut().pop();
        let kept = self.copy(&v, origin);
        self.locals
            .borrow_mut()
            .insert(name.to_string(), Slot::Done(kept));
        descend_owned(v, path)
    }

    /// Evaluates a data source or resource attribute through the project's
    /// host, once per address; a document that sources itself is a cycle.
    pub fn cached_object(
        &self,
        key: String,
        origin: &Origin,
        compute: impl FnOnce() -> Value,
    ) -> Value {
        match self.data_cache.borrow().get(&key) {
            Some(Slot::Done(v)) => return self.copy(v, origin),
            Some(Slot::InProgress) => {
                return Value::error(format!("`{key}` depends on itself"), origin.clone());
            }
            None => {}
        }
        self.data_cache
            .borrow_mut()
            .insert(key.clone(), Slot::InProgress);
        let v = compute();
        let kept = self.copy(&v, origin);
        self.data_cache.borrow_mut().insert(key, Slot::Done(kept));
        v
    }

    /// `build()`, remembered under `key` for the life of this instance.
    /// While `key` is being built (a thing that refers to itself), builds
    /// again without remembering: the evaluator's own cycle detection ends
    /// that recursion.
    pub fn host_memo<T: Any>(&self, key: &str, build: impl FnOnce() -> T) -> Rc<T> {
        if let Some(Some(done)) = self.host_memo.borrow().get(key)
            && let Ok(t) = done.clone().downcast::<T>()
        {
            return t;
        }
        let building = self.host_memo.borrow().contains_key(key);
        if building {
            return Rc::new(build());
        }
        self.host_memo.borrow_mut().insert(key.to_string(), None);
        let t = Rc::new(build());
        self.host_memo
            .borrow_mut()
            .insert(key.to_string(), Some(t.clone() as Rc<dyn Any>));
        t
    }

    /// Forgets what [`ModuleInstance::host_memo`] remembered under `key`,
    /// so the last holder of it can move it out rather than copy it. A
    /// later use builds it again.
    pub fn forget_host_memo(&self, key: &str) {
        let mut memo = self.host_memo.borrow_mut();
        if matches!(memo.get(key), Some(Some(_))) {
            memo.remove(key);
        }
    }

    /// The expansion of a block's `count` or `for_each`, evaluated in
    /// `scope`, which is this instance's own scope at every caller: the
    /// result is kept, so a later call reuses it.
    pub fn expand(&self, scope: &Scope<'_, 'p>, block: &Block) -> Expansion {
        let id = block as *const Block;
        if let Some(known) = self.expansions.borrow().get(&id) {
            return known.clone();
        }
        let expansion = self.expand_uncached(scope, block);
        self.expansions.borrow_mut().insert(id, expansion.clone());
        expansion
    }

    fn expand_uncached(&self, scope: &Scope<'_, 'p>, block: &Block) -> Expansion {
        if let Some(enabled) = lifecycle_enabled(block) {
            return self.expand_enabled(scope, block, enabled);
        }
        if let Some(count) = block.body.attribute("count") {
            let v = scope.eval(&count.expr);
            // Terraform converts a numeric string to the number.
            let n = match &v.kind {
                Kind::Unknown(_) => return Expansion::Unknown(v),
                Kind::Number(n) => n.as_i64(),
                Kind::String(_) => v.as_known_str().and_then(|s| s.parse::<i64>().ok()),
                _ => None,
            };
            return match n {
                Some(n) if n >= 0 && (n as usize) <= self.budget.limits.max_collection => {
                    if self.charge_instances(n as u64, 0).is_err() {
                        return Expansion::Unknown(
                            self.budget.stopped_value(Origin::at(count.expr.span)),
                        );
                    }
                    Expansion::Instances(
                        (0..n)
                            .map(|i| {
                                let origin = Origin::at(count.span);
                                let mut m = std::collections::BTreeMap::new();
                                m.insert(
                                    "index".to_string(),
                                    Value::number(crate::Number::from_i64(i), origin.clone()),
                                );
                                let bindings = scope.bindings.with("count", Value::map(m, origin));
                                (InstanceKey::Index(i), bindings)
                            })
                            .collect(),
                    )
                }
                _ if v.first_unknown().is_some() => Expansion::Unknown(v),
                _ => Expansion::Unknown(Value::error(
                    format!("`count` must be a non-negative whole number, got {v}"),
                    Origin::at(count.expr.span),
                )),
            };
        }
        if let Some(fe) = block.body.attribute("for_each") {
            let v = scope.eval(&fe.expr);
            let hop = Hop {
                span: fe.span,
                label: "`for_each` of this block".into(),
            };
            let each = |key: &str, value: Value| {
                let mut m = std::collections::BTreeMap::new();
                m.insert("key".to_string(), Value::string(key, value.origin.clone()));
                m.insert("value".to_string(), value.via(hop.clone()));
                scope
                    .bindings
                    .with("each", Value::map(m, Origin::at(fe.span)))
            };
            let instances = match &v.kind {
                Kind::Map(m) => m.len(),
                Kind::Set(items) => items.len(),
                _ => 0,
            };
            // Each instance holds a copy of its element.
            if self
                .charge_instances(instances as u64, v.footprint())
                .is_err()
            {
                return Expansion::Unknown(self.budget.stopped_value(Origin::at(fe.expr.span)));
            }
            return match &v.kind {
                Kind::Map(m) => Expansion::Instances(
                    m.iter()
                        .map(|(k, val)| (InstanceKey::Key(k.clone()), each(k, val.clone())))
                        .collect(),
                ),
                Kind::Set(items) => {
                    let mut out = Vec::new();
                    for item in items {
                        match item.as_known_str() {
                            Some(s) => {
                                out.push((InstanceKey::Key(s.to_string()), each(&s, item.clone())))
                            }
                            None => return Expansion::Unknown(item.clone()),
                        }
                    }
                    Expansion::Instances(out)
                }
                Kind::Unknown(_) => Expansion::Unknown(v),
                Kind::Null => Expansion::Unknown(Value::error(
                    "`for_each` must not be null",
                    Origin::at(fe.expr.span),
                )),
                _ => Expansion::Unknown(Value::error(
                    format!(
                        "`for_each` must be a map or a set of strings, got a {}; convert a list with toset()",
                        v.type_name()
                    ),
                    Origin::at(fe.expr.span),
                )),
            };
        }
        Expansion::Single
    }

    /// OpenTofu's `lifecycle { enabled = ... }`: one instance when true,
    /// none when false (the object is then null), and unknown when the value
    /// is, so nothing is reported about an object that may not exist.
    fn expand_enabled(
        &self,
        scope: &Scope<'_, 'p>,
        block: &Block,
        enabled: &Attribute,
    ) -> Expansion {
        if block.body.attribute("count").is_some() || block.body.attribute("for_each").is_some() {
            return Expansion::Unknown(Value::error(
                "`enabled` cannot be used with `count` or `for_each`; keep one of them",
                Origin::at(enabled.span),
            ));
        }
        let v = scope.eval(&enabled.expr);
        match &v.kind {
            Kind::Bool(true) => Expansion::Single,
            Kind::Bool(false) => Expansion::Instances(Vec::new()),
            Kind::Unknown(_) => Expansion::Unknown(v),
            _ => Expansion::Unknown(Value::error(
                format!("`enabled` must be true or false, got {v}"),
                Origin::at(enabled.expr.span),
            )),
        }
    }

    /// Counts `n` instances of a block, with `elements` bytes of values
    /// copied into them, before they are made.
    fn charge_instances(&self, n: u64, elements: u64) -> Result<(), crate::scope::Stop> {
        // The `count`/`each` object, its binding, the instance key.
        let per_instance = 4 * std::mem::size_of::<Value>() as u64 + 128;
        self.budget
            .charge_bytes(n.saturating_mul(per_instance).saturating_add(elements))
    }

    /// The instances of the module call `name`, created on first use with
    /// their arguments evaluated here.
    pub fn child(&self, name: &str) -> Option<Rc<ChildCall<'p>>> {
        if let Some(c) = self.children.borrow().get(name) {
            return Some(c.clone());
        }
        let block = self.module.module_calls.get(name)?;
        let call = Rc::new(self.instantiate(name, block));
        self.children
            .borrow_mut()
            .insert(name.to_string(), call.clone());
        Some(call)
    }

    /// All module calls of this instance, expanded, in name order.
    pub fn children(&self) -> Vec<(String, Rc<ChildCall<'p>>)> {
        self.module
            .module_calls
            .keys()
            .filter_map(|n| self.child(n).map(|c| (n.clone(), c)))
            .collect()
    }

    fn instantiate(&self, name: &str, block: &Block) -> ChildCall<'p> {
        let scope = self.scope();
        let origin = Origin::at(block.head_span());
        if self.module_depth >= self.budget.limits.max_module_depth {
            return ChildCall::Unresolved(Value::unknown(
                Cause::Limit {
                    what: format!(
                        "module calls nested deeper than {} (`max_module_depth`)",
                        self.budget.limits.max_module_depth
                    ),
                    at: Some(block.head_span()),
                },
                Shape::Any,
                origin,
            ));
        }
        let module = match self
            .project
            .resolve_module_source(self, name, block, &scope)
        {
            Ok(m) => m,
            Err(why) => {
                return ChildCall::Unresolved(Value::unknown(
                    Cause::ModuleOutput {
                        address: self.qualify(&format!("module.{name}")),
                        why,
                    },
                    Shape::Any,
                    origin,
                ));
            }
        };
        let make = |key: Option<&InstanceKey>, bindings: Bindings| {
            let scope = Scope::new(self, bindings);
            let mut inputs = HashMap::new();
            for attr in &block.body.attributes {
                if matches!(
                    attr.name.as_str(),
                    "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                ) {
                    continue;
                }
                let v = scope.eval(&attr.expr).via(Hop {
                    span: attr.span,
                    label: ["argument `", &attr.name, "` of module \"", name, "\""].concat(),
                });
                inputs.insert(attr.name.clone(), v);
            }
            let address = self.qualify(&match key {
                Some(k) => format!("module.{name}{k}"),
                None => format!("module.{name}"),
            });
            if self
                .budget
                .charge_bytes(std::mem::size_of::<ModuleInstance>() as u64 + 512)
                .is_err()
            {
                return None;
            }
            let mut child = ModuleInstance::new(
                self.project,
                module,
                address,
                inputs,
                self.budget.clone(),
                self.module_depth + 1,
            );
            child.root = self.root;
            Some(Rc::new(child))
        };
        let stopped = || ChildCall::Unresolved(self.budget.stopped_value(origin.clone()));
        match self.expand(&scope, block) {
            Expansion::Single => match make(None, Bindings::default()) {
                Some(child) => ChildCall::Single(child),
                None => stopped(),
            },
            Expansion::Instances(keys) => {
                let mut children = Vec::with_capacity(keys.len());
                for (k, b) in keys {
                    match make(Some(&k), b) {
                        Some(child) => children.push((k, child)),
                        None => return stopped(),
                    }
                }
                ChildCall::Instances(children)
            }
            Expansion::Unknown(v) => ChildCall::Unresolved(v),
        }
    }

    /// `module.NAME.OUTPUT` (or the whole call's object when `output` is
    /// `None`), for the given instance key.
    pub fn module_output(
        &self,
        name: &str,
        key: Option<&InstanceKey>,
        output: &str,
        span: Span,
    ) -> Value {
        let origin = Origin::at(span);
        let address = self.qualify(&format!("module.{name}"));
        let Some(call) = self.child(name) else {
            return Value::error(format!("no module call named \"{name}\""), origin);
        };
        let inst = match (&*call, key) {
            (ChildCall::Single(i), None) => i.clone(),
            (ChildCall::Instances(list), Some(k)) => match list.iter().find(|(ik, _)| ik == k) {
                Some((_, i)) => i.clone(),
                None => {
                    return Value::error(format!("`{address}` has no instance {k}"), origin);
                }
            },
            (ChildCall::Unresolved(v), _) => {
                let mut v = v.clone();
                v.origin = origin;
                return v;
            }
            (ChildCall::Instances(_), None) if self.call_has_enabled(name) => {
                return Value::error(
                    format!(
                        "`{address}` is disabled by `lifecycle {{ enabled = false }}`, so it is null and has no `{output}`"
                    ),
                    origin,
                );
            }
            _ => {
                return Value::error(
                    format!(
                        "`{address}` uses count or for_each: refer to an instance, e.g. `module.{name}[0]`"
                    ),
                    origin,
                );
            }
        };
        inst.output(output, span)
    }

    fn call_has_enabled(&self, name: &str) -> bool {
        self.module
            .module_calls
            .get(name)
            .is_some_and(|b| lifecycle_enabled(b).is_some())
    }

    /// `module.NAME` (or `module.NAME[KEY]`) as a value, as Terraform gives
    /// it: an instance is an object of its outputs; a call with `count` is a
    /// tuple of them, one with `for_each` an object keyed by its keys.
    pub fn module_object(&self, name: &str, key: Option<&InstanceKey>, span: Span) -> Value {
        let origin = Origin::at(span);
        let address = self.qualify(&format!("module.{name}"));
        let Some(call) = self.child(name) else {
            return Value::error(format!("no module call named \"{name}\""), origin);
        };
        let by_key = |list: &[(InstanceKey, Rc<ModuleInstance<'p>>)], k: &InstanceKey| match list
            .iter()
            .find(|(ik, _)| ik == k)
        {
            Some((_, i)) => i.outputs_object(span),
            None => Value::error(format!("`{address}` has no instance {k}"), origin.clone()),
        };
        match (&*call, key) {
            (ChildCall::Single(i), None) => i.outputs_object(span),
            (ChildCall::Single(_), Some(k)) => Value::error(
                format!("`{address}` has neither count nor for_each: it has no instance {k}"),
                origin,
            ),
            (ChildCall::Instances(list), Some(k)) => by_key(list, k),
            // A call disabled by `lifecycle { enabled = false }` is null.
            (ChildCall::Instances(_), None) if self.call_has_enabled(name) => Value::null(origin),
            (ChildCall::Instances(list), None) => {
                if self.budget.step(list.len() as u64 + 1).is_err() {
                    return self.budget.stopped_value(origin);
                }
                let counted = self
                    .module
                    .module_calls
                    .get(name)
                    .is_some_and(|b| b.body.attribute("count").is_some());
                if counted {
                    let items = list.iter().map(|(_, i)| i.outputs_object(span)).collect();
                    return Value::list(items, origin);
                }
                let entries = list
                    .iter()
                    .map(|(k, i)| {
                        let key = match k {
                            InstanceKey::Key(s) => s.clone(),
                            InstanceKey::Index(n) => n.to_string(),
                        };
                        (key, i.outputs_object(span))
                    })
                    .collect();
                Value::map(entries, origin)
            }
            (ChildCall::Unresolved(v), _) => {
                let mut v = v.clone();
                v.origin = origin;
                v
            }
        }
    }

    /// This instance as an object of its outputs.
    fn outputs_object(&self, span: Span) -> Value {
        let fields = self
            .module
            .outputs
            .keys()
            .map(|name| (name.clone(), self.output(name, span)))
            .collect();
        Value::map(fields, Origin::at(span))
    }

    pub fn output(&self, name: &str, span: Span) -> Value {
        let origin = Origin::at(span);
        match self.module.outputs.get(name) {
            Some(block) => match block.body.attribute("value") {
                Some(attr) => self.scope().eval(&attr.expr).via(Hop::module_output(
                    attr.span,
                    name,
                    &self.address,
                )),
                None => Value::null(origin),
            },
            None => Value::error(
                format!("module {} has no output \"{name}\"", self.address),
                origin,
            ),
        }
    }

    pub fn resource_block(&self, mode: Mode, ty: &str, name: &str) -> Option<&'p Block> {
        self.module.resource(mode, ty, name)
    }
}

/// The `enabled` argument of a block's `lifecycle` block (OpenTofu 1.11).
pub fn lifecycle_enabled(block: &Block) -> Option<&Attribute> {
    block
        .body
        .blocks("lifecycle")
        .find_map(|l| l.body.attribute("enabled"))
}

/// The part of `v` reached by following the attribute names of `path`
/// while they name attributes of an object, and how many were followed:
/// what indexing the value by them would give, without copying the rest.
pub(crate) fn descend<'v, 'n>(
    mut v: &'v Value,
    path: impl IntoIterator<Item = &'n str>,
) -> (&'v Value, usize) {
    let mut followed = 0;
    for name in path {
        let Kind::Map(m) = &v.kind else { break };
        let Some(e) = m.get(name) else { break };
        v = e;
        followed += 1;
    }
    (v, followed)
}

/// [`descend`] on a value of one's own: the part is moved out.
fn descend_owned(mut v: Value, path: &[&str]) -> (Value, usize) {
    let mut followed = 0;
    for name in path {
        let Kind::Map(m) = &mut v.kind else { break };
        let Some(e) = m.remove(*name) else { break };
        v = e;
        followed += 1;
    }
    (v, followed)
}
