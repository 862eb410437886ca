//! The policy model rules work on: documents and statements whose every
//! element is an evaluated value tied to its source.

use crate::actions::{KmsAction, effective};
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};
use tfkms_eval::{Hop, Kind, Text, Unknown, Value};
use tfkms_syntax::Span;

/// One element of a statement (an action, a resource, a condition value,
/// the sid, the effect): its value and where the statement uses it.
#[derive(Clone, Debug)]
pub struct Item {
    pub value: Value,
    /// Where this element is written in the statement (for a value that
    /// travelled, the reference; for a literal, the literal itself).
    pub used_at: Span,
}

impl Item {
    pub fn text(&self) -> Option<&Text> {
        self.value.as_text()
    }

    /// The value as a known string.
    pub fn known(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.value.as_known_str()
    }

    pub fn unknown(&self) -> Option<&Unknown> {
        match &self.value.kind {
            Kind::Unknown(u) => Some(u),
            _ => None,
        }
    }

    /// The span of the source text that produced the value: the literal to
    /// change. Falls back to where it is used.
    pub fn source_span(&self) -> Span {
        let typed_unknown = match &self.value.kind {
            Kind::Unknown(_) => true,
            Kind::String(t) => matches!(t.parts.as_slice(), [tfkms_eval::TextPart::Unknown(_)]),
            _ => false,
        };
        if typed_unknown {
            return self.reference_span();
        }
        self.value.origin.span.unwrap_or(self.used_at)
    }

    /// Where a value known only by what it is (`aws_kms_alias.x.arn`) was
    /// chosen. An output of a module offers what it offers: the place that
    /// uses the output chose wrongly. Otherwise the reference itself is what
    /// to change, wherever it was written (a module argument, a local), the
    /// same place whichever copy of a document (the data source, the
    /// `.json` a policy resource uses) the value is seen in.
    fn reference_span(&self) -> Span {
        let hops = self.hops();
        match hops.iter().rposition(Hop::is_module_output) {
            Some(out) => hops.get(out + 1).map_or(self.used_at, |h| h.span),
            None => self.value.origin.span.unwrap_or(self.used_at),
        }
    }

    /// The path the value travelled, oldest first.
    pub fn hops(&self) -> Vec<Hop> {
        self.value.origin.hops.to_vec()
    }

    /// The value rendered for messages and rendered JSON, unknown parts as
    /// `${...}`.
    pub fn display(&self) -> String {
        match &self.value.kind {
            Kind::String(t) => t.display_with_placeholders(),
            Kind::Unknown(u) => format!("${{{}}}", u.cause.expression()),
            _ => self.value.to_string(),
        }
    }

    /// The value for a message, in backticks; an unknown value by the
    /// expression it stands for and what is known of it, e.g.
    /// `` `aws_kms_alias.app.arn` (the ARN of `alias/app`) ``.
    pub fn describe(&self) -> String {
        let unknown = match &self.value.kind {
            Kind::String(t) => match t.parts.as_slice() {
                [tfkms_eval::TextPart::Unknown(u)] => u,
                _ => return format!("`{}`", t.display_with_placeholders()),
            },
            Kind::Unknown(u) => u,
            _ => return format!("`{}`", self.value),
        };
        let expr = unknown.cause.expression();
        match &unknown.shape {
            tfkms_eval::Shape::AliasArn { name: Some(n), .. } => {
                format!("`{expr}` (the ARN of `{n}`)")
            }
            tfkms_eval::Shape::AliasName { name: Some(n) } => format!("`{expr}` (`{n}`)"),
            _ => format!("`{expr}`"),
        }
    }
}

/// A list-valued statement argument (`actions`, `resources`, ...).
#[derive(Clone, Debug, Default)]
pub enum Field {
    #[default]
    Absent,
    Items(Vec<Item>),
    /// The whole list is unknown (e.g. `resources = var.arns` without a value).
    Unknown(Item),
}

impl Field {
    pub fn is_present(&self) -> bool {
        !matches!(self, Field::Absent)
    }

    pub fn items(&self) -> &[Item] {
        match self {
            Field::Items(v) => v,
            _ => &[],
        }
    }

    /// The known strings, or `None` when any element is not fully known.
    pub fn known_strings(&self) -> Option<Vec<String>> {
        match self {
            Field::Absent => None,
            Field::Unknown(_) => None,
            Field::Items(v) => v
                .iter()
                .map(|i| i.known().map(|s| s.into_owned()))
                .collect(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

#[derive(Clone, Debug)]
pub struct Principals {
    pub r#type: Item,
    pub identifiers: Field,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Condition {
    pub test: Item,
    pub variable: Item,
    pub values: Field,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Statement {
    /// The statement block, or the JSON object of the statement.
    pub span: Span,
    /// Where a label naming the statement points: the block's first line
    /// (`statement`, `dynamic "statement"`) or the JSON object's opening.
    pub head: Span,
    /// Position in its document, for naming a statement without a sid.
    pub index: usize,
    pub sid: Option<Item>,
    /// `None`: not set (HCL defaults to Allow).
    pub effect: Option<Item>,
    pub actions: Field,
    pub not_actions: Field,
    pub resources: Field,
    pub not_resources: Field,
    pub principals: Vec<Principals>,
    pub not_principals: Vec<Principals>,
    pub conditions: Vec<Condition>,
    /// How the statement came to be: the `dynamic` block and the `for_each`
    /// element it was generated from, the document it was merged from.
    pub via: Vec<Hop>,
    /// For a statement of a text with `%{ if }` directives on unknown
    /// conditions: when it is in the policy at all ("in the policy only
    /// when `var.flag` is true"), or that its elements depend on them.
    pub branch_note: Option<String>,
    /// See [`Statement::kms_actions`].
    kms_actions: OnceLock<Option<Vec<&'static KmsAction>>>,
}

impl Statement {
    pub fn new(span: Span, index: usize) -> Statement {
        Statement {
            span,
            head: Span {
                end: span.start + 1,
                ..span
            },
            index,
            sid: None,
            effect: None,
            actions: Field::Absent,
            not_actions: Field::Absent,
            resources: Field::Absent,
            not_resources: Field::Absent,
            principals: Vec::new(),
            not_principals: Vec::new(),
            conditions: Vec::new(),
            via: Vec::new(),
            branch_note: None,
            kms_actions: OnceLock::new(),
        }
    }

    /// The KMS actions the statement grants or denies ([`effective`] of its
    /// `Action` or `NotAction`); `None` when either has unknown parts.
    /// Every rule asks, so it is computed once, on first use: the statement
    /// must be complete by then.
    pub fn kms_actions(&self) -> Option<&[&'static KmsAction]> {
        self.kms_actions
            .get_or_init(|| {
                let list = |f: &Field| match f {
                    Field::Absent => Some(None),
                    f => f.known_strings().map(Some),
                };
                let (actions, not_actions) = (list(&self.actions)?, list(&self.not_actions)?);
                Some(effective(actions.as_deref(), not_actions.as_deref()))
            })
            .as_deref()
    }

    /// The effect; `None` when unknown or invalid. Absent means Allow.
    pub fn effect(&self) -> Option<Effect> {
        match &self.effect {
            None => Some(Effect::Allow),
            Some(i) => match i.known().as_deref() {
                Some("Allow") => Some(Effect::Allow),
                Some("Deny") => Some(Effect::Deny),
                _ => None,
            },
        }
    }

    pub fn sid(&self) -> Option<String> {
        self.sid
            .as_ref()
            .and_then(|s| s.known().map(|s| s.into_owned()))
            .filter(|s| !s.is_empty())
    }

    /// The sid, or `statement[N]` when it has none.
    pub fn name(&self) -> String {
        self.sid()
            .unwrap_or_else(|| format!("statement[{}]", self.index))
    }

    /// The label at the statement's head: its name, and when it is in the
    /// policy at all if that depends on a directive's branch.
    pub fn head_label(&self) -> String {
        match &self.branch_note {
            None => format!("in statement `{}`", self.name()),
            Some(note) => format!("in statement `{}`, {note}", self.name()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// `data "aws_iam_policy_document"`.
    PolicyDocument,
    /// A JSON policy in a resource argument (`aws_iam_policy.x.policy`).
    Argument {
        resource_type: String,
        argument: String,
    },
}

/// Something in a document tfkms could not evaluate, so part of it was not
/// checked (reported as TFKMS010 where it matters).
#[derive(Clone, Debug)]
pub struct Unresolved {
    pub span: Span,
    pub what: String,
    pub unknown: Unknown,
    pub via: Vec<Hop>,
}

/// A problem the provider itself would report (TFKMS011), or a policy that
/// is not valid JSON.
#[derive(Clone, Debug)]
pub struct DocumentError {
    pub span: Span,
    pub message: String,
    /// Other places involved (the first of two duplicate sids).
    pub related: Vec<Hop>,
    /// How to fix it, where the rule's usual advice (Terraform would stop
    /// on this) does not fit.
    pub help: Option<String>,
}

impl DocumentError {
    pub fn new(span: Span, message: impl Into<String>) -> DocumentError {
        DocumentError {
            span,
            message: message.into(),
            related: Vec::new(),
            help: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Document {
    /// Terraform address: `data.aws_iam_policy_document.x`,
    /// `module.a.aws_iam_policy.p["k"].policy`.
    pub address: String,
    pub kind: DocumentKind,
    /// The block head (data source) or the argument.
    pub span: Span,
    /// Whether this is a KMS key policy: an argument such as
    /// `aws_kms_key.policy`, or a policy document data source whose `json`
    /// is used only by key policies (see
    /// [`crate::extract::mark_key_policies`]).
    pub is_key_policy: bool,
    /// Whether the policy only limits what other policies grant and grants
    /// nothing itself: a permissions boundary, a service or resource
    /// control policy, or an `aws_iam_policy_document` whose `json` is used
    /// only by those (see [`crate::extract::mark_limits`]).
    pub only_limits: bool,
    /// The policy document data sources whose `json` this document was
    /// built from (the argument's value, source and override documents),
    /// by head span and address.
    pub built_from: Vec<(Span, String)>,
    /// The statements after merging source and override documents.
    pub statements: Vec<Statement>,
    /// Statements that are in the policy only if an unknown value says so:
    /// the `content` of a `dynamic "statement"` whose `for_each` could not
    /// be evaluated, each with its [`Statement::branch_note`]. Kept apart
    /// from `statements`, so that neither the rendering nor the rules take
    /// them for present (the `for_each` is reported as unresolved); the
    /// access model shows what they would admit as a "may".
    pub possible_statements: Vec<Statement>,
    pub unresolved: Vec<Unresolved>,
    pub errors: Vec<DocumentError>,
    /// What the provider renders a policy document data source from (its
    /// own statements before merging, and the source and override JSON).
    pub render_input: Option<RenderInput>,
    /// The JSON the provider would render, unknown parts as `${...}`.
    /// Read it through [`Document::rendered_text`]: an argument whose text
    /// is not known yet leaves it `None` and keeps [`Document::encodes`].
    pub rendered: Option<String>,
    /// For an argument whose text is not known yet: the value its
    /// `jsonencode` will encode, written out only when the text is asked
    /// for (`tfkms policies`), since checking never reads it.
    pub encodes: Option<Arc<Value>>,
    /// The data source's `id` the provider derives from that JSON.
    pub rendered_id: Option<String>,
    /// Whether every value of the document is known.
    pub complete: bool,
}

impl Document {
    /// A document with nothing in it yet.
    pub fn empty(address: String, kind: DocumentKind, span: Span) -> Document {
        Document {
            address,
            kind,
            span,
            is_key_policy: false,
            only_limits: false,
            built_from: Vec::new(),
            statements: Vec::new(),
            possible_statements: Vec::new(),
            unresolved: Vec::new(),
            errors: Vec::new(),
            render_input: None,
            rendered: None,
            encodes: None,
            rendered_id: None,
            complete: true,
        }
    }

    /// An empty document that reads as this one (address, kind, place,
    /// role), to gather parts of it apart. Not `..doc.clone()`: that would
    /// copy every statement gathered so far.
    pub fn empty_like(&self) -> Document {
        Document {
            is_key_policy: self.is_key_policy,
            only_limits: self.only_limits,
            complete: self.complete,
            ..Document::empty(self.address.clone(), self.kind.clone(), self.span)
        }
    }

    /// The JSON the provider would render (or the argument's text), unknown
    /// parts as `${...}`.
    pub fn rendered_text(&self) -> Option<Cow<'_, str>> {
        match (&self.rendered, &self.encodes) {
            (Some(text), _) => Some(Cow::Borrowed(text)),
            (None, Some(value)) => Some(Cow::Owned(tfkms_eval::json::encode_with_placeholders(
                value,
            ))),
            (None, None) => None,
        }
    }
}

/// The arguments of an `aws_iam_policy_document` as the provider sees them.
#[derive(Clone, Debug, Default)]
pub struct RenderInput {
    pub version: Option<Item>,
    pub policy_id: Option<Item>,
    /// Elements of `source_policy_documents`, as JSON text with unknown
    /// parts as `${...}`; `None` for a null element.
    pub source_documents: Vec<Option<String>>,
    pub override_documents: Vec<Option<String>>,
    /// Elements of either list that could not be evaluated, as (override?,
    /// index): their text is a placeholder, not JSON the provider would see,
    /// and the failure is already reported where it happened.
    pub unevaluated_documents: Vec<(bool, usize)>,
    /// The block's own statements, in order, before merging.
    pub statements: Vec<Statement>,
}

/// An `aws_kms_grant`: access to a key that neither the key policy nor IAM
/// policies show.
#[derive(Clone, Debug)]
pub struct Grant {
    /// Terraform address: `aws_kms_grant.x`, `module.m.aws_kms_grant.x["k"]`.
    pub address: String,
    /// The block's first line.
    pub span: Span,
    /// The key, by key ID or key ARN.
    pub key_id: Option<Item>,
    pub grantee_principal: Option<Item>,
    pub retiring_principal: Option<Item>,
    /// The operations granted (`Decrypt`, `GenerateDataKey`, ...).
    pub operations: Field,
    pub constraints: Vec<GrantConstraint>,
}

/// A `constraints` block: the encryption context a request must carry for
/// the grant to apply.
#[derive(Clone, Debug)]
pub struct GrantConstraint {
    pub span: Span,
    pub encryption_context_equals: Option<Item>,
    pub encryption_context_subset: Option<Item>,
    /// Generated by a `dynamic "constraints"` block, whose content is not
    /// evaluated.
    pub dynamic: bool,
}
