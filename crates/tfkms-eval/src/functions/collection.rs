//! Collection functions. Elements moved from arguments keep their own
//! origins; a function that must compare or order elements returns unknown
//! when an element it needs is unknown.

use super::{Call, Res, friendly, unify};
use crate::value::{Kind, Number, TextPart, Unknown, Value};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use unicode_segmentation::UnicodeSegmentation;

pub fn length(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["value"])?;
    let v = &args[0];
    let n = match &v.kind {
        Kind::List(i) | Kind::Set(i) => {
            if matches!(v.kind, Kind::Set(_)) && i.iter().any(|e| !e.is_wholly_known()) {
                // Unknown elements may turn out equal and merge.
                return Err(c.unknown_like(v));
            }
            i.len()
        }
        Kind::Map(m) => m.len(),
        Kind::String(t) => match t.as_known() {
            Some(s) => s.graphemes(true).count(),
            None => return Err(c.unknown_like(v)),
        },
        Kind::Unknown(u) => return Err(c.unknown_from(u)),
        Kind::Null => return Err(c.bad("value", "argument must not be null")),
        _ => {
            return Err(c.bad(
                "value",
                "argument must be a string, a collection type, or a structural type",
            ));
        }
    };
    Ok(c.int(n as i64))
}

/// Elements that must all be known for the function to decide anything.
fn known_elements(c: &Call, items: &[Value]) -> Result<(), Value> {
    match items.iter().find(|e| !e.is_wholly_known()) {
        Some(e) => Err(c.unknown_like(e)),
        None => Ok(()),
    }
}

/// Elements of an unknown argument are not lost: `concat(["a"], var.more)`
/// is a list of unknown length that holds `"a"`.
pub fn concat(c: &Call, args: Vec<Value>) -> Res {
    let mut out = Vec::new();
    let mut unknown: Option<Unknown> = None;
    for a in args {
        match a.kind {
            Kind::List(items) | Kind::Set(items) => {
                c.charge(items.len())?;
                out.extend(items);
            }
            Kind::Unknown(u) => {
                out.extend(u.known_elements().iter().cloned());
                unknown.get_or_insert(u);
            }
            _ => {
                return Err(c.bad(
                    "seqs",
                    "all arguments must be lists or tuples; got ".to_string() + friendly(&a),
                ));
            }
        }
        c.check_len(out.len())?;
    }
    match unknown {
        Some(u) => Ok(Value::unknown_from(u.list_with(out), c.origin.clone())),
        None => Ok(c.list(out)),
    }
}

/// An unknown element may be a list whose elements would be spliced in:
/// the result's length is unknown, the elements found are kept.
pub fn flatten(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    let (items, mut unknown) = c.seq_partly_unknown(list, "list")?;
    let mut out = Vec::new();
    flatten_into(c, items, &mut out, &mut unknown, 0)?;
    match unknown {
        Some(u) => Ok(Value::unknown_from(u.list_with(out), c.origin.clone())),
        None => Ok(c.list(out)),
    }
}

fn flatten_into(
    c: &Call,
    items: Vec<Value>,
    out: &mut Vec<Value>,
    unknown: &mut Option<Unknown>,
    depth: u32,
) -> Result<(), Value> {
    if depth > c.scope.budget().limits.max_depth {
        return Err(c.limit("flatten() of a too deeply nested list"));
    }
    for e in items {
        match e.kind {
            Kind::List(inner) | Kind::Set(inner) => {
                flatten_into(c, inner, out, unknown, depth + 1)?
            }
            // One string (a key ARN) is an element, not a list to splice.
            Kind::Unknown(ref u) if u.shape.is_string() => {
                out.push(e);
                c.check_len(out.len())?;
                c.charge(1)?;
            }
            Kind::Unknown(u) => {
                let inner = u.known_elements().to_vec();
                unknown.get_or_insert(u);
                flatten_into(c, inner, out, unknown, depth + 1)?;
            }
            _ => {
                out.push(e);
                c.check_len(out.len())?;
                c.charge(1)?;
            }
        }
    }
    Ok(())
}

pub fn distinct(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    let (items, unknown) = c.seq_partly_unknown(list, "list")?;
    let items = unify(items);
    // An unknown element may repeat a known one, or not: every known value
    // is in the result either way, in a list of unknown length.
    let unknown = unknown.or_else(|| items.iter().find_map(|e| e.first_unknown().cloned()));
    let items: Vec<Value> = items.into_iter().filter(Value::is_wholly_known).collect();
    c.charge(items.len())?;
    // Sorting positions by value finds the repeats in O(n log n); the
    // first occurrence of each value is kept, in the original order.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].canonical_cmp(&items[b]).then(a.cmp(&b)));
    let mut keep = vec![false; items.len()];
    for (i, &pos) in order.iter().enumerate() {
        keep[pos] = i == 0 || items[order[i - 1]].canonical_cmp(&items[pos]) != Ordering::Equal;
    }
    let distinct = items
        .into_iter()
        .zip(keep)
        .filter_map(|(v, k)| k.then_some(v))
        .collect();
    match unknown {
        Some(u) => Ok(Value::unknown_from(u.list_with(distinct), c.origin.clone())),
        None => Ok(c.list(distinct)),
    }
}

/// An element that may be empty (an unknown string) leaves the result's
/// length unknown; the elements that cannot be empty are kept: known
/// non-empty text, and unknowns known to be an ARN or an ID.
pub fn compact(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    let (items, mut unknown) = c.seq_partly_unknown(list, "list")?;
    let mut out = Vec::new();
    for e in items {
        match &e.kind {
            Kind::Null => {}
            Kind::String(t) if t.as_known().is_some_and(|s| s.is_empty()) => {}
            Kind::String(t)
                if !t.is_known()
                    && t.parts.iter().all(|p| match p {
                        TextPart::Unknown(u) => !u.shape.is_string(),
                        TextPart::Known { text, .. } => text.is_empty(),
                    }) =>
            {
                let u = t.unknowns().next().cloned();
                unknown = unknown.or(u);
            }
            Kind::String(_) => out.push(e),
            Kind::Number(_) | Kind::Bool(_) => out.push(super::stringify(e)),
            Kind::Unknown(u) if u.shape.is_string() => out.push(e),
            Kind::Unknown(u) => {
                unknown.get_or_insert_with(|| u.clone());
            }
            _ => return Err(c.bad("list", "list of string required")),
        }
    }
    match unknown {
        Some(u) => Ok(Value::unknown_from(u.list_with(out), c.origin.clone())),
        None => Ok(c.list(out)),
    }
}

pub fn contains(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list", "value"])?;
    let mut it = args.into_iter();
    let list = it.next().unwrap_or_else(|| c.null());
    let value = it.next().unwrap_or_else(|| c.null());
    let is_set = matches!(list.kind, Kind::Set(_));
    let items = c.seq(list, "list")?;
    if let Kind::Unknown(u) = &value.kind {
        return Err(c.unknown_from(u));
    }
    let items = if is_set { unify(items) } else { items };
    let mut unknown = None;
    for e in &items {
        match e.equals(&value) {
            Some(true) => return Ok(c.bool(true)),
            None => unknown = unknown.or(Some(e)),
            _ => {}
        }
    }
    match unknown {
        Some(e) => Err(c.unknown_like(if e.is_wholly_known() { &value } else { e })),
        None => Ok(c.bool(false)),
    }
}

pub fn index(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list", "value"])?;
    let mut it = args.into_iter();
    let list = it.next().unwrap_or_else(|| c.null());
    let value = it.next().unwrap_or_else(|| c.null());
    if let Kind::Set(_) = list.kind {
        return Err(c.bad("list", "argument must be a list or tuple"));
    }
    let items = c.seq(list, "list")?;
    if let Kind::Unknown(u) = &value.kind {
        return Err(c.unknown_from(u));
    }
    for (i, e) in items.iter().enumerate() {
        match e.equals(&value) {
            Some(true) => return Ok(c.int(i as i64)),
            None => return Err(c.unknown_like(if e.is_wholly_known() { &value } else { e })),
            _ => {}
        }
    }
    Err(c.fail("item not found"))
}

pub fn element(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list", "index"])?;
    let mut it = args.into_iter();
    let list = it.next().unwrap_or_else(|| c.null());
    let idx = it.next().unwrap_or_else(|| c.null());
    if let Kind::Set(_) = list.kind {
        return Err(c.bad("list", "cannot read elements from set"));
    }
    let items = c.seq(list, "list")?;
    let n = c.num(&idx, "index")?;
    if !n.is_integer() {
        return Err(c.fail(format!(
            "invalid index: value must be a whole number, got {n}"
        )));
    }
    if items.is_empty() {
        return Err(c.fail("cannot use element function with an empty list"));
    }
    let Some(i) = n.as_i64() else {
        return Err(c.fail("invalid index: value must be a whole number"));
    };
    if i < 0 {
        return Err(c.fail("cannot use element function with a negative index"));
    }
    let i = (i as u64 % items.len() as u64) as usize;
    Ok(items.into_iter().nth(i).unwrap_or_else(|| c.null()))
}

pub fn keys(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["inputMap"])?;
    let m = args.into_iter().next().unwrap_or_else(|| c.null());
    let m = c.mapping(m, "inputMap")?;
    Ok(c.list(
        m.into_iter()
            .map(|(k, v)| Value::string(k, v.origin))
            .collect(),
    ))
}

pub fn values(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["mapping"])?;
    let m = args.into_iter().next().unwrap_or_else(|| c.null());
    let m = c.mapping(m, "mapping")?;
    Ok(c.list(m.into_values().collect()))
}

pub fn lookup(c: &Call, args: Vec<Value>) -> Res {
    c.arity_range(&args, 2, Some(3), &["inputMap", "key", "default"])?;
    let mut it = args.into_iter();
    let m = it.next().unwrap_or_else(|| c.null());
    let key = it.next().unwrap_or_else(|| c.null());
    let default = it.next();
    let m = c.mapping(m, "inputMap")?;
    let k = c.str(&key, "key")?;
    match m.get(k.as_ref()) {
        Some(v) => Ok(v.clone()),
        None => match default {
            Some(d) => Ok(d),
            None => Err(c.fail(format!("lookup failed to find key {}", super::quote(&k)))),
        },
    }
}

pub fn merge(c: &Call, args: Vec<Value>) -> Res {
    let mut out = BTreeMap::new();
    for a in args {
        match a.kind {
            Kind::Map(m) => {
                c.charge(m.len())?;
                out.extend(m);
            }
            Kind::Null => {}
            Kind::Unknown(u) => return Err(c.unknown_from(&u)),
            _ => {
                return Err(c.bad(
                    "maps",
                    format!(
                        "arguments must be maps or objects, got \"{}\"",
                        friendly(&a)
                    ),
                ));
            }
        }
    }
    Ok(c.map(out))
}

pub fn matchkeys(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["values", "keys", "searchset"])?;
    let mut it = args.into_iter();
    let vals = c.seq(it.next().unwrap_or_else(|| c.null()), "values")?;
    let keys = unify(c.seq(it.next().unwrap_or_else(|| c.null()), "keys")?);
    let search = unify(c.seq(it.next().unwrap_or_else(|| c.null()), "searchset")?);
    if vals.len() != keys.len() {
        return Err(c.fail("length of keys and values should be equal"));
    }
    known_elements(c, &keys)?;
    known_elements(c, &search)?;
    let search = canonical(search);
    c.charge(keys.len())?;
    let mut out = Vec::new();
    for (v, k) in vals.into_iter().zip(keys) {
        if has(&search, &k) {
            out.push(v);
        }
    }
    Ok(c.list(out))
}

pub fn one(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    if matches!(list.kind, Kind::Set(ref i) if i.iter().any(|e| !e.is_wholly_known())) {
        return Err(c.unknown_like(&list));
    }
    let items = match list.kind {
        Kind::Map(_) | Kind::String(_) | Kind::Number(_) | Kind::Bool(_) => {
            return Err(c.bad(
                "list",
                "must be a list, set, or tuple value with either zero or one elements",
            ));
        }
        _ => c.seq(list, "list")?,
    };
    match items.len() {
        0 => Ok(c.null()),
        1 => Ok(items.into_iter().next().unwrap_or_else(|| c.null())),
        _ => Err(c.bad(
            "list",
            "must be a list, set, or tuple value with either zero or one elements",
        )),
    }
}

/// cty's `range`: at most 1024 elements, as Terraform limits it.
pub fn range(c: &Call, args: Vec<Value>) -> Res {
    c.arity_range(&args, 1, Some(3), &["params"])?;
    let nums = args
        .iter()
        .map(|a| c.num(a, "params"))
        .collect::<Result<Vec<Number>, Value>>()?;
    let zero = Number::zero();
    let (start, end, step) = match nums.as_slice() {
        [end] => (
            zero.clone(),
            end.clone(),
            Number::from_i64(if *end < zero { -1 } else { 1 }),
        ),
        [start, end] => (
            start.clone(),
            end.clone(),
            Number::from_i64(if end < start { -1 } else { 1 }),
        ),
        [start, end, step] => (start.clone(), end.clone(), step.clone()),
        _ => unreachable!("arity checked"),
    };
    if step.is_zero() {
        return Err(c.bad("params", "step must not be zero"));
    }
    let down = step < zero;
    if down && end > start {
        return Err(c.bad(
            "params",
            "end must be less than start when step is negative",
        ));
    }
    if !down && end < start {
        return Err(c.bad(
            "params",
            "end must be greater than start when step is positive",
        ));
    }
    let mut out = Vec::new();
    let mut num = start;
    loop {
        if (down && num <= end) || (!down && num >= end) {
            break;
        }
        if out.len() >= 1024 {
            return Err(c.fail(
                "more than 1024 values were generated; either decrease the difference between start and end or use a smaller step",
            ));
        }
        c.charge(1)?;
        out.push(c.number(num.clone()));
        num = num.try_add(&step).map_err(|e| c.fail(e.to_string()))?;
    }
    Ok(c.list(out))
}

pub fn reverse(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    let mut items = c.seq(list, "list")?;
    items.reverse();
    Ok(c.list(items))
}

pub fn slice(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list", "start_index", "end_index"])?;
    let mut it = args.into_iter();
    let list = it.next().unwrap_or_else(|| c.null());
    let start = it.next().unwrap_or_else(|| c.null());
    let end = it.next().unwrap_or_else(|| c.null());
    if let Kind::Set(_) = list.kind {
        return Err(c.bad("list", "must be a list or tuple value"));
    }
    let items = c.seq(list, "list")?;
    let s = c.int_arg(&start, "start_index")?;
    let e = c.int_arg(&end, "end_index")?;
    if s < 0 {
        return Err(c.bad("start_index", "start index must not be less than zero"));
    }
    if e > items.len() as i64 {
        return Err(c.bad(
            "end_index",
            "end index must not be greater than the length of the list",
        ));
    }
    if s > e {
        return Err(c.bad(
            "start_index",
            "start index must not be greater than end index",
        ));
    }
    Ok(c.list(items[s as usize..e as usize].to_vec()))
}

pub fn sort(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    let items = c.seq(list, "list")?;
    known_elements(c, &items)?;
    let mut keyed = Vec::with_capacity(items.len());
    for e in items {
        let s = match &e.kind {
            Kind::String(_) | Kind::Number(_) | Kind::Bool(_) => {
                e.as_known_str().unwrap_or_default().into_owned()
            }
            Kind::Null => {
                return Err(c.bad(
                    "list",
                    "given list element 0 is null; a null string cannot be sorted",
                ));
            }
            _ => return Err(c.bad("list", "list of string required")),
        };
        keyed.push((s, e.origin));
    }
    c.charge(keyed.len())?;
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(c.list(
        keyed
            .into_iter()
            .map(|(s, o)| Value::string(s, o))
            .collect(),
    ))
}

pub fn sum(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    let items = match list.kind {
        Kind::Map(m) => m.into_values().collect(),
        _ => c.seq(list, "list")?,
    };
    if items.is_empty() {
        return Err(c.fail("cannot sum an empty list"));
    }
    let mut total: Option<Number> = None;
    for e in &items {
        if e.is_null() {
            return Err(c.fail("argument must be list, set, or tuple of number values"));
        }
        let n = c.num(e, "list")?;
        total = Some(match total {
            None => n,
            Some(t) => t.try_add(&n).map_err(|err| c.fail(err.to_string()))?,
        });
    }
    Ok(c.number(total.unwrap_or_else(Number::zero)))
}

pub fn transpose(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["values"])?;
    let m = args.into_iter().next().unwrap_or_else(|| c.null());
    let m = c.mapping(m, "values")?;
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (k, v) in m {
        let origin = v.origin.clone();
        for e in c.seq(v, "values")? {
            let s = c.str(&e, "values")?.into_owned();
            c.charge(1)?;
            out.entry(s)
                .or_default()
                .push(Value::string(k.clone(), origin.clone()));
        }
    }
    Ok(c.map(out.into_iter().map(|(k, v)| (k, c.list(v))).collect()))
}

pub fn zipmap(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["keys", "values"])?;
    let mut it = args.into_iter();
    let keys = c.seq(it.next().unwrap_or_else(|| c.null()), "keys")?;
    let vals = c.seq(it.next().unwrap_or_else(|| c.null()), "values")?;
    if keys.len() != vals.len() {
        return Err(c.fail(format!(
            "number of keys ({}) does not match number of values ({})",
            keys.len(),
            vals.len()
        )));
    }
    let mut out = BTreeMap::new();
    for (k, v) in keys.into_iter().zip(vals) {
        let k = c.str(&k, "keys")?.into_owned();
        out.insert(k, v);
    }
    Ok(c.map(out))
}

pub fn chunklist(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list", "size"])?;
    let mut it = args.into_iter();
    let list = it.next().unwrap_or_else(|| c.null());
    let size = it.next().unwrap_or_else(|| c.null());
    let items = unify(c.seq(list, "list")?);
    let size = c.int_arg(&size, "size")?;
    if size < 0 {
        return Err(c.bad("size", "the size argument must be positive"));
    }
    if items.is_empty() {
        return Ok(c.list(vec![]));
    }
    if size == 0 {
        return Ok(c.list(vec![c.list(items)]));
    }
    Ok(c.list(
        items
            .chunks(size as usize)
            .map(|ch| c.list(ch.to_vec()))
            .collect(),
    ))
}

/// `coalesce(vals...)`: the first argument that is not null (nor an empty
/// string, when all of them are strings).
pub fn coalesce(c: &Call, args: Vec<Value>) -> Res {
    let args = unify(args);
    let all_strings = args
        .iter()
        .all(|a| matches!(a.kind, Kind::String(_) | Kind::Null | Kind::Unknown(_)));
    for a in args {
        match &a.kind {
            Kind::Unknown(u) => return Err(c.unknown_from(u)),
            Kind::Null => continue,
            Kind::String(t) if all_strings => match t.as_known() {
                Some(s) if s.is_empty() => continue,
                Some(_) => return Ok(a),
                None => {
                    // A partly known string is not empty when it has any
                    // known text.
                    if t.parts.iter().any(|p| matches!(p, crate::value::TextPart::Known { text, .. } if !text.is_empty())) {
                        return Ok(a);
                    }
                    return Err(c.unknown_like(&a));
                }
            },
            _ => return Ok(a),
        }
    }
    Err(c.fail("no non-null, non-empty-string arguments"))
}

pub fn coalescelist(c: &Call, args: Vec<Value>) -> Res {
    if args.is_empty() {
        return Err(c.fail("at least one argument is required"));
    }
    for a in args {
        match &a.kind {
            Kind::Unknown(u) => return Err(c.unknown_from(u)),
            Kind::Null => continue,
            Kind::List(items) | Kind::Set(items) => {
                if !items.is_empty() {
                    return Ok(a);
                }
            }
            _ => {
                return Err(c.bad(
                    "vals",
                    format!(
                        "coalescelist arguments must be lists or tuples, got {}",
                        friendly(&a)
                    ),
                ));
            }
        }
    }
    Err(c.fail("no non-null arguments"))
}

pub fn alltrue(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    for e in c.seq(list, "list")? {
        if e.is_null() {
            return Ok(c.bool(false));
        }
        if !c.boolean(&e, "list")? {
            return Ok(c.bool(false));
        }
    }
    Ok(c.bool(true))
}

pub fn anytrue(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["list"])?;
    let list = args.into_iter().next().unwrap_or_else(|| c.null());
    let mut unknown = None;
    for e in c.seq(list, "list")? {
        if e.is_null() {
            continue;
        }
        match c.boolean(&e, "list") {
            Ok(true) => return Ok(c.bool(true)),
            Ok(false) => {}
            Err(v) if v.is_unknown() && !super::has_error(&v) => {
                unknown = unknown.or(Some(v));
            }
            Err(v) => return Err(v),
        }
    }
    match unknown {
        Some(u) => Err(u),
        None => Ok(c.bool(false)),
    }
}

/// The arguments of a set function as sets of wholly known elements,
/// each sorted and without repeats so that membership is a binary search.
fn sets(c: &Call, args: Vec<Value>, param: &str) -> Result<Vec<Vec<Value>>, Value> {
    let mut out = Vec::new();
    let mut lists = Vec::new();
    for a in args {
        lists.push(c.seq(a, param)?);
    }
    // Elements of all the sets unify to one element type.
    let lens: Vec<usize> = lists.iter().map(Vec::len).collect();
    let all = unify(lists.into_iter().flatten().collect());
    c.charge(all.len())?;
    let mut it = all.into_iter();
    for n in lens {
        let items: Vec<Value> = it.by_ref().take(n).collect();
        known_elements(c, &items)?;
        out.push(canonical(items));
    }
    Ok(out)
}

fn canonical(mut items: Vec<Value>) -> Vec<Value> {
    items.sort_by(Value::canonical_cmp);
    items.dedup_by(|a, b| a.canonical_cmp(b) == Ordering::Equal);
    items
}

fn has(set: &[Value], v: &Value) -> bool {
    set.binary_search_by(|e| e.canonical_cmp(v)).is_ok()
}

pub fn setunion(c: &Call, args: Vec<Value>) -> Res {
    c.arity_range(&args, 1, None, &["first_set", "other_sets"])?;
    let sets = sets(c, args, "first_set")?;
    let all: Vec<Value> = sets.into_iter().flatten().collect();
    c.check_len(all.len())?;
    Ok(Value::set(all, c.origin.clone()))
}

pub fn setintersection(c: &Call, args: Vec<Value>) -> Res {
    c.arity_range(&args, 1, None, &["first_set", "other_sets"])?;
    let mut sets = sets(c, args, "first_set")?.into_iter();
    let first = sets.next().unwrap_or_default();
    let rest: Vec<Vec<Value>> = sets.collect();
    let out = first
        .into_iter()
        .filter(|e| rest.iter().all(|s| has(s, e)))
        .collect();
    Ok(Value::set(out, c.origin.clone()))
}

pub fn setsubtract(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["a", "b"])?;
    let mut sets = sets(c, args, "a")?.into_iter();
    let a = sets.next().unwrap_or_default();
    let b = sets.next().unwrap_or_default();
    let out = a.into_iter().filter(|e| !has(&b, e)).collect();
    Ok(Value::set(out, c.origin.clone()))
}

/// `setproduct(sets...)`: a list when every argument is a list or tuple, a
/// set when any is a set.
pub fn setproduct(c: &Call, args: Vec<Value>) -> Res {
    if args.len() < 2 {
        return Err(c.fail("at least two arguments are required"));
    }
    let any_set = args.iter().any(|a| matches!(a.kind, Kind::Set(_)));
    let mut lists = Vec::new();
    for a in args {
        lists.push(c.seq(a, "sets")?);
    }
    let mut total: usize = 1;
    for l in &lists {
        total = total.saturating_mul(l.len());
    }
    c.check_len(total)?;
    c.charge(total)?;
    // Every row copies one element of each list: each element of a list of
    // `n` is copied `total / n` times.
    for l in &lists {
        let copies = total / l.len().max(1);
        for e in l {
            c.charge_copies(e, copies + 1)?;
        }
    }
    let mut out: Vec<Vec<Value>> = vec![Vec::new()];
    for l in &lists {
        let mut next = Vec::with_capacity(out.len() * l.len());
        for prefix in &out {
            for e in l {
                let mut p = prefix.clone();
                p.push(e.clone());
                next.push(p);
            }
        }
        out = next;
    }
    let rows: Vec<Value> = out.into_iter().map(|r| c.list(r)).collect();
    if any_set {
        if let Some(e) = rows.iter().find(|r| !r.is_wholly_known()) {
            return Err(c.unknown_like(e));
        }
        return Ok(Value::set(rows, c.origin.clone()));
    }
    Ok(c.list(rows))
}
