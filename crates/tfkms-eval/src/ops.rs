//! Unary and binary operators with Terraform's conversions.

use crate::eval::unknown_of;
use crate::value::{Kind, Number, Origin, Value};
use tfkms_syntax::ast::{BinaryOp, UnaryOp};

/// The value as a number, converting a numeric string as Terraform does.
pub fn to_number(v: &Value) -> Result<Number, Value> {
    match &v.kind {
        Kind::Number(n) => Ok(n.clone()),
        Kind::String(t) => match t.as_known() {
            Some(s) => Number::parse(&s).ok_or_else(|| {
                Value::error(
                    format!("cannot convert {s:?} to a number"),
                    v.origin.clone(),
                )
            }),
            None => Err(Value::unknown_from(unknown_of(v), v.origin.clone())),
        },
        Kind::Unknown(u) => Err(Value::unknown_from(u.clone(), v.origin.clone())),
        _ => Err(Value::error(
            format!("a number is required, got {}", v.type_name()),
            v.origin.clone(),
        )),
    }
}

pub fn to_bool(v: &Value) -> Result<bool, Value> {
    match &v.kind {
        Kind::Unknown(u) => Err(Value::unknown_from(u.clone(), v.origin.clone())),
        _ => v.as_bool().ok_or_else(|| {
            if v.first_unknown().is_some() {
                Value::unknown_from(unknown_of(v), v.origin.clone())
            } else {
                Value::error(
                    format!("a bool is required, got {}", v.type_name()),
                    v.origin.clone(),
                )
            }
        }),
    }
}

pub fn unary(op: UnaryOp, v: Value, origin: Origin) -> Value {
    match op {
        UnaryOp::Neg => match to_number(&v) {
            Ok(n) => Value::number(n.neg(), origin),
            Err(e) => e,
        },
        UnaryOp::Not => match to_bool(&v) {
            Ok(b) => Value::bool(!b, origin),
            Err(e) => e,
        },
    }
}

pub fn binary(op: BinaryOp, a: Value, b: Value, origin: Origin) -> Value {
    use BinaryOp::*;
    match op {
        Eq | NotEq => match a.equals(&b) {
            Some(eq) => Value::bool(eq == (op == Eq), origin),
            None => Value::unknown_from(
                unknown_of(if a.first_unknown().is_some() { &a } else { &b }),
                origin,
            ),
        },
        And | Or => {
            let (x, y) = (to_bool(&a), to_bool(&b));
            match (x, y, op) {
                (Ok(x), Ok(y), And) => Value::bool(x && y, origin),
                (Ok(x), Ok(y), _) => Value::bool(x || y, origin),
                (Ok(false), _, And) | (_, Ok(false), And) => Value::bool(false, origin),
                (Ok(true), _, Or) | (_, Ok(true), Or) => Value::bool(true, origin),
                (Err(e), _, _) | (_, Err(e), _) => e,
            }
        }
        _ => {
            let x = match to_number(&a) {
                Ok(n) => n,
                Err(e) => return e,
            };
            let y = match to_number(&b) {
                Ok(n) => n,
                Err(e) => return e,
            };
            // cty's arithmetic, with its messages for the cases it refuses
            // (infinity minus infinity, ...).
            let arithmetic = match op {
                Plus => Some(x.try_add(&y)),
                Minus => Some(x.try_sub(&y)),
                Mul => Some(x.try_mul(&y)),
                Div => Some(x.try_div(&y)),
                Mod => Some(x.try_rem(&y)),
                _ => None,
            };
            if let Some(result) = arithmetic {
                return match result {
                    Ok(n) => Value::number(n, origin),
                    Err(e) => Value::error(e.to_string(), origin),
                };
            }
            match op {
                Less => Value::bool(x < y, origin),
                LessEq => Value::bool(x <= y, origin),
                Greater => Value::bool(x > y, origin),
                GreaterEq => Value::bool(x >= y, origin),
                Eq | NotEq | And | Or | Plus | Minus | Mul | Div | Mod => {
                    unreachable!("handled above")
                }
            }
        }
    }
}
