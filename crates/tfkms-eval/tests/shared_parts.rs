//! A reference that goes on into an object's attributes (`var.config.arn`,
//! `local.keys.app.arn`) copies only the part it reaches: the value and its
//! provenance are those of indexing the whole value, and a big object read
//! one attribute at a time costs what the attributes do.

use std::path::Path;
use tfkms_eval::testing::{eval_in, eval_with_limits};
use tfkms_eval::{Cause, Kind, Limits, Value};

const DIR: &str = "/nonexistent/tfkms-shared-parts";

fn hop_labels(v: &Value) -> Vec<String> {
    v.origin
        .hops
        .to_vec()
        .into_iter()
        .map(|h| h.label)
        .collect()
}

fn error_message(v: &Value) -> String {
    match v.as_whole_unknown().map(|u| &*u.cause) {
        Some(Cause::Error { message, .. }) => message.clone(),
        _ => panic!("an evaluation error, not {v}"),
    }
}

const CONFIG: &str = r#"
variable "config" {
  default = {
    key = { arn = "arn:aws:kms:eu-west-1:111122223333:key/abc", tags = { team = "x" } }
    names = ["a", "b"]
  }
}
locals {
  keys = var.config.key
}
"#;

#[test]
fn an_attribute_of_a_variable_is_the_attribute_with_the_variable_s_path() {
    let v = eval_in(Path::new(DIR), CONFIG, "var.config.key.arn");
    assert_eq!(
        v.as_known_str().as_deref(),
        Some("arn:aws:kms:eu-west-1:111122223333:key/abc")
    );
    assert_eq!(
        hop_labels(&v),
        ["default of `var.config`", "`var.config` used here"]
    );
    // The literal the value came from, not the reference.
    let span = v.origin.span.expect("a located value");
    assert_eq!(
        &CONFIG[span.start as usize..span.end as usize],
        "\"arn:aws:kms:eu-west-1:111122223333:key/abc\""
    );
}

#[test]
fn an_attribute_of_a_local_keeps_every_hop_it_travelled() {
    let v = eval_in(Path::new(DIR), CONFIG, "local.keys.tags.team");
    assert_eq!(v.as_known_str().as_deref(), Some("x"));
    assert_eq!(
        hop_labels(&v),
        [
            "default of `var.config`",
            "`var.config` used here",
            "`local.keys` used here"
        ]
    );
    // A second reference reads the remembered local the same way.
    let twice = eval_in(
        Path::new(DIR),
        CONFIG,
        "[local.keys.tags.team, local.keys.tags.team]",
    );
    let Kind::List(items) = &twice.kind else {
        panic!("a list: {twice}")
    };
    for item in items {
        assert_eq!(item.as_known_str().as_deref(), Some("x"));
        assert_eq!(
            hop_labels(item),
            [
                "default of `var.config`",
                "`var.config` used here",
                "`local.keys` used here"
            ]
        );
    }
}

#[test]
fn attributes_past_the_objects_are_indexed_as_before() {
    let missing = eval_in(Path::new(DIR), CONFIG, "var.config.key.nope");
    assert_eq!(
        error_message(&missing),
        "this object has no attribute or key \"nope\""
    );
    let in_list = eval_in(Path::new(DIR), CONFIG, "var.config.names[1]");
    assert_eq!(in_list.as_known_str().as_deref(), Some("b"));
    let of_string = eval_in(Path::new(DIR), CONFIG, "var.config.key.arn.x");
    assert_eq!(error_message(&of_string), "cannot index a string value");
}

/// `local.big`: 400 attributes of 1,000 characters and `small = "s"`,
/// about 0.46 MB each time the whole object is copied, so 60 copies pass
/// a 16 MB budget; 60 copies of `small` do not come near it.
fn big_local_and_a_16_mb_budget() -> (String, Limits) {
    let attrs: String = (0..400)
        .map(|i| format!("    a{i} = \"{}\"\n", "x".repeat(1000)))
        .collect();
    let config = format!("locals {{\n  big = {{\n    small = \"s\"\n{attrs}  }}\n}}\n");
    let limits = Limits {
        max_value_bytes: 16 << 20,
        ..Limits::default()
    };
    (config, limits)
}

#[test]
fn a_big_object_read_one_attribute_at_a_time_costs_what_the_attributes_do() {
    let (config, limits) = big_local_and_a_16_mb_budget();
    let refs = vec!["local.big.small"; 60].join(", ");
    let v = eval_with_limits(Path::new(DIR), &config, &format!("[{refs}]"), limits);
    let Kind::List(items) = &v.kind else {
        panic!("a list of 60 strings, not {v}")
    };
    assert_eq!(items.len(), 60);
    assert!(
        items
            .iter()
            .all(|i| i.as_known_str().as_deref() == Some("s")),
        "{v}"
    );
}

// Bound names (`for` variables, `each`, a `dynamic` block's iterator) go on
// into their attributes the same way.

#[test]
fn an_attribute_of_a_bound_name_is_the_attribute_with_its_path() {
    let v = eval_in(
        Path::new(DIR),
        CONFIG,
        "[for k in [var.config.key] : k.tags.team]",
    );
    let Kind::List(items) = &v.kind else {
        panic!("a list: {v}")
    };
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_known_str().as_deref(), Some("x"));
    assert_eq!(
        hop_labels(&items[0]),
        ["default of `var.config`", "`var.config` used here"]
    );
    let span = items[0].origin.span.expect("a located value");
    assert_eq!(&CONFIG[span.start as usize..span.end as usize], "\"x\"");
    // Past the objects, indexing goes on as before.
    let v = eval_in(
        Path::new(DIR),
        CONFIG,
        "[for c in [var.config] : [c.names[1], c.key.nope]]",
    );
    let Kind::List(outer) = &v.kind else {
        panic!("a list: {v}")
    };
    let Kind::List(pair) = &outer[0].kind else {
        panic!("a pair: {v}")
    };
    assert_eq!(pair[0].as_known_str().as_deref(), Some("b"));
    assert_eq!(
        error_message(&pair[1]),
        "this object has no attribute or key \"nope\""
    );
}

#[test]
fn a_big_bound_object_read_one_attribute_at_a_time_costs_what_the_attributes_do() {
    // As above, through a `for` variable.
    let (config, limits) = big_local_and_a_16_mb_budget();
    let refs = vec!["o.small"; 60].join(", ");
    let v = eval_with_limits(
        Path::new(DIR),
        &config,
        &format!("[for o in [local.big] : [{refs}]]"),
        limits,
    );
    let Kind::List(outer) = &v.kind else {
        panic!("a list, not {v}")
    };
    let Kind::List(items) = &outer[0].kind else {
        panic!("a list of 60 strings, not {v}")
    };
    assert_eq!(items.len(), 60);
    assert!(
        items
            .iter()
            .all(|i| i.as_known_str().as_deref() == Some("s")),
        "{v}"
    );
}
