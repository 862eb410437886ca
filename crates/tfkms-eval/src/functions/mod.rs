//! Terraform's built-in functions.
//!
//! Each function takes evaluated arguments and the call's span. Wrong
//! argument types give an error value worded like Terraform's diagnostic;
//! unknown arguments give unknown results (never a guess), except where a
//! function only moves values around, so a list with one unknown element
//! still concatenates, and where a partly known string keeps its known
//! parts exactly (`lower`, `join`, `format` with `%s`).
//!
//! Results carry the call's span; elements moved out of arguments keep their
//! own origins, so a finding can still point at the literal that produced
//! them.

mod collection;
mod conversion;
mod crypto;
mod datetime;
mod encoding;
mod filesystem;
mod format;
mod network;
mod numeric;
mod string;
mod yaml;

use crate::eval::{Scope, unknown_of};
use crate::scope::Budget;
use crate::value::{Cause, Kind, Number, Origin, Shape, Text, Unknown, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;
use tfkms_syntax::Span;

pub use conversion::{to_list, to_set};
pub use encoding::jsonencode;
pub use filesystem::template_file_rendered;

/// What a function body returns: `Err` is a value to return as it is, an
/// error or an unknown found while reading the arguments.
type Res = Result<Value, Value>;

pub fn call(scope: &Scope, name: &str, args: Vec<Value>, span: Span) -> Value {
    let f = Call {
        name,
        origin: Origin::at(span),
        span,
        scope,
    };
    f.dispatch(args).unwrap_or_else(|v| v)
}

/// One function call: its name and span, for messages and origins, and the
/// scope, for limits and the module directory.
pub(crate) struct Call<'a, 's, 'i, 'p> {
    pub name: &'a str,
    pub origin: Origin,
    pub span: Span,
    pub scope: &'s Scope<'i, 'p>,
}

impl Call<'_, '_, '_, '_> {
    fn dispatch(&self, args: Vec<Value>) -> Res {
        use collection as c;
        use conversion as t;
        use crypto as h;
        use encoding as e;
        use filesystem as fs;
        use numeric as n;
        use string as s;
        match self.name {
            // Strings.
            "chomp" => s::chomp(self, args),
            "endswith" => s::endswith(self, args),
            "format" => format::format(self, args),
            "formatlist" => format::formatlist(self, args),
            "indent" => s::indent(self, args),
            "join" => s::join(self, args),
            "lower" => s::lower(self, args),
            "regex" => s::regex(self, args),
            "regexall" => s::regexall(self, args),
            "replace" => s::replace(self, args),
            "split" => s::split(self, args),
            "startswith" => s::startswith(self, args),
            "strcontains" => s::strcontains(self, args),
            "strrev" => s::strrev(self, args),
            "substr" => s::substr(self, args),
            "title" => s::title(self, args),
            "trim" => s::trim(self, args),
            "trimprefix" => s::trimprefix(self, args),
            "trimspace" => s::trimspace(self, args),
            "trimsuffix" => s::trimsuffix(self, args),
            "upper" => s::upper(self, args),
            // Collections.
            "alltrue" => c::alltrue(self, args),
            "anytrue" => c::anytrue(self, args),
            "chunklist" => c::chunklist(self, args),
            "coalesce" => c::coalesce(self, args),
            "coalescelist" => c::coalescelist(self, args),
            "compact" => c::compact(self, args),
            "concat" => c::concat(self, args),
            "contains" => c::contains(self, args),
            "distinct" => c::distinct(self, args),
            "element" => c::element(self, args),
            "flatten" => c::flatten(self, args),
            "index" => c::index(self, args),
            "keys" => c::keys(self, args),
            "length" => c::length(self, args),
            "lookup" => c::lookup(self, args),
            "matchkeys" => c::matchkeys(self, args),
            "merge" => c::merge(self, args),
            "one" => c::one(self, args),
            "range" => c::range(self, args),
            "reverse" => c::reverse(self, args),
            "setintersection" => c::setintersection(self, args),
            "setproduct" => c::setproduct(self, args),
            "setsubtract" => c::setsubtract(self, args),
            "setunion" => c::setunion(self, args),
            "slice" => c::slice(self, args),
            "sort" => c::sort(self, args),
            "sum" => c::sum(self, args),
            "transpose" => c::transpose(self, args),
            "values" => c::values(self, args),
            "zipmap" => c::zipmap(self, args),
            // Numbers.
            "abs" => n::abs(self, args),
            "ceil" => n::ceil(self, args),
            "floor" => n::floor(self, args),
            "log" => n::log(self, args),
            "max" => n::max(self, args),
            "min" => n::min(self, args),
            "parseint" => n::parseint(self, args),
            "pow" => n::pow(self, args),
            "signum" => n::signum(self, args),
            // Encodings.
            "base64decode" => e::base64decode(self, args),
            "base64encode" => e::base64encode(self, args),
            "csvdecode" => e::csvdecode(self, args),
            "jsondecode" => e::jsondecode(self, args),
            "jsonencode" => e::jsonencode_fn(self, args),
            "textdecodebase64" => e::textdecodebase64(self, args),
            "textencodebase64" => e::textencodebase64(self, args),
            "urlencode" => e::urlencode(self, args),
            "yamldecode" => yaml::yamldecode(self, args),
            "yamlencode" => yaml::yamlencode(self, args),
            // Hashes and UUIDs.
            "base64sha256" => h::base64sha256(self, args),
            "base64sha512" => h::base64sha512(self, args),
            "md5" => h::md5(self, args),
            "sha1" => h::sha1(self, args),
            "sha256" => h::sha256(self, args),
            "sha512" => h::sha512(self, args),
            "uuidv5" => h::uuidv5(self, args),
            // Dates.
            "formatdate" => datetime::formatdate(self, args),
            "timeadd" => datetime::timeadd(self, args),
            "timecmp" => datetime::timecmp(self, args),
            // Networks.
            "cidrhost" => network::cidrhost(self, args),
            "cidrnetmask" => network::cidrnetmask(self, args),
            "cidrsubnet" => network::cidrsubnet(self, args),
            "cidrsubnets" => network::cidrsubnets(self, args),
            // Types.
            "can" => t::can(self, args),
            "try" => t::try_(self, args),
            "tobool" => t::tobool(self, args),
            "tolist" => t::tolist(self, args),
            "tomap" => t::tomap(self, args),
            "tonumber" => t::tonumber(self, args),
            "toset" => t::toset(self, args),
            "tostring" => t::tostring(self, args),
            "type" => t::type_(self, args),
            "sensitive" | "nonsensitive" | "ephemeralasnull" => t::identity(self, args),
            // Files, inside the scanned roots only.
            "abspath" => fs::abspath(self, args),
            "basename" => fs::basename(self, args),
            "dirname" => fs::dirname(self, args),
            "pathexpand" => fs::pathexpand(self, args),
            "file" => fs::file(self, args),
            "filebase64" => fs::filebase64(self, args),
            "filebase64sha256" => fs::filehash(self, args, h::Algo::Sha256, true),
            "filebase64sha512" => fs::filehash(self, args, h::Algo::Sha512, true),
            "fileexists" => fs::fileexists(self, args),
            "filemd5" => fs::filehash(self, args, h::Algo::Md5, false),
            "filesha1" => fs::filehash(self, args, h::Algo::Sha1, false),
            "filesha256" => fs::filehash(self, args, h::Algo::Sha256, false),
            "filesha512" => fs::filehash(self, args, h::Algo::Sha512, false),
            "fileset" => fs::fileset(self, args),
            "templatefile" => fs::templatefile(self, args),
            "templatestring" => fs::templatestring(self, args),
            // Different on every run, so never known ahead of apply.
            "timestamp" | "uuid" | "bcrypt" | "plantimestamp" => Ok(Value::unknown(
                Cause::ImpureFunction {
                    name: self.name.to_string(),
                },
                Shape::Any,
                self.origin.clone(),
            )),
            _ => Ok(self
                .host_function(&args)
                .unwrap_or_else(|| self.unsupported(format!("the function `{}()`", self.name)))),
        }
    }

    fn host_function(&self, args: &[Value]) -> Option<Value> {
        let host = self.scope.inst.project.host()?;
        host.function(self.scope, self.name, args, self.span)
    }

    // ---- results -------------------------------------------------------

    pub fn unsupported(&self, what: String) -> Value {
        Value::unknown(Cause::Unsupported { what }, Shape::Any, self.origin.clone())
    }

    /// An unknown result standing for the same unknown `v` holds.
    pub fn unknown_like(&self, v: &Value) -> Value {
        Value::unknown_from(unknown_of(v), self.origin.clone())
    }

    pub fn unknown_from(&self, u: &Unknown) -> Value {
        Value::unknown_from(u.derived(), self.origin.clone())
    }

    pub fn string(&self, s: impl Into<String>) -> Value {
        Value::string(s, self.origin.clone())
    }

    pub fn number(&self, n: Number) -> Value {
        Value::number(n, self.origin.clone())
    }

    pub fn int(&self, i: i64) -> Value {
        Value::number(Number::from_i64(i), self.origin.clone())
    }

    pub fn bool(&self, b: bool) -> Value {
        Value::bool(b, self.origin.clone())
    }

    pub fn list(&self, items: Vec<Value>) -> Value {
        Value::list(items, self.origin.clone())
    }

    pub fn map(&self, items: BTreeMap<String, Value>) -> Value {
        Value::map(items, self.origin.clone())
    }

    pub fn null(&self) -> Value {
        Value::null(self.origin.clone())
    }

    // ---- errors --------------------------------------------------------

    /// A failure inside the function ("Call to function ... failed").
    pub fn fail(&self, msg: impl std::fmt::Display) -> Value {
        Value::error(
            format!(
                "Error in function call: Call to function \"{}\" failed: {msg}.",
                self.name
            ),
            self.origin.clone(),
        )
    }

    /// A bad argument ("Invalid value for "param" parameter").
    pub fn bad(&self, param: &str, msg: impl std::fmt::Display) -> Value {
        Value::error(
            format!("Invalid function argument: Invalid value for \"{param}\" parameter: {msg}."),
            self.origin.clone(),
        )
    }

    /// The value is over a size limit: an unknown that says so.
    pub fn limit(&self, what: impl Into<String>) -> Value {
        Budget::limit_value(&what.into(), self.origin.clone())
    }

    /// Counts `n` units of work (elements produced, bytes copied).
    pub fn charge(&self, n: usize) -> Result<(), Value> {
        self.scope
            .budget()
            .step(n as u64)
            .map_err(|_| self.stopped())
    }

    /// Counts `bytes` of values about to be built, before building them.
    pub fn charge_bytes(&self, bytes: u64) -> Result<(), Value> {
        self.scope
            .budget()
            .charge_bytes(bytes)
            .map_err(|_| self.stopped())
    }

    /// Counts copies of `v`, `times` of them, before making them.
    pub fn charge_copies(&self, v: &Value, times: usize) -> Result<(), Value> {
        self.charge_bytes(v.footprint().saturating_mul(times as u64))
    }

    /// Checks the clock in a loop that may run long between steps.
    pub fn check_clock(&self) -> Result<(), Value> {
        self.scope
            .budget()
            .check_clock()
            .map_err(|_| self.stopped())
    }

    /// The value standing for the passed limit of the budget.
    fn stopped(&self) -> Value {
        self.scope.budget().stopped_value(self.origin.clone())
    }

    pub fn max_collection(&self) -> usize {
        self.scope.budget().limits.max_collection
    }

    pub fn max_string(&self) -> usize {
        self.scope.budget().limits.max_string
    }

    /// Refuses a collection of `n` elements past the limit (what building
    /// it costs is counted where it is built or copied).
    pub fn check_len(&self, n: usize) -> Result<(), Value> {
        if n > self.max_collection() {
            return Err(self.limit(format!(
                "{}() would produce {n} elements, more than {} (`max_collection`)",
                self.name,
                self.max_collection()
            )));
        }
        Ok(())
    }

    /// Refuses a string of `n` bytes past the limit.
    pub fn check_str(&self, n: usize) -> Result<(), Value> {
        if n > self.max_string() {
            return Err(self.limit(format!(
                "{}() would produce a string of {n} bytes, more than {} (`max_string`)",
                self.name,
                self.max_string()
            )));
        }
        self.charge(n / 64)
    }

    /// [`Call::check_str`] for a string about to be built whole, counting
    /// its bytes.
    pub fn check_new_str(&self, n: usize) -> Result<(), Value> {
        self.check_str(n)?;
        self.charge_bytes(n as u64)
    }

    // ---- arguments -----------------------------------------------------

    pub fn arity(&self, args: &[Value], params: &[&str]) -> Result<(), Value> {
        self.arity_range(args, params.len(), Some(params.len()), params)
    }

    /// Checks the argument count: at least `min`, at most `max` (`None`:
    /// variadic).
    pub fn arity_range(
        &self,
        args: &[Value],
        min: usize,
        max: Option<usize>,
        params: &[&str],
    ) -> Result<(), Value> {
        let n = args.len();
        if n < min {
            let missing = params.get(n).copied().unwrap_or("args");
            return Err(Value::error(
                format!(
                    "Not enough function arguments: Function \"{}\" expects {min} argument(s). Missing value for \"{missing}\".",
                    self.name
                ),
                self.origin.clone(),
            ));
        }
        if let Some(max) = max
            && n > max
        {
            return Err(Value::error(
                format!(
                    "Too many function arguments: Function \"{}\" expects only {max} argument(s).",
                    self.name
                ),
                self.origin.clone(),
            ));
        }
        Ok(())
    }

    /// A wholly known string, converting numbers and bools as Terraform
    /// does. `Err` holds the unknown (or error) to return.
    pub fn str<'v>(&self, v: &'v Value, param: &str) -> Result<Cow<'v, str>, Value> {
        match &v.kind {
            Kind::String(t) => match t.as_known() {
                Some(s) => Ok(s),
                None => Err(self.unknown_like(v)),
            },
            Kind::Number(n) => Ok(Cow::Owned(n.to_string())),
            Kind::Bool(b) => Ok(Cow::Borrowed(if *b { "true" } else { "false" })),
            Kind::Unknown(u) => Err(self.unknown_from(u)),
            Kind::Null => Err(self.bad(param, "argument must not be null")),
            _ => Err(self.bad(param, "string required")),
        }
    }

    /// A string that may have unknown parts.
    pub fn text(&self, v: &Value, param: &str) -> Result<Text, Value> {
        match &v.kind {
            Kind::String(t) => Ok(t.clone()),
            Kind::Number(n) => Ok(Text::known(n.to_string(), v.origin.clone())),
            Kind::Bool(b) => Ok(Text::known(b.to_string(), v.origin.clone())),
            Kind::Unknown(u) => Err(self.unknown_from(u)),
            Kind::Null => Err(self.bad(param, "argument must not be null")),
            _ => Err(self.bad(param, "string required")),
        }
    }

    pub fn num(&self, v: &Value, param: &str) -> Result<Number, Value> {
        match &v.kind {
            Kind::Number(n) => Ok(n.clone()),
            Kind::String(t) => match t.as_known() {
                Some(s) => Number::parse(&s).ok_or_else(|| {
                    self.bad(
                        param,
                        format!("a number is required, got string {}", quote(&s)),
                    )
                }),
                None => Err(self.unknown_like(v)),
            },
            Kind::Unknown(u) => Err(self.unknown_from(u)),
            Kind::Null => Err(self.bad(param, "argument must not be null")),
            _ => Err(self.bad(param, "number required")),
        }
    }

    /// A number that must be a whole number fitting an `i64` (Go's
    /// conversion to `int`).
    pub fn int_arg(&self, v: &Value, param: &str) -> Result<i64, Value> {
        let n = self.num(v, param)?;
        if !n.is_integer() {
            return Err(self.bad(param, "value must be a whole number"));
        }
        n.as_i64()
            .ok_or_else(|| self.bad(param, "value must be a whole number, between -9223372036854775808 and 9223372036854775807"))
    }

    pub fn boolean(&self, v: &Value, param: &str) -> Result<bool, Value> {
        match &v.kind {
            Kind::Bool(b) => Ok(*b),
            Kind::String(t) => match t.as_known().as_deref() {
                Some("true") => Ok(true),
                Some("false") => Ok(false),
                Some(_) => Err(self.bad(param, "a bool is required")),
                None => Err(self.unknown_like(v)),
            },
            Kind::Unknown(u) => Err(self.unknown_from(u)),
            Kind::Null => Err(self.bad(param, "argument must not be null")),
            _ => Err(self.bad(param, "bool required")),
        }
    }

    /// The elements of a list, tuple or set, or those known of an unknown
    /// list, with that unknown: for functions whose result keeps the known
    /// elements and leaves only its length unknown.
    pub fn seq_partly_unknown(
        &self,
        v: Value,
        param: &str,
    ) -> Result<(Vec<Value>, Option<Unknown>), Value> {
        match v.kind {
            Kind::Unknown(u) => Ok((u.known_elements().to_vec(), Some(u))),
            _ => Ok((self.seq(v, param)?, None)),
        }
    }

    /// The elements of a list, tuple or set (a set converts to a list in
    /// its order, as Terraform converts it).
    pub fn seq(&self, v: Value, param: &str) -> Result<Vec<Value>, Value> {
        match v.kind {
            Kind::List(items) | Kind::Set(items) => Ok(items),
            Kind::Unknown(u) => Err(self.unknown_from(&u)),
            Kind::Null => Err(self.bad(param, "argument must not be null")),
            _ => Err(self.bad(
                param,
                format!("list of any single type required, got {}", v.type_name()),
            )),
        }
    }

    pub fn mapping(&self, v: Value, param: &str) -> Result<BTreeMap<String, Value>, Value> {
        match v.kind {
            Kind::Map(m) => Ok(m),
            Kind::Unknown(u) => Err(self.unknown_from(&u)),
            Kind::Null => Err(self.bad(param, "argument must not be null")),
            _ => Err(self.bad(
                param,
                format!("map of any single type required, got {}", v.type_name()),
            )),
        }
    }
}

/// Whether evaluating the value failed anywhere inside it (as opposed to it
/// merely being unknown).
pub fn has_error(v: &Value) -> bool {
    first_error(v).is_some()
}

pub fn first_error(v: &Value) -> Option<&Unknown> {
    match &v.kind {
        Kind::Unknown(u) => matches!(*u.cause, Cause::Error { .. }).then_some(u),
        Kind::String(t) => t
            .unknowns()
            .find(|u| matches!(*u.cause, Cause::Error { .. })),
        Kind::List(items) | Kind::Set(items) => items.iter().find_map(first_error),
        Kind::Map(m) => m.values().find_map(first_error),
        _ => None,
    }
}

/// An origin for text derived from `o` (transformed, cut): the same source
/// span, without the literal encoding that maps offsets, since offsets in
/// the derived text no longer match the source.
pub fn derived(o: &Origin) -> Origin {
    Origin {
        span: o.span,
        hops: o.hops.clone(),
        encoding: None,
    }
}

/// Go's `%q`-like quoting used in Terraform messages.
pub fn quote(s: &str) -> String {
    let mut out = String::new();
    crate::json::write_string(&mut out, s);
    out
}

/// The friendly type name Terraform uses in messages.
pub fn friendly(v: &Value) -> &'static str {
    match &v.kind {
        Kind::Null => "null",
        Kind::Bool(_) => "bool",
        Kind::Number(_) => "number",
        Kind::String(_) => "string",
        Kind::List(_) => "tuple",
        Kind::Set(_) => "set",
        Kind::Map(_) => "object",
        Kind::Unknown(_) => "dynamic",
    }
}

/// The primitive kind of a value, for Terraform's type unification.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prim {
    Bool,
    Number,
    String,
}

fn prim(v: &Value) -> Option<Prim> {
    match v.kind {
        Kind::Bool(_) => Some(Prim::Bool),
        Kind::Number(_) => Some(Prim::Number),
        Kind::String(_) => Some(Prim::String),
        _ => None,
    }
}

/// Converts elements to one type where Terraform's unification would: a
/// mix of strings, numbers and bools becomes strings (the only safe common
/// type). Used where a tuple or object becomes a list, set or map.
pub fn unify(items: Vec<Value>) -> Vec<Value> {
    let mut first: Option<Prim> = None;
    let mut mixed = false;
    for v in &items {
        if let Some(p) = prim(v) {
            match first {
                None => first = Some(p),
                Some(f) if f != p => mixed = true,
                _ => {}
            }
        }
    }
    if !mixed {
        return items;
    }
    items.into_iter().map(stringify).collect()
}

/// A primitive as a string value, keeping its origin.
pub fn stringify(v: Value) -> Value {
    match v.kind {
        Kind::Number(n) => Value::string(n.to_string(), v.origin),
        Kind::Bool(b) => Value::string(b.to_string(), v.origin),
        _ => v,
    }
}
