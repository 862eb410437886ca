//! Terraform values as a static scan sees them: known, partly known strings,
//! and unknowns that know what they are. Every value carries its provenance.
//!
//! Simplifications against Terraform's type system, deliberate: tuples and
//! lists are one kind ([`Kind::List`]), objects and maps are one kind
//! ([`Kind::Map`], keys sorted as cty sorts object attributes). Nothing a
//! policy check depends on distinguishes them.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use tfkms_syntax::Span;
use tfkms_syntax::ast::LiteralEncoding;

pub use crate::number::Number;

/// One node of a map's B-tree: 11 keys and values, and its header.
const MAP_NODE_BYTES: u64 =
    11 * (std::mem::size_of::<String>() + std::mem::size_of::<Value>()) as u64 + 32;

#[derive(Clone, Debug)]
pub struct Value {
    pub kind: Kind,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(Number),
    String(Text),
    List(Vec<Value>),
    /// Elements sorted and de-duplicated (see [`Value::canonical_cmp`]).
    Set(Vec<Value>),
    Map(BTreeMap<String, Value>),
    Unknown(Unknown),
}

/// Where a value came from: the source text that produced it and the
/// references it travelled through on the way to where it is used.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub span: Option<Span>,
    pub hops: Hops,
    /// For literal template text: how the source bytes encode it, so an
    /// offset inside the text maps back to the exact source character.
    pub encoding: Option<LiteralEncoding>,
}

impl Origin {
    pub fn at(span: Span) -> Origin {
        Origin {
            span: Some(span),
            hops: Hops::default(),
            encoding: None,
        }
    }

    pub fn literal(span: Span, encoding: LiteralEncoding) -> Origin {
        Origin {
            span: Some(span),
            hops: Hops::default(),
            encoding: Some(encoding),
        }
    }
}

/// The references a value flowed through, newest first, shared between
/// values (appending a hop is O(1) per value).
#[derive(Clone, Debug, Default)]
pub struct Hops(Option<Arc<HopNode>>);

#[derive(Debug)]
struct HopNode {
    hop: Hop,
    older: Hops,
}

/// One step of a value's path: the place that referenced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    pub span: Span,
    pub label: String,
}

impl Hop {
    /// The step out of a module: its output `name`'s `value` attribute.
    pub fn module_output(span: Span, name: &str, module_address: &str) -> Hop {
        Hop {
            span,
            label: format!("{MODULE_OUTPUT}\"{name}\" of {module_address}"),
        }
    }

    pub fn is_module_output(&self) -> bool {
        self.label.starts_with(MODULE_OUTPUT)
    }
}

const MODULE_OUTPUT: &str = "output ";

impl Hops {
    pub fn push(&self, hop: Hop) -> Hops {
        Hops(Some(Arc::new(HopNode {
            hop,
            older: self.clone(),
        })))
    }

    /// Oldest first: from the literal towards the place of use.
    pub fn to_vec(&self) -> Vec<Hop> {
        let mut out = Vec::new();
        let mut cur = &self.0;
        while let Some(node) = cur {
            out.push(node.hop.clone());
            cur = &node.older.0;
        }
        out.reverse();
        out
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Which path this is: paths with the same identity are the same path.
    fn identity(&self) -> usize {
        self.0.as_ref().map_or(0, |n| Arc::as_ptr(n) as usize)
    }
}

/// Appends one hop to the paths of every part of a value. The parts of a
/// value mostly share one path, so the extended path is made once and
/// shared: a value copied through many references keeps one path per
/// reference, not one per element per reference.
struct HopPusher {
    hop: Hop,
    /// The last path extended and its extension: consecutive parts nearly
    /// always share their path, and most values have only one.
    last: Option<(usize, Hops)>,
    /// The paths extended before the last, by identity, and their extensions.
    extended: std::collections::HashMap<usize, Hops, BuildIdentityHasher>,
}

/// Path identities are addresses: distinct, already well spread, so they
/// are their own hash.
type BuildIdentityHasher = std::hash::BuildHasherDefault<IdentityHasher>;

#[derive(Default)]
struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        // Addresses are aligned: the low bits carry nothing.
        self.0 >> 4 ^ self.0 >> 20
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = n as u64;
    }
}

impl HopPusher {
    fn push(&mut self, older: &Hops) -> Hops {
        // An extension holds `older`, so its identity cannot be reused
        // while the pusher is alive.
        let identity = older.identity();
        if let Some((last, extension)) = &self.last
            && *last == identity
        {
            return extension.clone();
        }
        // Only a value with parts of several paths allocates the map.
        let extension =
            (self.extended.remove(&identity)).unwrap_or_else(|| older.push(self.hop.clone()));
        if let Some((previous, its_extension)) = self.last.replace((identity, extension.clone())) {
            self.extended.insert(previous, its_extension);
        }
        extension
    }
}

/// A string, possibly with unknown parts: `"arn:aws:kms:${var.region}:..."`
/// stays recognisable as a KMS ARN when the region is not known.
#[derive(Clone, Debug, Default)]
pub struct Text {
    pub parts: Vec<TextPart>,
    /// Set when the text is the JSON encoding of a value (`jsonencode`, a
    /// policy document's `json`): that value, whose elements still carry
    /// their source spans. Any edit of the text drops it.
    pub encoded: Option<Arc<Value>>,
}

#[derive(Clone, Debug)]
pub enum TextPart {
    Known { text: String, origin: Origin },
    Unknown(Unknown),
}

impl Text {
    pub fn known(s: impl Into<String>, origin: Origin) -> Text {
        let (text, origin) = nfc(s.into(), origin);
        Text {
            parts: vec![TextPart::Known { text, origin }],
            encoded: None,
        }
    }

    /// The whole text when no part is unknown.
    pub fn as_known(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self.parts.as_slice() {
            [] => Some("".into()),
            [TextPart::Known { text, .. }] => Some(text.as_str().into()),
            parts => {
                let mut s = String::new();
                for p in parts {
                    match p {
                        TextPart::Known { text, .. } => s.push_str(text),
                        TextPart::Unknown(_) => return None,
                    }
                }
                Some(s.into())
            }
        }
    }

    pub fn is_known(&self) -> bool {
        self.parts
            .iter()
            .all(|p| matches!(p, TextPart::Known { .. }))
    }

    pub fn push_str(&mut self, s: &str, origin: Origin) {
        if s.is_empty() {
            return;
        }
        self.encoded = None;
        self.push_known(s.to_string(), origin);
    }

    pub fn push_text(&mut self, other: Text) {
        if self.parts.is_empty() {
            self.encoded = other.encoded;
        } else {
            self.encoded = None;
        }
        let mut parts = other.parts.into_iter();
        match parts.next() {
            Some(TextPart::Known { text, origin }) => self.push_known(text, origin),
            Some(unknown) => self.parts.push(unknown),
            None => {}
        }
        self.parts.extend(parts);
    }

    /// Appends known text, keeping the whole NFC as Terraform does: text
    /// that starts with a combining mark composes with the known text
    /// before it (`"e${""}\u0301"` is `é`), so the two become one part.
    fn push_known(&mut self, text: String, origin: Origin) {
        if let (
            Some(TextPart::Known {
                text: before,
                origin: first,
            }),
            Some(c),
        ) = (self.parts.last_mut(), text.chars().next())
            && may_compose_backwards(c)
        {
            let joined = std::mem::take(before) + &text;
            (*before, *first) = nfc(joined, std::mem::take(first));
            return;
        }
        let (text, origin) = nfc(text, origin);
        self.parts.push(TextPart::Known { text, origin });
    }

    /// The bytes of the known parts.
    pub fn known_len(&self) -> usize {
        self.parts
            .iter()
            .map(|p| match p {
                TextPart::Known { text, .. } => text.len(),
                TextPart::Unknown(_) => 0,
            })
            .sum()
    }

    /// About how many bytes the parts occupy (see [`Value::footprint`]).
    pub fn footprint(&self) -> u64 {
        let part = std::mem::size_of::<TextPart>() as u64;
        self.parts
            .iter()
            .map(|p| match p {
                TextPart::Known { text, .. } => part + text.len() as u64,
                TextPart::Unknown(_) => part,
            })
            .sum()
    }

    pub fn unknowns(&self) -> impl Iterator<Item = &Unknown> {
        self.parts.iter().filter_map(|p| match p {
            TextPart::Unknown(u) => Some(u),
            _ => None,
        })
    }

    /// The text with each unknown part rendered as `${...}` naming what it
    /// stands for, e.g. `arn:aws:kms:${var.region}:...`.
    pub fn display_with_placeholders(&self) -> String {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                TextPart::Known { text, .. } => s.push_str(text),
                TextPart::Unknown(u) => {
                    s.push_str("${");
                    s.push_str(&u.cause.expression());
                    s.push('}');
                }
            }
        }
        s
    }
}

/// Terraform's strings are always Unicode NFC: cty normalizes every string
/// it makes (literals and heredocs, file contents, function results), so
/// `"Jose\u0301"` is `José` in a rendered policy. Text already in NFC (all
/// ASCII, nearly all text) is returned as it is, without a copy. Normalized
/// text no longer matches its source character for character, so its
/// origin keeps the literal's span but not the offset map into it.
fn nfc(text: String, mut origin: Origin) -> (String, Origin) {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return (text, origin);
    }
    let normalized: String = text.nfc().collect();
    if normalized != text {
        origin.encoding = None;
    }
    (normalized, origin)
}

/// Whether `c` at the start of text can change the text before it under
/// NFC: a combining mark, or a character that composes with its
/// predecessor (a Hangul vowel after a consonant).
fn may_compose_backwards(c: char) -> bool {
    use unicode_normalization::{IsNormalized, char::canonical_combining_class, is_nfc_quick};
    !c.is_ascii()
        && (canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
}

/// A value tfkms cannot know statically, with what it stands for.
#[derive(Clone, Debug)]
pub struct Unknown {
    pub cause: Arc<Cause>,
    pub shape: Shape,
}

impl Unknown {
    pub fn new(cause: Cause, shape: Shape) -> Unknown {
        Unknown {
            cause: Arc::new(cause),
            shape,
        }
    }

    /// A list of unknown length, for the same cause, holding at least
    /// `known`; plain unknown when nothing of it is known.
    pub fn list_with(&self, known: Vec<Value>) -> Unknown {
        // A failed evaluation has no elements: Terraform stops there.
        let failed = matches!(*self.cause, Cause::Error { .. });
        let shape = if known.is_empty() || failed {
            Shape::Any
        } else {
            Shape::ListWith(Elements(Arc::new(known)))
        };
        Unknown {
            cause: self.cause.clone(),
            shape,
        }
    }

    /// The elements a list of unknown length is known to hold.
    pub fn known_elements(&self) -> &[Value] {
        match &self.shape {
            Shape::ListWith(Elements(known)) => known,
            _ => &[],
        }
    }

    /// The unknown a value derived from this one stands for: what is known
    /// of a list's elements says nothing of an element taken from it, a
    /// result computed from it, or text made of it; the branches of a
    /// directive say nothing of text computed from them.
    pub fn derived(&self) -> Unknown {
        match &self.shape {
            Shape::ListWith(_) | Shape::OneOf(_) | Shape::ObjectWith(_) => Unknown {
                cause: self.cause.clone(),
                shape: Shape::Any,
            },
            _ => self.clone(),
        }
    }
}

/// What is known about an unknown value's content.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Any,
    /// A KMS key ARN (`arn:aws:kms:REGION:ACCOUNT:key/ID`).
    KeyArn,
    /// A KMS key ID (a UUID, or `mrk-...`).
    KeyId,
    /// An alias ARN; the alias name when the alias resource says it.
    AliasArn {
        name: Option<String>,
        /// The key resource the alias's `target_key_id` refers to, by its
        /// address (`aws_kms_key.app`, module-qualified like causes), when
        /// the configuration says so.
        target_key: Option<String>,
    },
    /// An alias name (`alias/...`), when the alias resource says it.
    AliasName {
        name: Option<String>,
    },
    /// The account ID of the credentials in use (`aws_caller_identity`).
    OwnAccountId,
    /// A region name.
    Region,
    /// A list of unknown length holding at least these elements, in no
    /// particular order: `concat(["a"], var.more)`.
    ListWith(Elements),
    /// Text that is one of several: a `%{ if }` directive on an unknown
    /// condition renders one of its branches.
    OneOf(Alternatives),
    /// An object of which only these attributes are known: an instance of a
    /// resource, whose other attributes the provider computes.
    ObjectWith(Fields),
}

/// The known attributes of a [`Shape::ObjectWith`]; one object is equal
/// only to itself, as unknowns are.
#[derive(Clone, Debug)]
pub struct Fields(pub Arc<BTreeMap<String, Value>>);

impl PartialEq for Fields {
    fn eq(&self, other: &Fields) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The branches of a [`Shape::OneOf`], each with the words saying when it
/// is the one rendered; equal only to itself.
#[derive(Clone, Debug)]
pub struct Alternatives(pub Arc<Vec<Alternative>>);

#[derive(Clone, Debug)]
pub struct Alternative {
    /// The condition's source text, without a leading `!`.
    pub condition: String,
    /// Whether the condition holds when this text is rendered.
    pub holds: bool,
    pub text: Text,
}

impl Alternative {
    /// E.g. "`var.flag` is true".
    pub fn when(&self) -> String {
        format!("`{}` is {}", self.condition, self.holds)
    }
}

impl PartialEq for Alternatives {
    fn eq(&self, other: &Alternatives) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The known elements of a [`Shape::ListWith`]; one list is equal only to
/// itself, as unknowns are.
#[derive(Clone, Debug)]
pub struct Elements(pub Arc<Vec<Value>>);

impl PartialEq for Elements {
    fn eq(&self, other: &Elements) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Shape {
    /// Whether the value is known to be one string, not a list or an
    /// object: in a JSON policy it is one element, not the whole list.
    pub fn is_string(&self) -> bool {
        !matches!(
            self,
            Shape::Any | Shape::ListWith(_) | Shape::OneOf(_) | Shape::ObjectWith(_)
        )
    }
}

/// Why a value is unknown; rendered for TFKMS010 so users can supply it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cause {
    /// `var.NAME` has no default and no value was given.
    MissingVariable {
        name: String,
        declared: Option<Span>,
    },
    /// `var.NAME` is not declared in the module.
    UndeclaredVariable { name: String },
    /// An attribute of a managed resource or data source, known after apply
    /// (or at plan time only with cloud access).
    ResourceAttribute { address: String },
    /// An attribute of a resource or data source the scanned files do not
    /// declare (the rest of the configuration was not given to tfkms).
    Undeclared { address: String, attribute: String },
    /// An output of a module tfkms could not evaluate.
    ModuleOutput { address: String, why: String },
    /// A function whose result depends on the moment or randomness.
    ImpureFunction { name: String },
    /// A function or feature tfkms does not evaluate.
    Unsupported { what: String },
    /// Evaluation failed; the message says why. `expression` is the source
    /// text whose value it stands for, where known (an interpolation).
    Error {
        message: String,
        expression: Option<String>,
    },
    /// A reference that is not valid here (`each` outside `for_each`, ...).
    InvalidReference { expression: String },
    /// Evaluation stopped at a limit (depth, size, time): which limit, and
    /// where evaluation was when it was reached.
    Limit { what: String, at: Option<Span> },
}

impl Cause {
    /// The expression the unknown value stands for, for `${...}` placeholders.
    pub fn expression(&self) -> String {
        match self {
            Cause::MissingVariable { name, .. } | Cause::UndeclaredVariable { name } => {
                format!("var.{name}")
            }
            Cause::ResourceAttribute { address } | Cause::ModuleOutput { address, .. } => {
                address.clone()
            }
            Cause::Undeclared { address, attribute } => format!("{address}.{attribute}"),
            Cause::ImpureFunction { name } => format!("{name}()"),
            Cause::Unsupported { what } => what.clone(),
            Cause::Error {
                expression: Some(e),
                ..
            } => e.clone(),
            Cause::Error { .. } => "an expression that failed".into(),
            Cause::InvalidReference { expression } => expression.clone(),
            Cause::Limit { .. } => "limit".into(),
        }
    }

    /// One sentence saying what is missing and how to supply it.
    pub fn explain(&self) -> String {
        match self {
            Cause::MissingVariable { name, .. } => format!(
                "`var.{name}` has no default and no value was given: pass `--var {name}=...` or `--var-file FILE`"
            ),
            Cause::UndeclaredVariable { name } => {
                format!("`var.{name}` is not declared in this module")
            }
            Cause::ResourceAttribute { address } => {
                format!("`{address}` is only known after apply")
            }
            Cause::Undeclared { address, .. } => {
                format!("`{address}` is not declared in the scanned files")
            }
            Cause::ModuleOutput { address, why } => format!("`{address}` is unknown: {why}"),
            Cause::ImpureFunction { name } => {
                format!("`{name}()` returns a different value on every run")
            }
            Cause::Unsupported { what } => format!("tfkms does not evaluate {what}"),
            Cause::Error {
                message,
                expression: Some(e),
            } => format!("`{e}` cannot be evaluated: {message}"),
            Cause::Error { message, .. } => message.clone(),
            Cause::InvalidReference { expression } => {
                format!("`{expression}` is not a valid reference here")
            }
            Cause::Limit { what, .. } => format!(
                "evaluation stopped at a limit: {what}; the limits guard against hostile input and can be raised under `[limits]` in `.tfkms.toml`"
            ),
        }
    }
}

impl Value {
    pub fn new(kind: Kind, origin: Origin) -> Value {
        Value { kind, origin }
    }

    pub fn null(origin: Origin) -> Value {
        Value::new(Kind::Null, origin)
    }

    pub fn bool(b: bool, origin: Origin) -> Value {
        Value::new(Kind::Bool(b), origin)
    }

    pub fn string(s: impl Into<String>, origin: Origin) -> Value {
        let text = Text::known(s, origin.clone());
        Value::new(Kind::String(text), origin)
    }

    pub fn number(n: Number, origin: Origin) -> Value {
        Value::new(Kind::Number(n), origin)
    }

    pub fn unknown(cause: Cause, shape: Shape, origin: Origin) -> Value {
        Value::new(Kind::Unknown(Unknown::new(cause, shape)), origin)
    }

    pub fn unknown_from(u: Unknown, origin: Origin) -> Value {
        Value::new(Kind::Unknown(u), origin)
    }

    pub fn error(message: impl Into<String>, origin: Origin) -> Value {
        Value::unknown(
            Cause::Error {
                message: message.into(),
                expression: None,
            },
            Shape::Any,
            origin,
        )
    }

    pub fn list(items: Vec<Value>, origin: Origin) -> Value {
        Value::new(Kind::List(items), origin)
    }

    pub fn set(mut items: Vec<Value>, origin: Origin) -> Value {
        items.sort_by(Value::canonical_cmp);
        items.dedup_by(|a, b| a.canonical_cmp(b) == std::cmp::Ordering::Equal);
        Value::new(Kind::Set(items), origin)
    }

    pub fn map(items: BTreeMap<String, Value>, origin: Origin) -> Value {
        Value::new(Kind::Map(items), origin)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.kind, Kind::Unknown(_))
    }

    /// Whether the value and everything in it is known.
    pub fn is_wholly_known(&self) -> bool {
        match &self.kind {
            Kind::Unknown(_) => false,
            Kind::String(t) => t.is_known(),
            Kind::List(v) | Kind::Set(v) => v.iter().all(Value::is_wholly_known),
            Kind::Map(m) => m.values().all(Value::is_wholly_known),
            _ => true,
        }
    }

    pub fn as_text(&self) -> Option<&Text> {
        match &self.kind {
            Kind::String(t) => Some(t),
            _ => None,
        }
    }

    /// The value as a fully known string (numbers and bools converted as
    /// Terraform converts them to strings).
    pub fn as_known_str(&self) -> Option<std::borrow::Cow<'_, str>> {
        match &self.kind {
            Kind::String(t) => t.as_known(),
            Kind::Number(n) => Some(n.to_string().into()),
            Kind::Bool(b) => Some(if *b { "true" } else { "false" }.into()),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            Kind::Bool(b) => Some(*b),
            Kind::String(t) => match t.as_known().as_deref() {
                Some("true") => Some(true),
                Some("false") => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// The unknown the whole value stands for: an unknown, or a string that
    /// is nothing but one unknown part (`"${aws_kms_alias.a.arn}"`).
    pub fn as_whole_unknown(&self) -> Option<&Unknown> {
        match &self.kind {
            Kind::Unknown(u) => Some(u),
            Kind::String(t) => match t.parts.as_slice() {
                [TextPart::Unknown(u)] => Some(u),
                _ => None,
            },
            _ => None,
        }
    }

    /// The first unknown found in the value, depth first.
    pub fn first_unknown(&self) -> Option<&Unknown> {
        match &self.kind {
            Kind::Unknown(u) => Some(u),
            Kind::String(t) => t.unknowns().next(),
            Kind::List(v) | Kind::Set(v) => v.iter().find_map(Value::first_unknown),
            Kind::Map(m) => m.values().find_map(Value::first_unknown),
            _ => None,
        }
    }

    /// Records that the value flowed through `hop`, on the value and on
    /// everything inside it, so an element taken out later still knows the
    /// path.
    pub fn via(self, hop: Hop) -> Value {
        self.via_measured(hop).0
    }

    /// [`Value::via`], with the bytes of the path nodes it made, for the
    /// [`crate::Budget`].
    pub fn via_measured(mut self, hop: Hop) -> (Value, u64) {
        let node_bytes = (std::mem::size_of::<HopNode>() + 16 + hop.label.len()) as u64;
        let mut pusher = HopPusher {
            hop,
            last: None,
            extended: Default::default(),
        };
        self.add_hop(&mut pusher);
        (
            self,
            node_bytes.saturating_mul(pusher.extended.len() as u64),
        )
    }

    fn add_hop(&mut self, pusher: &mut HopPusher) {
        self.origin.hops = pusher.push(&self.origin.hops);
        match &mut self.kind {
            Kind::String(t) => {
                for p in &mut t.parts {
                    if let TextPart::Known { origin, .. } = p {
                        origin.hops = pusher.push(&origin.hops);
                    }
                }
            }
            Kind::List(v) | Kind::Set(v) => v.iter_mut().for_each(|e| e.add_hop(pusher)),
            Kind::Map(m) => m.values_mut().for_each(|e| e.add_hop(pusher)),
            _ => {}
        }
    }

    /// About how many bytes the value occupies, for the [`crate::Budget`]:
    /// each node, the text and parts of strings, map keys, big numbers.
    pub fn footprint(&self) -> u64 {
        let node = std::mem::size_of::<Value>() as u64;
        node + match &self.kind {
            Kind::String(t) => t.footprint(),
            Kind::Number(n) => n.heap_bytes(),
            Kind::List(v) | Kind::Set(v) => v.iter().map(Value::footprint).sum(),
            Kind::Map(m) => {
                // A B-tree allocates nodes of 11 entries, even for one.
                let nodes = (m.len() as u64).div_ceil(11).max(1);
                nodes * MAP_NODE_BYTES
                    + m.iter()
                        .map(|(k, v)| k.len() as u64 + v.footprint())
                        .sum::<u64>()
            }
            Kind::Null | Kind::Bool(_) | Kind::Unknown(_) => 0,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "bool",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::List(_) => "tuple",
            Kind::Set(_) => "set",
            Kind::Map(_) => "object",
            Kind::Unknown(_) => "unknown",
        }
    }

    /// A total order used for sets and sorting: by kind, then content.
    /// Unknowns sort last and compare equal to each other only when they are
    /// the same unknown, so sets never merge two different unknowns.
    pub fn canonical_cmp(&self, other: &Value) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        fn rank(k: &Kind) -> u8 {
            match k {
                Kind::Null => 0,
                Kind::Bool(_) => 1,
                Kind::Number(_) => 2,
                Kind::String(_) => 3,
                Kind::List(_) => 4,
                Kind::Set(_) => 5,
                Kind::Map(_) => 6,
                Kind::Unknown(_) => 7,
            }
        }
        match (&self.kind, &other.kind) {
            (Kind::Bool(a), Kind::Bool(b)) => a.cmp(b),
            (Kind::Number(a), Kind::Number(b)) => a.partial_cmp(b).unwrap_or(Equal),
            (Kind::String(a), Kind::String(b)) => a
                .display_with_placeholders()
                .cmp(&b.display_with_placeholders()),
            (Kind::List(a), Kind::List(b)) | (Kind::Set(a), Kind::Set(b)) => {
                for (x, y) in a.iter().zip(b) {
                    let c = x.canonical_cmp(y);
                    if c != Equal {
                        return c;
                    }
                }
                a.len().cmp(&b.len())
            }
            (Kind::Map(a), Kind::Map(b)) => {
                for ((ka, va), (kb, vb)) in a.iter().zip(b) {
                    let c = ka.cmp(kb).then_with(|| va.canonical_cmp(vb));
                    if c != Equal {
                        return c;
                    }
                }
                a.len().cmp(&b.len())
            }
            (Kind::Unknown(a), Kind::Unknown(b)) => {
                if Arc::ptr_eq(&a.cause, &b.cause) {
                    Equal
                } else {
                    (Arc::as_ptr(&a.cause) as usize).cmp(&(Arc::as_ptr(&b.cause) as usize))
                }
            }
            (a, b) => rank(a).cmp(&rank(b)),
        }
    }

    /// Terraform's `==`: `None` when unknown parts decide the answer.
    pub fn equals(&self, other: &Value) -> Option<bool> {
        match (&self.kind, &other.kind) {
            (Kind::Unknown(_), _) | (_, Kind::Unknown(_)) => None,
            (Kind::String(a), Kind::String(b)) => match (a.as_known(), b.as_known()) {
                (Some(x), Some(y)) => Some(x == y),
                _ => None,
            },
            (Kind::Number(a), Kind::Number(b)) => Some(a == b),
            (Kind::Bool(a), Kind::Bool(b)) => Some(a == b),
            (Kind::Null, Kind::Null) => Some(true),
            (Kind::Null, _) | (_, Kind::Null) => Some(false),
            (Kind::List(a), Kind::List(b)) | (Kind::Set(a), Kind::Set(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut all = Some(true);
                for (x, y) in a.iter().zip(b) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => all = None,
                        _ => {}
                    }
                }
                all
            }
            (Kind::Map(a), Kind::Map(b)) => {
                if a.len() != b.len() || a.keys().ne(b.keys()) {
                    return Some(false);
                }
                let mut all = Some(true);
                for (x, y) in a.values().zip(b.values()) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => all = None,
                        _ => {}
                    }
                }
                all
            }
            _ => Some(false),
        }
    }
}

impl fmt::Display for Value {
    /// A compact rendering for messages, close to Terraform's console.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Null => f.write_str("null"),
            Kind::Bool(b) => write!(f, "{b}"),
            Kind::Number(n) => write!(f, "{n}"),
            Kind::String(t) => write!(f, "{:?}", t.display_with_placeholders()),
            Kind::List(v) | Kind::Set(v) => {
                f.write_str("[")?;
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{e}")?;
                }
                f.write_str("]")
            }
            Kind::Map(m) => {
                f.write_str("{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k:?} = {v}")?;
                }
                f.write_str("}")
            }
            Kind::Unknown(u) => write!(f, "(unknown: {})", u.cause.expression()),
        }
    }
}
