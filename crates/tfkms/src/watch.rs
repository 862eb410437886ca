//! `tfkms scan --watch`: scan again when a file that can change the report
//! changes: a Terraform file, the config, a module manifest, or a file the
//! last scan's evaluation read (`file()`, `templatefile()`).
//!
//! Changes come in bursts (an editor writes a temporary file and renames
//! it; a checkout rewrites many files), so a scan starts once the burst has
//! been quiet for [`QUIET`]. The scan's own reads are not changes: access
//! events are ignored, or every scan would start the next.

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub const QUIET: Duration = Duration::from_millis(200);

/// When the next scan is due: [`QUIET`] after the last change seen.
#[derive(Debug, Default)]
pub struct Debounce {
    last_change: Option<Instant>,
}

impl Debounce {
    pub fn changed(&mut self, now: Instant) {
        self.last_change = Some(now);
    }

    /// How long until the next scan; `None` when nothing changed.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        self.last_change
            .map(|t| (t + QUIET).saturating_duration_since(now))
    }

    /// Whether a scan is due now; if so, the changes are taken.
    pub fn take_due(&mut self, now: Instant) -> bool {
        let due = self.wait(now) == Some(Duration::ZERO);
        if due {
            self.last_change = None;
        }
        due
    }
}

/// What changed in a burst, for the incremental engine.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    /// Files whose content was written.
    pub written: Vec<PathBuf>,
    /// A file was created, removed or renamed, or the config or a module
    /// manifest changed: what discovery finds may differ.
    pub rediscover: bool,
}

impl Changes {
    fn add(&mut self, event: &notify::Event, reads: &ReadFiles) {
        let written = matches!(
            event.kind,
            EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Other)
        );
        for path in &event.paths {
            if is_scanned(path) {
                let name = path.file_name().unwrap_or_default();
                if written && name != crate::config::FILE_NAME && name != "modules.json" {
                    self.write(path.clone());
                } else {
                    self.rediscover = true;
                }
            } else if let Some(read) = reads.find(path) {
                // Whatever happened to it (written, replaced by a rename,
                // removed), the engine reads it again.
                self.write(read);
            }
        }
    }

    fn write(&mut self, path: PathBuf) {
        if !self.written.contains(&path) {
            self.written.push(path);
        }
    }
}

/// The files the last scan's evaluation read through `file()` and its kin,
/// as the engine names them (absolute, as named and as real paths).
#[derive(Debug, Default)]
pub struct ReadFiles {
    paths: HashSet<PathBuf>,
    /// Their file names: an event for any other name (a build's output, a
    /// `.git` write) is told apart without a system call.
    names: HashSet<std::ffi::OsString>,
}

impl ReadFiles {
    pub fn new(paths: HashSet<PathBuf>) -> ReadFiles {
        let names = paths
            .iter()
            .filter_map(|p| p.file_name().map(ToOwned::to_owned))
            .collect();
        ReadFiles { paths, names }
    }

    /// The read file an event's path names, as the engine names it: the
    /// watcher names it under the watched path, which may be relative or
    /// lead through links.
    fn find(&self, path: &Path) -> Option<PathBuf> {
        if !self.names.contains(path.file_name()?) {
            return None;
        }
        if self.paths.contains(path) {
            return Some(path.to_path_buf());
        }
        // A removed file has no real path; its directory still has.
        let real = std::fs::canonicalize(path).ok().or_else(|| {
            let dir = std::fs::canonicalize(path.parent()?).ok()?;
            Some(dir.join(path.file_name()?))
        })?;
        self.paths.contains(&real).then_some(real)
    }
}

/// Whether an event can change the report: a Terraform file, a
/// `.tfkms.toml`, a module manifest or a file in `reads` created, written,
/// renamed or removed.
pub fn matters(event: &notify::Event, reads: &ReadFiles) -> bool {
    let kind_matters = !matches!(
        event.kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    );
    kind_matters
        && event
            .paths
            .iter()
            .any(|p| is_scanned(p) || reads.find(p).is_some())
}

fn is_scanned(path: &Path) -> bool {
    if path.components().any(|c| c.as_os_str() == ".git") {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name == ".tfkms.toml"
        || name == "modules.json"
        || tfkms_syntax::FileKind::from_name(&name).is_some()
}

/// Runs `scan` once, then again after every burst of changes under
/// `paths`, until the process is interrupted (Ctrl-C ends it: nothing is
/// written but the terminal, so there is nothing to clean up). Each scan
/// returns the files its evaluation read, watched until the next.
pub fn run(paths: &[PathBuf], scan: impl FnMut(&Changes) -> ReadFiles) -> Result<(), String> {
    let (tx, events) = channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| format!("cannot watch for changes: {e}"))?;
    for path in paths {
        watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
    }
    rescan_on_changes(&events, scan);
    Ok(())
}

/// Scans once, then after each quiet burst of `events` that matter, until
/// the events end.
fn rescan_on_changes(
    events: &Receiver<notify::Result<notify::Event>>,
    mut scan: impl FnMut(&Changes) -> ReadFiles,
) {
    let mut changes = Changes {
        rediscover: true,
        ..Changes::default()
    };
    let mut reads = scan(&changes);
    changes = Changes::default();
    let mut debounce = Debounce::default();
    loop {
        let received = match debounce.wait(Instant::now()) {
            Some(wait) => events.recv_timeout(wait),
            None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match received {
            Ok(Ok(event)) if matters(&event, &reads) => {
                changes.add(&event, &reads);
                debounce.changed(Instant::now());
            }
            Ok(Ok(_)) | Err(RecvTimeoutError::Timeout) => {}
            Ok(Err(e)) => eprintln!("tfkms: watching for changes: {e}"),
            Err(RecvTimeoutError::Disconnected) => {
                if debounce.wait(Instant::now()).is_some() {
                    scan(&changes);
                }
                return;
            }
        }
        if debounce.take_due(Instant::now()) {
            reads = scan(&std::mem::take(&mut changes));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange};

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn a_burst_of_changes_gives_one_scan_after_it_is_quiet() {
        let start = Instant::now();
        let mut debounce = Debounce::default();
        assert_eq!(debounce.wait(start), None);
        assert!(!debounce.take_due(start));
        debounce.changed(start);
        let later = start + Duration::from_millis(150);
        debounce.changed(later);
        // Quiet only since the last change.
        assert!(!debounce.take_due(start + QUIET));
        assert_eq!(
            debounce.wait(start + QUIET),
            Some(Duration::from_millis(150))
        );
        assert!(debounce.take_due(later + QUIET));
        // Taken: nothing more to scan until the next change.
        assert!(!debounce.take_due(later + QUIET * 2));
        assert_eq!(debounce.wait(later + QUIET * 2), None);
    }

    /// Every event is queued before the loop starts and the queue then
    /// ends, so the outcome does not depend on timing.
    fn scans_for(events: Vec<notify::Event>) -> usize {
        changes_for(events).len()
    }

    /// What each scan was told changed.
    fn changes_for(events: Vec<notify::Event>) -> Vec<Changes> {
        changes_reading(events, &[])
    }

    /// What each scan was told changed, when every scan's evaluation read
    /// the files `read`.
    fn changes_reading(events: Vec<notify::Event>, read: &[&str]) -> Vec<Changes> {
        let (tx, rx) = channel();
        for e in events {
            tx.send(Ok(e)).unwrap();
        }
        drop(tx);
        let mut scans = Vec::new();
        rescan_on_changes(&rx, |c| {
            scans.push(Changes {
                written: c.written.clone(),
                rediscover: c.rediscover,
            });
            ReadFiles::new(read.iter().map(PathBuf::from).collect())
        });
        scans
    }

    #[test]
    fn a_file_the_last_scan_read_is_taken_as_written_whatever_happened_to_it() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let renamed = EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::To));
        let removed = EventKind::Remove(notify::event::RemoveKind::File);
        let policy = "/s/policy.json";
        // Not read: no scan after the first.
        assert_eq!(changes_for(vec![event(write, policy)]).len(), 1);
        for kind in [write, renamed, removed] {
            let scans = changes_reading(vec![event(kind, policy)], &[policy]);
            let written = Changes {
                written: vec![PathBuf::from(policy)],
                rediscover: false,
            };
            assert_eq!(scans[1..], [written], "{kind:?}");
        }
        // Another file beside it still does not matter.
        let scans = changes_reading(vec![event(write, "/s/other.json")], &[policy]);
        assert_eq!(scans.len(), 1);
    }

    #[test]
    fn a_burst_tells_what_was_written_and_whether_to_rediscover() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let first = Changes {
            written: Vec::new(),
            rediscover: true,
        };
        let scans = changes_for(vec![
            event(write, "/s/main.tf"),
            event(write, "/s/b.tf"),
            event(write, "/s/main.tf"),
        ]);
        let written = Changes {
            written: vec![PathBuf::from("/s/main.tf"), PathBuf::from("/s/b.tf")],
            rediscover: false,
        };
        assert_eq!(scans, [first, written]);
        let scans = changes_for(vec![
            event(write, "/s/main.tf"),
            event(EventKind::Create(CreateKind::File), "/s/new.tf"),
        ]);
        assert!(scans[1].rediscover);
        let scans = changes_for(vec![event(write, "/s/.tfkms.toml")]);
        assert!(scans[1].rediscover);
    }

    #[test]
    fn one_rescan_per_burst_and_none_for_the_scans_own_reads() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let read = EventKind::Access(AccessKind::Read);
        assert_eq!(scans_for(vec![event(read, "/s/main.tf")]), 1);
        assert_eq!(
            scans_for(vec![
                event(write, "/s/main.tf"),
                event(read, "/s/main.tf"),
                event(write, "/s/b.tf"),
                event(write, "/s/notes.txt"),
            ]),
            2
        );
    }

    #[test]
    fn writes_to_terraform_files_and_the_config_matter_reads_do_not() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let matters = |e: &notify::Event| matters(e, &ReadFiles::default());
        assert!(matters(&event(write, "/s/main.tf")));
        assert!(matters(&event(write, "/s/prod.tfvars.json")));
        assert!(matters(&event(write, "/s/.tfkms.toml")));
        assert!(matters(&event(
            EventKind::Create(CreateKind::File),
            "/s/new.tf"
        )));
        assert!(matters(&event(
            EventKind::Remove(notify::event::RemoveKind::File),
            "/s/old.tf"
        )));
        assert!(!matters(&event(
            EventKind::Access(AccessKind::Read),
            "/s/main.tf"
        )));
        assert!(!matters(&event(
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
            "/s/main.tf"
        )));
        assert!(!matters(&event(write, "/s/README.md")));
        assert!(!matters(&event(write, "/s/.git/x.tf")));
    }
}
