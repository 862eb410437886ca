//! Policy documents extracted from evaluated Terraform: the
//! `aws_iam_policy_document` data source (statement blocks, `dynamic`
//! blocks, source and override documents) and JSON policies in resource
//! arguments (`jsonencode`, heredocs, references to documents).

use crate::jsonpolicy;
use crate::model::*;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use tfkms_eval::{
    Cause, Expansion, Hop, InstanceKey, Kind, Mode, ModuleInstance, Origin, Scope, Shape, Text,
    TextPart, Unknown, Value,
};
use tfkms_syntax::Span;
use tfkms_syntax::ast::{Block, Body, Expr, ExprKind};

/// Resource arguments that hold a JSON policy, and whether it is a KMS key
/// policy.
pub const POLICY_ARGUMENTS: &[(&str, &str, bool)] = &[
    ("aws_iam_policy", "policy", false),
    ("aws_iam_role_policy", "policy", false),
    ("aws_iam_user_policy", "policy", false),
    ("aws_iam_group_policy", "policy", false),
    ("aws_iam_role", "assume_role_policy", false),
    ("aws_kms_key", "policy", true),
    ("aws_kms_replica_key", "policy", true),
    ("aws_kms_external_key", "policy", true),
    ("aws_kms_replica_external_key", "policy", true),
    ("aws_kms_key_policy", "policy", true),
    ("aws_s3_bucket_policy", "policy", false),
    ("aws_sns_topic_policy", "policy", false),
    ("aws_sqs_queue_policy", "policy", false),
    ("aws_secretsmanager_secret_policy", "policy", false),
    (
        "aws_ssoadmin_permission_set_inline_policy",
        "inline_policy",
        false,
    ),
];

/// Service and resource control policies: `aws_organizations_policy`'s
/// `content` when its `type` says it is one (absent means an SCP). Other
/// types (tag, backup policies) are not IAM policies.
const CONTROL_POLICY_TYPES: &[&str] = &["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

/// What a `resource`/`data` block contributes: a policy document data
/// source, JSON policy arguments, or both kinds of nothing.
struct PolicySource<'b> {
    block: &'b Block,
    /// `data.TYPE.NAME` or `TYPE.NAME`, without instance key.
    address: String,
    ty: &'b str,
    is_policy_document: bool,
    /// Arguments holding JSON policies, with whether it is a key policy.
    arguments: Vec<(&'static str, bool)>,
    /// `aws_iam_role`'s nested `inline_policy { policy = ... }` blocks.
    inline_policies: bool,
    /// `aws_organizations_policy`: its `content`, which only limits.
    control_policy: bool,
}

/// Which instance of a block documents are read for.
#[derive(Clone, Copy)]
enum BlockInstance<'k> {
    /// One instance: its key, if the block has `count`/`for_each`.
    One(Option<&'k InstanceKey>),
    /// The block's instances are unknown; the scope stands for all of them.
    Unknown,
}

impl<'b> PolicySource<'b> {
    fn of(mode: Mode, block: &'b Block) -> Option<PolicySource<'b>> {
        let (ty, name) = (block.label(0)?, block.label(1)?);
        let managed = mode == Mode::Managed;
        let source = PolicySource {
            block,
            address: match mode {
                Mode::Data => format!("data.{ty}.{name}"),
                Mode::Managed => format!("{ty}.{name}"),
            },
            ty,
            is_policy_document: mode == Mode::Data && ty == "aws_iam_policy_document",
            arguments: POLICY_ARGUMENTS
                .iter()
                .filter(|(t, _, _)| managed && *t == ty)
                .map(|(_, a, k)| (*a, *k))
                .collect(),
            inline_policies: managed && ty == "aws_iam_role",
            control_policy: managed && ty == "aws_organizations_policy",
        };
        (source.is_policy_document || !source.arguments.is_empty() || source.control_policy)
            .then_some(source)
    }

    /// The documents of one instance of the block.
    fn documents(
        &self,
        inst: &ModuleInstance,
        scope: &Scope,
        instance: BlockInstance,
        out: &mut Vec<Pending>,
    ) {
        let key = match instance {
            BlockInstance::One(key) => key,
            BlockInstance::Unknown => None,
        };
        let key_s = key.map(|k| k.to_string()).unwrap_or_default();
        let base = inst.qualify(&format!("{}{key_s}", self.address));
        let body = &self.block.body;
        if self.is_policy_document {
            out.push(match instance {
                // Shared with references to its `json` made while the rest
                // of the instance is read, before or after this point.
                BlockInstance::One(_) => {
                    let key = memo_key(&base);
                    let doc = inst.host_memo(&key, || {
                        rendered_policy_document(scope, self.block, base.clone())
                    });
                    Pending::Shared(key, doc)
                }
                // Never referenced as one instance: nothing to share.
                BlockInstance::Unknown => Pending::Own(Box::new(rendered_policy_document(
                    scope,
                    self.block,
                    base.clone(),
                ))),
            });
        }
        let mut arguments: Vec<(&Expr, String, String, bool)> = self
            .arguments
            .iter()
            .filter_map(|(arg, key_policy)| {
                let attr = body.attribute(arg)?;
                Some((
                    &attr.expr,
                    format!("{base}.{arg}"),
                    arg.to_string(),
                    *key_policy,
                ))
            })
            .collect();
        if self.inline_policies {
            for (i, b) in body.blocks("inline_policy").enumerate() {
                if let Some(attr) = b.body.attribute("policy") {
                    arguments.push((
                        &attr.expr,
                        format!("{base}.inline_policy[{i}].policy"),
                        "inline_policy.policy".to_string(),
                        false,
                    ));
                }
            }
        }
        for (expr, address, argument, key_policy) in arguments {
            let v = scope.eval(expr);
            if means_no_policy(&v, self.ty, &argument) {
                continue;
            }
            out.push(Pending::Own(Box::new(argument_document(
                &v, expr, address, self.ty, &argument, key_policy, scope,
            ))));
        }
        if self.control_policy
            && let Some(attr) = body.attribute("content")
            && is_control_policy(scope, self.block)
        {
            let v = scope.eval(&attr.expr);
            let mut doc = argument_document(
                &v,
                &attr.expr,
                format!("{base}.content"),
                self.ty,
                "content",
                false,
                scope,
            );
            doc.only_limits = true;
            out.push(Pending::Own(Box::new(doc)));
        }
    }
}

/// Whether an `aws_organizations_policy` is an SCP or RCP. An unknown
/// `type` may name a tag or backup policy, whose content is no IAM policy.
fn is_control_policy(scope: &Scope, block: &Block) -> bool {
    match block.body.attribute("type") {
        None => true,
        Some(attr) => scope
            .eval(&attr.expr)
            .as_known_str()
            .is_some_and(|t| CONTROL_POLICY_TYPES.contains(&t.as_ref())),
    }
}

/// A document of the instance being read.
enum Pending {
    Own(Box<Document>),
    /// Built through [`ModuleInstance::host_memo`] under this key.
    Shared(String, Rc<Document>),
}

/// All documents of one module instance, in source order, rendered.
pub fn documents(inst: &ModuleInstance) -> Vec<Document> {
    let mut out = Vec::new();
    for (mode, block) in &inst.module.resources {
        let Some(source) = PolicySource::of(*mode, block) else {
            continue;
        };
        let scope = inst.scope();
        match inst.expand(&scope, block) {
            Expansion::Single => source.documents(inst, &scope, BlockInstance::One(None), &mut out),
            Expansion::Instances(list) => {
                for (key, bindings) in list {
                    let scope = Scope::new(inst, bindings);
                    source.documents(inst, &scope, BlockInstance::One(Some(&key)), &mut out);
                }
            }
            Expansion::Unknown(v) => {
                // The instances cannot be known: check the body once with
                // `each`/`count` unknown, and say so.
                let unknown = tfkms_eval::eval::unknown_of(&v);
                let u = Value::unknown_from(unknown.clone(), v.origin.clone());
                let s = scope
                    .with("each", unknown_object(&u))
                    .with("count", unknown_object(&u));
                let first = out.len();
                source.documents(inst, &s, BlockInstance::Unknown, &mut out);
                // Only documents of its own: see `BlockInstance::Unknown`.
                for d in out[first..].iter_mut().filter_map(|p| match p {
                    Pending::Own(d) => Some(d),
                    Pending::Shared(..) => None,
                }) {
                    d.unresolved.push(Unresolved {
                        span: meta_span(block),
                        what: expansion_what(block).into(),
                        unknown: unknown.clone(),
                        via: Vec::new(),
                    });
                }
            }
        }
    }
    // Every reference to these documents within the instance has been
    // evaluated (and its value cached): they can be moved out.
    out.into_iter()
        .map(|p| match p {
            Pending::Own(doc) => *doc,
            Pending::Shared(key, doc) => {
                inst.forget_host_memo(&key);
                Rc::try_unwrap(doc).unwrap_or_else(|doc| (*doc).clone())
            }
        })
        .collect()
}

fn meta_span(block: &Block) -> Span {
    tfkms_eval::instance::lifecycle_enabled(block)
        .or_else(|| block.body.attribute("for_each"))
        .or_else(|| block.body.attribute("count"))
        .map(|a| a.span)
        .unwrap_or(block.head_span())
}

/// What about a block's expansion could not be evaluated, in a note's words.
fn expansion_what(block: &Block) -> &'static str {
    if tfkms_eval::instance::lifecycle_enabled(block).is_some() {
        "whether this block exists (its `lifecycle { enabled }`)"
    } else {
        "the instances of this block (`count`/`for_each`)"
    }
}

fn unknown_object(u: &Value) -> Value {
    let mut m = BTreeMap::new();
    for k in ["key", "value", "index"] {
        m.insert(k.to_string(), u.clone());
    }
    Value::map(m, u.origin.clone())
}

/// A JSON policy in a resource argument.
pub fn argument_document(
    v: &Value,
    expr: &Expr,
    address: String,
    resource_type: &str,
    argument: &str,
    is_key_policy: bool,
    scope: &Scope,
) -> Document {
    let kind = DocumentKind::Argument {
        resource_type: resource_type.to_string(),
        argument: argument.to_string(),
    };
    let mut doc = Document {
        is_key_policy,
        ..Document::empty(address, kind, expr.span)
    };
    if let Some(t) = v.as_text() {
        match &t.encoded {
            // Terraform has no text for it yet: show what it will encode.
            Some(value) if !t.is_known() => doc.encodes = Some(Arc::clone(value)),
            _ => doc.rendered = Some(t.display_with_placeholders()),
        }
    }
    let files = scope.inst.project;
    if let Some(e) = empty_or_null_policy(v, expr.span, resource_type, argument, &doc.address) {
        doc.errors.push(e);
        return doc;
    }
    match jsonpolicy::policy_value(v, expr.span, files) {
        Ok(Some(policy)) => {
            doc.built_from = json_of(&policy.value);
            jsonpolicy::read_document(&policy, expr.span, files, &mut doc);
        }
        Ok(None) => {
            let unknown = tfkms_eval::eval::unknown_of(v);
            doc.complete = false;
            unresolved_or_error(&mut doc, expr.span, "this policy".into(), unknown, v);
        }
        Err(e) => doc.errors.push(e),
    }
    name_policy_source(&mut doc, expr.span);
    // Unknown text is unknown even where every statement could be checked.
    doc.complete &= doc.unresolved.is_empty() && v.is_wholly_known();
    doc
}

/// Key resources whose `policy` may be left out: AWS then gives the key
/// its default key policy. The provider (5.100.0, checked with `terraform
/// plan`) treats `""` and `null` there as left out.
const OPTIONAL_KEY_POLICIES: &[&str] = &[
    "aws_kms_key",
    "aws_kms_replica_key",
    "aws_kms_external_key",
    "aws_kms_replica_external_key",
];

/// Resources whose policy the provider checks as IAM policy JSON, where
/// `""` fails validation; elsewhere `terraform plan` lets `""` through.
const EMPTY_REFUSED_AT_PLAN: &[&str] = &[
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_iam_role",
    "aws_ssoadmin_permission_set_inline_policy",
];

/// Whether the argument's value says "no policy here", as if it were left
/// out: `""` or `null` for a key's optional policy, `null` for an
/// `aws_iam_role` `inline_policy` block's optional `policy`.
fn means_no_policy(v: &Value, resource_type: &str, argument: &str) -> bool {
    let empty = v.as_known_str().is_some_and(|s| s.is_empty());
    if OPTIONAL_KEY_POLICIES.contains(&resource_type) {
        return v.is_null() || empty;
    }
    argument == "inline_policy.policy" && v.is_null()
}

/// What Terraform and the provider make of a required policy given as
/// `null` or `""`, which is no policy document.
fn empty_or_null_policy(
    v: &Value,
    used_at: Span,
    resource_type: &str,
    argument: &str,
    address: &str,
) -> Option<DocumentError> {
    let span = v.origin.span.unwrap_or(used_at);
    // An `inline_policy` block is named `inline_policy.N.policy` by the
    // provider, N its place in a set, not in the source: left out here.
    let name = argument;
    let mut error = if v.is_null() {
        DocumentError::new(
            span,
            format!(
                "Missing required argument: the argument \"{name}\" is required, but no definition was found (it is null)"
            ),
        )
    } else if !v.as_known_str().is_some_and(|s| s.is_empty()) {
        return None;
    } else if EMPTY_REFUSED_AT_PLAN.contains(&resource_type) {
        DocumentError::new(
            span,
            format!("\"{name}\" is an empty string, which is not a valid JSON value"),
        )
    } else {
        let mut e = DocumentError::new(
            span,
            format!(
                "\"{name}\" is an empty string, which is no policy document: `terraform plan` lets it through, but there is no policy to apply"
            ),
        );
        e.help = Some(
            "give the policy this resource is for; to have none, leave the resource out".into(),
        );
        e
    };
    // The value often comes from a variable's default, shared by several
    // resources: say which one this is.
    if !span.contains(used_at) {
        error.related.push(Hop {
            span: used_at,
            label: format!("`{address}` is given it here"),
        });
    }
    Some(error)
}

/// A policy whose text lives in another file (a template, a file read by
/// `file()`) names in each statement the place that made it, so the same
/// template text rendered for several resources is one finding that names
/// each of them.
fn name_policy_source(doc: &mut Document, used_at: Span) {
    for s in &mut doc.statements {
        if s.span.file != used_at.file {
            s.via.push(Hop {
                span: used_at,
                label: format!("`{}` takes its policy from here", doc.address),
            });
        }
    }
}

/// Where a policy document built for references waits to be checked.
fn memo_key(address: &str) -> String {
    format!("policy document {address}")
}

fn rendered_policy_document(scope: &Scope, block: &Block, address: String) -> Document {
    let mut doc = policy_document(scope, block, address);
    crate::render_document(&mut doc);
    doc
}

/// `data "aws_iam_policy_document"`: source documents, then the block's own
/// statements (a same-sid statement replaces a source statement in place),
/// then override documents (same sid replaces, new ones append).
pub fn policy_document(scope: &Scope, block: &Block, address: String) -> Document {
    let mut doc = Document::empty(address, DocumentKind::PolicyDocument, block.head_span());
    let body = &block.body;
    let files = scope.inst.project;
    let mut input = RenderInput {
        version: item(scope, body, "version"),
        policy_id: item(scope, body, "policy_id"),
        ..RenderInput::default()
    };
    let mut merged: Vec<Statement> = Vec::new();
    // Sids seen in source documents: the provider rejects a repeated one,
    // within a document or across them.
    let mut source_sids: BTreeMap<String, Span> = BTreeMap::new();
    for (arg, is_override) in [
        ("source_policy_documents", false),
        ("override_policy_documents", true),
    ] {
        if is_override {
            // Own statements go between sources and overrides.
            let own = own_statements(scope, body, &mut doc);
            input.statements = own.clone();
            merge_statements(&mut merged, own, true);
        }
        let Some(attr) = body.attribute(arg) else {
            continue;
        };
        let v = scope.eval(&attr.expr);
        if let Kind::List(items) | Kind::Set(items) = &v.kind {
            let texts = items
                .iter()
                .map(|e| {
                    (!e.is_null()).then(|| match e.as_text() {
                        Some(t) => t.display_with_placeholders(),
                        None => e.to_string(),
                    })
                })
                .collect();
            if is_override {
                input.override_documents = texts;
            } else {
                input.source_documents = texts;
            }
            input.unevaluated_documents.extend(
                items
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| !e.is_null() && !e.is_wholly_known())
                    .map(|(i, _)| (is_override, i)),
            );
        }
        let elements = match &v.kind {
            Kind::List(items) | Kind::Set(items) => items.clone(),
            Kind::Null => Vec::new(),
            // A list only partly known (`concat([a.json], var.more)`): the
            // documents known to be in it still count; the rest is a note.
            Kind::Unknown(u) if !u.known_elements().is_empty() => {
                doc.unresolved.push(Unresolved {
                    span: attr.expr.span,
                    what: format!("the rest of `{arg}`"),
                    unknown: u.derived(),
                    via: v.origin.hops.to_vec(),
                });
                u.known_elements().to_vec()
            }
            _ => {
                doc.unresolved.push(Unresolved {
                    span: attr.expr.span,
                    what: format!("`{arg}`"),
                    unknown: tfkms_eval::eval::unknown_of(&v),
                    via: v.origin.hops.to_vec(),
                });
                continue;
            }
        };
        for (i, element) in elements.iter().enumerate() {
            if element.is_null() || element.as_known_str().as_deref() == Some("") {
                continue;
            }
            let used_at = element.origin.span.unwrap_or(attr.expr.span);
            let mut sub = doc.empty_like();
            match jsonpolicy::policy_value(element, used_at, files) {
                Ok(Some(policy)) => {
                    doc.built_from.extend(json_of(&policy.value));
                    jsonpolicy::read_document(&policy, used_at, files, &mut sub)
                }
                Ok(None) => unresolved_or_error(
                    &mut doc,
                    used_at,
                    format!("`{arg}[{i}]`"),
                    tfkms_eval::eval::unknown_of(element),
                    element,
                ),
                Err(e) => doc.errors.push(e),
            }
            doc.unresolved.extend(sub.unresolved);
            doc.errors.extend(sub.errors);
            let hop = Hop {
                span: used_at,
                label: format!("merged into `{}` from `{arg}`", doc.address),
            };
            if !is_override {
                check_source_sids(&sub.statements, i, &mut source_sids, &mut doc.errors);
            }
            let statements = sub
                .statements
                .into_iter()
                .map(|mut s| {
                    s.via.push(hop.clone());
                    s
                })
                .collect();
            merge_statements(&mut merged, statements, is_override);
        }
    }
    for (i, s) in merged.iter_mut().enumerate() {
        s.index = i;
    }
    doc.statements = merged;
    doc.complete = doc.unresolved.is_empty() && statements_known(&doc.statements);
    doc.render_input = Some(input);
    doc
}

/// The provider's check of `source_policy_documents`: a non-empty sid may
/// appear once across all of them, with its message word for word.
fn check_source_sids(
    statements: &[Statement],
    document: usize,
    seen: &mut BTreeMap<String, Span>,
    errors: &mut Vec<DocumentError>,
) {
    for (index, st) in statements.iter().enumerate() {
        let (Some(sid), Some(item)) = (st.sid(), &st.sid) else {
            continue;
        };
        let span = item.source_span();
        match seen.get(&sid) {
            Some(first) => {
                let mut e = DocumentError::new(
                    span,
                    format!(
                        "writing IAM Policy Document: merging source document {document}: duplicate Sid ({sid}) in source_policy_documents (statement {index}). Remove the Sid or ensure Sids are unique."
                    ),
                );
                e.related.push(Hop {
                    span: *first,
                    label: format!("`{sid}` first used here"),
                });
                errors.push(e);
            }
            None => {
                seen.insert(sid, span);
            }
        }
    }
}

/// A policy value that is unknown because evaluating it failed (a reference
/// to a document that does not exist, a bad function call) is an error
/// Terraform would report too; one that is merely not known yet is
/// unresolved.
fn unresolved_or_error(
    doc: &mut Document,
    span: Span,
    what: String,
    unknown: tfkms_eval::Unknown,
    v: &Value,
) {
    if let Cause::Error { message, .. } = &*unknown.cause {
        doc.errors.push(DocumentError::new(
            v.origin.span.unwrap_or(span),
            format!("{what} cannot be evaluated: {message}"),
        ));
        return;
    }
    doc.unresolved.push(Unresolved {
        span,
        what,
        unknown,
        via: v.origin.hops.to_vec(),
    });
}

fn statements_known(statements: &[Statement]) -> bool {
    statements.iter().all(|s| {
        let fields = [&s.actions, &s.not_actions, &s.resources, &s.not_resources];
        fields.iter().all(|f| match f {
            Field::Absent => true,
            Field::Unknown(_) => false,
            Field::Items(v) => v.iter().all(|i| i.value.is_wholly_known()),
        }) && s.conditions.iter().all(|c| match &c.values {
            Field::Items(v) => v.iter().all(|i| i.value.is_wholly_known()),
            Field::Absent => true,
            Field::Unknown(_) => false,
        })
    })
}

/// Sid replacement: a statement whose sid is already present replaces that
/// statement in place; others append.
fn merge_statements(into: &mut Vec<Statement>, new: Vec<Statement>, replace: bool) {
    for s in new {
        let sid = s.sid();
        match sid.and_then(|sid| into.iter().position(|e| e.sid().as_deref() == Some(&sid))) {
            Some(i) if replace => into[i] = s,
            _ => into.push(s),
        }
    }
}

fn own_statements(scope: &Scope, body: &Body, doc: &mut Document) -> Vec<Statement> {
    let mut out = Vec::new();
    for b in &body.blocks {
        match b.kind.as_str() {
            "statement" => {
                let mut s = statement(scope, &b.body, b.span, Vec::new(), doc);
                s.head = b.head_span();
                out.push(s);
            }
            "dynamic" if b.label(0) == Some("statement") => match expand_dynamic(scope, b, doc) {
                Dynamic::Elements(expanded) => {
                    for (s, content, via) in expanded {
                        let mut st = statement(&s, &content.body, content.span, via, doc);
                        st.head = b.head_span();
                        out.push(st);
                    }
                }
                Dynamic::Unknown(unknown) => {
                    let possible = possible_dynamic_statement(scope, b, unknown, out.len(), doc);
                    doc.possible_statements.extend(possible);
                }
            },
            _ => {}
        }
    }
    out
}

/// The `content` of a `dynamic "statement"` whose `for_each` could not be
/// evaluated (`unknown`, already reported as unresolved): the statement
/// each element would give, with the iterator unknown. Its own unknowns are
/// not reported again: they all follow from the `for_each`.
fn possible_dynamic_statement(
    scope: &Scope,
    dynamic: &Block,
    unknown: Unknown,
    index: usize,
    doc: &Document,
) -> Option<Statement> {
    let content = dynamic.body.blocks("content").next()?;
    let for_each = dynamic.body.attribute("for_each")?;
    let iterator = dynamic_iterator(dynamic, "statement");
    let why = unknown.cause.explain();
    let element = Value::unknown_from(unknown, Origin::at(for_each.span));
    let s = scope.with(&iterator, element);
    let via = vec![Hop {
        span: for_each.span,
        label: "would generate statements from this `for_each`, which could not be evaluated"
            .into(),
    }];
    let mut scratch = Document {
        complete: false,
        ..doc.empty_like()
    };
    let mut st = statement(&s, &content.body, content.span, via, &mut scratch);
    st.head = dynamic.head_span();
    st.index = index;
    st.branch_note = Some(format!(
        "in the policy only if the `for_each` of its dynamic block has elements, which \
         could not be evaluated ({why})"
    ));
    Some(st)
}

/// The name the `content` of a `dynamic` block reads its element by.
fn dynamic_iterator(dynamic: &Block, label: &str) -> String {
    dynamic
        .body
        .attribute("iterator")
        .and_then(|a| match &a.expr.kind {
            ExprKind::Variable(n) => Some(n.clone()),
            ExprKind::Template(t) => t.as_literal(),
            _ => None,
        })
        .unwrap_or_else(|| label.to_string())
}

/// What the `for_each` of a `dynamic` block gives.
enum Dynamic<'b, 'i, 'p> {
    /// Per element: the scope with the iterator bound, the `content` block,
    /// and the hop from the element. None for an empty `for_each`, or a
    /// block that generates nothing (a mistake is reported).
    Elements(Vec<(Scope<'i, 'p>, &'b Block, Vec<Hop>)>),
    /// The `for_each` could not be evaluated (reported as unresolved).
    Unknown(Unknown),
}

impl<'b, 'i, 'p> Dynamic<'b, 'i, 'p> {
    /// The blocks generated for certain.
    fn elements(self) -> Vec<(Scope<'i, 'p>, &'b Block, Vec<Hop>)> {
        match self {
            Dynamic::Elements(elements) => elements,
            Dynamic::Unknown(_) => Vec::new(),
        }
    }
}

/// The iterations of a `dynamic` block.
fn expand_dynamic<'b, 'i, 'p>(
    scope: &Scope<'i, 'p>,
    dynamic: &'b Block,
    doc: &mut Document,
) -> Dynamic<'b, 'i, 'p> {
    let none = || Dynamic::Elements(Vec::new());
    let Some(content) = dynamic.body.blocks("content").next() else {
        return none();
    };
    let Some(for_each) = dynamic.body.attribute("for_each") else {
        return none();
    };
    let label = dynamic.label(0).unwrap_or("dynamic");
    let iterator = dynamic_iterator(dynamic, label);
    let v = scope.eval(&for_each.expr);
    let items = match (&v.kind, scope.iterate(&v)) {
        (Kind::String(_) | Kind::Number(_) | Kind::Bool(_), _) => {
            doc.errors.push(DocumentError::new(
                for_each.expr.span,
                format!(
                    "the `for_each` of dynamic \"{label}\" must be a collection, got a {}",
                    v.type_name()
                ),
            ));
            return none();
        }
        (_, Ok(items)) => items,
        (_, Err(unknown)) => {
            doc.unresolved.push(Unresolved {
                span: for_each.span,
                what: format!("the `for_each` of dynamic \"{label}\""),
                unknown: unknown.clone(),
                via: v.origin.hops.to_vec(),
            });
            return Dynamic::Unknown(unknown);
        }
    };
    let elements = items
        .into_iter()
        .map(|(k, value)| {
            let element_span = value.origin.span;
            let mut m = BTreeMap::new();
            m.insert("key".to_string(), k);
            m.insert("value".to_string(), value);
            let s = scope.with(&iterator, Value::map(m, Origin::at(for_each.span)));
            let mut via = vec![Hop {
                span: for_each.span,
                label: format!("generated by dynamic \"{label}\" from this `for_each`"),
            }];
            if let Some(es) = element_span.filter(|es| !for_each.span.contains(*es)) {
                via.insert(
                    0,
                    Hop {
                        span: es,
                        label: "the `for_each` element".into(),
                    },
                );
            }
            (s, content, via)
        })
        .collect();
    Dynamic::Elements(elements)
}

fn item(scope: &Scope, body: &Body, name: &str) -> Option<Item> {
    let attr = body.attribute(name)?;
    let value = scope.eval(&attr.expr);
    if value.is_null() {
        return None;
    }
    Some(Item {
        value,
        used_at: attr.expr.span,
    })
}

fn field(scope: &Scope, body: &Body, name: &str) -> Field {
    let Some(attr) = body.attribute(name) else {
        return Field::Absent;
    };
    let value = scope.eval(&attr.expr);
    list_field(value, &attr.expr)
}

/// A list-valued argument: one item per element, each used at its element
/// expression when the list is written literally.
pub fn list_field(value: Value, expr: &Expr) -> Field {
    let element_spans: Option<Vec<Span>> = match &expr.kind {
        ExprKind::Tuple(items) => Some(items.iter().map(|e| e.span).collect()),
        _ => None,
    };
    match value.kind {
        Kind::Null => Field::Absent,
        Kind::List(items) | Kind::Set(items) => {
            let same_shape = element_spans
                .as_ref()
                .is_some_and(|s| s.len() == items.len())
                && matches!(expr.kind, ExprKind::Tuple(_));
            Field::Items(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| Item {
                        used_at: if same_shape {
                            element_spans.as_ref().unwrap()[i]
                        } else {
                            expr.span
                        },
                        value: v,
                    })
                    .collect(),
            )
        }
        Kind::Unknown(u) if !u.known_elements().is_empty() => {
            Field::Items(known_elements_and_the_rest(&u, value.origin, expr.span))
        }
        Kind::Unknown(_) => Field::Unknown(Item {
            value,
            used_at: expr.span,
        }),
        _ => Field::Items(vec![Item {
            value,
            used_at: expr.span,
        }]),
    }
}

/// A list of unknown length as items: each element known to be in it,
/// where it was written, then one unknown item for the elements not known.
fn known_elements_and_the_rest(
    u: &tfkms_eval::Unknown,
    origin: Origin,
    used_at: Span,
) -> Vec<Item> {
    let mut items: Vec<Item> = u
        .known_elements()
        .iter()
        .map(|e| Item {
            used_at: e.origin.span.unwrap_or(used_at),
            value: e.clone(),
        })
        .collect();
    items.push(Item {
        value: Value::unknown_from(u.derived(), origin),
        used_at,
    });
    items
}

fn statement(
    scope: &Scope,
    body: &Body,
    span: Span,
    via: Vec<Hop>,
    doc: &mut Document,
) -> Statement {
    let mut s = Statement::new(span, 0);
    s.via = via;
    s.sid = item(scope, body, "sid");
    s.effect = item(scope, body, "effect");
    s.actions = field(scope, body, "actions");
    s.not_actions = field(scope, body, "not_actions");
    s.resources = field(scope, body, "resources");
    s.not_resources = field(scope, body, "not_resources");
    for (kind, target) in [("principals", 0), ("not_principals", 1), ("condition", 2)] {
        for b in &body.blocks {
            let blocks: Vec<(Scope, &Block)> = if b.kind == kind {
                vec![(scope.clone(), b)]
            } else if b.kind == "dynamic" && b.label(0) == Some(kind) {
                expand_dynamic(scope, b, doc)
                    .elements()
                    .into_iter()
                    .map(|(s, c, _)| (s, c))
                    .collect()
            } else {
                continue;
            };
            for (bs, blk) in blocks {
                match target {
                    0 | 1 => {
                        let p = Principals {
                            r#type: item(&bs, &blk.body, "type")
                                .unwrap_or_else(|| missing(blk, "type")),
                            identifiers: field(&bs, &blk.body, "identifiers"),
                            span: blk.span,
                        };
                        if target == 0 {
                            s.principals.push(p)
                        } else {
                            s.not_principals.push(p)
                        }
                    }
                    _ => s.conditions.push(Condition {
                        test: item(&bs, &blk.body, "test").unwrap_or_else(|| missing(blk, "test")),
                        variable: item(&bs, &blk.body, "variable")
                            .unwrap_or_else(|| missing(blk, "variable")),
                        values: field(&bs, &blk.body, "values"),
                        span: blk.span,
                    }),
                }
            }
        }
    }
    s
}

fn missing(block: &Block, what: &str) -> Item {
    Item {
        value: Value::error(
            format!("the argument \"{what}\" is required"),
            Origin::at(block.head_span()),
        ),
        used_at: block.head_span(),
    }
}

/// The value a document's `json` attribute stands for: the document as a
/// JSON-shaped value whose elements keep their source spans, so documents
/// built from it (source documents, policy arguments) point at the same
/// literals.
pub fn document_value(doc: &Document, origin: Origin) -> Value {
    let mut statements = Vec::new();
    for s in &doc.statements {
        let mut m = BTreeMap::new();
        let o = Origin::at(s.span);
        if let Some(sid) = &s.sid {
            m.insert("Sid".to_string(), sid.value.clone());
        }
        m.insert(
            "Effect".to_string(),
            s.effect
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_else(|| Value::string("Allow", o.clone())),
        );
        for (key, f) in [
            ("Action", &s.actions),
            ("NotAction", &s.not_actions),
            ("Resource", &s.resources),
            ("NotResource", &s.not_resources),
        ] {
            match f {
                Field::Absent => {}
                Field::Unknown(i) => {
                    m.insert(key.to_string(), i.value.clone());
                }
                Field::Items(items) => {
                    m.insert(
                        key.to_string(),
                        Value::list(items.iter().map(|i| i.value.clone()).collect(), o.clone()),
                    );
                }
            }
        }
        for (key, ps) in [
            ("Principal", &s.principals),
            ("NotPrincipal", &s.not_principals),
        ] {
            if ps.is_empty() {
                continue;
            }
            let mut pm: BTreeMap<String, Value> = BTreeMap::new();
            for p in ps {
                let ty = p.r#type.known().map(|t| t.into_owned()).unwrap_or_default();
                let entry = pm
                    .entry(ty)
                    .or_insert_with(|| Value::list(vec![], Origin::at(p.span)));
                if let Kind::List(v) = &mut entry.kind {
                    match &p.identifiers {
                        Field::Items(items) => v.extend(items.iter().map(|i| i.value.clone())),
                        Field::Unknown(i) => v.push(i.value.clone()),
                        Field::Absent => {}
                    }
                }
            }
            m.insert(key.to_string(), Value::map(pm, o.clone()));
        }
        if !s.conditions.is_empty() {
            let mut cm: BTreeMap<String, Value> = BTreeMap::new();
            for c in &s.conditions {
                let test = c.test.known().map(|t| t.into_owned()).unwrap_or_default();
                let var = c
                    .variable
                    .known()
                    .map(|t| t.into_owned())
                    .unwrap_or_default();
                let inner = cm
                    .entry(test)
                    .or_insert_with(|| Value::map(BTreeMap::new(), Origin::at(c.span)));
                if let Kind::Map(im) = &mut inner.kind {
                    let e = im
                        .entry(var)
                        .or_insert_with(|| Value::list(vec![], Origin::at(c.span)));
                    if let Kind::List(v) = &mut e.kind {
                        match &c.values {
                            Field::Items(items) => v.extend(items.iter().map(|i| i.value.clone())),
                            Field::Unknown(i) => v.push(i.value.clone()),
                            Field::Absent => {}
                        }
                    }
                }
            }
            m.insert("Condition".to_string(), Value::map(cm, o.clone()));
        }
        statements.push(Value::map(m, o));
    }
    let mut top = BTreeMap::new();
    top.insert(
        "Version".to_string(),
        Value::string("2012-10-17", origin.clone()),
    );
    top.insert(
        "Statement".to_string(),
        Value::list(statements, origin.clone()),
    );
    Value::map(top, origin)
}

/// The `json` attribute of a document: its rendering, remembering the
/// document value it encodes.
pub fn document_json(doc: &Document, span: Span, minified: bool) -> Value {
    let origin = Origin::at(span);
    let mut value = document_value(doc, origin.clone());
    // The encoded value travels unchanged wherever the `json` goes (locals,
    // module variables and outputs): naming the document on it lets the
    // documents built from it say which one they are.
    value.origin.hops = value.origin.hops.push(Hop {
        span: doc.span,
        label: doc.address.clone(),
    });
    // `complete` speaks for what rules check; the provider's text depends
    // on every argument (a Sid or principal included), so any unknown one
    // leaves the text unknown: `length(...)` or `substr(...)` of it must
    // not be computed from a placeholder.
    let unknown_argument = doc.render_input.as_ref().and_then(first_unknown_argument);
    let mut text = if doc.complete && unknown_argument.is_none() {
        match &doc.rendered {
            Some(r) if minified => Text::known(compact_json(r), origin.clone()),
            Some(r) => Text::known(r.clone(), origin.clone()),
            None => Text::known(tfkms_eval::json::encode(&value), origin.clone()),
        }
    } else {
        let unknown = doc
            .unresolved
            .first()
            .map(|u| u.unknown.clone())
            .or(unknown_argument)
            .or_else(|| value.first_unknown().cloned())
            .unwrap_or_else(|| unevaluated_parts(doc));
        Text {
            parts: vec![TextPart::Unknown(unknown)],
            encoded: None,
        }
    };
    text.encoded = Some(Arc::new(value));
    Value::new(Kind::String(text), origin)
}

/// The `id` of a document data source, known exactly when its JSON is.
pub fn document_id(doc: &Document, span: Span) -> Value {
    let origin = Origin::at(span);
    match &doc.rendered_id {
        // `complete` speaks for what rules check; the id hashes every
        // argument, a statement's Sid and principals included.
        _ if let Some(unknown) = doc.render_input.as_ref().and_then(first_unknown_argument) => {
            Value::unknown_from(unknown, origin)
        }
        Some(id) if doc.complete => Value::string(id.clone(), origin),
        // Terraform stops at the provider's error, reported on the document.
        None if doc.complete => Value::unknown(
            Cause::Unsupported {
                what: format!(
                    "the `id` of `{}`, which the provider fails to render",
                    doc.address
                ),
            },
            Shape::Any,
            origin,
        ),
        _ => {
            let unknown = doc
                .unresolved
                .first()
                .map(|u| u.unknown.clone())
                .unwrap_or_else(|| unevaluated_parts(doc));
            Value::unknown_from(unknown, origin)
        }
    }
}

/// The first value not known among the arguments the provider renders from.
fn first_unknown_argument(input: &RenderInput) -> Option<tfkms_eval::Unknown> {
    fn field(f: &Field) -> Vec<&Item> {
        match f {
            Field::Absent => Vec::new(),
            Field::Unknown(i) => vec![i],
            Field::Items(items) => items.iter().collect(),
        }
    }
    let mut items: Vec<&Item> = input.version.iter().chain(&input.policy_id).collect();
    for s in &input.statements {
        items.extend(s.sid.iter().chain(&s.effect));
        for f in [&s.actions, &s.not_actions, &s.resources, &s.not_resources] {
            items.extend(field(f));
        }
        for p in s.principals.iter().chain(&s.not_principals) {
            items.push(&p.r#type);
            items.extend(field(&p.identifiers));
        }
        for c in &s.conditions {
            items.extend([&c.test, &c.variable]);
            items.extend(field(&c.values));
        }
    }
    items
        .into_iter()
        .find_map(|i| i.value.first_unknown().cloned())
}

fn unevaluated_parts(doc: &Document) -> tfkms_eval::Unknown {
    tfkms_eval::Unknown::new(
        Cause::Unsupported {
            what: format!("parts of `{}`", doc.address),
        },
        Shape::Any,
    )
}

/// `minified_json` from `json`: the provider indents its compact JSON (Go's
/// `json.Indent`), so dropping the whitespace outside strings gives back
/// exactly the compact text.
fn compact_json(indented: &str) -> String {
    let mut out = String::with_capacity(indented.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in indented.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\n' | '\t' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// The policy document data sources named on a JSON-shaped policy value by
/// [`document_json`], as (head span, address). Other hops cannot pass for
/// one: [`mark_key_policies`] matches both against the documents.
fn json_of(policy: &Value) -> Vec<(Span, String)> {
    policy
        .origin
        .hops
        .to_vec()
        .into_iter()
        .map(|h| (h.span, h.label))
        .collect()
}

/// Marks as key policies the policy document data sources of one module
/// tree whose `json` is used, directly or through other data sources'
/// source and override documents, by key policies only.
///
/// A document whose `json` is also used by an IAM policy (or any policy that
/// is not a key policy) stays unmarked: its statements are in effect in
/// that policy, and rules must see them there. One that no document is
/// seen using (an output of the root module, a resource argument tfkms does
/// not read, a value it could not follow) keeps being checked as if it
/// could be an IAM policy. Documents are matched by head span and address,
/// so instances of a module or of a `for_each` stay apart.
pub fn mark_key_policies(docs: &mut [Document]) {
    mark_used_only_by(docs, |d| d.is_key_policy, |d| d.is_key_policy = true);
}

/// How a managed policy's ARN is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArnUse {
    /// As a permissions boundary: the policy limits, it grants nothing.
    Boundary,
    /// Attached to a role, user or group: the policy grants.
    Attached,
}

/// Resource arguments that take managed policy ARNs, and how they use them.
const POLICY_ARN_ARGUMENTS: &[(&str, &str, ArnUse)] = &[
    ("aws_iam_role", "permissions_boundary", ArnUse::Boundary),
    ("aws_iam_user", "permissions_boundary", ArnUse::Boundary),
    ("aws_iam_role", "managed_policy_arns", ArnUse::Attached),
    (
        "aws_iam_role_policy_attachment",
        "policy_arn",
        ArnUse::Attached,
    ),
    (
        "aws_iam_user_policy_attachment",
        "policy_arn",
        ArnUse::Attached,
    ),
    (
        "aws_iam_group_policy_attachment",
        "policy_arn",
        ArnUse::Attached,
    ),
    ("aws_iam_policy_attachment", "policy_arn", ArnUse::Attached),
    (
        "aws_iam_role_policy_attachments_exclusive",
        "policy_arns",
        ArnUse::Attached,
    ),
    (
        "aws_iam_user_policy_attachments_exclusive",
        "policy_arns",
        ArnUse::Attached,
    ),
    (
        "aws_iam_group_policy_attachments_exclusive",
        "policy_arns",
        ArnUse::Attached,
    ),
];

/// The `aws_iam_policy` documents (by address, `aws_iam_policy.b.policy`)
/// whose ARN one module instance uses, and how.
pub fn policy_arn_uses(inst: &ModuleInstance) -> Vec<(String, ArnUse)> {
    let mut out = Vec::new();
    for (mode, block) in &inst.module.resources {
        let Some(ty) = block.label(0).filter(|_| *mode == Mode::Managed) else {
            continue;
        };
        for (_, arg, how) in POLICY_ARN_ARGUMENTS.iter().filter(|(t, ..)| *t == ty) {
            let Some(attr) = block.body.attribute(arg) else {
                continue;
            };
            let scope = inst.scope();
            let scopes: Vec<Scope> = match inst.expand(&scope, block) {
                Expansion::Instances(list) => list
                    .into_iter()
                    .map(|(_, bindings)| Scope::new(inst, bindings))
                    .collect(),
                Expansion::Single | Expansion::Unknown(_) => vec![scope],
            };
            for scope in scopes {
                let v = scope.eval(&attr.expr);
                let elements = match &v.kind {
                    Kind::List(items) | Kind::Set(items) => items.iter().collect(),
                    _ => vec![&v],
                };
                for address in elements.into_iter().filter_map(managed_policy_address) {
                    out.push((address, *how));
                }
            }
        }
    }
    out
}

/// The document address of an `aws_iam_policy`'s ARN, as the evaluator
/// leaves it: unknown until apply, named by its resource.
fn managed_policy_address(v: &Value) -> Option<String> {
    let unknown = v.as_whole_unknown()?;
    let Cause::ResourceAttribute { address } = &*unknown.cause else {
        return None;
    };
    let resource = address.strip_suffix(".arn")?;
    let mut local = resource;
    while let Some(rest) = local.strip_prefix("module.") {
        local = rest.split_once('.')?.1;
    }
    local
        .starts_with("aws_iam_policy.")
        .then(|| format!("{resource}.policy"))
}

/// Marks the documents that only limit: `aws_iam_policy` documents whose
/// ARN the tree uses as a permissions boundary and never attaches, and the
/// policy document data sources whose `json` only such documents (and
/// control policies) use. A policy whose ARN the tree is not seen using
/// (an output, an attachment elsewhere) keeps counting as one that grants.
pub fn mark_limits(docs: &mut [Document], uses: &[(String, ArnUse)]) {
    let mut how_used: BTreeMap<&str, Vec<ArnUse>> = BTreeMap::new();
    for (address, how) in uses {
        how_used.entry(address.as_str()).or_default().push(*how);
    }
    for d in docs.iter_mut() {
        let DocumentKind::Argument {
            resource_type,
            argument,
        } = &d.kind
        else {
            continue;
        };
        if resource_type != "aws_iam_policy" || argument != "policy" {
            continue;
        }
        let used = how_used.get(d.address.as_str()).map_or(&[][..], |v| v);
        if used.contains(&ArnUse::Boundary) && !used.contains(&ArnUse::Attached) {
            d.only_limits = true;
        }
    }
    mark_used_only_by(docs, |d| d.only_limits, |d| d.only_limits = true);
}

/// Marks the policy document data sources whose `json` is used, directly
/// or through other data sources' source and override documents, only by
/// documents `is` holds for.
fn mark_used_only_by(
    docs: &mut [Document],
    is: impl Fn(&Document) -> bool,
    mark: impl Fn(&mut Document),
) {
    let index: BTreeMap<(Span, &str), usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == DocumentKind::PolicyDocument)
        .map(|(i, d)| ((d.span, d.address.as_str()), i))
        .collect();
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (user, d) in docs.iter().enumerate() {
        for (span, address) in &d.built_from {
            if let Some(&used) = index.get(&(*span, address.as_str()))
                && used != user
                && !users[used].contains(&user)
            {
                users[used].push(user);
            }
        }
    }
    // A chain of source documents ends in a policy argument: repeat until
    // nothing more is marked (each pass marks at least one, or ends).
    loop {
        let newly: Vec<usize> = (0..docs.len())
            .filter(|&i| {
                !is(&docs[i]) && !users[i].is_empty() && users[i].iter().all(|&u| is(&docs[u]))
            })
            .collect();
        if newly.is_empty() {
            break;
        }
        for i in newly {
            mark(&mut docs[i]);
        }
    }
}

/// Renders `data.aws_iam_policy_document.X.json` for the evaluator.
pub struct PolicyHost;

impl tfkms_eval::Host for PolicyHost {
    fn object_attribute(
        &self,
        scope: &Scope,
        mode: Mode,
        ty: &str,
        name: &str,
        key: Option<&InstanceKey>,
        block: &Block,
        attr: &str,
        span: Span,
    ) -> Option<Value> {
        if mode != Mode::Data || ty != "aws_iam_policy_document" {
            return None;
        }
        if !matches!(attr, "id" | "json" | "minified_json") {
            return None;
        }
        let key_s = key.map(|k| k.to_string()).unwrap_or_default();
        let address = scope.inst.qualify(&format!("data.{ty}.{name}{key_s}"));
        // Kept for `documents`, which checks this same document: building
        // and rendering it is most of the cost of a scan's evaluation.
        let doc = scope.inst.host_memo(&memo_key(&address), || {
            rendered_policy_document(scope, block, address.clone())
        });
        let value = match attr {
            "id" => document_id(&doc, span),
            _ => document_json(&doc, span, attr == "minified_json"),
        };
        Some(value.via(Hop {
            span,
            label: format!("`data.{ty}.{name}{key_s}.{attr}` used here"),
        }))
    }
}

/// The `aws_kms_grant` resources of one module instance, in source order.
/// Grants are not policies, so they are kept apart from documents.
pub fn grants(inst: &ModuleInstance) -> Vec<Grant> {
    let mut out = Vec::new();
    for (mode, block) in &inst.module.resources {
        if *mode != Mode::Managed || block.label(0) != Some("aws_kms_grant") {
            continue;
        }
        let Some(name) = block.label(1) else { continue };
        let address = |key: Option<&InstanceKey>| {
            let key = key.map(|k| k.to_string()).unwrap_or_default();
            inst.qualify(&format!("aws_kms_grant.{name}{key}"))
        };
        let scope = inst.scope();
        match inst.expand(&scope, block) {
            Expansion::Single => out.push(grant(&scope, block, address(None))),
            Expansion::Instances(list) => {
                for (key, bindings) in list {
                    let s = Scope::new(inst, bindings);
                    out.push(grant(&s, block, address(Some(&key))));
                }
            }
            // However many instances there are, they share this body: show
            // it once, with `each` and `count` unknown.
            Expansion::Unknown(v) => {
                let u = Value::unknown_from(tfkms_eval::eval::unknown_of(&v), v.origin.clone());
                let s = scope
                    .with("each", unknown_object(&u))
                    .with("count", unknown_object(&u));
                out.push(grant(&s, block, address(None)));
            }
        }
    }
    out
}

fn grant(scope: &Scope, block: &Block, address: String) -> Grant {
    let body = &block.body;
    let mut constraints = Vec::new();
    for b in &body.blocks {
        if b.kind == "constraints" {
            constraints.push(GrantConstraint {
                span: b.span,
                encryption_context_equals: item(scope, &b.body, "encryption_context_equals"),
                encryption_context_subset: item(scope, &b.body, "encryption_context_subset"),
                dynamic: false,
            });
        } else if b.kind == "dynamic" && b.label(0) == Some("constraints") {
            constraints.push(GrantConstraint {
                span: b.head_span(),
                encryption_context_equals: None,
                encryption_context_subset: None,
                dynamic: true,
            });
        }
    }
    Grant {
        address,
        span: block.head_span(),
        key_id: item(scope, body, "key_id"),
        grantee_principal: item(scope, body, "grantee_principal"),
        retiring_principal: item(scope, body, "retiring_principal"),
        operations: field(scope, body, "operations"),
        constraints,
    }
}

#[cfg(test)]
mod tests {
    use super::compact_json;

    /// The provider's own `json` and `minified_json` of every render case.
    #[test]
    fn compact_json_turns_the_providers_json_into_its_minified_json() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/render");
        let mut checked = 0;
        for entry in std::fs::read_dir(root).unwrap() {
            let dir = entry.unwrap().path();
            let (Ok(json), Ok(min)) = (
                std::fs::read_to_string(dir.join("expected.json")),
                std::fs::read_to_string(dir.join("expected.min.json")),
            ) else {
                continue;
            };
            assert_eq!(compact_json(&json), min, "{}", dir.display());
            checked += 1;
        }
        assert!(checked >= 40, "only {checked} render cases");
    }
}
