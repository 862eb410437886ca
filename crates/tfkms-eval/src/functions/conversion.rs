//! Type conversion functions, `try` and `can`.

use super::{Call, Res, first_error, friendly, has_error, quote, unify};
use crate::value::{Cause, Kind, Number, Origin, Value};

pub fn identity(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["value"])?;
    Ok(args.into_iter().next().unwrap_or_else(|| c.null()))
}

pub fn tostring(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["v"])?;
    let v = args.into_iter().next().unwrap_or_else(|| c.null());
    match &v.kind {
        Kind::String(_) | Kind::Null | Kind::Unknown(_) => Ok(v),
        Kind::Number(n) => Ok(Value::string(n.to_string(), v.origin.clone())),
        Kind::Bool(b) => Ok(Value::string(b.to_string(), v.origin.clone())),
        _ => Err(c.bad("v", format!("cannot convert {} to string", friendly(&v)))),
    }
}

pub fn tonumber(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["v"])?;
    let v = args.into_iter().next().unwrap_or_else(|| c.null());
    match &v.kind {
        Kind::Number(_) | Kind::Null | Kind::Unknown(_) => Ok(v),
        Kind::String(t) => {
            let Some(s) = t.as_known() else {
                return Err(c.unknown_like(&v));
            };
            match Number::parse(&s) {
                Some(n) => Ok(Value::number(n, v.origin.clone())),
                None => Err(c.bad(
                    "v",
                    format!(
                        "cannot convert {} to number; given string must be a decimal representation of a number",
                        quote(&s)
                    ),
                )),
            }
        }
        _ => Err(c.bad("v", format!("cannot convert {} to number", friendly(&v)))),
    }
}

pub fn tobool(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["v"])?;
    let v = args.into_iter().next().unwrap_or_else(|| c.null());
    match &v.kind {
        Kind::Bool(_) | Kind::Null | Kind::Unknown(_) => Ok(v),
        Kind::String(t) => match t.as_known().as_deref() {
            Some("true") => Ok(Value::bool(true, v.origin.clone())),
            Some("false") => Ok(Value::bool(false, v.origin.clone())),
            Some(s) => Err(c.bad(
                "v",
                format!(
                    "cannot convert {} to bool; only the strings \"true\" or \"false\" are allowed",
                    quote(s)
                ),
            )),
            None => Err(c.unknown_like(&v)),
        },
        _ => Err(c.bad("v", format!("cannot convert {} to bool", friendly(&v)))),
    }
}

pub fn tolist(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["v"])?;
    let v = args.into_iter().next().unwrap_or_else(|| c.null());
    match v.kind {
        Kind::Map(_) | Kind::String(_) | Kind::Number(_) | Kind::Bool(_) => Err(c.bad(
            "v",
            format!("cannot convert {} to list of any single type", friendly(&v)),
        )),
        _ => Ok(to_list(v, c.origin.clone())),
    }
}

pub fn toset(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["v"])?;
    let v = args.into_iter().next().unwrap_or_else(|| c.null());
    match v.kind {
        Kind::Map(_) | Kind::String(_) | Kind::Number(_) | Kind::Bool(_) => Err(c.bad(
            "v",
            format!("cannot convert {} to set of any single type", friendly(&v)),
        )),
        _ => Ok(to_set(v, c.origin.clone())),
    }
}

pub fn tomap(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["v"])?;
    let v = args.into_iter().next().unwrap_or_else(|| c.null());
    match v.kind {
        Kind::Map(m) => {
            let (keys, vals): (Vec<String>, Vec<Value>) = m.into_iter().unzip();
            Ok(Value::map(
                keys.into_iter().zip(unify(vals)).collect(),
                c.origin.clone(),
            ))
        }
        Kind::Null | Kind::Unknown(_) => Ok(v),
        _ => Err(c.bad(
            "v",
            format!("cannot convert {} to map of any single type", friendly(&v)),
        )),
    }
}

/// Converts a sequence to a list with one element type, as `tolist` does.
pub fn to_list(v: Value, origin: Origin) -> Value {
    match v.kind {
        Kind::List(items) | Kind::Set(items) => Value::list(unify(items), origin),
        Kind::Unknown(_) | Kind::Null => v,
        _ => Value::error(
            format!(
                "Invalid function argument: cannot convert {} to list",
                v.type_name()
            ),
            origin,
        ),
    }
}

pub fn to_set(v: Value, origin: Origin) -> Value {
    match v.kind {
        Kind::List(items) | Kind::Set(items) => {
            if let Some(u) = items.iter().find_map(|i| i.first_unknown()) {
                // Unknown elements may turn out equal to others: the set's size
                // (and so any for_each over it) is unknown.
                return Value::unknown_from(u.clone(), origin);
            }
            Value::set(unify(items), origin)
        }
        Kind::Unknown(_) | Kind::Null => v,
        _ => Value::error(
            format!(
                "Invalid function argument: cannot convert {} to set",
                v.type_name()
            ),
            origin,
        ),
    }
}

/// `try(exprs...)`: the first argument whose evaluation did not fail.
pub fn try_(c: &Call, args: Vec<Value>) -> Res {
    if args.is_empty() {
        return Err(c.fail("at least one argument is required"));
    }
    let mut messages = Vec::new();
    for a in args {
        match first_error(&a) {
            None => return Ok(a),
            Some(u) => {
                if let Cause::Error { message, .. } = &*u.cause {
                    messages.push(message.clone());
                }
            }
        }
    }
    Err(c.fail(format!(
        "no expression succeeded:\n- {}\nAt least one expression must produce a successful result",
        messages.join("\n- ")
    )))
}

/// `can(expr)`: whether it evaluated without an error. Unknown when the
/// value is not wholly known, since the unknown parts may fail later.
pub fn can(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["expression"])?;
    let v = &args[0];
    if has_error(v) {
        return Ok(c.bool(false));
    }
    if !v.is_wholly_known() {
        return Err(c.unknown_like(v));
    }
    Ok(c.bool(true))
}

/// `type(v)` (a `terraform console` function): an approximation, since
/// tfkms does not keep list and tuple, map and object apart.
pub fn type_(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["value"])?;
    Ok(c.string(type_string(&args[0])))
}

fn type_string(v: &Value) -> String {
    match &v.kind {
        Kind::Null | Kind::Unknown(_) => "dynamic".into(),
        Kind::Bool(_) => "bool".into(),
        Kind::Number(_) => "number".into(),
        Kind::String(_) => "string".into(),
        Kind::List(items) => format!(
            "tuple([{}])",
            items.iter().map(type_string).collect::<Vec<_>>().join(", ")
        ),
        Kind::Set(items) => format!(
            "set({})",
            items.first().map_or_else(|| "dynamic".into(), type_string)
        ),
        Kind::Map(m) => format!(
            "object({{{}}})",
            m.iter()
                .map(|(k, v)| format!("{k}: {}", type_string(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
