use crate::finding::{Finding, Label, RuleMeta, Severity};
use crate::support::{Syntax, known_actions, name_list, quoted, with_provenance};
use crate::{Context, Rule};
use tfkms_iam::actions::{self, KmsAction, ResourceTypes};
use tfkms_iam::arn::{self, KmsResource};
use tfkms_iam::{Document, Effect, Item, Statement, glob};

mod fix;
mod known_alias;

use known_alias::KnownAlias;

pub static META: RuleMeta = RuleMeta {
    code: "TFKMS001",
    slug: "alias-arn-in-resource",
    severity: Severity::Error,
    summary: "An alias ARN in `Resource` of a statement with key actions grants nothing (and a Deny protects nothing)",
    docs: r#"## What it does

Finds a KMS alias ARN (exact, like `arn:aws:kms:us-east-1:111122223333:alias/app`,
or a pattern, like `arn:aws:kms:*:*:alias/app-*`) in the `Resource` of a
statement whose actions include an action that works on keys (`kms:Decrypt`,
`kms:GenerateDataKey*`, `kms:*`, ...).

## Why is this bad?

IAM authorizes a KMS request against the resource type of its action. An
alias ARN in `Resource` matches the alias resource itself, never the key it
points to: IAM does not dereference aliases. So:

- in an `Allow`, the key actions are silently **never granted** (the caller
  gets `AccessDenied ... no identity-based policy allows the kms:Decrypt
  action`);
- in a `Deny`, the protection **never applies**: the key stays usable.

Only `kms:CreateAlias`, `kms:UpdateAlias` and `kms:DeleteAlias` are authorized
against alias resources, so a statement whose actions are all alias actions is
not reported. The message names only the KMS key actions the alias ARN leaves
ungranted: not the alias actions, not another service's actions
(`ssm:GetParameter`), and `kms:*` as "the key actions of `kms:*`".

## What the statement's other resources change

An alias ARN adds nothing to a statement, but what the statement grants
depends on what else its `Resource` names:

| other resources | Allow | Deny |
|---|---|---|
| none that name keys | error: the key actions are never granted | error: the deny never applies |
| a value tfkms cannot know | error: not granted through the alias ARN | error: not denied through it |
| key ARNs (`aws_kms_key.k.arn`) | note: granted on those keys only, whichever key the alias points at | error: denied on those keys only, and on the key behind the alias only if it is one of them |
| `*`, or `key/*` covering the alias's account and region | note: the alias ARN is dead weight | note: the alias ARN is dead weight |
| the key behind the alias, as the configuration says (`aws_kms_key.k.arn` beside `aws_kms_alias.a.arn`, whose `target_key_id` is that key's) | note: the alias ARN is dead weight | note: the alias ARN is dead weight |

An Allow that names a key by ARN beside an alias ARN most often names the
key behind that alias, so it is a note, whose help says what to do if the
alias points elsewhere. A Deny is about protection, and a key the deny
does not cover stays usable, so it stays an error unless the other
resources cover every key of the alias's account and region (`key/*` or
`*`; account and region compared as written, `*` covering any).

A statement with alias actions that also names keys is right as written:
the alias actions need the alias ARN, the key actions the key ARN.

## Example

```hcl
data "aws_iam_policy_document" "my_key_access" {
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:alias/app-*"]
  }
}
```

Use instead: name the key ARN, or allow the account's keys and select them
by alias with a condition:

```hcl
data "aws_iam_policy_document" "my_key_access" {
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-*"]
    }
  }
}
```

Where the alias ARN is a string literal in an HCL `statement` block, or in
a JSON policy written in the policy argument itself (a heredoc, a string,
`jsonencode({...})`, an escaped string in `.tf.json`), `tfkms scan --fix`
makes this change in an `Allow` (when the statement names other resources
too, it moves the alias ARN to a copy of the statement, so the condition
narrows nothing else). In JSON the condition joins the statement's
`Condition` when it has one.

Where the alias ARN is a reference to an `aws_kms_alias` of the same module
(`aws_kms_alias.app.arn`), the configuration says which key is behind it:
the help and `--fix` name that key by reference instead, in an `Allow` or a
`Deny` (`aws_kms_key.app.arn` when the alias's `target_key_id` refers to a
key resource of the module, else `aws_kms_alias.app.target_key_arn`), and
add it beside the alias ARN where the statement's alias actions need both.
A statement that names that key already gets a note: the alias ARN is dead
weight.

`--fix` never writes what another rule reports, nor takes away what the
statement rightly grants, so these get the help text only:

- a `Deny`: a `ForAnyValue:` alias condition there is skipped by a key
  whose alias is deleted or repointed (TFKMS004); deny by key ARN;
- an alias name with a wildcard (`alias/app-*`), unless listed in
  `trusted_alias_patterns` (TFKMS002), or not known;
- an alias the same document lets someone create or repoint (TFKMS007);
  documents elsewhere are not seen when the fix is made, so rescan after;
- a statement with alias actions (they need the alias ARN), or with
  another service's actions (which a statement on KMS keys must not carry)
  unless the alias ARNs move to a copy of an HCL `statement` block, which
  then leaves those actions out;
- a statement that already has a `kms:ResourceAliases` condition, a policy
  taken from a variable or a local, and the notes above.

`kms:ResourceAliases` matches whatever the request names the key by;
`kms:RequestAlias` only matches requests that name the key by that alias.
Mind TFKMS002: a wildcard alias pattern lets anyone who can create a
matching alias grant themselves access.

## References

- AWS KMS Developer Guide: "Specifying KMS keys in IAM policy statements"
  and "ABAC for AWS KMS".
"#,
};

pub struct AliasArnInResource;

impl Rule for AliasArnInResource {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let siblings = fix::DocumentIndex::of(doc);
        for st in &doc.statements {
            check_statement(ctx, doc, &siblings, st, out);
        }
    }
}

/// What the statement's resources other than its alias ARNs name.
enum Others<'a> {
    /// Keys, by key ARN (exact or pattern) or `*`: the key actions are
    /// granted (or denied) through these.
    Keys(Vec<&'a Item>),
    /// Nothing that names keys is known, but some value is not known.
    Unknown,
    /// No key at all.
    NoKey,
}

impl<'a> Others<'a> {
    fn of(st: &'a Statement) -> Others<'a> {
        let mut unknown = false;
        let mut keys = Vec::new();
        for item in st.resources.items() {
            match arn::classify(&item.value) {
                KmsResource::Any | KmsResource::KeyArn => keys.push(item),
                KmsResource::Unknown => unknown = true,
                _ => {}
            }
        }
        match (keys.is_empty(), unknown) {
            (false, _) => Others::Keys(keys),
            (true, true) => Others::Unknown,
            (true, false) => Others::NoKey,
        }
    }
}

/// What an alias ARN does to the statement it is in.
enum Verdict {
    /// Its key actions are granted (or denied) on no key.
    Nothing,
    /// Another resource is unknown: they may be, just not through it.
    NotThroughIt,
    /// Other resources name some keys by ARN (shown): the key behind the
    /// alias is covered only if it is one of them.
    OnlyNamedKeys(String),
    /// Other resources (shown) cover every key of the alias's account and
    /// region: the alias ARN is dead weight.
    Covered(String),
    /// Another resource (shown) is the key the alias points at, as the
    /// configuration says: the alias ARN is dead weight.
    KeyNamed(String),
}

impl Verdict {
    /// A note, not an error: the key actions are granted (or denied) as far
    /// as the statement's other resources go, and an Allow that names a
    /// key by ARN is most often naming the very key behind the alias.
    fn is_note(&self, effect: Effect) -> bool {
        match self {
            Verdict::Covered(_) | Verdict::KeyNamed(_) => true,
            Verdict::OnlyNamedKeys(_) => effect == Effect::Allow,
            Verdict::Nothing | Verdict::NotThroughIt => false,
        }
    }
}

fn check_statement(
    ctx: &Context,
    doc: &Document,
    siblings: &fix::DocumentIndex,
    st: &Statement,
    out: &mut Vec<Finding>,
) {
    let Some((acts, not_acts)) = known_actions(st) else {
        return;
    };
    let effective = st.kms_actions().unwrap_or_default();
    let key_actions: Vec<&KmsAction> = effective
        .iter()
        .copied()
        .filter(|a| a.resources == ResourceTypes::Key)
        .collect();
    if key_actions.is_empty() {
        return;
    }
    let Some(effect) = st.effect() else { return };
    let offending: Vec<(&Item, Option<String>)> = st
        .resources
        .items()
        .iter()
        .filter_map(|item| match arn::classify(&item.value) {
            KmsResource::AliasArn { alias } => Some((item, alias)),
            _ => None,
        })
        .collect();
    if offending.is_empty() {
        return;
    }
    let manages_aliases = effective
        .iter()
        .any(|a| a.resources == ResourceTypes::AliasAndKey);
    let others = Others::of(st);
    // The alias actions are authorized on the alias ARN: with the keys
    // named too, the statement is right as written.
    if manages_aliases && matches!(others, Others::Keys(_)) {
        return;
    }
    let names = KeyActionNames::of(acts.as_deref(), not_acts.as_deref(), &key_actions);
    let ungranted = Ungranted {
        effect,
        names: &names,
        manages_aliases,
        // A misspelt KMS action names nothing either, but is no other
        // service's.
        other_services: acts
            .iter()
            .flatten()
            .filter(|a| actions::matching(a).next().is_none())
            .filter(|a| !a.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("kms:")))
            .map(String::as_str)
            .collect(),
    };
    // One fix per statement: it rewrites all of its alias ARNs together, so
    // each of their findings carries the same edit.
    let verdicts: Vec<(Verdict, Option<KnownAlias>)> = offending
        .iter()
        .map(|(item, _)| {
            let known = KnownAlias::of(ctx, item);
            (verdict(&others, item, known.as_ref()), known)
        })
        .collect();
    let fix = verdicts
        .iter()
        .any(|(v, _)| !v.is_note(effect))
        .then(|| {
            let items: Vec<&Item> = offending.iter().map(|(i, _)| *i).collect();
            known_alias::reference_fix(ctx, &items, manages_aliases).or_else(|| {
                let items: Vec<(&Item, Option<&str>)> =
                    offending.iter().map(|(i, a)| (*i, a.as_deref())).collect();
                matches!(others, Others::NoKey | Others::Unknown)
                    .then(|| {
                        fix::statement_fix(
                            ctx,
                            doc,
                            siblings,
                            st,
                            &items,
                            effective,
                            acts.as_deref(),
                        )
                    })
                    .flatten()
            })
        })
        .flatten();
    for ((item, alias), (verdict, known)) in offending.iter().zip(verdicts) {
        let help = match (&verdict, &known) {
            (Verdict::Covered(_) | Verdict::KeyNamed(_), _) => dead_weight_help(),
            (_, Some(known)) => ungranted.help_by_reference(known),
            _ => match &verdict {
                Verdict::OnlyNamedKeys(_) if effect == Effect::Allow => format!(
                    "remove the alias ARN if the alias points at a key named here; otherwise {}",
                    ungranted.help(ctx, st, item, alias.as_deref())
                ),
                _ => ungranted.help(ctx, st, item, alias.as_deref()),
            },
        };
        let mut f = ungranted.finding(item, &verdict).with_help(help);
        if !verdict.is_note(effect) {
            f.fix = fix.clone();
        }
        out.push(with_provenance(f, item, doc, st));
    }
}

fn verdict(others: &Others, alias_arn: &Item, known: Option<&KnownAlias>) -> Verdict {
    let keys = match others {
        Others::NoKey => return Verdict::Nothing,
        Others::Unknown => return Verdict::NotThroughIt,
        Others::Keys(keys) => keys,
    };
    if let Some(named) = keys
        .iter()
        .find(|k| known.is_some_and(|a| a.is_named_by(k)))
    {
        return Verdict::KeyNamed(named.describe());
    }
    let shown: Vec<String> = keys.iter().map(|k| k.describe()).collect();
    let shown = shown_list(&shown);
    let covered = keys
        .iter()
        .any(|k| covers_keys_behind(&k.display(), &alias_arn.display()));
    if covered {
        Verdict::Covered(shown)
    } else {
        Verdict::OnlyNamedKeys(shown)
    }
}

fn shown_list(shown: &[String]) -> String {
    match shown {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, rest @ ..] => format!("{a} and {} more", rest.len()),
        [] => String::new(),
    }
}

/// Whether a key resource (`*`, `arn:aws:kms:*:111122223333:key/*`) covers
/// every key of the alias ARN's account and region. Parts compare as
/// written, so `${var.region}` covers only `${var.region}`.
fn covers_keys_behind(key_resource: &str, alias_arn: &str) -> bool {
    if key_resource == "*" {
        return true;
    }
    let key: Vec<&str> = key_resource.splitn(6, ':').collect();
    let alias: Vec<&str> = alias_arn.splitn(6, ':').collect();
    if key.len() != 6 || alias.len() != 6 {
        return false;
    }
    let every_key = key[5] == "*" || key[5] == "key/*";
    every_key && (1..5).all(|i| key[i] == "*" || key[i] == alias[i])
}

/// The statement's KMS key actions as written, for messages.
struct KeyActionNames {
    text: String,
    plural: bool,
}

impl KeyActionNames {
    /// Only what names key actions: another service's actions and the alias
    /// actions are granted (or not) by other rules than this one. A pattern
    /// that also names alias actions (`kms:*`) is named for its key actions.
    fn of(
        acts: Option<&[String]>,
        not_acts: Option<&[String]>,
        key_actions: &[&KmsAction],
    ) -> Self {
        let Some(acts) = acts else {
            let but = not_acts.map(name_list).unwrap_or_default();
            let text = match but.is_empty() {
                true => format!("{} key actions", key_actions.len()),
                false => format!("{} key actions (every action but {but})", key_actions.len()),
            };
            return KeyActionNames { text, plural: true };
        };
        let mut whole: Vec<&str> = Vec::new();
        let mut partly: Vec<&str> = Vec::new();
        for a in acts {
            let named: Vec<&KmsAction> = actions::matching(a).collect();
            let keys = named
                .iter()
                .filter(|x| x.resources == ResourceTypes::Key)
                .count();
            if keys == 0 {
                continue;
            }
            if keys == named.len() && a.contains(':') {
                whole.push(a);
            } else {
                partly.push(a);
            }
        }
        let mut parts = Vec::new();
        if !whole.is_empty() {
            parts.push(name_list(&whole));
        }
        if !partly.is_empty() {
            parts.push(format!("the key actions of {}", name_list(&partly)));
        }
        KeyActionNames {
            plural: whole.len() + partly.len() > 1 || !partly.is_empty(),
            text: parts.join(" and "),
        }
    }

    fn verb(&self) -> &'static str {
        if self.plural { "are" } else { "is" }
    }
}

/// The words of a finding, from what the alias ARN leaves ungranted.
struct Ungranted<'a> {
    effect: Effect,
    names: &'a KeyActionNames,
    manages_aliases: bool,
    /// The statement's actions of other services, as written.
    other_services: Vec<&'a str>,
}

impl Ungranted<'_> {
    fn finding(&self, item: &Item, verdict: &Verdict) -> Finding {
        let shown = item.describe();
        let names = &self.names.text;
        let verb = self.names.verb();
        let why = format!("IAM matches {shown} against the alias itself, never the key behind it");
        let (message, label) = match (self.effect, verdict) {
            (_, Verdict::Covered(keys)) => (
                format!(
                    "alias ARN in `Resource` adds nothing: {why}; {names} {verb} {} through {keys} already, on every key of the alias's account and region",
                    if self.effect == Effect::Allow {
                        "granted"
                    } else {
                        "denied"
                    }
                ),
                "takes part in no key action",
            ),
            (_, Verdict::KeyNamed(key)) => (
                format!(
                    "alias ARN in `Resource` adds nothing: {why}; {names} {verb} {} through {key} already, the key the alias points at",
                    if self.effect == Effect::Allow {
                        "granted"
                    } else {
                        "denied"
                    }
                ),
                "takes part in no key action",
            ),
            (Effect::Allow, Verdict::OnlyNamedKeys(keys)) => (
                format!(
                    "alias ARN in `Resource` grants nothing: {why}; {names} {verb} granted on {keys} only, whichever key the alias points at"
                ),
                "takes part in no key action",
            ),
            (Effect::Allow, Verdict::Nothing) => (
                format!(
                    "alias ARN in `Resource` grants nothing: {why}, so {names} {verb} never granted{}",
                    self.alias_actions_aside()
                ),
                "this alias ARN matches no key",
            ),
            (Effect::Allow, Verdict::NotThroughIt) => (
                format!(
                    "alias ARN in `Resource` grants nothing: {why}, so {names} {verb} not granted through it"
                ),
                "this alias ARN matches no key",
            ),
            (Effect::Deny, Verdict::Nothing) => (
                format!(
                    "alias ARN in `Resource` of a Deny protects nothing: {why}, so the deny of {names} never applies"
                ),
                "this alias ARN matches no key, so nothing is denied",
            ),
            (Effect::Deny, Verdict::OnlyNamedKeys(keys)) => (
                format!(
                    "alias ARN in `Resource` of a Deny protects nothing: {why}, so the deny of {names} applies to {keys} only, and to the key behind this alias only if that is one of them"
                ),
                "this alias ARN matches no key, so nothing is denied through it",
            ),
            (Effect::Deny, Verdict::NotThroughIt) => (
                format!(
                    "alias ARN in `Resource` of a Deny protects nothing: {why}, so the deny of {names} does not apply through it"
                ),
                "this alias ARN matches no key, so nothing is denied through it",
            ),
        };
        let severity = if verdict.is_note(self.effect) {
            Severity::Note
        } else {
            Severity::Error
        };
        Finding::new(
            &META,
            Label {
                span: item.source_span(),
                message: label.to_string(),
            },
            message,
        )
        .with_severity(severity)
    }

    fn alias_actions_aside(&self) -> &'static str {
        if self.manages_aliases {
            " (the alias actions are granted on it)"
        } else {
            ""
        }
    }
}

fn dead_weight_help() -> String {
    "remove the alias ARN from this statement: the other resources grant or deny the key actions, and an alias ARN serves only `kms:CreateAlias`, `kms:UpdateAlias` and `kms:DeleteAlias`".to_string()
}

impl Ungranted<'_> {
    /// The concrete fix: the key ARN pattern of the same account and
    /// region, plus an alias condition carrying the alias name, written in
    /// the statement's own syntax; then what to mind where that is not the
    /// whole answer.
    fn help(&self, ctx: &Context, st: &Statement, item: &Item, alias: Option<&str>) -> String {
        let key_pattern = key_pattern_source(ctx, item)
            .or_else(|| key_pattern_value(item))
            .unwrap_or_else(|| "arn:aws:kms:REGION:ACCOUNT:key/*".to_string());
        let alias_name = alias.unwrap_or("alias/NAME");
        let mut help = if self.effect == Effect::Deny {
            format!(
                "deny by key ARN, which no alias change can undo; a condition on the key's aliases instead is skipped by a key with no alias, or whose alias is deleted or repointed (TFKMS004):\n\n{}",
                condition_lines(ctx, st, &key_pattern, alias_name)
            )
        } else if every_alias(alias_name) {
            format!(
                "name the keys by key ARN; `{alias_name}` selects every key that has any alias, so whoever can create an alias could add a key to it: if every key of the account is meant, say so with `{key_pattern}`"
            )
        } else {
            format!(
                "name the key by its key ARN, or select the account's keys by alias with a condition:\n\n{}",
                condition_lines(ctx, st, &key_pattern, alias_name)
            )
        };
        let mut mind = Vec::new();
        if glob::has_wildcard(alias_name)
            && self.effect == Effect::Allow
            && !every_alias(alias_name)
        {
            mind.push("whoever can create an alias matching the pattern gains this access: list the aliases exactly where you can (TFKMS002)".to_string());
        }
        if self.manages_aliases {
            mind.push("keep the alias ARN for the alias actions, which are authorized on the alias and the key, and grant the key actions in a statement of their own".to_string());
        }
        mind.extend(self.other_services_help());
        for m in mind {
            help.push_str("\n\n");
            help.push_str(&m);
        }
        help
    }
}

impl Ungranted<'_> {
    /// The key behind an alias the configuration declares, by reference.
    fn help_by_reference(&self, known: &KnownAlias) -> String {
        let key = &known.key_reference;
        let mut help = if self.manages_aliases {
            format!(
                "name the key the alias points at beside the alias ARN, which the alias actions need with the key: `{}, {key}`",
                known.written
            )
        } else {
            format!("name the key the alias points at by reference: `{key}`")
        };
        if let Some(other) = self.other_services_help() {
            help.push_str("\n\n");
            help.push_str(&other);
        }
        help
    }

    fn other_services_help(&self) -> Option<String> {
        let one = match self.other_services.len() {
            0 => return None,
            1 => true,
            _ => false,
        };
        Some(format!(
            "{} {} another service's business: keep {} in a statement of {} own, on that service's resources",
            name_list(&self.other_services),
            if one { "is" } else { "are" },
            if one { "it" } else { "them" },
            if one { "its" } else { "their" },
        ))
    }
}

/// The key ARN pattern and the alias condition, laid out over lines as the
/// fix writes them: one long line would wrap in the report, in the middle
/// of the alias.
fn condition_lines(ctx: &Context, st: &Statement, key_pattern: &str, alias: &str) -> String {
    let test = if glob::has_wildcard(alias) {
        "ForAnyValue:StringLike"
    } else {
        "ForAnyValue:StringEquals"
    };
    let alias = quoted(alias);
    match Syntax::of(ctx, st) {
        Syntax::Block => format!(
            "  resources = [\"{key_pattern}\"]\n  condition {{\n    test     = \"{test}\"\n    variable = \"kms:ResourceAliases\"\n    values   = [{alias}]\n  }}"
        ),
        Syntax::Object => format!(
            "  Resource = [\"{key_pattern}\"]\n  Condition = {{\n    \"{test}\" = {{\n      \"kms:ResourceAliases\" = {alias}\n    }}\n  }}"
        ),
        Syntax::Json => format!(
            "  \"Resource\": [\"{key_pattern}\"],\n  \"Condition\": {{\n    \"{test}\": {{\n      \"kms:ResourceAliases\": {alias}\n    }}\n  }}"
        ),
    }
}

/// `alias/*` or `*`: a pattern that matches every alias there is.
fn every_alias(alias: &str) -> bool {
    alias
        .strip_prefix("alias/")
        .is_some_and(|name| !name.is_empty() && name.chars().all(|c| c == '*'))
}

/// The resource rewritten as a key ARN pattern, in the source's own words
/// where it is a string literal (`arn:aws:kms:${var.region}:...:key/*`).
fn key_pattern_source(ctx: &Context, item: &Item) -> Option<String> {
    let span = item.source_span();
    let text = ctx.files.get(span.file.0 as usize)?;
    let src = text.get(span.range())?;
    let inner = src.strip_prefix('"')?.strip_suffix('"')?;
    key_pattern(inner)
}

/// The key ARN pattern from the evaluated alias ARN, where the source is no
/// plain string (escaped in `.tf.json`, built by a function, passed in a
/// variable); unknown parts keep their `${...}` placeholders.
fn key_pattern_value(item: &Item) -> Option<String> {
    key_pattern(&item.display())
}

fn key_pattern(alias_arn: &str) -> Option<String> {
    let i = alias_arn.rfind(":alias/")?;
    let prefix = &alias_arn[..i];
    prefix
        .starts_with("arn:")
        .then(|| format!("{prefix}:key/*"))
}
