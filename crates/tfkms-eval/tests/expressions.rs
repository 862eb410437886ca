//! Table-driven check of the evaluator against the real Terraform.
//!
//! `testdata/expressions/cases.txt` pairs each expression (one line, or a
//! heredoc from its `<<` line on) with the
//! `jsonencode()` of its value as Terraform computed it
//! (`scripts/oracle-expressions.sh` re-derives them), or `!error` where
//! Terraform rejects it. Cases after the `# tfkms-only` marker are tfkms's
//! own: hostile input that must stop at a limit quickly, impure functions
//! that must stay unknown.

use std::path::PathBuf;
use std::time::{Duration, Instant};
use tfkms_eval::{Cause, Kind, Value};

struct Case {
    line: usize,
    expr: String,
    want: String,
}

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/expressions")
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(testdata().join("cases.txt")).expect("cases.txt");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    // A heredoc case spans lines, from its `<<` line to the `=>`.
    let mut opened = None;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("<<") && opened.is_none() {
            opened = Some(i);
        }
        if let Some(want) = line.strip_prefix("=> ") {
            out.push(Case {
                line: i,
                expr: lines[opened.take().unwrap_or(i - 1)..i].join("\n"),
                want: want.to_string(),
            });
        }
    }
    out
}

fn causes(v: &Value, out: &mut Vec<Cause>) {
    match &v.kind {
        Kind::Unknown(u) => out.push((*u.cause).clone()),
        Kind::String(t) => out.extend(t.unknowns().map(|u| (*u.cause).clone())),
        Kind::List(items) | Kind::Set(items) => items.iter().for_each(|e| causes(e, out)),
        Kind::Map(m) => m.values().for_each(|e| causes(e, out)),
        _ => {}
    }
}

/// Hostile cases must end at a limit; this bound only catches work the
/// limits failed to bound (the budget's own time limit is 5 s), it is not a
/// speed check, so a loaded CI machine cannot make it flaky.
const HANG_GUARD: Duration = Duration::from_secs(30);

/// Why the value does not meet the expectation, if it does not.
fn check(want: &str, v: &Value, took: Duration) -> Option<String> {
    let mut cs = Vec::new();
    causes(v, &mut cs);
    let is_error = cs.iter().any(|c| matches!(c, Cause::Error { .. }));
    let is_limit = cs.iter().any(|c| matches!(c, Cause::Limit { .. }));
    match want {
        "!error" => (!is_error).then(|| format!("expected an error, got {v}")),
        "!limit" => {
            if !(is_limit || is_error) {
                Some(format!("expected a limit or error value, got {v}"))
            } else if took > HANG_GUARD {
                Some(format!(
                    "took {took:?} to stop: the limits did not bound the work"
                ))
            } else {
                None
            }
        }
        "!unknown" => {
            (!v.is_unknown() || is_error).then(|| format!("expected an unknown, got {v}"))
        }
        json => {
            if let Some(c) = cs.first() {
                return Some(format!("expected {json}, got an unknown: {}", c.explain()));
            }
            let got = tfkms_eval::json::encode(v);
            (got != json).then(|| format!("expected {json}\n          got {got}"))
        }
    }
}

#[test]
fn expressions_match_terraform() {
    let files = testdata().join("files");
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let start = Instant::now();
        let v = tfkms_eval::testing::eval_in(&files, "", &case.expr);
        let took = start.elapsed();
        if let Some(why) = check(&case.want, &v, took) {
            let expr: String = case.expr.chars().take(120).collect();
            failures.push(format!("cases.txt:{}: {expr}\n    {why}", case.line));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    eprintln!(
        "{} expression cases, {} mismatches",
        cases.len(),
        failures.len()
    );
    assert!(cases.len() >= 200, "only {} cases ran", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from Terraform",
        failures.len(),
        cases.len()
    );
}

/// Evaluates with `var.region` and `var.acct` declared without values, so
/// they are unknown.
fn eval_unknown(expr: &str) -> Value {
    let config = "variable \"region\" {}\nvariable \"acct\" {}\n";
    tfkms_eval::testing::eval_in(&testdata().join("files"), config, expr)
}

fn placeholders(v: &Value) -> String {
    match &v.kind {
        Kind::String(t) => t.display_with_placeholders(),
        _ => format!("{v}"),
    }
}

#[test]
fn partly_known_strings_keep_their_known_parts() {
    let cases = [
        (
            r#"lower("ARN:AWS:KMS:${var.region}:${var.acct}:ALIAS/App")"#,
            "arn:aws:kms:${var.region}:${var.acct}:alias/app",
        ),
        (
            r#"format("arn:aws:kms:%s:%s:key/*", var.region, var.acct)"#,
            "arn:aws:kms:${var.region}:${var.acct}:key/*",
        ),
        (
            r#"join(":", ["arn", "aws", "kms", var.region])"#,
            "arn:aws:kms:${var.region}",
        ),
        (
            r#"trimprefix("alias/${var.acct}-app", "alias/")"#,
            "${var.acct}-app",
        ),
        (r#"startswith("arn:${var.region}", "arn:")"#, "true"),
        (r#"startswith("arn:${var.region}", "xyz")"#, "false"),
        (r#"endswith("${var.region}.json", ".json")"#, "true"),
        (r#"strcontains("a-${var.region}-b", "-b")"#, "true"),
        (r#"length([var.region, "b"])"#, "2"),
        (r#"element(concat([var.region], ["b"]), 1)"#, "b"),
        (r#"coalesce("", "x${var.acct}")"#, "x${var.acct}"),
        (r#"try(var.region, "fallback")"#, "(unknown: var.region)"),
        (
            r#"formatlist("%s/%s", ["a", "b"], "r-${var.region}")"#,
            "[\"a/r-${var.region}\", \"b/r-${var.region}\"]",
        ),
    ];
    let mut bad = Vec::new();
    for (expr, want) in cases {
        let got = placeholders(&eval_unknown(expr));
        if got != want {
            bad.push(format!("{expr}\n    expected {want}\n         got {got}"));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

#[test]
fn unknown_arguments_give_unknown_results() {
    for expr in [
        "upper(var.region)",
        "toset([var.region, \"a\"])",
        "length(var.region)",
        "can(var.region)",
        "sort([var.region, \"a\"])",
        "distinct([var.region, \"a\"])",
        "jsondecode(var.acct)",
        "cidrsubnet(var.region, 4, 1)",
        "keys(var.acct)",
        "replace(\"a-${var.region}\", \"-\", \"_\")",
        "format(\"%5s\", var.region)",
        "contains([var.region], \"a\")",
        "yamlencode({a = var.region})",
    ] {
        let v = eval_unknown(expr);
        let mut cs = Vec::new();
        causes(&v, &mut cs);
        assert!(
            !cs.is_empty()
                && cs
                    .iter()
                    .all(|c| matches!(c, Cause::MissingVariable { .. })),
            "{expr}: expected an unknown from the variable, got {v}"
        );
        assert!(!v.is_wholly_known(), "{expr} is known: {v}");
    }
}

#[test]
fn results_point_at_source_and_jsonencode_remembers_its_value() {
    let v = eval_unknown(r#"concat(["literal"], [upper("x")])"#);
    let Kind::List(items) = &v.kind else {
        panic!("{v}")
    };
    // The moved element keeps the span of its literal; the computed one
    // points at the call that made it.
    let literal = items[0].origin.span.expect("span");
    let call = items[1].origin.span.expect("span");
    assert_eq!(literal.end - literal.start, "\"literal\"".len() as u32);
    assert_eq!(call.end - call.start, "upper(\"x\")".len() as u32);

    let v = eval_unknown(r#"jsonencode({Statement = [{Resource = var.acct}]})"#);
    let Kind::String(t) = &v.kind else {
        panic!("{v}")
    };
    assert!(t.encoded.is_some(), "jsonencode keeps the encoded value");

    // Nothing in a templatefile result points into the synthetic file.
    let v = eval_unknown(
        r#"templatefile("${path.module}/templates/greeting.tftpl", {name = var.acct, admin = true})"#,
    );
    assert_eq!(placeholders(&v), "Hello, ${var.acct}! (admin)");

    // templatestring renders a referenced string the same way (checked
    // against terraform 1.11 with this local).
    let config = "locals {\n  t = \"Hello, $${name}!%%{ if admin } (admin)%%{ endif }\"\n}\n";
    let v = tfkms_eval::testing::eval_in(
        &testdata().join("files"),
        config,
        r#"templatestring(local.t, { name = "Cy", admin = true })"#,
    );
    assert_eq!(tfkms_eval::json::encode(&v), r#""Hello, Cy! (admin)""#);
    let Kind::String(t) = &v.kind else {
        panic!("{v}")
    };
    for p in &t.parts {
        if let tfkms_eval::TextPart::Known { origin, .. } = p {
            assert_ne!(origin.span.map(|s| s.file.0), Some(u32::MAX));
        }
    }
}

/// The elements a list of unknown length is known to hold.
fn known_elements(v: &Value) -> Vec<String> {
    match &v.kind {
        Kind::Unknown(u) => u.known_elements().iter().map(placeholders).collect(),
        _ => panic!("expected a list of unknown length, got {v}"),
    }
}

#[test]
fn lists_of_unknown_length_keep_the_elements_known_to_be_in_them() {
    let cases: [(&str, &[&str]); 7] = [
        (r#"concat(["a"], var.acct, ["b"])"#, &["a", "b"]),
        // An unknown element may repeat a known one or not: "a" stays.
        (r#"tolist(distinct(concat(["a", "a"], var.acct)))"#, &["a"]),
        // A filter unknown for one element keeps the elements it keeps.
        (r#"[for x in ["a", "", var.region] : x if x != ""]"#, &["a"]),
        (r#"flatten([["a"], var.acct, [["b"]]])"#, &["a", "b"]),
        // An unknown string may be "" and vanish; "a" and "x-..." cannot.
        (
            r#"compact(["a", "", var.region, "x-${var.acct}"])"#,
            &["a", "x-${var.acct}"],
        ),
        (r#"concat(["a"], concat(["b"], var.acct))"#, &["a", "b"]),
        (r#"flatten(concat([["a"]], var.acct))"#, &["a"]),
    ];
    for (expr, want) in cases {
        assert_eq!(known_elements(&eval_unknown(expr)), want, "{expr}");
    }
    // What is derived from such a list knows nothing of its elements.
    for expr in [
        r#"concat(["a"], var.acct)[0]"#,
        r#"[for x in concat(["a"], var.acct) : upper(x)]"#,
        r#"length(concat(["a"], var.acct))"#,
        r#"concat(["a"], var.acct)[*]"#,
    ] {
        let v = eval_unknown(expr);
        let Kind::Unknown(u) = &v.kind else {
            panic!("{expr}: {v}")
        };
        assert_eq!(u.shape, tfkms_eval::Shape::Any, "{expr}");
    }
}
