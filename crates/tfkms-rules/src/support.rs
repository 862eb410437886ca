//! Helpers shared by rules: labels for a value's path and its statement,
//! condition operators and keys.

use crate::Context;
use crate::finding::{Edit, Finding};
use tfkms_eval::Cause;
use tfkms_iam::arn::PrincipalAccount;
use tfkms_iam::{Condition, Document, Item, Statement};
use tfkms_syntax::Span;

/// Adds the labels that show where a value came from and where it is used:
/// each hop it travelled, the place in the statement, and the statement.
pub fn with_provenance(mut f: Finding, item: &Item, doc: &Document, st: &Statement) -> Finding {
    let hops = item.hops();
    // A value that travelled through hundreds of references (generated or
    // hostile code) shows where it started and where it arrived.
    const SHOWN: usize = 12;
    if hops.len() > SHOWN {
        let skipped = hops.len() - SHOWN;
        for hop in &hops[..SHOWN / 2] {
            f = f.related(hop.span, hop.label.clone());
        }
        let resume = &hops[hops.len() - SHOWN / 2];
        f = f.related(
            resume.span,
            format!("{} (after {skipped} more steps)", resume.label),
        );
        for hop in &hops[hops.len() - SHOWN / 2 + 1..] {
            f = f.related(hop.span, hop.label.clone());
        }
    } else {
        for hop in hops {
            f = f.related(hop.span, hop.label);
        }
    }
    if !f.primary.span.contains(item.used_at) && !item.used_at.contains(f.primary.span) {
        f = f.related(item.used_at, "used in this statement");
    }
    for hop in &st.via {
        f = f.related(hop.span, hop.label.clone());
    }
    f = f.related(st.head, st.head_label());
    f.documents = vec![doc.address.clone()];
    f.statement = Some(st.name());
    f
}

/// A condition operator, parsed: `ForAnyValue:StringLikeIfExists` is set
/// operator `ForAnyValue`, base `StringLike`, if-exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operator {
    pub set: Option<SetOperator>,
    /// Without prefix and `IfExists`, e.g. `StringLike`, `StringNotEquals`.
    pub base: String,
    pub if_exists: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOperator {
    ForAnyValue,
    ForAllValues,
}

impl Operator {
    pub fn parse(test: &str) -> Operator {
        let (set, rest) = if let Some(r) = strip_prefix_ci(test, "ForAnyValue:") {
            (Some(SetOperator::ForAnyValue), r)
        } else if let Some(r) = strip_prefix_ci(test, "ForAllValues:") {
            (Some(SetOperator::ForAllValues), r)
        } else {
            (None, test)
        };
        let (base, if_exists) = match rest.len().checked_sub(8) {
            Some(i) if rest.is_char_boundary(i) && rest[i..].eq_ignore_ascii_case("IfExists") => {
                (&rest[..i], true)
            }
            _ => (rest, false),
        };
        Operator {
            set,
            base: base.to_string(),
            if_exists,
        }
    }

    /// `StringLike` / `ArnLike` (not the negated forms): wildcards match.
    pub fn is_like(&self) -> bool {
        self.base.eq_ignore_ascii_case("StringLike") || self.base.eq_ignore_ascii_case("ArnLike")
    }

    /// `StringEquals` / `StringEqualsIgnoreCase` / `ArnEquals`.
    pub fn is_equals(&self) -> bool {
        self.base.eq_ignore_ascii_case("StringEquals")
            || self.base.eq_ignore_ascii_case("StringEqualsIgnoreCase")
            || self.base.eq_ignore_ascii_case("ArnEquals")
    }

    /// Negated operators are true when the key is absent.
    pub fn is_negated(&self) -> bool {
        let b = self.base.to_ascii_lowercase();
        b.contains("not")
    }

    /// Compares strings (`String*`, `Arn*`): the operators an alias
    /// condition value is matched by, as opposed to `Null` or `Bool`.
    pub fn compares_strings(&self) -> bool {
        let b = self.base.to_ascii_lowercase();
        b.starts_with("string") || b.starts_with("arn")
    }

    /// `StringEqualsIgnoreCase` and its negation compare case-insensitively.
    pub fn ignores_case(&self) -> bool {
        self.base.to_ascii_lowercase().ends_with("ignorecase")
    }

    /// The operator as a policy writes it.
    pub fn test(&self) -> String {
        let prefix = match self.set {
            Some(SetOperator::ForAnyValue) => "ForAnyValue:",
            Some(SetOperator::ForAllValues) => "ForAllValues:",
            None => "",
        };
        let suffix = if self.if_exists { "IfExists" } else { "" };
        format!("{prefix}{}{suffix}", self.base)
    }

    /// The same operator with another set operator.
    pub fn with_set(&self, set: Option<SetOperator>) -> Operator {
        Operator {
            set,
            ..self.clone()
        }
    }

    /// The same operator with another base (`StringLike` for `StringEquals`).
    pub fn with_base(&self, base: &str) -> Operator {
        Operator {
            base: base.to_string(),
            ..self.clone()
        }
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &s[prefix.len()..])
}

/// The alias condition keys, matched case-insensitively as IAM does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasKey {
    RequestAlias,
    ResourceAliases,
}

impl AliasKey {
    pub fn parse(variable: &str) -> Option<AliasKey> {
        if variable.eq_ignore_ascii_case("kms:RequestAlias") {
            Some(AliasKey::RequestAlias)
        } else if variable.eq_ignore_ascii_case("kms:ResourceAliases") {
            Some(AliasKey::ResourceAliases)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AliasKey::RequestAlias => "kms:RequestAlias",
            AliasKey::ResourceAliases => "kms:ResourceAliases",
        }
    }
}

/// How a statement is written, so that a fix is shown in the same syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// A `statement` block of an `aws_iam_policy_document`.
    Block,
    /// An HCL object, as given to `jsonencode`.
    Object,
    /// JSON text (a heredoc, a file, a `.tf.json` value).
    Json,
}

impl Syntax {
    /// The syntax of the statement's source text. A document's JSON can
    /// come from another document, so the statement decides, not the
    /// document.
    pub fn of(ctx: &Context, st: &Statement) -> Syntax {
        let Some(text) = source_text(ctx, st.span) else {
            return Syntax::Json;
        };
        let text = text.trim_start();
        if !text.starts_with('{') {
            return Syntax::Block;
        }
        // JSON keys are quoted and followed by a colon; HCL object keys by `=`.
        let first_separator = text.find([':', '=']);
        match first_separator.map(|i| &text[i..i + 1]) {
            Some("=") => Syntax::Object,
            _ => Syntax::Json,
        }
    }

    /// A condition, for `help` texts. `values` are expressions, already
    /// quoted where they are strings.
    pub fn condition(self, test: &str, variable: &str, values: &[String]) -> String {
        self.condition_with(test, variable, &ConditionValues::List(values.to_vec()))
    }

    /// A condition, for `help` texts, with its values as [`values_with`]
    /// gives them.
    pub fn condition_with(self, test: &str, variable: &str, values: &ConditionValues) -> String {
        let (list, one_or_list) = match values {
            ConditionValues::List(v) => (
                format!("[{}]", v.join(", ")),
                match v.as_slice() {
                    [one] => one.clone(),
                    _ => format!("[{}]", v.join(", ")),
                },
            ),
            ConditionValues::Whole(expr) => (expr.clone(), expr.clone()),
        };
        match self {
            Syntax::Block => format!(
                "  condition {{\n    test     = \"{test}\"\n    variable = \"{variable}\"\n    values   = {list}\n  }}"
            ),
            Syntax::Object => format!(
                "  Condition = {{ {} = {{ \"{variable}\" = {one_or_list} }} }}",
                hcl_key(test)
            ),
            Syntax::Json => {
                format!("  \"Condition\": {{ \"{test}\": {{ \"{variable}\": {one_or_list} }} }}")
            }
        }
    }

    /// A statement's actions, for `help` texts.
    pub fn actions(self, actions: &[&str]) -> String {
        let list: Vec<String> = actions.iter().map(|a| quoted(a)).collect();
        let list = list.join(", ");
        match self {
            Syntax::Block => format!("  actions = [{list}]"),
            Syntax::Object => format!("  Action = [{list}]"),
            Syntax::Json => format!("  \"Action\": [{list}]"),
        }
    }
}

/// An HCL object key: bare when it is an identifier, else quoted.
fn hcl_key(key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        key.to_string()
    } else {
        quoted(key)
    }
}

/// A condition's values as a help text writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConditionValues {
    /// One expression per value, strings quoted.
    List(Vec<String>),
    /// The whole list is one expression the scan could not evaluate
    /// (`var.aliases`): shown as the user wrote it, never as `[]`.
    Whole(String),
}

/// The condition's values as expressions for [`Syntax::condition_with`],
/// with one replaced by another expression: the values of a rewritten
/// condition. Strings are quoted; unknown parts keep their `${...}`
/// placeholder.
pub fn values_with(
    ctx: &Context,
    c: &Condition,
    replace: Option<(&Item, &str)>,
) -> ConditionValues {
    if let tfkms_iam::Field::Unknown(whole) = &c.values {
        let written = source_text(ctx, whole.used_at)
            .map(str::trim)
            .filter(|t| !t.is_empty() && !t.contains('\n'));
        return ConditionValues::Whole(match (written, whole.value.first_unknown()) {
            (Some(text), _) => text.to_string(),
            (None, Some(u)) => u.cause.expression(),
            (None, None) => whole.display(),
        });
    }
    ConditionValues::List(
        c.values
            .items()
            .iter()
            .map(|i| match replace {
                Some((r, with)) if std::ptr::eq(r, i) => with.to_string(),
                _ => quoted(&i.display()),
            })
            .collect(),
    )
}

/// A string as an HCL or JSON string literal.
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The source text of a span.
pub fn source_text<'a>(ctx: &'a Context, span: Span) -> Option<&'a str> {
    ctx.files.get(span.file.0 as usize)?.get(span.range())
}

/// An edit replacing a string literal that is written exactly as its value
/// (`"arn:...:alias/app"`), or `None` when the value came from elsewhere
/// or the literal has escapes or interpolations.
pub fn replace_literal(ctx: &Context, item: &Item, new_value: &str) -> Option<Edit> {
    let span = item.source_span();
    let known = item.known()?;
    let src = source_text(ctx, span)?;
    let inner = src.strip_prefix('"')?.strip_suffix('"')?;
    if inner != known || inner.contains(['\\', '$', '%']) {
        return None;
    }
    Some(Edit {
        span,
        text: format!("\"{new_value}\""),
    })
}

/// A short list of names for a message: `` `a` ``, `` `a` and `b` ``,
/// `` `a`, `b` and 3 more ``.
pub fn name_list<S: AsRef<str>>(names: &[S]) -> String {
    joined(names, "and")
}

/// Like [`name_list`], for names of which one applies: `` `a` or `b` ``.
pub fn name_alternatives<S: AsRef<str>>(names: &[S]) -> String {
    joined(names, "or")
}

fn joined<S: AsRef<str>>(names: &[S], conjunction: &str) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match q.as_slice() {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} {conjunction} {b}"),
        [a, b, c] => format!("{a}, {b} {conjunction} {c}"),
        [a, b, rest @ ..] => format!("{a}, {b} {conjunction} {} more", rest.len()),
    }
}

/// The resource attribute a wholly unknown value stands for, as written in
/// its own module (`aws_kms_alias.app.arn`, `data.aws_kms_key.k.id`), split
/// into the object and the attribute; `None` for anything else.
pub fn attribute_reference(item: &Item) -> Option<(String, String)> {
    let unknown = item.value.as_whole_unknown()?;
    let Cause::ResourceAttribute { address } = &*unknown.cause else {
        return None;
    };
    // The address is qualified by its module (`module.m.aws_kms_key.k.arn`);
    // the source refers to it without.
    let mut local = address.as_str();
    while let Some(rest) = local.strip_prefix("module.") {
        let (_, after) = rest.split_once('.')?;
        local = after;
    }
    let (object, attribute) = local.rsplit_once('.')?;
    Some((object.to_string(), attribute.to_string()))
}

/// Whether a principal's account is one of the user's own: configured in
/// `own_accounts`, one the configuration deploys to, or
/// `data.aws_caller_identity`'s account. `None` when it is not one account
/// or cannot be told: with neither configured nor deployed-to accounts
/// known, an account ID is not evidence of another owner.
pub fn is_own_account(ctx: &Context, account: &PrincipalAccount) -> Option<bool> {
    match account {
        PrincipalAccount::Own => Some(true),
        PrincipalAccount::Id(_) if !knows_own_accounts(ctx) => None,
        PrincipalAccount::Id(id) => Some(
            ctx.own_accounts.iter().any(|a| a == id)
                || ctx.deployed_accounts.iter().any(|a| &a.id == id),
        ),
        PrincipalAccount::NotAnAccount | PrincipalAccount::Unknown => None,
    }
}

/// Labels the places that say which accounts the configuration deploys
/// to, when those stand in for configured own accounts.
pub fn with_deployment_evidence(mut f: Finding, ctx: &Context) -> Finding {
    if ctx.own_accounts.is_empty() {
        for a in ctx.deployed_accounts {
            f = f.related(a.evidence.span, a.evidence.message.clone());
        }
    }
    f
}

/// Whether any own account is known, configured or deployed to.
pub fn knows_own_accounts(ctx: &Context) -> bool {
    !ctx.own_accounts.is_empty() || !ctx.deployed_accounts.is_empty()
}

/// How a label calls an account that is not known to be the user's: not
/// configured, or, without configuration, not deployed to.
pub fn not_own_account_label(ctx: &Context, account: &str) -> String {
    if !ctx.own_accounts.is_empty() {
        return format!("account `{account}` is not one of your accounts");
    }
    let mut deployed: Vec<&str> = Vec::new();
    for a in ctx.deployed_accounts {
        if !deployed.contains(&a.id.as_str()) {
            deployed.push(&a.id);
        }
    }
    format!(
        "account `{account}` is not one this configuration deploys to ({})",
        name_list(&deployed)
    )
}

/// The statement's conditions on `kms:RequestAlias` / `kms:ResourceAliases`
/// whose operator and key are known.
pub fn alias_conditions(st: &Statement) -> impl Iterator<Item = (&Condition, Operator, AliasKey)> {
    st.conditions.iter().filter_map(|c| {
        let test = c.test.known()?;
        let key = AliasKey::parse(&c.variable.known()?)?;
        Some((c, Operator::parse(&test), key))
    })
}

/// `Action` and `NotAction` as known strings, each `None` when absent.
pub type ActionLists = (Option<Vec<String>>, Option<Vec<String>>);

/// The statement's `Action`/`NotAction` as known strings; `None` when any
/// element is unknown (the statement is then checked by TFKMS010 only).
pub fn known_actions(st: &Statement) -> Option<ActionLists> {
    let a = match &st.actions {
        tfkms_iam::Field::Absent => None,
        f => Some(f.known_strings()?),
    };
    let n = match &st.not_actions {
        tfkms_iam::Field::Absent => None,
        f => Some(f.known_strings()?),
    };
    Some((a, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_short_lists_in_full() {
        assert_eq!(name_list(&["a"]), "`a`");
        assert_eq!(name_list(&["a", "b"]), "`a` and `b`");
        assert_eq!(name_list(&["a", "b", "c"]), "`a`, `b` and `c`");
        assert_eq!(name_list(&["a", "b", "c", "d"]), "`a`, `b` and 2 more");
    }

    #[test]
    fn rewrites_operators() {
        let op = Operator::parse("ForAllValues:StringLikeIfExists");
        assert_eq!(op.test(), "ForAllValues:StringLikeIfExists");
        assert_eq!(
            op.with_set(Some(SetOperator::ForAnyValue)).test(),
            "ForAnyValue:StringLikeIfExists"
        );
        assert_eq!(
            op.with_set(None).with_base("StringEquals").test(),
            "StringEqualsIfExists"
        );
        assert!(Operator::parse("ArnLike").compares_strings());
        assert!(!Operator::parse("Null").compares_strings());
        assert!(Operator::parse("StringNotEqualsIgnoreCase").ignores_case());
    }

    #[test]
    fn shows_fixes_in_the_statement_syntax() {
        use std::sync::Arc;
        use tfkms_syntax::FileId;
        let files: Vec<Arc<str>> = vec![
            Arc::from("statement {\n}"),
            Arc::from("{ Sid = \"a:b\" }"),
            Arc::from("{\"Sid\": \"a=b\"}"),
        ];
        let ctx = Context {
            files: &files,
            trusted_alias_patterns: &[],
            own_accounts: &[],
            deployed_accounts: &[],
        };
        let syntax = |file: u32| {
            let len = files[file as usize].len();
            Syntax::of(&ctx, &Statement::new(Span::new(FileId(file), 0, len), 0))
        };
        assert_eq!(syntax(0), Syntax::Block);
        assert_eq!(syntax(1), Syntax::Object);
        assert_eq!(syntax(2), Syntax::Json);
        let values = [quoted("alias/app")];
        assert_eq!(
            Syntax::Object.condition("ForAnyValue:StringEquals", "kms:ResourceAliases", &values),
            "  Condition = { \"ForAnyValue:StringEquals\" = { \"kms:ResourceAliases\" = \"alias/app\" } }"
        );
        assert_eq!(
            Syntax::Json.condition("StringEquals", "kms:RequestAlias", &values),
            "  \"Condition\": { \"StringEquals\": { \"kms:RequestAlias\": \"alias/app\" } }"
        );
    }

    #[test]
    fn parses_condition_operators() {
        let op = Operator::parse("ForAnyValue:StringLikeIfExists");
        assert_eq!(op.set, Some(SetOperator::ForAnyValue));
        assert_eq!(op.base, "StringLike");
        assert!(op.if_exists && op.is_like());
        assert!(Operator::parse("StringNotLike").is_negated());
        assert!(!Operator::parse("StringNotLike").is_like());
        assert!(Operator::parse("stringequals").is_equals());
    }
}
