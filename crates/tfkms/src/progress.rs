//! Progress of a scan (files parsed, root modules evaluated) and a status
//! line with a progress bar that shows it on a terminal.
//!
//! Hand-written rather than taken from `indicatif`: one line with a bar and
//! two counters is all a scan needs, and a security tool's dependency tree is
//! better without a terminal UI stack for it.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Counters the scan advances as it goes; cheap enough to update per file.
#[derive(Debug, Default)]
pub struct Progress {
    files: AtomicUsize,
    files_parsed: AtomicUsize,
    roots: AtomicUsize,
    roots_done: AtomicUsize,
}

impl Progress {
    pub fn set_files(&self, n: usize) {
        self.files.store(n, Ordering::Relaxed);
    }

    pub fn file_parsed(&self) {
        self.files_parsed.fetch_add(1, Ordering::Relaxed);
    }

    pub fn add_roots(&self, n: usize) {
        self.roots.fetch_add(n, Ordering::Relaxed);
    }

    pub fn root_done(&self) {
        self.roots_done.fetch_add(1, Ordering::Relaxed);
    }

    /// The status line, e.g.
    /// `[####----------------]  21% files 2106/10013, root modules 204/971`:
    /// under 80 columns with the `tfkms: ` prefix, so redrawing in place
    /// never wraps.
    /// The bar follows the root modules: evaluating them is what parses
    /// the files, in the order they are reached.
    pub fn line(&self) -> String {
        let get = |a: &AtomicUsize| a.load(Ordering::Relaxed);
        let files = get(&self.files);
        // A module parsed again after it was dropped counts twice.
        let parsed = get(&self.files_parsed).min(files);
        let (done, roots) = (get(&self.roots_done), get(&self.roots));
        let percent = (done * 100).checked_div(roots).unwrap_or(0).min(100);
        let filled = percent * BAR_WIDTH / 100;
        format!(
            "[{}{}] {percent:>3}% files {parsed}/{files}, root modules {done}/{roots}",
            "#".repeat(filled),
            "-".repeat(BAR_WIDTH - filled),
        )
    }
}

const BAR_WIDTH: usize = 20;

/// How long a scan runs before the status line appears: quick scans print
/// nothing extra.
const DELAY: Duration = Duration::from_secs(1);
const INTERVAL: Duration = Duration::from_millis(100);

/// Draws the progress on stderr until dropped, which erases the line. The
/// caller decides that stderr is a terminal and the output is for people.
pub struct StatusLine {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl StatusLine {
    pub fn start(progress: Arc<Progress>) -> StatusLine {
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let signal = stop.clone();
        let thread = std::thread::Builder::new()
            .name("tfkms-progress".into())
            .spawn(move || draw(&progress, &signal))
            .ok();
        StatusLine { stop, thread }
    }
}

/// Waits up to `timeout`; true when asked to stop.
fn stopped(signal: &(Mutex<bool>, Condvar), timeout: Duration) -> bool {
    let (lock, cvar) = signal;
    let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
    let (guard, _) = cvar
        .wait_timeout_while(guard, timeout, |stop| !*stop)
        .unwrap_or_else(|e| e.into_inner());
    *guard
}

fn draw(progress: &Progress, signal: &(Mutex<bool>, Condvar)) {
    if stopped(signal, DELAY) {
        return;
    }
    let mut stderr = std::io::stderr();
    loop {
        // `\r` and erase-line: the line is redrawn in place.
        let _ = write!(stderr, "\r\x1b[2Ktfkms: {}", progress.line());
        let _ = stderr.flush();
        if stopped(signal, INTERVAL) {
            break;
        }
    }
    let _ = write!(stderr, "\r\x1b[2K");
    let _ = stderr.flush();
}

impl Drop for StatusLine {
    fn drop(&mut self) {
        let (lock, cvar) = &*self.stop;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cvar.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_files_and_roots() {
        let p = Progress::default();
        p.set_files(3);
        p.add_roots(2);
        for _ in 0..4 {
            p.file_parsed();
        }
        p.root_done();
        assert_eq!(
            p.line(),
            "[##########----------]  50% files 3/3, root modules 1/2"
        );
        p.root_done();
        assert!(p.line().starts_with("[####################] 100% "));
        assert!(
            Progress::default()
                .line()
                .starts_with("[--------------------]   0% ")
        );
    }
}
