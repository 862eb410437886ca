//! Variable type constraints (`type = list(string)`) and the conversions
//! Terraform applies to given values.

use crate::eval::Scope;
use crate::functions::unify;
use crate::value::{Kind, Origin, Value};
use std::collections::BTreeMap;
use tfkms_syntax::ast::{Expr, ExprKind, ObjectKey};

#[derive(Clone, Debug)]
pub enum TypeExpr {
    Any,
    String,
    Number,
    Bool,
    List(Box<TypeExpr>),
    Set(Box<TypeExpr>),
    Map(Box<TypeExpr>),
    Tuple(Vec<TypeExpr>),
    /// Attributes with their types; `Some(default)` marks `optional(T, d)`.
    Object(Vec<(String, TypeExpr, Optional)>),
}

#[derive(Clone, Debug)]
pub enum Optional {
    Required,
    Optional(Option<Box<Expr>>),
}

impl TypeExpr {
    /// Parses a type expression; anything unrecognised is `any`, so a value
    /// is never rejected for a type tfkms does not model.
    pub fn parse(e: &Expr) -> TypeExpr {
        match &e.kind {
            ExprKind::Variable(n) => match n.as_str() {
                "string" => TypeExpr::String,
                "number" => TypeExpr::Number,
                "bool" => TypeExpr::Bool,
                "list" => TypeExpr::List(Box::new(TypeExpr::Any)),
                "set" => TypeExpr::Set(Box::new(TypeExpr::Any)),
                "map" => TypeExpr::Map(Box::new(TypeExpr::Any)),
                _ => TypeExpr::Any,
            },
            ExprKind::Call { name, args, .. } => {
                let inner = || args.first().map(TypeExpr::parse).unwrap_or(TypeExpr::Any);
                match name.as_str() {
                    "list" => TypeExpr::List(Box::new(inner())),
                    "set" => TypeExpr::Set(Box::new(inner())),
                    "map" => TypeExpr::Map(Box::new(inner())),
                    "tuple" => match args.first().map(|a| &a.kind) {
                        Some(ExprKind::Tuple(items)) => {
                            TypeExpr::Tuple(items.iter().map(TypeExpr::parse).collect())
                        }
                        _ => TypeExpr::Any,
                    },
                    "object" => match args.first().map(|a| &a.kind) {
                        Some(ExprKind::Object(items)) => TypeExpr::Object(
                            items
                                .iter()
                                .filter_map(|item| {
                                    let key = match &item.key {
                                        ObjectKey::Ident(k, _) => k.clone(),
                                        ObjectKey::Expr(e) => match &e.kind {
                                            ExprKind::Template(t) => t.as_literal()?,
                                            ExprKind::Variable(v) => v.clone(),
                                            _ => return None,
                                        },
                                    };
                                    let (ty, opt) = match &item.value.kind {
                                        ExprKind::Call { name, args, .. } if name == "optional" => {
                                            (
                                                args.first()
                                                    .map(TypeExpr::parse)
                                                    .unwrap_or(TypeExpr::Any),
                                                Optional::Optional(
                                                    args.get(1).cloned().map(Box::new),
                                                ),
                                            )
                                        }
                                        _ => (TypeExpr::parse(&item.value), Optional::Required),
                                    };
                                    Some((key, ty, opt))
                                })
                                .collect(),
                        ),
                        _ => TypeExpr::Any,
                    },
                    _ => TypeExpr::Any,
                }
            }
            _ => TypeExpr::Any,
        }
    }

    /// Converts a value to this type where Terraform would, applying the
    /// defaults of `optional(T, default)` attributes (evaluated in `scope`)
    /// where an attribute is absent or null. A value that cannot be
    /// converted is returned as it is (Terraform would reject the
    /// configuration; tfkms keeps checking what it was given).
    pub fn convert(&self, v: Value, scope: &Scope) -> Value {
        if v.is_null() || v.is_unknown() {
            return v;
        }
        let origin = v.origin.clone();
        match (self, v.kind) {
            (TypeExpr::Any, kind) => Value::new(kind, origin),
            (TypeExpr::String, Kind::Number(n)) => Value::string(n.to_string(), origin),
            (TypeExpr::String, Kind::Bool(b)) => Value::string(b.to_string(), origin),
            (TypeExpr::Number, Kind::String(t)) => {
                let parsed = t.as_known().and_then(|s| crate::Number::parse(&s));
                match parsed {
                    Some(n) => Value::number(n, origin),
                    None => Value::new(Kind::String(t), origin),
                }
            }
            (TypeExpr::Bool, Kind::String(t)) => match t.as_known().as_deref() {
                Some("true") => Value::bool(true, origin),
                Some("false") => Value::bool(false, origin),
                _ => Value::new(Kind::String(t), origin),
            },
            (TypeExpr::List(inner), Kind::List(items) | Kind::Set(items)) => {
                Value::list(inner.convert_all(items, scope), origin)
            }
            (TypeExpr::Set(inner), Kind::List(items) | Kind::Set(items)) => {
                Value::set(inner.convert_all(items, scope), origin)
            }
            (TypeExpr::Map(inner), Kind::Map(m)) => {
                let (keys, vals): (Vec<String>, Vec<Value>) = m.into_iter().unzip();
                Value::map(
                    keys.into_iter()
                        .zip(inner.convert_all(vals, scope))
                        .collect(),
                    origin,
                )
            }
            (TypeExpr::Tuple(types), Kind::List(items)) => Value::list(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| match types.get(i) {
                        Some(t) => t.convert(e, scope),
                        None => e,
                    })
                    .collect(),
                origin,
            ),
            (TypeExpr::Object(attrs), Kind::Map(mut m)) => {
                let mut out = BTreeMap::new();
                for (name, ty, opt) in attrs {
                    let given = m.remove(name).filter(|v| !v.is_null());
                    let value = match (given, opt) {
                        (Some(v), _) => ty.convert(v, scope),
                        (None, Optional::Optional(Some(default))) => {
                            ty.convert(scope.eval(default), scope)
                        }
                        // Absent or null, without a default: null (a missing
                        // required attribute is Terraform's error to report).
                        (None, _) => Value::null(Origin::default()),
                    };
                    out.insert(name.clone(), value);
                }
                Value::map(out, origin)
            }
            (_, kind) => Value::new(kind, origin),
        }
    }

    /// Converts the elements of a collection; elements of `any` type are
    /// unified to one type, as Terraform does for `list(any)` and friends.
    fn convert_all(&self, items: Vec<Value>, scope: &Scope) -> Vec<Value> {
        match self {
            TypeExpr::Any => unify(items),
            t => items.into_iter().map(|e| t.convert(e, scope)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::eval_in;
    use std::path::Path;

    fn var(config: &str) -> String {
        let v = eval_in(Path::new("/nonexistent"), config, "var.x");
        crate::json::encode(&v)
    }

    #[test]
    fn optional_attributes_take_their_defaults() {
        let cfg = r#"
variable "x" {
  type = object({
    name    = string
    alias   = optional(string, "alias/app")
    rotate  = optional(bool, true)
    grants  = optional(list(string))
    nested  = optional(object({ days = optional(number, 30) }), {})
    byname  = optional(map(object({ on = optional(bool, false) })), { a = {} })
  })
  default = { name = 7, alias = null }
}
"#;
        assert_eq!(
            var(cfg),
            r#"{"alias":"alias/app","byname":{"a":{"on":false}},"grants":null,"name":"7","nested":{"days":30},"rotate":true}"#
        );
    }

    #[test]
    fn collections_of_any_unify_and_primitives_convert() {
        assert_eq!(
            var("variable \"x\" {\n type = list(any)\n default = [1, \"a\"]\n}"),
            r#"["1","a"]"#
        );
        assert_eq!(
            var("variable \"x\" {\n type = map(number)\n default = { a = \"1.5\" }\n}"),
            r#"{"a":1.5}"#
        );
        assert_eq!(
            var("variable \"x\" {\n type = set(string)\n default = [\"b\", \"a\", \"b\"]\n}"),
            r#"["a","b"]"#
        );
    }
}
