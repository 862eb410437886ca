//! What the access model needs of a module instance besides its policy
//! documents: the keys, their aliases and key policy resources, the IAM
//! principals and which policies are attached to them. Kept as small owned
//! facts, so the evaluated tree can be dropped.

use crate::providers::{Configuration, ProviderAccounts};
use std::sync::Arc;
use tfkms_eval::{Cause, Expansion, InstanceKey, Kind, Mode, ModuleInstance, Scope, Shape, Value};
use tfkms_syntax::Span;
use tfkms_syntax::ast::Block;

/// The key resource types; a data source stands for a key declared elsewhere.
pub const KEY_TYPES: &[&str] = &[
    "aws_kms_key",
    "aws_kms_replica_key",
    "aws_kms_external_key",
    "aws_kms_replica_external_key",
];

#[derive(Clone, Debug, Default)]
pub struct Resources {
    pub keys: Vec<KeyDecl>,
    pub key_policies: Vec<KeyPolicyDecl>,
    pub aliases: Vec<AliasDecl>,
    pub principals: Vec<PrincipalDecl>,
    pub attachments: Vec<Attachment>,
}

impl Resources {
    pub fn extend(&mut self, other: Resources) {
        self.keys.extend(other.keys);
        self.key_policies.extend(other.key_policies);
        self.aliases.extend(other.aliases);
        self.principals.extend(other.principals);
        self.attachments.extend(other.attachments);
    }
}

/// A key: declared (`aws_kms_key.app`) or read (`data.aws_kms_key.x`).
#[derive(Clone, Debug)]
pub struct KeyDecl {
    /// Instance address, module-qualified: `module.m.aws_kms_key.app["a"]`.
    pub address: String,
    pub span: Span,
    /// Read by a data source: its key policy is not in the tree.
    pub data: bool,
    /// Neither declared nor read: only named, by key ARN or ID, where a
    /// grant gives access to it. Its policy is not in the tree either.
    pub named_only: bool,
    /// Whether the `policy` argument is set: without one (and without an
    /// `aws_kms_key_policy`) AWS KMS gives the key its default policy.
    pub has_policy_argument: bool,
    pub bypass_lockout_check: Flag,
    /// Its instances are unknown (`count`/`for_each` unknown): the address
    /// stands for all of them.
    pub instances_unknown: bool,
    /// The account its provider configuration creates it in, when known.
    pub account: Option<String>,
    /// The provider configuration it is created with, as the root module
    /// names it, when it can be told.
    pub configuration: Option<String>,
}

/// A boolean argument: set, unset, or unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Flag {
    #[default]
    Unset,
    True,
    False,
    Unknown,
}

/// An `aws_kms_key_policy`: the key policy of the key it names.
#[derive(Clone, Debug)]
pub struct KeyPolicyDecl {
    /// Its document's address: `aws_kms_key_policy.p.policy`.
    pub document: String,
    pub key: KeyTarget,
    pub span: Span,
    pub bypass_lockout_check: Flag,
}

/// Which key an argument (`key_id`, `target_key_id`) names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyTarget {
    /// A key of the tree, by its address.
    Key(String),
    /// Something tfkms cannot tie to a key of the tree: the reason.
    Unknown(String),
}

#[derive(Clone, Debug)]
pub struct AliasDecl {
    pub address: String,
    /// `alias/NAME`, when known.
    pub name: Option<String>,
    pub target: KeyTarget,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrincipalKind {
    Role,
    User,
    Group,
    PermissionSet,
}

impl PrincipalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::Role => "role",
            PrincipalKind::User => "user",
            PrincipalKind::Group => "group",
            PrincipalKind::PermissionSet => "permission set",
        }
    }
}

/// An IAM role, user or group, or an SSO permission set, of the tree.
#[derive(Clone, Debug)]
pub struct PrincipalDecl {
    pub address: String,
    pub kind: PrincipalKind,
    /// Its `name`, when known.
    pub name: Option<String>,
    pub span: Span,
    /// The document of its permissions boundary (`aws_iam_policy.b.policy`),
    /// or why it cannot be known.
    pub boundary: Option<PolicyRef>,
    /// The account its provider configuration creates it in, when known.
    pub account: Option<String>,
    /// The provider configuration it is created with, as the root module
    /// names it, when it can be told.
    pub configuration: Option<String>,
}

/// A managed policy named by ARN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyRef {
    /// An `aws_iam_policy` of the tree, by its document address.
    Document(String),
    /// An ARN the tree does not declare (an AWS managed policy), or unknown.
    Other(String),
}

/// Who a principal reference (`role = aws_iam_role.app.name`) names.
#[derive(Clone, Debug, PartialEq)]
pub enum PrincipalRef {
    /// A principal resource of the tree, by address.
    Declared(String),
    /// A name or ARN as written, to be matched against the declared
    /// principals by name; an ARN also names the principal's account.
    Named(PrincipalKind, String),
    /// Cannot be told: the expression that could not be evaluated, and,
    /// when a value stopped evaluation, what it was and where it is used.
    Unknown(String, Option<(Arc<Cause>, Span)>),
}

/// A policy document that grants to a principal: inline, attached, or a
/// permission set's inline policy.
#[derive(Clone, Debug)]
pub struct Attachment {
    /// The document's address (`aws_iam_role_policy.x.policy`,
    /// `aws_iam_policy.p.policy`), or the ARN of a policy the tree does
    /// not declare.
    pub policy: PolicyRef,
    pub principal: PrincipalRef,
    /// The attaching resource or argument.
    pub span: Span,
    /// The address of the resource that attaches it.
    pub by: String,
    /// The account the attaching resource is created in, when its
    /// provider configuration says: IAM attaches policies to principals
    /// of the account the call is made in.
    pub account: Option<String>,
    /// The provider configuration the attaching resource is created with,
    /// as the root module names it, when it can be told: a principal named
    /// by a plain string is in that configuration's account.
    pub configuration: Option<String>,
}

/// The access facts of one module instance (not its children), given the
/// accounts of the provider configurations it uses.
pub fn resources(inst: &ModuleInstance, providers: &ProviderAccounts) -> Resources {
    let mut out = Resources::default();
    for (mode, block) in &inst.module.resources {
        let (Some(ty), Some(name)) = (block.label(0), block.label(1)) else {
            continue;
        };
        if !is_relevant(*mode, ty) {
            continue;
        }
        let prefix = if *mode == Mode::Data { "data." } else { "" };
        let scope = inst.scope();
        let address = |key: Option<&InstanceKey>| {
            let key = key.map(|k| k.to_string()).unwrap_or_default();
            inst.qualify(&format!("{prefix}{ty}.{name}{key}"))
        };
        let one = Instance {
            mode: *mode,
            ty,
            block,
            unknown_instances: false,
            configuration: providers.of_resource(block).cloned(),
        };
        match inst.expand(&scope, block) {
            Expansion::Single => one.read(&scope, address(None), &mut out),
            Expansion::Instances(list) => {
                for (key, bindings) in list {
                    let s = Scope::new(inst, bindings);
                    one.read(&s, address(Some(&key)), &mut out);
                }
            }
            Expansion::Unknown(v) => {
                let u = Value::unknown_from(tfkms_eval::eval::unknown_of(&v), v.origin.clone());
                let s = scope
                    .with("each", unknown_object(&u))
                    .with("count", unknown_object(&u));
                Instance {
                    unknown_instances: true,
                    ..one
                }
                .read(&s, address(None), &mut out);
            }
        }
    }
    out
}

fn unknown_object(u: &Value) -> Value {
    let mut fields = std::collections::BTreeMap::new();
    for k in ["key", "value", "index"] {
        fields.insert(k.to_string(), u.clone());
    }
    Value::map(fields, u.origin.clone())
}

fn is_relevant(mode: Mode, ty: &str) -> bool {
    match mode {
        Mode::Data => matches!(ty, "aws_kms_key" | "aws_kms_alias"),
        Mode::Managed => {
            KEY_TYPES.contains(&ty)
                || matches!(
                    ty,
                    "aws_kms_key_policy"
                        | "aws_kms_alias"
                        | "aws_iam_role"
                        | "aws_iam_user"
                        | "aws_iam_group"
                        | "aws_ssoadmin_permission_set"
                        | "aws_iam_role_policy"
                        | "aws_iam_user_policy"
                        | "aws_iam_group_policy"
                        | "aws_iam_role_policy_attachment"
                        | "aws_iam_user_policy_attachment"
                        | "aws_iam_group_policy_attachment"
                        | "aws_iam_policy_attachment"
                        | "aws_ssoadmin_permission_set_inline_policy"
                )
        }
    }
}

struct Instance<'b> {
    mode: Mode,
    ty: &'b str,
    block: &'b Block,
    unknown_instances: bool,
    configuration: Option<Configuration>,
}

impl Instance<'_> {
    fn account(&self) -> Option<String> {
        self.configuration.as_ref().and_then(|c| c.account.clone())
    }

    fn configuration_name(&self) -> Option<String> {
        self.configuration.as_ref().map(|c| c.name.clone())
    }

    fn eval(&self, scope: &Scope, arg: &str) -> Option<Value> {
        let attr = self.block.body.attribute(arg)?;
        let v = scope.eval(&attr.expr);
        (!v.is_null()).then_some(v)
    }

    /// Where an argument's value is written, or the block's head.
    fn value_span(&self, arg: &str) -> Span {
        self.block
            .body
            .attribute(arg)
            .map_or(self.block.head_span(), |a| a.expr.span)
    }

    fn span_of(&self, arg: &str) -> Span {
        self.block
            .body
            .attribute(arg)
            .map_or(self.block.head_span(), |a| a.span)
    }

    fn flag(&self, scope: &Scope, arg: &str) -> Flag {
        match self.eval(scope, arg) {
            None => Flag::Unset,
            Some(v) => match v.as_bool() {
                Some(true) => Flag::True,
                Some(false) => Flag::False,
                None => match v.as_known_str().as_deref() {
                    Some("true") => Flag::True,
                    Some("false") => Flag::False,
                    _ => Flag::Unknown,
                },
            },
        }
    }

    fn read(&self, scope: &Scope, address: String, out: &mut Resources) {
        let span = self.block.head_span();
        let ty = self.ty;
        if self.mode == Mode::Data {
            // A data source stands for a key whose policy is elsewhere.
            out.keys.push(KeyDecl {
                address,
                span,
                data: true,
                named_only: false,
                has_policy_argument: false,
                bypass_lockout_check: Flag::Unset,
                instances_unknown: self.unknown_instances,
                account: self.account(),
                configuration: self.configuration_name(),
            });
            return;
        }
        if KEY_TYPES.contains(&ty) {
            out.keys.push(KeyDecl {
                address,
                span,
                data: false,
                named_only: false,
                has_policy_argument: self.block.body.attribute("policy").is_some(),
                bypass_lockout_check: self.flag(scope, "bypass_policy_lockout_safety_check"),
                instances_unknown: self.unknown_instances,
                account: self.account(),
                configuration: self.configuration_name(),
            });
            return;
        }
        match ty {
            "aws_kms_key_policy" => out.key_policies.push(KeyPolicyDecl {
                document: format!("{address}.policy"),
                key: self.key_target(scope, "key_id"),
                span,
                bypass_lockout_check: self.flag(scope, "bypass_policy_lockout_safety_check"),
            }),
            "aws_kms_alias" => out.aliases.push(AliasDecl {
                name: self
                    .eval(scope, "name")
                    .and_then(|v| v.as_known_str().map(|s| s.into_owned())),
                target: self.key_target(scope, "target_key_id"),
                address,
                span,
            }),
            "aws_iam_role" | "aws_iam_user" | "aws_iam_group" | "aws_ssoadmin_permission_set" => {
                self.principal(scope, address, out)
            }
            "aws_iam_role_policy" | "aws_iam_user_policy" | "aws_iam_group_policy" => {
                let (arg, kind) = owner_argument(ty);
                out.attachments.push(Attachment {
                    by: address.clone(),
                    policy: PolicyRef::Document(format!("{address}.policy")),
                    principal: self.principal_ref(scope, arg, kind),
                    span,
                    account: self.account(),
                    configuration: self.configuration_name(),
                });
            }
            "aws_iam_role_policy_attachment"
            | "aws_iam_user_policy_attachment"
            | "aws_iam_group_policy_attachment" => {
                let (arg, kind) = owner_argument(ty);
                for policy in self.policy_refs(scope, "policy_arn") {
                    out.attachments.push(Attachment {
                        by: address.clone(),
                        policy,
                        principal: self.principal_ref(scope, arg, kind),
                        span,
                        account: self.account(),
                        configuration: self.configuration_name(),
                    });
                }
            }
            "aws_iam_policy_attachment" => {
                for (arg, kind) in [
                    ("roles", PrincipalKind::Role),
                    ("users", PrincipalKind::User),
                    ("groups", PrincipalKind::Group),
                ] {
                    for principal in self.principal_refs(scope, arg, kind) {
                        for policy in self.policy_refs(scope, "policy_arn") {
                            out.attachments.push(Attachment {
                                by: address.clone(),
                                policy,
                                principal: principal.clone(),
                                span: self.span_of(arg),
                                account: self.account(),
                                configuration: self.configuration_name(),
                            });
                        }
                    }
                }
            }
            "aws_ssoadmin_permission_set_inline_policy" => out.attachments.push(Attachment {
                by: address.clone(),
                policy: PolicyRef::Document(format!("{address}.inline_policy")),
                principal: self.principal_ref(
                    scope,
                    "permission_set_arn",
                    PrincipalKind::PermissionSet,
                ),
                span,
                account: self.account(),
                configuration: self.configuration_name(),
            }),
            _ => {}
        }
    }

    fn principal(&self, scope: &Scope, address: String, out: &mut Resources) {
        let kind = match self.ty {
            "aws_iam_role" => PrincipalKind::Role,
            "aws_iam_user" => PrincipalKind::User,
            "aws_iam_group" => PrincipalKind::Group,
            _ => PrincipalKind::PermissionSet,
        };
        let boundary = self
            .policy_refs(scope, "permissions_boundary")
            .into_iter()
            .next();
        for (i, b) in self.block.body.blocks("inline_policy").enumerate() {
            if b.body.attribute("policy").is_some() {
                out.attachments.push(Attachment {
                    by: address.clone(),
                    policy: PolicyRef::Document(format!("{address}.inline_policy[{i}].policy")),
                    principal: PrincipalRef::Declared(address.clone()),
                    span: b.head_span(),
                    account: self.account(),
                    configuration: self.configuration_name(),
                });
            }
        }
        for policy in self.policy_refs(scope, "managed_policy_arns") {
            out.attachments.push(Attachment {
                by: address.clone(),
                policy,
                principal: PrincipalRef::Declared(address.clone()),
                span: self.span_of("managed_policy_arns"),
                account: self.account(),
                configuration: self.configuration_name(),
            });
        }
        out.principals.push(PrincipalDecl {
            name: self
                .eval(scope, "name")
                .and_then(|v| v.as_known_str().map(|s| s.into_owned())),
            address,
            kind,
            span: self.block.head_span(),
            boundary,
            account: self.account(),
            configuration: self.configuration_name(),
        });
    }

    fn key_target(&self, scope: &Scope, arg: &str) -> KeyTarget {
        match self.eval(scope, arg) {
            None => KeyTarget::Unknown(format!("`{arg}` is not set")),
            Some(v) => key_of(&v).map_or_else(|| KeyTarget::Unknown(describe(&v)), KeyTarget::Key),
        }
    }

    fn principal_ref(&self, scope: &Scope, arg: &str, kind: PrincipalKind) -> PrincipalRef {
        match self.eval(scope, arg) {
            None => PrincipalRef::Unknown(format!("{arg} is not set"), None),
            Some(v) => principal_ref_of(&v, kind, self.value_span(arg)),
        }
    }

    fn principal_refs(&self, scope: &Scope, arg: &str, kind: PrincipalKind) -> Vec<PrincipalRef> {
        match self.eval(scope, arg) {
            None => Vec::new(),
            Some(v) => elements(&v)
                .into_iter()
                .map(|e| principal_ref_of(e, kind, self.value_span(arg)))
                .collect(),
        }
    }

    fn policy_refs(&self, scope: &Scope, arg: &str) -> Vec<PolicyRef> {
        match self.eval(scope, arg) {
            None => Vec::new(),
            Some(v) => elements(&v).into_iter().map(policy_ref_of).collect(),
        }
    }
}

/// The argument naming the owner of an inline policy or attachment.
fn owner_argument(ty: &str) -> (&'static str, PrincipalKind) {
    if ty.starts_with("aws_iam_user") {
        ("user", PrincipalKind::User)
    } else if ty.starts_with("aws_iam_group") {
        ("group", PrincipalKind::Group)
    } else {
        ("role", PrincipalKind::Role)
    }
}

fn elements(v: &Value) -> Vec<&Value> {
    match &v.kind {
        Kind::List(items) | Kind::Set(items) => items.iter().collect(),
        _ => vec![v],
    }
}

/// `aws_iam_role.app.arn` → `aws_iam_role.app`: the resource an unknown
/// attribute belongs to, when the value is one whole attribute.
pub fn resource_of(v: &Value) -> Option<(String, String)> {
    let unknown = v.as_whole_unknown()?;
    let Cause::ResourceAttribute { address } = &*unknown.cause else {
        return None;
    };
    let (object, attr) = address.rsplit_once('.')?;
    Some((object.to_string(), attr.to_string()))
}

/// The type of a resource address, past its module path:
/// `module.m.aws_kms_key.k["a"]` → `aws_kms_key`.
pub fn resource_type(address: &str) -> &str {
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        // Module instance keys may hold dots: skip a `["..."]` key whole.
        let name_end = after.find(['.', '[']).unwrap_or(after.len());
        let mut tail = &after[name_end..];
        if tail.starts_with('[') {
            tail = tail.find("].").map_or("", |i| &tail[i + 1..]);
        }
        rest = tail.strip_prefix('.').unwrap_or(tail);
    }
    let rest = rest.strip_prefix("data.").unwrap_or(rest);
    rest.split('.').next().unwrap_or("")
}

/// The key a value names: `aws_kms_key.app.arn`, `.key_id`, `.id`,
/// `data.aws_kms_key.x.arn`, `data.aws_kms_alias.x.target_key_arn`, or a
/// text whose key ID part is one of those (`...:key/${aws_kms_key.app.key_id}`).
pub fn key_of(v: &Value) -> Option<String> {
    if let Some((object, attr)) = resource_of(v) {
        return key_object(&object, &attr);
    }
    let text = v.as_text()?;
    let mut found = None;
    for u in text.unknowns() {
        if !matches!(u.shape, Shape::KeyId | Shape::KeyArn) {
            continue;
        }
        let Cause::ResourceAttribute { address } = &*u.cause else {
            continue;
        };
        let (object, attr) = address.rsplit_once('.')?;
        found = key_object(object, attr);
    }
    found
}

fn key_object(object: &str, attr: &str) -> Option<String> {
    let ty = resource_type(object);
    let is_key =
        (KEY_TYPES.contains(&ty) || ty == "aws_kms_key") && matches!(attr, "arn" | "key_id" | "id");
    let via_alias = ty == "aws_kms_alias"
        && object.contains("data.")
        && matches!(attr, "target_key_arn" | "target_key_id");
    (is_key || via_alias).then(|| object.to_string())
}

fn principal_ref_of(v: &Value, kind: PrincipalKind, used_at: Span) -> PrincipalRef {
    if let Some((object, _)) = resource_of(v) {
        return PrincipalRef::Declared(object);
    }
    match v.as_known_str() {
        Some(s) => PrincipalRef::Named(kind, s.into_owned()),
        None => PrincipalRef::Unknown(
            describe(v),
            v.first_unknown().map(|u| (u.cause.clone(), used_at)),
        ),
    }
}

/// The name in a principal ARN (`arn:aws:iam::1:role/path/app` → `app`),
/// or the string itself.
pub fn name_of_arn(s: &str) -> &str {
    if s.starts_with("arn:") {
        s.rsplit('/').next().unwrap_or(s)
    } else {
        s
    }
}

fn policy_ref_of(v: &Value) -> PolicyRef {
    if let Some((object, attr)) = resource_of(v)
        && attr == "arn"
        && resource_type(&object) == "aws_iam_policy"
    {
        return PolicyRef::Document(format!("{object}.policy"));
    }
    PolicyRef::Other(match v.as_known_str() {
        Some(s) => s.into_owned(),
        None => describe(v),
    })
}

/// A value for a message: known text as is, unknown parts by expression.
pub fn describe(v: &Value) -> String {
    match &v.kind {
        Kind::String(t) => t.display_with_placeholders(),
        Kind::Unknown(u) => format!("${{{}}}", u.cause.expression()),
        _ => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_types_past_module_paths_and_keys() {
        assert_eq!(resource_type("aws_kms_key.app"), "aws_kms_key");
        assert_eq!(
            resource_type("module.a.module.b[\"x.y\"].aws_iam_role.r[0]"),
            "aws_iam_role"
        );
        assert_eq!(
            resource_type("module.m.data.aws_kms_alias.a"),
            "aws_kms_alias"
        );
    }

    #[test]
    fn names_of_principal_arns() {
        assert_eq!(name_of_arn("arn:aws:iam::111122223333:role/ops/app"), "app");
        assert_eq!(name_of_arn("app"), "app");
    }
}
