//! The expression evaluator.

use crate::instance::{Expansion, InstanceKey, ModuleInstance};
use crate::module::Mode;
use crate::scope::{Bindings, Budget};
use crate::value::{
    Alternative, Alternatives, Cause, Fields, Hop, Kind, Number, Origin, Shape, Text, TextPart,
    Unknown, Value,
};
use crate::{functions, ops};
use std::collections::BTreeMap;
use tfkms_syntax::Span;
use tfkms_syntax::ast::*;

/// An expression's surroundings: the module instance and the names bound
/// around it.
#[derive(Clone)]
pub struct Scope<'i, 'p> {
    pub inst: &'i ModuleInstance<'p>,
    pub bindings: Bindings,
}

impl<'i, 'p> Scope<'i, 'p> {
    pub fn new(inst: &'i ModuleInstance<'p>, bindings: Bindings) -> Scope<'i, 'p> {
        Scope { inst, bindings }
    }

    pub fn with(&self, name: &str, value: Value) -> Scope<'i, 'p> {
        Scope {
            inst: self.inst,
            bindings: self.bindings.with(name, value),
        }
    }

    pub fn budget(&self) -> &Budget {
        &self.inst.budget
    }

    pub fn eval(&self, e: &Expr) -> Value {
        let origin = Origin::at(e.span);
        if self.budget().step(1).is_err() {
            return self.budget().stopped_value(origin);
        }
        let _guard = match self.budget().enter() {
            Ok(g) => g,
            Err(why) => return Budget::limit_value(&why, origin),
        };
        match &e.kind {
            ExprKind::Null => Value::null(origin),
            ExprKind::Bool(b) => Value::bool(*b, origin),
            ExprKind::Number(raw) => match Number::parse(raw) {
                Some(n) => Value::number(n, origin),
                None => Value::error(format!("invalid number {raw}"), origin),
            },
            ExprKind::Template(t) => self.template(t, e.span),
            ExprKind::Tuple(items) => {
                if self.charge_nodes(items.len()).is_err() {
                    return self.budget().stopped_value(origin);
                }
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    out.push(self.eval(i));
                }
                Value::list(out, origin)
            }
            ExprKind::Object(items) => {
                if self.charge_nodes(items.len()).is_err() {
                    return self.budget().stopped_value(origin);
                }
                let mut map = BTreeMap::new();
                for item in items {
                    let key = match &item.key {
                        ObjectKey::Ident(k, _) => k.clone(),
                        ObjectKey::Expr(k) => {
                            let kv = self.eval(k);
                            match kv.as_known_str() {
                                Some(s) => s.into_owned(),
                                None if kv.is_unknown() || kv.first_unknown().is_some() => {
                                    // Terraform cannot know the object's shape.
                                    let u = kv.first_unknown().cloned().unwrap();
                                    return Value::unknown_from(u, origin);
                                }
                                None => {
                                    return Value::error(
                                        format!(
                                            "object key must be a string, got {}",
                                            kv.type_name()
                                        ),
                                        Origin::at(k.span),
                                    );
                                }
                            }
                        }
                    };
                    // A repeated key: the last one wins, as in Terraform.
                    map.insert(key, self.eval(&item.value));
                }
                Value::map(map, origin)
            }
            ExprKind::Parens(inner) => self.eval(inner),
            ExprKind::Variable(name) => self.variable(name, e.span),
            ExprKind::Traversal { base, ops } => self.traversal(base, ops, e.span),
            ExprKind::Call {
                name,
                args,
                expand_final,
            } => self.call(name, args, *expand_final, e.span),
            ExprKind::Conditional {
                cond,
                then,
                otherwise,
            } => {
                let c = self.eval(cond);
                match c.as_bool() {
                    Some(true) => self.eval(then),
                    Some(false) => self.eval(otherwise),
                    None => match &c.kind {
                        Kind::Unknown(u) if !matches!(*u.cause, Cause::Error { .. }) => {
                            let (a, b) = (self.eval(then), self.eval(otherwise));
                            if a.is_wholly_known() && a.equals(&b) == Some(true) {
                                a
                            } else {
                                Value::unknown_from(u.clone(), origin)
                            }
                        }
                        Kind::Unknown(u) => Value::unknown_from(u.clone(), origin),
                        _ => Value::error(
                            format!("the condition must be a bool, got {}", c.type_name()),
                            Origin::at(cond.span),
                        ),
                    },
                }
            }
            ExprKind::Unary { op, expr } => ops::unary(*op, self.eval(expr), origin),
            ExprKind::Binary { op, lhs, rhs } => {
                ops::binary(*op, self.eval(lhs), self.eval(rhs), origin)
            }
            ExprKind::For(f) => self.for_expr(f, e.span),
        }
    }

    /// Counts `n` new nodes of a collection (their content is counted
    /// where it is built).
    fn charge_nodes(&self, n: usize) -> Result<(), crate::scope::Stop> {
        let node = std::mem::size_of::<Value>() + 48;
        self.budget()
            .charge_bytes((n as u64).saturating_mul(node as u64))
    }

    fn variable(&self, name: &str, span: Span) -> Value {
        if let Some(v) = self.bindings.get(name) {
            if self.budget().charge_copy(v).is_err() {
                return self.budget().stopped_value(Origin::at(span));
            }
            let mut v = v.clone();
            if v.origin.span.is_none() {
                v.origin.span = Some(span);
            }
            return v;
        }
        Value::error(
            format!("`{name}` cannot be used alone here"),
            Origin::at(span),
        )
    }

    /// A template: literal text with interpolations and directives. A
    /// template that is a single interpolation yields the value itself, as
    /// HCL does (`"${var.list}"` is the list).
    fn template(&self, t: &Template, span: Span) -> Value {
        let origin = Origin::at(span);
        if let [TemplatePart::Interpolation(e)] = t.parts.as_slice() {
            return self.eval(e);
        }
        let mut text = Text::default();
        if let Err(v) = self.template_into(t, &mut text) {
            return v;
        }
        let max = self.budget().limits.max_string;
        if text.known_len() > max {
            return Budget::limit_value(
                &format!("this template's text is longer than {max} bytes (`max_string`)"),
                origin,
            );
        }
        Value::new(Kind::String(text), origin)
    }

    /// A `%{ if }` on an unknown condition renders one of its branches:
    /// both are kept, each with the words saying when, so what holds either
    /// way can still be checked.
    fn branches(
        &self,
        cond: &Expr,
        c: &Value,
        then: &Template,
        otherwise: Option<&Template>,
    ) -> Unknown {
        let unknown = unknown_of(c);
        if matches!(*unknown.cause, Cause::Error { .. }) {
            return unknown;
        }
        // `!X` is X with the branches swapped: renderings of one policy
        // then choose X consistently wherever it is tested.
        let (tested, negated) = match &cond.kind {
            ExprKind::Unary {
                op: UnaryOp::Not,
                expr,
            } => (&**expr, true),
            _ => (cond, false),
        };
        // A template file's text is not in the project: a bare variable is
        // named as written, anything else by where it is (never by the
        // unknown's cause, which may be only part of it).
        let condition = self
            .inst
            .project
            .file_text(tested.span.file)
            .and_then(|f| f.get(tested.span.range()).map(str::to_string))
            .unwrap_or_else(|| match &tested.kind {
                ExprKind::Variable(name) => name.clone(),
                _ => format!(
                    "the condition at offset {} of the template",
                    tested.span.start
                ),
            });
        let mut alternatives = Vec::new();
        for (branch, holds) in [(Some(then), !negated), (otherwise, negated)] {
            let mut text = Text::default();
            if let Some(t) = branch
                && self.template_into(t, &mut text).is_err()
            {
                return unknown;
            }
            alternatives.push(Alternative {
                condition: condition.clone(),
                holds,
                text,
            });
        }
        Unknown {
            shape: Shape::OneOf(Alternatives(std::sync::Arc::new(alternatives))),
            ..unknown
        }
    }

    /// A failed interpolation names its expression, so text showing it
    /// says which reference failed rather than a placeholder.
    fn named_failure(&self, v: Value, e: &Expr) -> Value {
        let Kind::Unknown(u) = &v.kind else {
            return v;
        };
        let Cause::Error {
            message,
            expression: None,
        } = &*u.cause
        else {
            return v;
        };
        let Some(source) = self
            .inst
            .project
            .file_text(e.span.file)
            .and_then(|f| f.get(e.span.range()).map(str::to_string))
        else {
            return v;
        };
        let cause = Cause::Error {
            message: message.clone(),
            expression: Some(source),
        };
        Value::unknown(cause, u.shape.clone(), v.origin)
    }

    fn template_into(&self, t: &Template, out: &mut Text) -> Result<(), Value> {
        for part in &t.parts {
            match part {
                TemplatePart::Literal(l) => {
                    let part = std::mem::size_of::<TextPart>() + l.text.len();
                    if self.budget().charge_bytes(part as u64).is_err() {
                        return Err(self.budget().stopped_value(Origin::at(l.span)));
                    }
                    out.push_str(&l.text, Origin::literal(l.span, l.encoding))
                }
                TemplatePart::Interpolation(e) => {
                    let v = self.named_failure(self.eval(e), e);
                    if self.budget().charge_copy(&v).is_err() {
                        return Err(self.budget().stopped_value(Origin::at(e.span)));
                    }
                    append_to_text(out, v, e.span)?;
                }
                TemplatePart::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    let c = self.eval(cond);
                    match c.as_bool() {
                        Some(true) => self.template_into(then, out)?,
                        Some(false) => {
                            if let Some(o) = otherwise {
                                self.template_into(o, out)?;
                            }
                        }
                        None => out.parts.push(TextPart::Unknown(self.branches(
                            cond,
                            &c,
                            then,
                            otherwise.as_ref(),
                        ))),
                    }
                }
                TemplatePart::For {
                    key_var,
                    value_var,
                    collection,
                    body,
                } => {
                    let coll = self.eval(collection);
                    match self.iterate(&coll) {
                        Ok(items) => {
                            for (k, v) in items {
                                if self.budget().step(1).is_err() {
                                    let at = Origin::at(collection.span);
                                    return Err(self.budget().stopped_value(at));
                                }
                                let mut s = self.with(value_var, v);
                                if let Some(kv) = key_var {
                                    s = s.with(kv, k);
                                }
                                s.template_into(body, out)?;
                            }
                        }
                        Err(u) => out.parts.push(TextPart::Unknown(u)),
                    }
                }
            }
        }
        Ok(())
    }

    /// [`iterate`], counting the copies it makes (each element and its key);
    /// a limit passed is an `Err` like an unknown collection.
    pub fn iterate(&self, coll: &Value) -> Result<Vec<(Value, Value)>, Unknown> {
        let keys = match &coll.kind {
            Kind::List(v) | Kind::Set(v) => v.len(),
            Kind::Map(m) => m.len(),
            _ => 0,
        };
        let key_bytes = (keys as u64).saturating_mul(std::mem::size_of::<Value>() as u64 + 64);
        let copies = coll.footprint().saturating_add(key_bytes);
        if self.budget().charge_bytes(copies).is_err() {
            return Err(unknown_of(
                &self.budget().stopped_value(coll.origin.clone()),
            ));
        }
        iterate(coll)
    }

    fn for_expr(&self, f: &ForExpr, span: Span) -> Value {
        let origin = Origin::at(span);
        let coll = self.eval(&f.collection);
        let items = match self.iterate(&coll) {
            Ok(items) => items,
            Err(u) => return Value::unknown_from(u, origin),
        };
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        // A list whose filter is unknown for some elements still holds the
        // ones it keeps for sure.
        let mut unsure = None;
        for (k, v) in items {
            if self.budget().step(1).is_err() || self.charge_nodes(1).is_err() {
                return self.budget().stopped_value(origin);
            }
            let mut s = self.with(&f.value_var, v);
            if let Some(kv) = &f.key_var {
                s = s.with(kv, k);
            }
            if let Some(cond) = &f.cond {
                let c = s.eval(cond);
                match c.as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None if f.key.is_none() => {
                        unsure.get_or_insert_with(|| unknown_of(&c));
                        continue;
                    }
                    None => return Value::unknown_from(unknown_of(&c), origin),
                }
            }
            match &f.key {
                None => list.push(s.eval(&f.value)),
                Some(ke) => {
                    let kv = s.eval(ke);
                    let Some(key) = kv.as_known_str().map(|k| k.into_owned()) else {
                        return Value::unknown_from(unknown_of(&kv), origin);
                    };
                    let val = s.eval(&f.value);
                    if f.grouping {
                        groups.entry(key).or_default().push(val);
                        continue;
                    }
                    match map.entry(key) {
                        std::collections::btree_map::Entry::Occupied(e) => {
                            return Value::error(
                                format!(
                                    "duplicate object key {:?} in for expression; add `...` after the value to group values by key",
                                    e.key()
                                ),
                                Origin::at(ke.span),
                            );
                        }
                        std::collections::btree_map::Entry::Vacant(e) => {
                            e.insert(val);
                        }
                    }
                }
            }
        }
        if f.key.is_none() {
            match unsure {
                Some(u) => Value::unknown_from(u.list_with(list), origin),
                None => Value::list(list, origin),
            }
        } else if f.grouping {
            Value::map(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, Value::list(v, origin.clone())))
                    .collect(),
                origin,
            )
        } else {
            Value::map(map, origin)
        }
    }

    fn call(&self, name: &str, args: &[Expr], expand_final: bool, span: Span) -> Value {
        let origin = Origin::at(span);
        let name = name.strip_prefix("core::").unwrap_or(name);
        let mut values: Vec<Value> = args.iter().map(|a| self.eval(a)).collect();
        if expand_final {
            match values.pop() {
                Some(Value {
                    kind: Kind::List(items) | Kind::Set(items),
                    ..
                }) => values.extend(items),
                Some(Value {
                    kind: Kind::Unknown(u),
                    ..
                }) => return Value::unknown_from(u.derived(), origin),
                Some(v) => {
                    return Value::error(
                        format!(
                            "the final argument of {name}(...) must be a list to expand, got {}",
                            v.type_name()
                        ),
                        origin,
                    );
                }
                None => {}
            }
        }
        if self.budget().step(values.len() as u64 + 1).is_err() {
            return self.budget().stopped_value(origin);
        }
        functions::call(self, name, values, span)
    }

    fn traversal(&self, base: &Expr, ops: &[TraversalOp], span: Span) -> Value {
        let (mut v, consumed) = match &base.kind {
            ExprKind::Variable(root) => match self.bindings.get(root) {
                None => self.reference(root, base.span, ops),
                Some(bound) => self.bound_part(root, bound, base.span, ops),
            },
            _ => (self.eval(base), 0),
        };
        let mut i = consumed;
        while i < ops.len() {
            let op = &ops[i];
            match &op.kind {
                TraversalOpKind::AttrSplat | TraversalOpKind::FullSplat => {
                    let rest = &ops[i + 1..];
                    // `.*` applies only the attribute accesses that follow it.
                    let rest_len = if matches!(op.kind, TraversalOpKind::AttrSplat) {
                        rest.iter()
                            .take_while(|o| matches!(o.kind, TraversalOpKind::Attr(_)))
                            .count()
                    } else {
                        rest.len()
                    };
                    let applied = &rest[..rest_len];
                    v = match v.kind {
                        Kind::Null => Value::list(vec![], Origin::at(span)),
                        Kind::List(items) | Kind::Set(items) => Value::list(
                            items
                                .into_iter()
                                .map(|item| self.apply_ops(item, applied))
                                .collect(),
                            Origin::at(span),
                        ),
                        Kind::Unknown(u) => Value::unknown_from(u.derived(), v.origin),
                        _ => Value::list(vec![self.apply_ops(v, applied)], Origin::at(span)),
                    };
                    i += 1 + rest_len;
                }
                _ => {
                    v = self.apply_op(v, op);
                    i += 1;
                }
            }
        }
        v
    }

    /// A bound name (`each`, a `for` variable, a `dynamic` block's
    /// iterator) and the attribute accesses that follow it: they are taken
    /// on the binding, so `statement.value.actions` copies the actions, not
    /// the whole statement. The part is the one the accesses would have
    /// moved out of a copy of the whole, and how many they were.
    fn bound_part(
        &self,
        name: &str,
        bound: &Value,
        span: Span,
        ops: &[TraversalOp],
    ) -> (Value, usize) {
        let attributes = ops.iter().map_while(|o| match &o.kind {
            TraversalOpKind::Attr(a) => Some(a.as_str()),
            _ => None,
        });
        let (part, followed) = crate::instance::descend(bound, attributes);
        if followed == 0 || self.budget().charge_copy(part).is_err() {
            return (self.variable(name, span), 0);
        }
        (part.clone(), followed)
    }

    fn apply_ops(&self, mut v: Value, ops: &[TraversalOp]) -> Value {
        for op in ops {
            v = self.apply_op(v, op);
        }
        v
    }

    fn apply_op(&self, v: Value, op: &TraversalOp) -> Value {
        let origin = Origin::at(op.span);
        match &op.kind {
            TraversalOpKind::Attr(name) => {
                index_value(v, &Value::string(name, origin.clone()), op.span)
            }
            TraversalOpKind::Index(e) => {
                let k = self.eval(e);
                index_value(v, &k, op.span)
            }
            TraversalOpKind::AttrSplat | TraversalOpKind::FullSplat => v,
        }
    }

    /// Resolves a reference rooted at a global name (`var`, `local`,
    /// `module`, `data`, a resource type, ...). Returns the value and how
    /// many traversal operators it consumed.
    fn reference(&self, root: &str, root_span: Span, ops: &[TraversalOp]) -> (Value, usize) {
        let attr = |i: usize| match ops.get(i).map(|o| &o.kind) {
            Some(TraversalOpKind::Attr(a)) => Some(a.as_str()),
            _ => None,
        };
        let span_to = |n: usize| match n {
            0 => root_span,
            n => root_span.to(ops[n - 1].span),
        };
        let inst = self.inst;
        match root {
            "var" | "local" => {
                let Some(name) = attr(0) else {
                    return (
                        Value::error(
                            format!("`{root}` must be followed by a name"),
                            Origin::at(root_span),
                        ),
                        0,
                    );
                };
                let span = span_to(1);
                let origin = Origin::at(span);
                // The attribute accesses that follow are taken on the
                // remembered value, so only the part they reach is copied.
                let path: Vec<&str> = ops[1..]
                    .iter()
                    .map_while(|o| match &o.kind {
                        TraversalOpKind::Attr(a) => Some(a.as_str()),
                        _ => None,
                    })
                    .collect();
                let (v, followed) = if root == "var" {
                    inst.variable_at(name, &path, &origin)
                } else {
                    inst.local_at(name, &path, &origin)
                };
                let (v, path_bytes) = v.via_measured(Hop {
                    span,
                    // Built for every reference: `concat` costs a fraction
                    // of `format!`, which was 3 % of a scan's instructions.
                    label: ["`", root, ".", name, "` used here"].concat(),
                });
                if self.budget().charge_bytes(path_bytes).is_err() {
                    return (self.budget().stopped_value(origin), 1);
                }
                (v, 1 + followed)
            }
            "each" | "count" => (
                Value::error(
                    format!(
                        "`{root}` is only valid in a block with {}",
                        if root == "each" { "for_each" } else { "count" }
                    ),
                    Origin::at(span_to(1)),
                ),
                1,
            ),
            "path" => {
                let what = attr(0).unwrap_or("");
                let v = match what {
                    "module" => inst.module.display_dir.clone(),
                    "root" => inst.project.root_display_dir(inst),
                    "cwd" => ".".to_string(),
                    _ => {
                        return (
                            Value::error(
                                format!("unknown attribute `path.{what}`"),
                                Origin::at(span_to(1)),
                            ),
                            1,
                        );
                    }
                };
                (Value::string(v, Origin::at(span_to(1))), 1)
            }
            "terraform" => match attr(0) {
                Some("workspace") => (Value::string("default", Origin::at(span_to(1))), 1),
                _ => (
                    Value::unknown(
                        Cause::Unsupported {
                            what: "this `terraform.` attribute".into(),
                        },
                        Shape::Any,
                        Origin::at(span_to(1)),
                    ),
                    1,
                ),
            },
            "module" => {
                let Some(name) = attr(0) else {
                    return (
                        Value::error("`module` must be followed by a name", Origin::at(root_span)),
                        0,
                    );
                };
                let mut n = 1;
                let mut key = None;
                if let Some(TraversalOpKind::Index(e)) = ops.get(1).map(|o| &o.kind) {
                    let k = self.eval(e);
                    match instance_key(&k) {
                        Some(k) => key = Some(k),
                        None => {
                            return (
                                Value::unknown_from(unknown_of(&k), Origin::at(span_to(2))),
                                2,
                            );
                        }
                    }
                    n = 2;
                }
                let Some(output) = attr(n) else {
                    let span = span_to(n);
                    let v = inst.module_object(name, key.as_ref(), span);
                    let label = match &key {
                        Some(k) => format!("`module.{name}{k}` used here"),
                        None => format!("`module.{name}` used here"),
                    };
                    return (v.via(Hop { span, label }), n);
                };
                let span = span_to(n + 1);
                let v = inst.module_output(name, key.as_ref(), output, span);
                (
                    v.via(Hop {
                        span,
                        label: ["`module.", name, ".", output, "` used here"].concat(),
                    }),
                    n + 1,
                )
            }
            "data" => {
                let Some(ty) = attr(0) else {
                    return (
                        Value::error("`data` must be followed by a type", Origin::at(root_span)),
                        0,
                    );
                };
                let (v, n) = self.object_reference(Mode::Data, ty, root_span, &ops[1..]);
                (v, n + 1)
            }
            "self" => (
                Value::unknown(
                    Cause::Unsupported {
                        what: "`self`".into(),
                    },
                    Shape::Any,
                    Origin::at(root_span),
                ),
                0,
            ),
            ty if ty.contains('_') => self.object_reference(Mode::Managed, ty, root_span, ops),
            other => match inst.project.host().and_then(|h| h.global(other, root_span)) {
                Some(v) => (v, 0),
                None => (
                    Value::error(format!("unknown name `{other}`"), Origin::at(root_span)),
                    0,
                ),
            },
        }
    }

    /// `TYPE.NAME[KEY].ATTR` for a resource or data source.
    fn object_reference(
        &self,
        mode: Mode,
        ty: &str,
        root_span: Span,
        ops: &[TraversalOp],
    ) -> (Value, usize) {
        let prefix = if mode == Mode::Data { "data." } else { "" };
        let span_to = |n: usize| match n {
            0 => root_span,
            n => root_span.to(ops[n - 1].span),
        };
        let Some(TraversalOpKind::Attr(name)) = ops.first().map(|o| &o.kind) else {
            return (
                Value::error(
                    format!("`{prefix}{ty}` must be followed by a name"),
                    Origin::at(root_span),
                ),
                0,
            );
        };
        let Some(block) = self.inst.resource_block(mode, ty, name) else {
            return self.undeclared_object(mode, ty, name, ops, &span_to);
        };
        let has_meta =
            block.body.attribute("count").is_some() || block.body.attribute("for_each").is_some();
        let mut n = 1;
        let mut key = None;
        if has_meta {
            match ops.get(1).map(|o| &o.kind) {
                Some(TraversalOpKind::Index(e)) => {
                    let k = self.eval(e);
                    match instance_key(&k) {
                        Some(k) => key = Some(k),
                        None => {
                            return (
                                Value::unknown_from(unknown_of(&k), Origin::at(span_to(2))),
                                2,
                            );
                        }
                    }
                    n = 2;
                }
                Some(TraversalOpKind::FullSplat | TraversalOpKind::AttrSplat)
                    if block.body.attribute("count").is_some() =>
                {
                    let Some(TraversalOpKind::Attr(attr)) = ops.get(2).map(|o| &o.kind) else {
                        return (self.collection(mode, ty, name, block, span_to(2)), 2);
                    };
                    let span = span_to(3);
                    let scope = self.inst.scope();
                    let v = match self.inst.expand(&scope, block) {
                        Expansion::Instances(list) => Value::list(
                            list.into_iter()
                                .map(|(k, b)| {
                                    self.object_attribute(mode, ty, name, Some(&k), b, attr, span)
                                })
                                .collect(),
                            Origin::at(span),
                        ),
                        Expansion::Unknown(v) => {
                            Value::unknown_from(unknown_of(&v), Origin::at(span))
                        }
                        Expansion::Single => Value::list(vec![], Origin::at(span)),
                    };
                    return (v, 3);
                }
                _ => return (self.collection(mode, ty, name, block, span_to(1)), 1),
            }
        }
        let Some(TraversalOpKind::Attr(attr)) = ops.get(n).map(|o| &o.kind) else {
            return (
                self.object_instance(mode, ty, name, block, key, span_to(n)),
                n,
            );
        };
        let span = span_to(n + 1);
        if !has_meta && crate::instance::lifecycle_enabled(block).is_some() {
            let scope = self.inst.scope();
            match self.inst.expand(&scope, block) {
                // A disabled object is null: OpenTofu refuses to read an
                // attribute of it.
                Expansion::Instances(_) => {
                    let message = format!(
                        "`{prefix}{ty}.{name}` is disabled by `lifecycle {{ enabled = false }}`, so it is null and has no `{attr}`"
                    );
                    return (Value::error(message, Origin::at(span)), n + 1);
                }
                Expansion::Unknown(v) => {
                    return (unknown_instance_attribute(mode, ty, attr, &v, span), n + 1);
                }
                Expansion::Single => {}
            }
        }
        let bindings = match &key {
            None => Bindings::default(),
            Some(k) => {
                let scope = self.inst.scope();
                match self.inst.expand(&scope, block) {
                    Expansion::Instances(list) => match list.into_iter().find(|(ik, _)| ik == k) {
                        Some((_, b)) => b,
                        None => {
                            return (
                                Value::error(
                                    format!("`{prefix}{ty}.{name}` has no instance {k}"),
                                    Origin::at(span),
                                ),
                                n + 1,
                            );
                        }
                    },
                    Expansion::Unknown(v) => {
                        return (unknown_instance_attribute(mode, ty, attr, &v, span), n + 1);
                    }
                    Expansion::Single => Bindings::default(),
                }
            }
        };
        (
            self.object_attribute(mode, ty, name, key.as_ref(), bindings, attr, span),
            n + 1,
        )
    }

    /// A reference to a resource the scanned files do not declare: unknown,
    /// but an attribute whose kind the type tells (`aws_kms_key.k.arn` is a
    /// key ARN) keeps it. The instance key, if any, is skipped: no instance
    /// of it is known either way.
    fn undeclared_object(
        &self,
        mode: Mode,
        ty: &str,
        name: &str,
        ops: &[TraversalOp],
        span_to: &dyn Fn(usize) -> Span,
    ) -> (Value, usize) {
        let prefix = if mode == Mode::Data { "data." } else { "" };
        let address = self.inst.qualify(&format!("{prefix}{ty}.{name}"));
        let n = match ops.get(1).map(|o| &o.kind) {
            Some(TraversalOpKind::Index(_)) => 2,
            _ => 1,
        };
        let Some(TraversalOpKind::Attr(attr)) = ops.get(n).map(|o| &o.kind) else {
            let cause = Cause::Undeclared {
                address: address.clone(),
                attribute: "*".into(),
            };
            return (Value::unknown(cause, Shape::Any, Origin::at(span_to(n))), n);
        };
        let shape = attribute_shape(mode, ty, attr, &|| (None, None)).unwrap_or(Shape::Any);
        let cause = Cause::Undeclared {
            address,
            attribute: attr.clone(),
        };
        (
            Value::unknown(cause, shape, Origin::at(span_to(n + 1))),
            n + 1,
        )
    }

    /// A block with `count`/`for_each` taken as a whole, as Terraform gives
    /// it: a tuple of instance objects for `count`, an object keyed by the
    /// `for_each` keys for `for_each`. An instance whose attributes tfkms
    /// cannot all tell (most resources) is an unknown object holding the
    /// attributes it can: reading another one gives an unknown naming it,
    /// never a claim that the attribute does not exist.
    fn collection(&self, mode: Mode, ty: &str, name: &str, block: &Block, span: Span) -> Value {
        let origin = Origin::at(span);
        let scope = self.inst.scope();
        let instances = match self.inst.expand(&scope, block) {
            Expansion::Instances(list) => list,
            Expansion::Unknown(v) => return Value::unknown_from(unknown_of(&v), origin),
            Expansion::Single => {
                return self.instance_object(
                    mode,
                    ty,
                    name,
                    block,
                    None,
                    Bindings::default(),
                    span,
                );
            }
        };
        if self.budget().step(instances.len() as u64 + 1).is_err() {
            return self.budget().stopped_value(origin);
        }
        let object = |key: &InstanceKey, bindings: Bindings| {
            self.instance_object(mode, ty, name, block, Some(key), bindings, span)
        };
        if block.body.attribute("count").is_some() {
            let items = instances.into_iter().map(|(k, b)| object(&k, b)).collect();
            return Value::list(items, origin);
        }
        let entries = instances
            .into_iter()
            .map(|(k, b)| {
                let v = object(&k, b);
                let key = match k {
                    InstanceKey::Key(s) => s,
                    InstanceKey::Index(i) => i.to_string(),
                };
                (key, v)
            })
            .collect();
        Value::map(entries, origin)
    }

    /// `TYPE.NAME` or `TYPE.NAME[KEY]` with nothing after it: the instance
    /// as an object, or an error naming the key it does not have.
    fn object_instance(
        &self,
        mode: Mode,
        ty: &str,
        name: &str,
        block: &Block,
        key: Option<InstanceKey>,
        span: Span,
    ) -> Value {
        let Some(k) = key else {
            if crate::instance::lifecycle_enabled(block).is_some() {
                // A disabled object is null; an unknown `enabled` leaves it unknown.
                let scope = self.inst.scope();
                match self.inst.expand(&scope, block) {
                    Expansion::Instances(_) => return Value::null(Origin::at(span)),
                    Expansion::Unknown(v) => {
                        return Value::unknown_from(unknown_of(&v), Origin::at(span));
                    }
                    Expansion::Single => {}
                }
            }
            return self.instance_object(mode, ty, name, block, None, Bindings::default(), span);
        };
        let scope = self.inst.scope();
        match self.inst.expand(&scope, block) {
            Expansion::Instances(list) => match list.into_iter().find(|(ik, _)| *ik == k) {
                Some((_, b)) => self.instance_object(mode, ty, name, block, Some(&k), b, span),
                None => {
                    let prefix = if mode == Mode::Data { "data." } else { "" };
                    Value::error(
                        format!("`{prefix}{ty}.{name}` has no instance {k}"),
                        Origin::at(span),
                    )
                }
            },
            Expansion::Unknown(v) => Value::unknown_from(unknown_of(&v), Origin::at(span)),
            Expansion::Single => {
                self.instance_object(mode, ty, name, block, None, Bindings::default(), span)
            }
        }
    }

    /// One instance of a block as an object value (`data.x`, `data.x["k"]`,
    /// an element of `data.x[*]`): its attributes when tfkms knows them
    /// all, else an unknown object holding the ones it can tell.
    #[allow(clippy::too_many_arguments)]
    fn instance_object(
        &self,
        mode: Mode,
        ty: &str,
        name: &str,
        block: &Block,
        key: Option<&InstanceKey>,
        bindings: Bindings,
        span: Span,
    ) -> Value {
        let (attributes, all_known) = match known_attributes(mode, ty, block) {
            Some(names) => (names, true),
            None => (partly_known_attributes(mode, ty, block), false),
        };
        let origin = Origin::at(span);
        let fields: BTreeMap<String, Value> = attributes
            .iter()
            .map(|attr| {
                let v = self.object_attribute(mode, ty, name, key, bindings.clone(), attr, span);
                (attr.clone(), v)
            })
            .collect();
        if all_known {
            return Value::map(fields, origin);
        }
        let prefix = if mode == Mode::Data { "data." } else { "" };
        let key = key.map(|k| k.to_string()).unwrap_or_default();
        let cause = Cause::ResourceAttribute {
            address: self.inst.qualify(&format!("{prefix}{ty}.{name}{key}")),
        };
        let shape = Shape::ObjectWith(Fields(std::sync::Arc::new(fields)));
        Value::unknown(cause, shape, origin)
    }

    #[allow(clippy::too_many_arguments)]
    fn object_attribute(
        &self,
        mode: Mode,
        ty: &str,
        name: &str,
        key: Option<&InstanceKey>,
        bindings: Bindings,
        attr: &str,
        span: Span,
    ) -> Value {
        let inst = self.inst;
        let prefix = if mode == Mode::Data { "data." } else { "" };
        let key_s = key.map(|k| k.to_string()).unwrap_or_default();
        let address = inst.qualify(&[prefix, ty, ".", name, &key_s, ".", attr].concat());
        let origin = Origin::at(span);
        let Some(block) = inst.resource_block(mode, ty, name) else {
            return Value::error(
                format!("reference to undeclared `{prefix}{ty}.{name}`"),
                origin,
            );
        };
        let scope = Scope::new(inst, bindings);
        let v = inst.cached_object(address.clone(), &origin, || {
            if let Some(host) = inst.project.host()
                && let Some(v) =
                    host.object_attribute(&scope, mode, ty, name, key, block, attr, span)
            {
                return v;
            }
            builtin_attribute(&scope, mode, ty, block, attr, &address, span)
        });
        let mut v = v;
        v.origin.span = Some(span);
        v
    }
}

/// Every attribute of an instance of a data source, when tfkms knows them
/// all: its configured arguments and what it computes. `None` for types
/// whose other computed attributes tfkms cannot tell.
fn known_attributes(mode: Mode, ty: &str, block: &Block) -> Option<Vec<String>> {
    let computed: &[&str] = match (mode, ty) {
        (Mode::Data, "aws_iam_policy_document") => &["id", "json", "minified_json"],
        _ => return None,
    };
    let configured = block
        .body
        .attributes
        .iter()
        .map(|a| a.name.as_str())
        .filter(|n| !is_meta_argument(n));
    let mut names: Vec<String> = computed
        .iter()
        .copied()
        .chain(configured)
        .map(String::from)
        .collect();
    names.sort();
    names.dedup();
    Some(names)
}

/// The attributes of an instance of a resource or data source that tfkms
/// can tell: its configured arguments and the KMS-related attributes its
/// type makes known (ARNs, IDs, the account, the region).
fn partly_known_attributes(mode: Mode, ty: &str, block: &Block) -> Vec<String> {
    const TYPED: [&str; 8] = [
        "arn",
        "id",
        "key_id",
        "name",
        "target_key_arn",
        "target_key_id",
        "account_id",
        "region",
    ];
    let typed = TYPED
        .into_iter()
        .filter(|attr| attribute_shape(mode, ty, attr, &|| (None, None)).is_some());
    let configured = block
        .body
        .attributes
        .iter()
        .map(|a| a.name.as_str())
        .filter(|n| !is_meta_argument(n));
    let mut names: Vec<String> = typed.chain(configured).map(String::from).collect();
    names.sort();
    names.dedup();
    names
}

fn is_meta_argument(name: &str) -> bool {
    matches!(
        name,
        "count" | "for_each" | "provider" | "depends_on" | "lifecycle"
    )
}

/// What tfkms knows of resource attributes without a provider: KMS ARNs and
/// IDs are typed unknowns, configured arguments are their values.
fn builtin_attribute(
    scope: &Scope,
    mode: Mode,
    ty: &str,
    block: &Block,
    attr: &str,
    address: &str,
    span: Span,
) -> Value {
    let origin = Origin::at(span);
    let cause = || Cause::ResourceAttribute {
        address: address.to_string(),
    };
    let configured = |name: &str| {
        block
            .body
            .attribute(name)
            .map(|a| scope.eval(&a.expr))
            .and_then(|v| v.as_known_str().map(|s| s.into_owned()))
    };
    if (mode, ty, attr) == (Mode::Data, "template_file", "rendered") {
        let object = address.strip_suffix(".rendered").unwrap_or(address);
        return functions::template_file_rendered(scope, block, object, span);
    }
    if (ty, attr) == ("aws_kms_alias", "name") {
        return match block.body.attribute("name") {
            Some(a) => scope.eval(&a.expr),
            None => Value::unknown(cause(), Shape::AliasName { name: None }, origin),
        };
    }
    let target_key = || match mode {
        Mode::Managed => block
            .body
            .attribute("target_key_id")
            .and_then(|a| key_resource_of(&scope.eval(&a.expr))),
        Mode::Data => None,
    };
    let alias = || (configured("name"), target_key());
    if (mode, ty, attr) == (Mode::Data, "aws_caller_identity", "account_id")
        && !reads_the_keys_account(scope, block)
    {
        return Value::unknown(cause(), Shape::Any, origin);
    }
    if let Some(shape) = attribute_shape(mode, ty, attr, &alias) {
        return Value::unknown(cause(), shape, origin);
    }
    if let Some(a) = block.body.attribute(attr) {
        return scope.eval(&a.expr);
    }
    Value::unknown(cause(), Shape::Any, origin)
}

/// Whether a caller identity's `account_id` is the account of the module's
/// KMS keys, the one rules take for "own". A module that creates its keys
/// through one provider configuration and reads the caller of another
/// (`provider = aws.target`, to share a key with the target account) has
/// two accounts: the other caller is not the key's. A module without keys
/// of its own judges by those of the modules it calls directly, through
/// the configurations it passes them (`providers = { aws = aws.from }`).
/// Without keys, callers of different configurations cannot be told apart,
/// so none is taken for own.
fn reads_the_keys_account(scope: &Scope, caller: &Block) -> bool {
    let module = scope.inst.module;
    const KEY_TYPES: [&str; 5] = [
        "aws_kms_key",
        "aws_kms_replica_key",
        "aws_kms_external_key",
        "aws_kms_replica_external_key",
        "aws_kms_key_policy",
    ];
    let mine = provider_configuration(caller);
    let providers_of = |types: &[&str]| -> Vec<Option<String>> {
        module
            .resources
            .iter()
            .filter(|(_, b)| b.label(0).is_some_and(|t| types.contains(&t)))
            .map(|(_, b)| provider_configuration(b))
            .collect()
    };
    let mut keys = providers_of(&KEY_TYPES);
    if keys.is_empty() {
        keys = providers_of_called_keys(scope, &KEY_TYPES);
    }
    let deciding = if keys.is_empty() {
        providers_of(&["aws_caller_identity"])
    } else {
        keys
    };
    deciding.iter().all(|p| *p == mine)
}

/// The configurations, in this module's names, that the keys of the
/// modules it calls directly are created through. Only calls whose
/// `source` is written literally are read: evaluating one could lead back
/// to the caller identity being evaluated.
fn providers_of_called_keys(scope: &Scope, key_types: &[&str]) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for (name, call) in &scope.inst.module.module_calls {
        let literal_source = call.body.attribute("source").is_some_and(
            |a| matches!(&a.expr.kind, ExprKind::Template(t) if t.as_literal().is_some()),
        );
        if !literal_source {
            continue;
        }
        let Ok(child) = scope
            .inst
            .project
            .resolve_module_source(scope.inst, name, call, scope)
        else {
            continue;
        };
        let passed = call.body.attribute("providers");
        for (_, key) in child
            .resources
            .iter()
            .filter(|(_, b)| b.label(0).is_some_and(|t| key_types.contains(&t)))
        {
            let inner = provider_configuration(key);
            out.push(inner.and_then(|inner| passed_configuration(passed, &inner)));
        }
    }
    out
}

/// The caller's configuration a module call gives a module under its local
/// name `inner`: by `providers`, or, without it, the default one only.
fn passed_configuration(
    providers: Option<&tfkms_syntax::ast::Attribute>,
    inner: &str,
) -> Option<String> {
    let Some(attr) = providers else {
        return (inner == "aws").then(|| "aws".to_string());
    };
    let ExprKind::Object(items) = &attr.expr.kind else {
        return None;
    };
    items.iter().find_map(|item| {
        let key = match &item.key {
            tfkms_syntax::ast::ObjectKey::Ident(n, _) => Some(n.clone()),
            tfkms_syntax::ast::ObjectKey::Expr(e) => reference_name(e),
        };
        (key.as_deref() == Some(inner))
            .then(|| reference_name(&item.value))
            .flatten()
    })
}

/// `aws` or `aws.to` written as a reference.
fn reference_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Variable(name) => Some(name.clone()),
        ExprKind::Traversal { base, ops } => match (&base.kind, ops.as_slice()) {
            (ExprKind::Variable(name), [op]) => match &op.kind {
                TraversalOpKind::Attr(alias) => Some(format!("{name}.{alias}")),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// The provider configuration a resource uses, as written: `aws` when it
/// names none, `aws.ALIAS`, or `None` for an expression that is neither.
fn provider_configuration(block: &Block) -> Option<String> {
    match block.body.attribute("provider") {
        Some(a) => reference_name(&a.expr),
        None => Some("aws".into()),
    }
}

/// An attribute of an instance whose existence is unknown (an unknown
/// `count`, `for_each` or `enabled`): which instances exist is unknown, but
/// the attribute's shape is still that of its resource type.
fn unknown_instance_attribute(
    mode: Mode,
    ty: &str,
    attr: &str,
    expansion: &Value,
    span: Span,
) -> Value {
    let unknown = Unknown {
        shape: attribute_shape(mode, ty, attr, &|| (None, None)).unwrap_or(Shape::Any),
        ..unknown_of(expansion)
    };
    Value::unknown_from(unknown, Origin::at(span))
}

/// What an attribute is, known from the resource type alone: KMS key and
/// alias ARNs and IDs, the account ID, the region. `alias` gives the alias
/// resource's configured `name` and the key resource it targets, when the
/// resource says them.
fn attribute_shape(
    mode: Mode,
    ty: &str,
    attr: &str,
    alias: &dyn Fn() -> (Option<String>, Option<String>),
) -> Option<Shape> {
    match (mode, ty, attr) {
        (
            Mode::Managed,
            "aws_kms_key"
            | "aws_kms_replica_key"
            | "aws_kms_external_key"
            | "aws_kms_replica_external_key",
            "arn",
        ) => Some(Shape::KeyArn),
        (
            Mode::Managed,
            "aws_kms_key"
            | "aws_kms_replica_key"
            | "aws_kms_external_key"
            | "aws_kms_replica_external_key",
            "key_id" | "id",
        ) => Some(Shape::KeyId),
        (_, "aws_kms_alias", "arn") | (Mode::Data, "aws_kms_alias", "id") => {
            let (name, target_key) = alias();
            Some(Shape::AliasArn { name, target_key })
        }
        (_, "aws_kms_alias", "name") => Some(Shape::AliasName { name: None }),
        (Mode::Managed, "aws_kms_alias", "id") => Some(Shape::AliasName { name: alias().0 }),
        (_, "aws_kms_alias", "target_key_arn") | (Mode::Data, "aws_kms_key", "arn") => {
            Some(Shape::KeyArn)
        }
        (_, "aws_kms_alias", "target_key_id") | (Mode::Data, "aws_kms_key", "id" | "key_id") => {
            Some(Shape::KeyId)
        }
        (Mode::Data, "aws_caller_identity", "account_id") => Some(Shape::OwnAccountId),
        (Mode::Data, "aws_region", "name" | "id" | "region") => Some(Shape::Region),
        _ => None,
    }
}

/// The managed key resource a `target_key_id` value is an attribute of
/// (`aws_kms_key.app.key_id` → `aws_kms_key.app`), by its address.
fn key_resource_of(v: &Value) -> Option<String> {
    let unknown = v.as_whole_unknown()?;
    if !matches!(unknown.shape, Shape::KeyId | Shape::KeyArn) {
        return None;
    }
    let Cause::ResourceAttribute { address } = &*unknown.cause else {
        return None;
    };
    let (object, _) = address.rsplit_once('.')?;
    let mut parts = object.rsplit('.').skip(1);
    let resource_type = parts.next()?;
    let managed_key = matches!(
        resource_type,
        "aws_kms_key"
            | "aws_kms_replica_key"
            | "aws_kms_external_key"
            | "aws_kms_replica_external_key"
    );
    (managed_key && parts.next() != Some("data")).then(|| object.to_string())
}

/// The unknown a non-string, non-bool value stands for (itself when
/// unknown, else an error about its type).
pub fn unknown_of(v: &Value) -> Unknown {
    match v.first_unknown() {
        Some(u) => u.derived(),
        None => Unknown::new(
            Cause::Error {
                message: format!("unexpected {} value {v}", v.type_name()),
                expression: None,
            },
            Shape::Any,
        ),
    }
}

fn instance_key(k: &Value) -> Option<InstanceKey> {
    match &k.kind {
        Kind::Number(n) => n.as_i64().map(InstanceKey::Index),
        Kind::String(t) => t.as_known().map(|s| InstanceKey::Key(s.into_owned())),
        _ => None,
    }
}

/// Appends a value to template text, converting as Terraform does.
pub fn append_to_text(out: &mut Text, v: Value, span: Span) -> Result<(), Value> {
    match v.kind {
        Kind::String(t) => out.push_text(t),
        Kind::Number(n) => out.push_str(&n.to_string(), v.origin),
        Kind::Bool(b) => out.push_str(if b { "true" } else { "false" }, v.origin),
        Kind::Unknown(u) => out.parts.push(TextPart::Unknown(u.derived())),
        Kind::Null => {
            return Err(Value::error(
                "invalid template interpolation value: the expression result is null",
                Origin::at(span),
            ));
        }
        _ => {
            return Err(Value::error(
                format!(
                    "invalid template interpolation value: cannot include a {} in a string template; a string is required",
                    v.type_name()
                ),
                Origin::at(span),
            ));
        }
    }
    Ok(())
}

/// The (key, value) pairs of a collection: index/element for lists and sets
/// (sets: the element as key, as Terraform does), key/value for maps.
pub fn iterate(v: &Value) -> Result<Vec<(Value, Value)>, Unknown> {
    match &v.kind {
        Kind::List(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, e)| {
                (
                    Value::number(Number::from_i64(i as i64), e.origin.clone()),
                    e.clone(),
                )
            })
            .collect()),
        Kind::Set(items) => Ok(items.iter().map(|e| (e.clone(), e.clone())).collect()),
        Kind::Map(m) => Ok(m
            .iter()
            .map(|(k, e)| (Value::string(k, e.origin.clone()), e.clone()))
            .collect()),
        Kind::Unknown(u) => Err(u.derived()),
        Kind::Null => Err(Unknown::new(
            Cause::Error {
                message: "cannot iterate over a null value".into(),
                expression: None,
            },
            Shape::Any,
        )),
        _ => Err(Unknown::new(
            Cause::Error {
                message: format!("cannot iterate over a {} value", v.type_name()),
                expression: None,
            },
            Shape::Any,
        )),
    }
}

/// `v[k]` / `v.k`.
/// An attribute of a partly known object: its value when known, else an
/// unknown naming the attribute.
fn known_field(object: &Unknown, k: &Value, origin: Origin) -> Value {
    let Shape::ObjectWith(fields) = &object.shape else {
        return Value::unknown_from(object.derived(), origin);
    };
    let Some(name) = k.as_known_str() else {
        return Value::unknown_from(unknown_of(k), origin);
    };
    if let Some(v) = fields.0.get(name.as_ref()) {
        return v.clone();
    }
    let cause = match &*object.cause {
        Cause::ResourceAttribute { address } => Cause::ResourceAttribute {
            address: format!("{address}.{name}"),
        },
        other => other.clone(),
    };
    Value::unknown(cause, Shape::Any, origin)
}

pub fn index_value(mut v: Value, k: &Value, span: Span) -> Value {
    let origin = Origin::at(span);
    // The container is consumed: the element is moved out, not copied.
    match (&mut v.kind, &k.kind) {
        (Kind::Unknown(u), Kind::String(_)) if matches!(u.shape, Shape::ObjectWith(_)) => {
            known_field(u, k, origin)
        }
        (Kind::Unknown(u), _) => Value::unknown_from(u.derived(), v.origin),
        (_, Kind::Unknown(u)) => Value::unknown_from(u.derived(), origin),
        (Kind::Map(m), _) => match k.as_known_str() {
            Some(key) => match m.remove(key.as_ref()) {
                Some(e) => e,
                None => Value::error(
                    format!("this object has no attribute or key {key:?}"),
                    origin,
                ),
            },
            None => Value::unknown_from(unknown_of(k), origin),
        },
        (Kind::List(items), _) => {
            let idx = match &k.kind {
                Kind::Number(n) => n.as_i64(),
                _ => k.as_known_str().and_then(|s| s.parse::<i64>().ok()),
            };
            match idx {
                Some(i) if i >= 0 && (i as usize) < items.len() => items.swap_remove(i as usize),
                Some(i) => Value::error(
                    format!(
                        "index {i} out of range for a list of {} elements",
                        items.len()
                    ),
                    origin,
                ),
                None => Value::error(
                    format!("a list index must be a whole number, got {k}"),
                    origin,
                ),
            }
        }
        (Kind::Set(_), _) => Value::error(
            "elements of a set cannot be accessed by index; convert it with tolist() first",
            origin,
        ),
        (Kind::Null, _) => Value::error("cannot index a null value", origin),
        _ => Value::error(format!("cannot index a {} value", v.type_name()), origin),
    }
}
