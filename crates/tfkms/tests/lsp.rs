//! `tfkms lsp` driven over stdio by a JSON-RPC client, as an editor does:
//! unsaved buffers, diagnostics that come and go, quick fixes applied,
//! hovers, broken input, and positions in both encodings.

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Long enough for a debug build on a loaded machine; only a hung server
/// takes it.
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
    root: String,
}

impl Client {
    fn start(dir: &Path, capabilities: Value, options: Value) -> (Client, Value) {
        let mut child = common::command(dir, &["lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let root = format!("file://{}", dir.canonicalize().unwrap().display());
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
            root: root.clone(),
        };
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn uri(&self, name: &str) -> String {
        format!("{}/{name}", self.root)
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(PATIENCE)
            .expect("the server stopped answering")
    }

    /// The result of a request; notifications on the way are dropped, the
    /// server's own requests answered with null.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.next();
            if message["id"] == id && message.get("method").is_none() {
                assert!(message.get("error").is_none(), "{message}");
                return message["result"].clone();
            }
        }
    }

    /// The next diagnostics published for `name`.
    fn diagnostics(&mut self, name: &str) -> Value {
        let uri = self.uri(name);
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri.as_str()
            {
                return message["params"].clone();
            }
        }
    }

    /// The requests the server sent until the next diagnostics published
    /// for `name`, and those.
    fn requests_until_diagnostics(&mut self, name: &str) -> (Vec<Value>, Value) {
        let uri = self.uri(name);
        let mut requests = Vec::new();
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri.as_str()
            {
                return (requests, message["params"].clone());
            }
            if message.get("id").is_some() && message.get("method").is_some() {
                requests.push(message);
            }
        }
    }

    fn open(&mut self, name: &str, text: &str) {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "terraform", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, name: &str, version: i32, text: &str) {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn code_actions(&mut self, name: &str, diagnostic: &Value) -> Vec<Value> {
        let uri = self.uri(name);
        let result = self.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]},
            }),
        );
        result.as_array().unwrap().clone()
    }

    fn shut_down(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }

    /// Paths made the same on every machine, for snapshots.
    fn redact(&self, value: &Value) -> Value {
        serde_json::from_str(&value.to_string().replace(&self.root, "file:///WORKSPACE")).unwrap()
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Applies LSP text edits (UTF-16 positions) to `text`, as an editor does.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let within = text[start..]
            .char_indices()
            .find(|(_, c)| {
                let before = units;
                units += c.len_utf16();
                before >= character
            })
            .map_or(text.len() - start, |(i, _)| i);
        start + within
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri].as_array().unwrap().clone()
}

const ON_DISK: &str = r#"data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}
"#;

/// Unsaved: an alias ARN in `Resource`, after a comment whose characters
/// are one UTF-16 unit but two UTF-8 bytes (é), and two units but four
/// bytes (🔑).
const UNSAVED: &str = r#"data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [/* clé 🔑 */ "arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}
"#;

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), ON_DISK).unwrap();
    dir
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn unsaved_buffer_diagnosed_fixed_and_cleared() {
    let dir = workspace();
    let (mut client, init) = Client::start(dir.path(), json!({}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    client.open("main.tf", UNSAVED);
    let published = client.diagnostics("main.tf");
    insta::assert_json_snapshot!("unsaved_buffer", client.redact(&published));
    let diagnostic = published["diagnostics"][0].clone();
    // The quote opening the ARN: 17 characters of `    resources = [`,
    // then `/* clé 🔑 */ ` is 13 UTF-16 units.
    assert_eq!(
        diagnostic["range"]["start"],
        json!({"line": 3, "character": 30})
    );

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": client.uri("main.tf")}, "position": diagnostic["range"]["start"]}),
    );
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        markdown.starts_with("**TFKMS001 alias-arn-in-resource**"),
        "{markdown}"
    );
    assert_eq!(hover["range"], diagnostic["range"]);

    let actions = client.code_actions("main.tf", &diagnostic);
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("TFKMS001's rewrite as a quick fix");
    assert_eq!(fix["kind"], "quickfix");
    let fixed = apply(UNSAVED, &edits_of(fix, &client.uri("main.tf")));
    insta::assert_snapshot!("fixed_buffer", fixed);
    client.change("main.tf", 2, &fixed);
    let published = client.diagnostics("main.tf");
    assert_eq!(published["version"], 2);
    assert_eq!(codes(&published), Vec::<String>::new());
    client.shut_down();
}

#[test]
fn suppression_action_writes_a_comment_the_scan_accepts() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    client.open("main.tf", UNSAVED);
    let published = client.diagnostics("main.tf");
    let diagnostic = published["diagnostics"][0].clone();
    let actions = client.code_actions("main.tf", &diagnostic);
    let suppress = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Suppress TFKMS001")
        })
        .expect("a suppression action");
    let suppressed = apply(UNSAVED, &edits_of(suppress, &client.uri("main.tf")));
    assert!(
        suppressed.contains("    # tfkms:ignore TFKMS001\n    resources = [/* clé"),
        "{suppressed}"
    );
    client.change("main.tf", 2, &suppressed);
    // Suppressed; the comment still needs its reason (TFKMS012).
    let published = client.diagnostics("main.tf");
    assert_eq!(codes(&published), ["TFKMS012"]);
    assert_eq!(published["diagnostics"][0]["range"]["start"]["line"], 3);
    let with_reason = suppressed.replace(
        "# tfkms:ignore TFKMS001",
        "# tfkms:ignore TFKMS001 the key policy allows this alias",
    );
    client.change("main.tf", 3, &with_reason);
    assert_eq!(codes(&client.diagnostics("main.tf")), Vec::<String>::new());
    client.shut_down();
}

#[test]
fn broken_buffer_reports_tfkms000_and_the_server_keeps_answering() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    client.open(
        "main.tf",
        "data \"aws_iam_policy_document\" \"x\" {\n  statement {\n",
    );
    let published = client.diagnostics("main.tf");
    assert_eq!(codes(&published), ["TFKMS000"]);
    insta::assert_json_snapshot!("broken_buffer", client.redact(&published));
    // Still answering: a hover, then a buffer that parses.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": client.uri("main.tf")}, "position": published["diagnostics"][0]["range"]["start"]}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("TFKMS000")
    );
    client.change("main.tf", 2, UNSAVED);
    assert_eq!(codes(&client.diagnostics("main.tf")), ["TFKMS001"]);
    client.shut_down();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = workspace();
    let capabilities = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    let (mut client, init) = Client::start(dir.path(), capabilities, Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    client.open("main.tf", UNSAVED);
    let published = client.diagnostics("main.tf");
    // 17 bytes, then `/* clé 🔑 */ ` is 16 bytes.
    assert_eq!(
        published["diagnostics"][0]["range"]["start"],
        json!({"line": 3, "character": 33})
    );
    client.shut_down();
}

#[test]
fn rapid_edits_publish_the_newest_version_last() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    client.open("main.tf", ON_DISK);
    for version in 2..=30 {
        let text = if version % 2 == 0 { UNSAVED } else { ON_DISK };
        client.change("main.tf", version, text);
    }
    // Versions only go up, and the last one published is the newest text
    // (30: the alias ARN).
    let mut last = 0;
    loop {
        let published = client.diagnostics("main.tf");
        let version = published["version"].as_i64().unwrap();
        assert!(version > last, "version {version} after {last}");
        last = version;
        if version == 30 {
            assert_eq!(codes(&published), ["TFKMS001"]);
            break;
        }
    }
    client.shut_down();
}

#[test]
fn var_files_from_initialization_options() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"variable "key" {
  type = string
}

data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key]
  }
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("prod.tfvars"),
        "key = \"arn:aws:kms:us-east-1:111122223333:alias/prod\"\n",
    )
    .unwrap();
    let options = json!({"varFiles": ["prod.tfvars"]});
    let (mut client, _) = Client::start(dir.path(), json!({}), options);
    // The value comes from the var file, so the finding is published on it.
    let published = client.diagnostics("prod.tfvars");
    assert_eq!(codes(&published), ["TFKMS001"]);
    client.shut_down();
}

#[test]
fn the_config_is_read_again_when_it_changes() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    client.open("main.tf", UNSAVED);
    assert_eq!(codes(&client.diagnostics("main.tf")), ["TFKMS001"]);
    std::fs::write(
        dir.path().join(".tfkms.toml"),
        "[rules]\nalias-arn-in-resource = \"off\"\n",
    )
    .unwrap();
    let uri = client.uri(".tfkms.toml");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 1}]}),
    );
    assert_eq!(codes(&client.diagnostics("main.tf")), Vec::<String>::new());
    // A mistake in the config is a diagnostic where it is, as in `tfkms
    // scan`; the files are checked again with the default settings.
    std::fs::write(dir.path().join(".tfkms.toml"), "[rules\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 2}]}),
    );
    let config = client.diagnostics(".tfkms.toml");
    assert_eq!(codes(&config), ["TFKMS000"]);
    assert_eq!(
        config["diagnostics"][0]["range"],
        json!({"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 6}})
    );
    assert_eq!(codes(&client.diagnostics("main.tf")), ["TFKMS001"]);
    client.shut_down();
}

#[test]
fn unchanged_diagnostics_of_closed_files_are_not_sent_again() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("other.tf"),
        UNSAVED.replace("decrypt", "other"),
    )
    .unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    // The first scan publishes the file on disk.
    assert_eq!(codes(&client.diagnostics("other.tf")), ["TFKMS001"]);
    client.open("main.tf", UNSAVED);
    assert_eq!(codes(&client.diagnostics("main.tf")), ["TFKMS001"]);
    // The server publishes a scan's diagnostics before it reads the next
    // request: everything before this answer belongs to that scan.
    client.send(json!({
        "jsonrpc": "2.0", "id": 99, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": client.uri("main.tf")}, "position": {"line": 0, "character": 0}},
    }));
    let other = client.uri("other.tf");
    loop {
        let message = client.next();
        if message["id"] == 99 {
            break;
        }
        assert_ne!(message["params"]["uri"], other.as_str(), "{message}");
    }
    client.shut_down();
}

/// A module two roots call, a value from a root's tfvars, and a policy
/// file read by `file()` and written outside the editor: each change
/// reaches the diagnostics of the files it affects.
#[test]
fn edits_reach_every_root_that_reads_the_changed_file() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let shared = r#"variable "key" {
  type = string
}

data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key]
  }
}
"#;
    let caller = |key: &str| {
        format!("module \"shared\" {{\n  source = \"../../modules/shared\"\n  key    = {key}\n}}\n")
    };
    write("modules/shared/main.tf", shared);
    write(
        "roots/a/main.tf",
        &format!(
            "variable \"key\" {{\n  type = string\n}}\n\n{}",
            caller("var.key")
        ),
    );
    write(
        "roots/a/terraform.tfvars",
        "key = \"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n",
    );
    write(
        "roots/b/main.tf",
        &format!(
            "{}\nresource \"aws_iam_policy\" \"p\" {{\n  name   = \"p\"\n  policy = file(\"${{path.module}}/policy.json\")\n}}\n",
            caller(
                "\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\""
            )
        ),
    );
    write(
        "roots/b/policy.json",
        &common::decrypt_policy("arn:aws:kms:us-east-1:111122223333:alias/from-file"),
    );
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    assert_eq!(
        codes(&client.diagnostics("roots/b/policy.json")),
        ["TFKMS001"]
    );

    // Root a's tfvars now gives an alias ARN: the finding is on the value.
    let alias = "key = \"arn:aws:kms:us-east-1:111122223333:alias/a\"\n";
    client.open("roots/a/terraform.tfvars", alias);
    let published = client.diagnostics("roots/a/terraform.tfvars");
    assert_eq!(published["version"], 1);
    assert_eq!(codes(&published), ["TFKMS001"]);
    assert!(
        published["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("alias/a"),
        "{published}"
    );

    // The module itself changed: both roots call it.
    let fixed = shared.replace(
        "[var.key]",
        "[\"arn:aws:kms:us-east-1:111122223333:alias/module\"]",
    );
    client.open("modules/shared/main.tf", &fixed);
    let published = client.diagnostics("modules/shared/main.tf");
    assert_eq!(published["version"], 1);
    // One finding: both roots' reports of the same place merge.
    assert_eq!(codes(&published), ["TFKMS001"]);
    assert!(
        published["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("alias/module"),
        "{published}"
    );

    // The policy file written on disk: only the watcher says so.
    write(
        "roots/b/policy.json",
        &common::decrypt_policy(
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ),
    );
    let uri = client.uri("roots/b/policy.json");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 2}]}),
    );
    assert_eq!(
        codes(&client.diagnostics("roots/b/policy.json")),
        Vec::<String>::new()
    );
    client.shut_down();
}

/// A policy file read by `file()`, saved from the editor: the client's
/// `didSave` is enough, no watcher needed. Its buffer stands for nothing:
/// `file()` reads the disk, as `tfkms scan` does.
#[test]
fn a_saved_file_that_file_reads_is_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let policy_path =
        common::policy_read_by_file(dir.path(), "arn:aws:kms:us-east-1:111122223333:alias/app");
    let (mut client, _) = Client::start(dir.path(), json!({}), Value::Null);
    assert_eq!(codes(&client.diagnostics("policy.json")), ["TFKMS001"]);
    let fixed = common::decrypt_policy(
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    );
    let uri = client.uri("policy.json");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": fixed}}),
    );
    std::fs::write(&policy_path, &fixed).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        codes(&client.diagnostics("policy.json")),
        Vec::<String>::new()
    );
    client.shut_down();
}

/// The files registered for watching under `id` by these requests:
/// `(directory, name)` of each relative pattern, or `-` for an
/// unregistration.
fn watched(requests: &[Value], id: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for request in requests {
        let params = &request["params"];
        if request["method"] == "client/unregisterCapability" {
            for u in params["unregisterations"].as_array().unwrap() {
                if u["id"] == id {
                    out.push(vec!["-".to_string()]);
                }
            }
        }
        for r in params["registrations"].as_array().into_iter().flatten() {
            if r["id"] != id {
                continue;
            }
            assert_eq!(r["method"], "workspace/didChangeWatchedFiles");
            out.push(
                r["registerOptions"]["watchers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| {
                        let glob = &w["globPattern"];
                        format!(
                            "{} {}",
                            glob["baseUri"].as_str().unwrap(),
                            glob["pattern"].as_str().unwrap()
                        )
                    })
                    .collect(),
            );
        }
    }
    out
}

/// A policy file `file()` reads, changed outside the editor (a `git
/// checkout`): no Terraform glob covers it, so the server asks the client
/// to watch the files the evaluation read, and asks again when an edit
/// makes it read others.
#[test]
fn the_files_the_evaluation_read_are_watched_as_they_change() {
    let dir = tempfile::tempdir().unwrap();
    let reading = |name: &str| {
        format!(
            "resource \"aws_iam_policy\" \"p\" {{\n  name   = \"p\"\n  policy = file(\"${{path.module}}/{name}\")\n}}\n"
        )
    };
    let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let alias = "arn:aws:kms:us-east-1:111122223333:alias/app";
    std::fs::write(dir.path().join("main.tf"), reading("policy.json")).unwrap();
    std::fs::write(
        dir.path().join("policy.json"),
        common::decrypt_policy(alias),
    )
    .unwrap();
    std::fs::write(dir.path().join("other.json"), common::decrypt_policy(key)).unwrap();
    let capabilities = json!({"workspace": {"didChangeWatchedFiles": {
        "dynamicRegistration": true, "relativePatternSupport": true,
    }}});
    let (mut client, _) = Client::start(dir.path(), capabilities, Value::Null);
    let root = client.root.clone();
    let (requests, published) = client.requests_until_diagnostics("policy.json");
    assert_eq!(codes(&published), ["TFKMS001"]);
    assert_eq!(
        watched(&requests, "tfkms-watch-reads"),
        [[format!("{root} policy.json")]]
    );

    // The buffer reads another file: the watchers follow.
    client.open("main.tf", &reading("other.json"));
    let (requests, published) = client.requests_until_diagnostics("policy.json");
    assert_eq!(codes(&published), Vec::<String>::new());
    assert_eq!(
        watched(&requests, "tfkms-watch-reads"),
        [vec!["-".to_string()], vec![format!("{root} other.json")]]
    );

    // What the client reports of the watched file is checked again.
    std::fs::write(dir.path().join("other.json"), common::decrypt_policy(alias)).unwrap();
    let uri = client.uri("other.json");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 2}]}),
    );
    assert_eq!(codes(&client.diagnostics("other.json")), ["TFKMS001"]);
    client.shut_down();
}
