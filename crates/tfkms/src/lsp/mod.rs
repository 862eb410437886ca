//! `tfkms lsp`: the language server.
//!
//! The main loop only keeps the open buffers and answers requests; scans run
//! on a worker thread through the incremental engine ([`crate::engine`]),
//! whose answer is the CLI's scan of the unsaved buffers laid over the files
//! on disk, and which re-checks only the root modules an edit reaches. An
//! edit cancels the scan in progress (its result would be stale) and queues
//! a new one; the worker skips to the newest queued scan, and a result for an
//! older generation than the newest asked for is dropped, never published.

mod actions;
mod diagnostics;
mod position;
mod uri;
mod watchers;

use crate::engine::Engine;
use crate::scan::{Overlays, ScanError, ScanResult};
use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionProviderCapability, Diagnostic, HoverProviderCapability, InitializeParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};
use position::Encoding;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Serves over stdin and stdout until the client asks the server to exit.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    serve(connection)?;
    io_threads.join().map_err(|e| e.to_string())
}

/// Serves one client on `connection`: the initialize handshake, then the
/// main loop until `shutdown` and `exit`.
pub fn serve(connection: Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("bad initialize params: {e}"))?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let workspace = workspace_root(&params);
    let settings = match params.initialization_options.clone() {
        Some(options) => serde_json::from_value::<Settings>(options)
            .map_err(|e| format!("bad initializationOptions: {e}"))?,
        None => Settings::default(),
    };
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "tfkms", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let watching = params
        .capabilities
        .workspace
        .and_then(|w| w.did_change_watched_files)
        .filter(|d| d.dynamic_registration == Some(true))
        .map(|d| Watching {
            relative_patterns: d.relative_pattern_support == Some(true),
        });
    let (jobs, job_queue) = crossbeam_channel::unbounded();
    let (done_tx, done) = crossbeam_channel::unbounded();
    let worker = std::thread::Builder::new()
        .name("tfkms-scan".into())
        .spawn(move || worker(job_queue, done_tx))
        .map_err(|e| format!("cannot start the scan thread: {e}"))?;
    let mut server = Server {
        connection,
        workspace,
        encoding,
        settings,
        open: HashMap::new(),
        jobs,
        generation: 0,
        cancel: Arc::default(),
        last: None,
        diagnostics: HashMap::new(),
        unsent: BTreeSet::new(),
        shown_error: None,
        reload: false,
        written: Vec::new(),
        watching,
        watched_reads: BTreeSet::new(),
        requests: 0,
    };
    if server.watching.is_some() {
        server.register_watchers(SCANNED_FILES, watchers::scanned_files());
    }
    server.rescan();
    let outcome = server.main_loop(&done);
    // Closing the queue ends the worker once its scan is done.
    server.cancel.store(true, Ordering::Relaxed);
    drop(server);
    let _ = worker.join();
    outcome
}

/// `initializationOptions`: what `--var-file` and `--var` give the CLI.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Settings {
    /// Relative paths are relative to the workspace folder.
    #[serde(default)]
    var_files: Vec<PathBuf>,
    #[serde(default)]
    vars: BTreeMap<String, String>,
}

/// The first workspace folder, else the root URI, else the directory the
/// server was started in.
fn workspace_root(params: &InitializeParams) -> PathBuf {
    #[allow(deprecated)] // rootUri: older clients send only that.
    let root = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|f| &f.uri)
        .chain(params.root_uri.as_ref())
        .find_map(uri::to_path);
    let root = root.unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
    std::fs::canonicalize(&root).unwrap_or(root)
}

struct Buffer {
    text: Arc<str>,
    version: i32,
}

struct Server {
    connection: Connection,
    workspace: PathBuf,
    encoding: Encoding,
    settings: Settings,
    /// Open Terraform buffers, by absolute path.
    open: HashMap<PathBuf, Buffer>,
    jobs: Sender<Job>,
    /// The newest scan asked for; results of older ones are stale.
    generation: u64,
    /// The flag of the newest scan.
    cancel: Arc<AtomicBool>,
    /// The last scan published, for code actions and hovers.
    last: Option<Arc<ScanResult>>,
    /// Each file's diagnostics in the newest finished scan, stale or not:
    /// the worker sends only the files whose diagnostics changed since the
    /// scan before, whether that one was published or dropped.
    diagnostics: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Files whose diagnostics changed since the last publish: only they
    /// are sent (and open files, whose diagnostics answer a new version);
    /// one that has none left is cleared.
    unsent: BTreeSet<PathBuf>,
    /// The last scan failure shown, so a broken config is not shown again
    /// at every keystroke.
    shown_error: Option<String>,
    /// The next scan must discover the files and read the config again: a
    /// file was created or deleted, or the config changed.
    reload: bool,
    /// Files written outside the editor since the last scan was asked for.
    written: Vec<PathBuf>,
    /// How the client watches files for the server; `None` when it does
    /// not take registrations, and then sees no change outside the editor.
    watching: Option<Watching>,
    /// The files the client watches because the evaluation read them.
    watched_reads: BTreeSet<PathBuf>,
    /// Requests sent to the client, for their IDs.
    requests: u64,
}

struct Watching {
    /// Whether the client takes a pattern relative to a directory.
    relative_patterns: bool,
}

/// The registration IDs of the watchers: the Terraform files and config,
/// and the other files the evaluation read, registered again as they
/// change.
const SCANNED_FILES: &str = "tfkms-watch";
const READ_FILES: &str = "tfkms-watch-reads";

/// One scan to run.
struct Job {
    generation: u64,
    workspace: PathBuf,
    settings: Settings,
    overlays: Arc<Overlays>,
    /// Each open buffer's version, published with its diagnostics.
    versions: HashMap<PathBuf, i32>,
    encoding: Encoding,
    cancel: Arc<AtomicBool>,
    /// See [`Server::reload`] and [`Server::written`].
    reload: bool,
    written: Vec<PathBuf>,
}

impl Job {
    /// This job, standing in for an older one it skips: what changed for
    /// that one changed for this one too.
    fn after(mut self, older: Job) -> Job {
        self.reload |= older.reload;
        let mut written = older.written;
        written.append(&mut self.written);
        self.written = written;
        self
    }
}

/// A finished scan.
struct Done {
    generation: u64,
    versions: HashMap<PathBuf, i32>,
    /// The worker started its diagnostics afresh: the next scan's changes
    /// are all its diagnostics, not what changed since the last.
    forgot_diagnostics: bool,
    outcome: Result<Scanned, String>,
}

struct Scanned {
    result: Arc<ScanResult>,
    /// See [`diagnostics::Built::changes`].
    changes: diagnostics::Changes,
    /// See [`Engine::read_files`].
    reads: BTreeSet<PathBuf>,
}

impl Server {
    fn main_loop(&mut self, done: &Receiver<Done>) -> Result<(), String> {
        loop {
            crossbeam_channel::select! {
                recv(self.connection.receiver) -> message => {
                    let Ok(message) = message else { return Ok(()) };
                    match message {
                        Message::Request(request) => {
                            if self.connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                                return Ok(());
                            }
                            self.answer(request);
                        }
                        Message::Notification(n) => self.notified(n),
                        Message::Response(_) => {}
                    }
                }
                recv(done) -> finished => {
                    if let Ok(finished) = finished {
                        self.finished(finished);
                    }
                }
            }
        }
    }

    fn answer(&mut self, request: Request) {
        let response = match request.method.as_str() {
            req::CodeActionRequest::METHOD => self.code_actions(&request),
            req::HoverRequest::METHOD => self.hover(&request),
            _ => Response::new_err(
                request.id.clone(),
                ErrorCode::MethodNotFound as i32,
                format!("tfkms does not answer {}", request.method),
            ),
        };
        self.send(Message::Response(response));
    }

    fn code_actions(&self, request: &Request) -> Response {
        let params: lsp_types::CodeActionParams = match parse(request) {
            Ok(p) => p,
            Err(e) => return e,
        };
        let actions = self
            .current(&params.text_document.uri)
            .map(|(result, path)| {
                let buffer = &self.open[&path].text;
                actions::Current::find(&result, &path, buffer, self.encoding)
                    .map(|c| c.code_actions(params.range))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        Response::new_ok(request.id.clone(), actions)
    }

    fn hover(&self, request: &Request) -> Response {
        let params: lsp_types::HoverParams = match parse(request) {
            Ok(p) => p,
            Err(e) => return e,
        };
        let document = &params.text_document_position_params;
        let hover = self
            .current(&document.text_document.uri)
            .and_then(|(result, path)| {
                let buffer = &self.open[&path].text;
                actions::Current::find(&result, &path, buffer, self.encoding)?
                    .hover(document.position)
            });
        Response::new_ok(request.id.clone(), hover)
    }

    /// The last scan and the path of an open buffer.
    fn current(&self, uri: &lsp_types::Uri) -> Option<(Arc<ScanResult>, PathBuf)> {
        let path = uri::to_path(uri)?;
        if !self.open.contains_key(&path) {
            return None;
        }
        Some((self.last.clone()?, path))
    }

    /// A notification whose params do not parse is dropped, as the
    /// protocol has no way to answer it.
    fn notified(&mut self, n: Notification) {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                {
                    self.set_buffer(
                        &p.text_document.uri,
                        p.text_document.text,
                        p.text_document.version,
                    );
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                    // Full sync: the last change holds the whole text.
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.set_buffer(&p.text_document.uri, change.text, p.text_document.version);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                    && let Some(path) = uri::to_path(&p.text_document.uri)
                    && self.open.remove(&path).is_some()
                {
                    // The file on disk stands in for the buffer again.
                    self.rescan();
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
                    && let Some(path) = uri::to_path(&p.text_document.uri)
                {
                    self.saved(path);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                match serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(n.params) {
                    Ok(p) => {
                        for change in p.changes {
                            let Some(path) = uri::to_path(&change.uri) else {
                                continue;
                            };
                            // A created or deleted file changes what
                            // discovery finds: only a written one can be
                            // taken in place.
                            if change.typ != lsp_types::FileChangeType::CHANGED || is_config(&path)
                            {
                                self.reload = true;
                            } else {
                                self.written.push(path);
                            }
                        }
                    }
                    // Not knowing what changed, read everything again.
                    Err(_) => self.reload = true,
                }
                self.rescan();
            }
            _ => {}
        }
    }

    /// A saved config is read again. A saved file that is not Terraform
    /// may be one `file()` and its kin read, from disk: the engine reads it
    /// again and evaluates the roots that read it, none if none did. (A
    /// saved Terraform file changes nothing: its buffer was scanned.)
    fn saved(&mut self, path: PathBuf) {
        if is_config(&path) {
            self.reload = true;
        } else if !crate::scan::is_terraform_file(&path) {
            self.written.push(path);
        } else {
            return;
        }
        self.rescan();
    }

    fn set_buffer(&mut self, uri: &lsp_types::Uri, text: String, version: i32) {
        let Some(path) = uri::to_path(uri) else {
            return;
        };
        if !crate::scan::is_terraform_file(&path) {
            return;
        }
        self.open.insert(
            path,
            Buffer {
                text: text.into(),
                version,
            },
        );
        self.rescan();
    }

    /// Cancels the scan in progress and asks for one of the current buffers.
    fn rescan(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancel = Arc::default();
        self.generation += 1;
        let job = Job {
            generation: self.generation,
            workspace: self.workspace.clone(),
            settings: self.settings.clone(),
            // An open `.tfkms.toml` is read from disk when saved (the
            // reload): its unsaved text would only rebuild everything, with
            // the old settings, at each keystroke.
            overlays: Arc::new(
                self.open
                    .iter()
                    .filter(|(p, _)| {
                        p.file_name() != Some(std::ffi::OsStr::new(crate::config::FILE_NAME))
                    })
                    .map(|(p, b)| (p.clone(), b.text.clone()))
                    .collect(),
            ),
            versions: self
                .open
                .iter()
                .map(|(p, b)| (p.clone(), b.version))
                .collect(),
            encoding: self.encoding,
            cancel: self.cancel.clone(),
            reload: std::mem::take(&mut self.reload),
            written: std::mem::take(&mut self.written),
        };
        // The worker lives as long as the server.
        let _ = self.jobs.send(job);
    }

    fn finished(&mut self, done: Done) {
        if done.forgot_diagnostics {
            // Cleared at the next publish unless the next scan has them.
            self.unsent
                .extend(self.diagnostics.drain().map(|(path, _)| path));
        }
        let scanned = match done.outcome {
            Ok(s) => s,
            Err(message) => {
                if done.generation == self.generation && self.shown_error.as_ref() != Some(&message)
                {
                    self.show_error(message.clone());
                    self.shown_error = Some(message);
                }
                return;
            }
        };
        // Taken even from a stale scan: the worker's next changes are
        // relative to it.
        self.take_changes(scanned.changes);
        self.watch_reads(scanned.reads);
        if done.generation != self.generation {
            return; // A newer scan is coming.
        }
        self.shown_error = None;
        // An open file's diagnostics answer its new version.
        let mut to_send = std::mem::take(&mut self.unsent);
        to_send.extend(
            done.versions
                .keys()
                .filter(|p| self.diagnostics.contains_key(*p))
                .cloned(),
        );
        for path in to_send {
            let diagnostics = self.diagnostics.get(&path).cloned().unwrap_or_default();
            self.publish(&path, diagnostics, done.versions.get(&path).copied());
        }
        self.last = Some(scanned.result);
    }

    /// Keeps a scan's changed diagnostics, and which files must be sent:
    /// those whose diagnostics differ from the ones kept.
    fn take_changes(&mut self, changes: diagnostics::Changes) {
        for (path, diagnostics) in changes {
            let kept = self.diagnostics.get(&path).map_or(&[][..], Vec::as_slice);
            if kept == diagnostics.as_slice() {
                continue;
            }
            self.unsent.insert(path.clone());
            if diagnostics.is_empty() {
                self.diagnostics.remove(&path);
            } else {
                self.diagnostics.insert(path, diagnostics);
            }
        }
    }

    fn publish(&self, path: &Path, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = lsp_types::PublishDiagnosticsParams {
            uri: uri::from_path(path),
            diagnostics,
            version,
        };
        self.notify::<note::PublishDiagnostics>(params);
    }

    fn show_error(&self, message: String) {
        self.notify::<note::ShowMessage>(lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message,
        });
    }

    /// Watches the files the newest scan read, when they are not those
    /// watched already: a file read may be written outside the editor, and
    /// the roots that read it must be checked again.
    fn watch_reads(&mut self, reads: BTreeSet<PathBuf>) {
        let Some(watching) = &self.watching else {
            return;
        };
        if reads == self.watched_reads {
            return;
        }
        let (watchers, unwatched) = watchers::read_files(&reads, watching.relative_patterns);
        for path in unwatched {
            self.notify::<note::LogMessage>(lsp_types::LogMessageParams {
                typ: lsp_types::MessageType::WARNING,
                message: format!(
                    "tfkms: changes made outside the editor to {} are not seen: a watcher glob cannot name it exactly",
                    path.display()
                ),
            });
        }
        if !self.watched_reads.is_empty() {
            self.unregister(READ_FILES, note::DidChangeWatchedFiles::METHOD);
        }
        if !reads.is_empty() {
            self.register_watchers(READ_FILES, watchers);
        }
        self.watched_reads = reads;
    }

    /// Asks the client to report changes to these files made outside the
    /// editor.
    fn register_watchers(&mut self, id: &str, watchers: Vec<lsp_types::FileSystemWatcher>) {
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp_types::Registration {
            id: id.into(),
            method: note::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.request::<req::RegisterCapability>(lsp_types::RegistrationParams {
            registrations: vec![registration],
        });
    }

    fn unregister(&mut self, id: &str, method: &str) {
        let unregistration = lsp_types::Unregistration {
            id: id.into(),
            method: method.into(),
        };
        self.request::<req::UnregisterCapability>(lsp_types::UnregistrationParams {
            unregisterations: vec![unregistration],
        });
    }

    /// Sends a request whose answer does not matter: a client that cannot
    /// watch says so, and the server works as without watchers.
    fn request<R: lsp_types::request::Request>(&mut self, params: R::Params) {
        self.requests += 1;
        let id = format!("tfkms-{}", self.requests);
        self.send(Message::Request(Request::new(
            id.into(),
            R::METHOD.into(),
            params,
        )));
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.into(),
            params,
        )));
    }

    fn send(&self, message: Message) {
        // A closed connection ends the main loop at its next receive.
        let _ = self.connection.sender.send(message);
    }
}

fn parse<P: serde::de::DeserializeOwned>(request: &Request) -> Result<P, Response> {
    serde_json::from_value(request.params.clone()).map_err(|e| {
        Response::new_err(
            request.id.clone(),
            ErrorCode::InvalidParams as i32,
            format!("bad {} params: {e}", request.method),
        )
    })
}

fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::config::FILE_NAME)
}

/// Runs scans one at a time, always the newest asked for, keeping the
/// engine between them.
fn worker(jobs: Receiver<Job>, done: Sender<Done>) {
    let mut engine: Option<Engine> = None;
    let mut built = diagnostics::Built::default();
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer.after(job);
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            scan(&job, &mut engine, &mut built)
        }));
        let mut forgot_diagnostics = false;
        let outcome = match outcome {
            Ok(Err(ScanError::Cancelled)) => continue,
            Ok(outcome) => outcome.map_err(|e| format!("tfkms: {e}")),
            // The panic hook printed the message and place to stderr, the
            // client's log. The engine and what the diagnostics were built
            // from may be half-updated: start afresh.
            Err(_) => {
                engine = None;
                built = diagnostics::Built::default();
                forgot_diagnostics = true;
                Err(
                "tfkms: the scan stopped on an internal error (a bug in tfkms; its log has the details); the diagnostics shown are from the last scan that finished"
                    .to_string(),
            )
            }
        };
        let finished = Done {
            generation: job.generation,
            versions: job.versions,
            forgot_diagnostics,
            outcome,
        };
        if done.send(finished).is_err() {
            return;
        }
    }
}

/// One scan of the workspace: an update of the engine, or a new engine
/// (the config read afresh) when there is none or the job asks to reload.
fn scan(
    job: &Job,
    engine: &mut Option<Engine>,
    built: &mut diagnostics::Built,
) -> Result<Scanned, ScanError> {
    if job.reload {
        *engine = None;
    }
    let engine = match engine {
        Some(e) => e,
        None => engine.insert(new_engine(job)?),
    };
    let result = engine.update(job.overlays.clone(), &job.written, Some(job.cancel.clone()))?;
    let changes = built.changes(&result, job.encoding);
    Ok(Scanned {
        result: Arc::new(result),
        changes,
        reads: engine.read_files().into_iter().collect(),
    })
}

fn new_engine(job: &Job) -> Result<Engine, ScanError> {
    let (config, config_problem) =
        crate::config::for_scan(None, std::slice::from_ref(&job.workspace))
            .map_err(|e| ScanError::Usage(format!("{}: {}", e.location(), e.message())))?;
    let opts = crate::scan::ScanOptions {
        config_problem,
        vars: job.settings.vars.clone().into_iter().collect(),
        var_files: job
            .settings
            .var_files
            .iter()
            .map(|f| job.workspace.join(f))
            .collect(),
        ..config.scan_options(vec![job.workspace.clone()])
    };
    Engine::new(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server on an in-memory connection, and the client's end.
    fn server() -> (Server, Connection) {
        let (server_end, client_end) = Connection::memory();
        let (jobs, _) = crossbeam_channel::unbounded();
        let server = Server {
            connection: server_end,
            workspace: PathBuf::from("/w"),
            encoding: Encoding::Utf16,
            settings: Settings::default(),
            open: HashMap::new(),
            jobs,
            generation: 2,
            cancel: Arc::default(),
            last: None,
            diagnostics: HashMap::new(),
            unsent: BTreeSet::new(),
            shown_error: None,
            reload: false,
            written: Vec::new(),
            watching: None,
            watched_reads: BTreeSet::new(),
            requests: 0,
        };
        (server, client_end)
    }

    fn scanned(changes: &[(&str, &[&str])]) -> Result<Scanned, String> {
        let result = ScanResult {
            sources: Default::default(),
            findings: Vec::new(),
            documents: Vec::new(),
            grants: Vec::new(),
            access: Vec::new(),
            document_count: 0,
            files: 0,
            suppressed: Vec::new(),
            baseline: None,
            undeclared_cli_vars: Vec::new(),
        };
        let diagnostic = |message: &&str| {
            Diagnostic::new_simple(lsp_types::Range::default(), message.to_string())
        };
        Ok(Scanned {
            result: Arc::new(result),
            changes: changes
                .iter()
                .map(|(path, messages)| {
                    (
                        PathBuf::from(path),
                        messages.iter().map(diagnostic).collect(),
                    )
                })
                .collect(),
            reads: BTreeSet::new(),
        })
    }

    fn done(generation: u64, forgot_diagnostics: bool, outcome: Result<Scanned, String>) -> Done {
        Done {
            generation,
            versions: HashMap::new(),
            forgot_diagnostics,
            outcome,
        }
    }

    /// What the client was sent: `path: messages` per publish, `error`
    /// for a message shown.
    fn sent(client: &Connection) -> Vec<String> {
        client
            .receiver
            .try_iter()
            .map(|message| match message {
                Message::Notification(n) if n.method == note::PublishDiagnostics::METHOD => {
                    let p: lsp_types::PublishDiagnosticsParams =
                        serde_json::from_value(n.params).unwrap();
                    let messages: Vec<_> = p.diagnostics.into_iter().map(|d| d.message).collect();
                    format!("{}: {}", p.uri.as_str(), messages.join(","))
                }
                Message::Notification(n) if n.method == note::ShowMessage::METHOD => {
                    "error".to_string()
                }
                other => panic!("not expected: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_changes_of_a_dropped_scan_are_published_with_the_next() {
        let (mut server, client) = server();
        // Stale: not published, but the worker's next changes follow it.
        server.finished(done(1, false, scanned(&[("/w/a.tf", &["one"])])));
        assert_eq!(sent(&client), Vec::<String>::new());
        server.finished(done(2, false, scanned(&[("/w/b.tf", &["two"])])));
        assert_eq!(
            sent(&client),
            ["file:///w/a.tf: one", "file:///w/b.tf: two"]
        );
        // Unchanged: nothing sent.
        server.finished(done(2, false, scanned(&[])));
        assert_eq!(sent(&client), Vec::<String>::new());
    }

    #[test]
    fn after_a_panic_the_next_scan_clears_what_it_no_longer_has() {
        let (mut server, client) = server();
        server.finished(done(2, false, scanned(&[("/w/a.tf", &["one"])])));
        assert_eq!(sent(&client), ["file:///w/a.tf: one"]);
        // The worker forgot what it built: its next changes are everything.
        server.finished(done(2, true, Err("tfkms: internal error".into())));
        assert_eq!(sent(&client), ["error"]);
        server.finished(done(2, false, scanned(&[("/w/b.tf", &["two"])])));
        assert_eq!(sent(&client), ["file:///w/a.tf: ", "file:///w/b.tf: two"]);
    }
}
