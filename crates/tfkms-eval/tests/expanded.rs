//! Blocks with `count`/`for_each` referenced as whole collections: a tuple of
//! instance objects for `count`, an object keyed by the `for_each` keys
//! (lexically ordered, as Terraform orders them) for `for_each`, each
//! instance evaluated with its own `each`/`count`.

use std::path::Path;
use tfkms_eval::{Kind, Value};

fn eval(config: &str, expr: &str) -> Value {
    tfkms_eval::testing::eval_in(Path::new("/nonexistent/tfkms-expanded"), config, expr)
}

/// The elements of a list value, each as its known string or `?` when
/// unknown.
fn strings(v: &Value) -> Vec<String> {
    let Kind::List(items) = &v.kind else {
        panic!("expected a list, got {v}");
    };
    items
        .iter()
        .map(|e| match e.as_known_str() {
            Some(s) => s.into_owned(),
            None if e.is_unknown() => "?".to_string(),
            None => panic!("expected a string or an unknown, got {e}"),
        })
        .collect()
}

const BY_KEY: &str = r#"
data "aws_iam_policy_document" "per_key" {
  for_each  = toset(["beta", "alpha", "gamma"])
  policy_id = "id-${each.key}"
}
"#;

const COUNTED: &str = r#"
data "aws_iam_policy_document" "counted" {
  count     = 3
  policy_id = "n${count.index}"
}
"#;

#[test]
fn for_over_a_for_each_data_source_visits_instances_in_key_order() {
    let v = eval(
        BY_KEY,
        "[for d in data.aws_iam_policy_document.per_key : d.policy_id]",
    );
    assert_eq!(strings(&v), ["id-alpha", "id-beta", "id-gamma"]);
}

#[test]
fn for_with_key_filter_sees_the_for_each_keys() {
    let v = eval(
        BY_KEY,
        r#"[for k, d in data.aws_iam_policy_document.per_key : "${k}=${d.policy_id}" if k != "beta"]"#,
    );
    assert_eq!(strings(&v), ["alpha=id-alpha", "gamma=id-gamma"]);
}

#[test]
fn values_and_keys_of_a_for_each_data_source() {
    let v = eval(
        BY_KEY,
        "values(data.aws_iam_policy_document.per_key)[*].policy_id",
    );
    assert_eq!(strings(&v), ["id-alpha", "id-beta", "id-gamma"]);
    let v = eval(BY_KEY, "keys(data.aws_iam_policy_document.per_key)");
    assert_eq!(strings(&v), ["alpha", "beta", "gamma"]);
}

#[test]
fn a_count_data_source_is_a_tuple_of_instances() {
    let v = eval(
        COUNTED,
        "[for d in data.aws_iam_policy_document.counted : d.policy_id]",
    );
    assert_eq!(strings(&v), ["n0", "n1", "n2"]);
    let v = eval(COUNTED, "data.aws_iam_policy_document.counted[*].policy_id");
    assert_eq!(strings(&v), ["n0", "n1", "n2"]);
    let v = eval(
        COUNTED,
        "[length(data.aws_iam_policy_document.counted), data.aws_iam_policy_document.counted[1].policy_id]",
    );
    assert_eq!(v.to_string(), r#"[3, "n1"]"#);
}

#[test]
fn an_unknown_instance_value_leaves_its_known_siblings_known() {
    let config = r#"
variable "missing" {}
data "aws_iam_policy_document" "mixed" {
  for_each  = { a = "known", b = var.missing }
  policy_id = each.value
}
"#;
    let v = eval(
        config,
        "[for d in data.aws_iam_policy_document.mixed : d.policy_id]",
    );
    assert_eq!(strings(&v), ["known", "?"]);
}

#[test]
fn unknown_for_each_or_count_makes_the_collection_unknown() {
    let config = r#"
variable "keys" {}
variable "n" {}
data "aws_iam_policy_document" "by_var" {
  for_each  = var.keys
  policy_id = each.key
}
data "aws_iam_policy_document" "by_count" {
  count     = var.n
  policy_id = "x"
}
"#;
    for expr in [
        "[for d in data.aws_iam_policy_document.by_var : d.policy_id]",
        "data.aws_iam_policy_document.by_count[*].policy_id",
        "[for d in data.aws_iam_policy_document.by_count : d.policy_id]",
    ] {
        let v = eval(config, expr);
        assert!(v.is_unknown(), "{expr}: {v}");
    }
}

#[test]
fn a_for_each_data_source_splats_as_one_object() {
    // Terraform's `[*]` wraps a value that is not a list: the instances
    // object becomes a one-element tuple, not a list of instances.
    let v = eval(BY_KEY, "length(data.aws_iam_policy_document.per_key[*])");
    assert_eq!(v.to_string(), "1");
}

const ALIASES: &str = r#"
resource "aws_kms_key" "k" {
  for_each    = toset(["b", "a"])
  description = "key ${each.key}"
}

resource "aws_kms_alias" "a" {
  for_each      = aws_kms_key.k
  name          = "alias/${each.key}"
  target_key_id = each.value.key_id
}
"#;

#[test]
fn resource_instances_keep_their_configured_and_typed_attributes() {
    let v = eval(ALIASES, r#"[for a in aws_kms_alias.a : a.name]"#);
    assert_eq!(strings(&v), ["alias/a", "alias/b"]);
    let v = eval(ALIASES, r#"[for k in aws_kms_key.k : k.description]"#);
    assert_eq!(strings(&v), ["key a", "key b"]);
    let v = eval(ALIASES, r#"[for k in aws_kms_key.k : k.arn]"#);
    let Kind::List(items) = &v.kind else {
        panic!("expected a list, got {v}");
    };
    assert_eq!(items.len(), 2);
    for item in items {
        let Kind::Unknown(u) = &item.kind else {
            panic!("a key ARN is computed by the provider, got {item}");
        };
        assert_eq!(u.shape, tfkms_eval::Shape::KeyArn, "{item}");
    }
}

#[test]
fn an_attribute_tfkms_cannot_tell_is_unknown_and_named() {
    let v = eval(
        ALIASES,
        r#"[for k in aws_kms_key.k : k.rotation_period_in_days]"#,
    );
    let Kind::List(items) = &v.kind else {
        panic!("expected a list, got {v}");
    };
    let causes: Vec<String> = items
        .iter()
        .map(|i| match &i.kind {
            Kind::Unknown(u) => u.cause.expression(),
            _ => panic!("expected an unknown, got {i}"),
        })
        .collect();
    assert_eq!(
        causes,
        [
            r#"aws_kms_key.k["a"].rotation_period_in_days"#,
            r#"aws_kms_key.k["b"].rotation_period_in_days"#
        ]
    );
}
