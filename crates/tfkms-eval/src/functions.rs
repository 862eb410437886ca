//! Terraform's built-in functions.
//!
//! Each function takes evaluated arguments and the call's span; wrong
//! argument types give an error value worded like Terraform's message, and
//! unknown arguments give unknown results (never a guess).

use crate::eval::{Scope, append_to_text, unknown_of};
use crate::value::{Cause, Kind, Number, Origin, Shape, Text, Value};
use tfkms_syntax::Span;

pub fn call(scope: &Scope, name: &str, args: Vec<Value>, span: Span) -> Value {
    let origin = Origin::at(span);
    let f = Call {
        name,
        origin: origin.clone(),
        scope,
    };
    match name {
        "length" => f.arity(&args, 1).and_then(|_| length(&args[0], &origin)),
        "tolist" => f
            .arity(&args, 1)
            .map(|_| to_list(args.into_iter().next().unwrap(), origin.clone())),
        "toset" => f
            .arity(&args, 1)
            .map(|_| to_set(args.into_iter().next().unwrap(), origin.clone())),
        "concat" => concat(args, &origin),
        "format" => format(args, &origin),
        "jsonencode" => f
            .arity(&args, 1)
            .map(|_| jsonencode(args.into_iter().next().unwrap(), origin.clone())),
        "try" => Ok(try_(args, &origin)),
        "can" => f
            .arity(&args, 1)
            .map(|_| Value::bool(!has_error(&args[0]), origin.clone())),
        "timestamp" | "uuid" | "bcrypt" | "plantimestamp" | "uuidv5" => Ok(Value::unknown(
            Cause::ImpureFunction {
                name: name.to_string(),
            },
            Shape::Any,
            origin.clone(),
        )),
        _ => Ok(Value::unknown(
            Cause::Unsupported {
                what: format!("the function `{name}()`"),
            },
            Shape::Any,
            origin.clone(),
        )),
    }
    .unwrap_or_else(|e| e)
}

struct Call<'a, 's, 'i, 'p> {
    name: &'a str,
    origin: Origin,
    #[allow(dead_code)]
    scope: &'s Scope<'i, 'p>,
}

impl Call<'_, '_, '_, '_> {
    fn arity(&self, args: &[Value], n: usize) -> Result<(), Value> {
        if args.len() == n {
            Ok(())
        } else {
            Err(Value::error(
                format!(
                    "invalid function call: {}() takes {n} argument{}, {} given",
                    self.name,
                    if n == 1 { "" } else { "s" },
                    args.len()
                ),
                self.origin.clone(),
            ))
        }
    }
}

/// Whether evaluating the value failed somewhere (as opposed to it merely
/// being unknown).
pub fn has_error(v: &Value) -> bool {
    matches!(
        v.first_unknown().map(|u| &*u.cause),
        Some(Cause::Error { .. })
    )
}

fn try_(args: Vec<Value>, origin: &Origin) -> Value {
    let n = args.len();
    for (i, a) in args.into_iter().enumerate() {
        if !has_error(&a) || i + 1 == n {
            if has_error(&a) {
                return Value::error(
                    "no expression given to try() could be evaluated without an error",
                    origin.clone(),
                );
            }
            return a;
        }
    }
    Value::error("try() needs at least one argument", origin.clone())
}

fn length(v: &Value, origin: &Origin) -> Result<Value, Value> {
    let n = match &v.kind {
        Kind::List(i) | Kind::Set(i) => i.len(),
        Kind::Map(m) => m.len(),
        Kind::String(t) => match t.as_known() {
            Some(s) => s.chars().count(),
            None => return Ok(Value::unknown_from(unknown_of(v), origin.clone())),
        },
        Kind::Unknown(u) => return Ok(Value::unknown_from(u.clone(), origin.clone())),
        _ => {
            return Err(Value::error(
                format!(
                    "invalid function argument: length() requires a collection or string, got {}",
                    v.type_name()
                ),
                origin.clone(),
            ));
        }
    };
    Ok(Value::number(Number::from_i64(n as i64), origin.clone()))
}

pub fn to_list(v: Value, origin: Origin) -> Value {
    match v.kind {
        Kind::List(items) | Kind::Set(items) => Value::list(items, origin),
        Kind::Unknown(_) | Kind::Null => v,
        _ => Value::error(
            format!(
                "invalid function argument: cannot convert {} to list",
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
            Value::set(items, origin)
        }
        Kind::Unknown(_) | Kind::Null => v,
        _ => Value::error(
            format!(
                "invalid function argument: cannot convert {} to set",
                v.type_name()
            ),
            origin,
        ),
    }
}

fn concat(args: Vec<Value>, origin: &Origin) -> Result<Value, Value> {
    let mut out = Vec::new();
    for a in args {
        match a.kind {
            Kind::List(items) | Kind::Set(items) => out.extend(items),
            Kind::Unknown(u) => return Ok(Value::unknown_from(u, origin.clone())),
            _ => {
                return Err(Value::error(
                    format!(
                        "invalid function argument: all arguments of concat() must be lists or tuples, got {}",
                        a.type_name()
                    ),
                    origin.clone(),
                ));
            }
        }
    }
    Ok(Value::list(out, origin.clone()))
}

/// `format(spec, args...)` for the verbs `%s`, `%d`, `%v`, `%q`, `%%`, with
/// unknown arguments becoming unknown parts of the result.
fn format(args: Vec<Value>, origin: &Origin) -> Result<Value, Value> {
    let mut it = args.into_iter();
    let Some(spec) = it.next() else {
        return Err(Value::error(
            "format() needs a format string",
            origin.clone(),
        ));
    };
    let Some(spec_s) = spec.as_known_str().map(|s| s.into_owned()) else {
        return Ok(Value::unknown_from(unknown_of(&spec), origin.clone()));
    };
    let rest: Vec<Value> = it.collect();
    let mut next = 0usize;
    let mut text = Text::default();
    let mut lit = String::new();
    let mut chars = spec_s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        // Flags, width and precision are accepted and ignored except for
        // zero-padded integers (`%03d`).
        let mut flags = String::new();
        while let Some(&f) = chars.peek() {
            if "+- #0123456789.".contains(f) {
                flags.push(f);
                chars.next();
            } else {
                break;
            }
        }
        let Some(verb) = chars.next() else {
            return Err(Value::error(
                "format string ends with an unfinished verb",
                origin.clone(),
            ));
        };
        if verb == '%' {
            lit.push('%');
            continue;
        }
        let Some(arg) = rest.get(next).cloned() else {
            return Err(Value::error(
                format!("not enough arguments for format string: verb %{verb} has no argument"),
                origin.clone(),
            ));
        };
        next += 1;
        text.push_str(&std::mem::take(&mut lit), origin.clone());
        match verb {
            's' | 'v' => append_to_text(&mut text, arg, origin.span.unwrap())?,
            'd' => match &arg.kind {
                Kind::Unknown(_) => append_to_text(&mut text, arg, origin.span.unwrap())?,
                _ => {
                    let n = crate::ops::to_number(&arg)?;
                    let Some(i) = n.as_i64() else {
                        return Err(Value::error(
                            format!(
                                "unsupported value for \"%d\" at {}: an integer is required",
                                next
                            ),
                            origin.clone(),
                        ));
                    };
                    let s = if let Some(w) = flags
                        .strip_prefix('0')
                        .and_then(|w| w.parse::<usize>().ok())
                    {
                        format!("{i:0w$}")
                    } else {
                        i.to_string()
                    };
                    text.push_str(&s, arg.origin.clone());
                }
            },
            'q' => match arg.as_known_str() {
                Some(s) => text.push_str(&format!("{s:?}"), arg.origin.clone()),
                None => append_to_text(&mut text, arg, origin.span.unwrap())?,
            },
            other => {
                return Err(Value::error(
                    format!("unsupported format verb %{other}"),
                    origin.clone(),
                ));
            }
        }
    }
    text.push_str(&lit, origin.clone());
    if next < rest.len() {
        return Err(Value::error(
            format!("too many arguments; only {next} used by format string"),
            origin.clone(),
        ));
    }
    Ok(Value::new(Kind::String(text), origin.clone()))
}

/// `jsonencode(v)`: the JSON text, remembering the value it encodes so that
/// policy extraction can point into the original expression.
pub fn jsonencode(v: Value, origin: Origin) -> Value {
    if let Some(u) = v.first_unknown() {
        let mut t = Text::default();
        t.parts.push(crate::value::TextPart::Unknown(u.clone()));
        t.encoded = Some(std::sync::Arc::new(v));
        return Value::new(Kind::String(t), origin);
    }
    let s = crate::json::encode(&v);
    let mut t = Text::known(s, origin.clone());
    t.encoded = Some(std::sync::Arc::new(v));
    Value::new(Kind::String(t), origin)
}
