//! The phases `tfkms-bench run` times, each over the same discovered files
//! and on the caller's rayon pool: reading (the I/O floor), reading and
//! parsing (what the scan cannot do without), and the full scan.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tfkms::scan::{ScanOptions, ScanResult, scan};
use tfkms_syntax::{DiscoverOptions, FileId, FoundFile, ReadOutcome};

/// The files the scan discovers under `dir`.
pub fn discover(dir: &Path) -> Result<Vec<FoundFile>, String> {
    tfkms_syntax::discover(&[dir.to_path_buf()], &DiscoverOptions::default())
        .map(|d| d.files)
        .map_err(|e| e.to_string())
}

/// Discovers and reads every file; returns the bytes read.
pub fn read_all(dir: &Path) -> Result<u64, String> {
    let files = discover(dir)?;
    Ok(files
        .par_iter()
        .map(|f| match tfkms_syntax::read_source(&f.path) {
            ReadOutcome::Text(t) => t.len() as u64,
            ReadOutcome::NotUtf8 { text, .. } => text.len() as u64,
            ReadOutcome::Unreadable(_) => 0,
        })
        .sum())
}

/// Discovers, reads and parses every file with the scan's indexed parallel
/// map, dropping each tree at once: the least any scan must do. Returns the
/// number of files that parsed.
pub fn parse_all(dir: &Path) -> Result<usize, String> {
    let files = discover(dir)?;
    let parsed: Vec<bool> = files
        .par_iter()
        .enumerate()
        .map(|(i, f)| match tfkms_syntax::read_source(&f.path) {
            ReadOutcome::Text(text) => tfkms_syntax::parse(FileId(i as u32), f.kind, &text).is_ok(),
            _ => false,
        })
        .collect();
    Ok(parsed.into_iter().filter(|ok| *ok).count())
}

/// The full scan, as `tfkms scan --jobs N` runs it (its own pool).
pub fn scan_dir(dir: &Path, jobs: Option<usize>) -> Result<ScanResult, String> {
    scan(&ScanOptions {
        paths: vec![dir.to_path_buf()],
        jobs,
        ..ScanOptions::default()
    })
    .map_err(|e| e.to_string())
}

/// Findings per rule code.
pub fn count_findings(result: &ScanResult) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for f in &result.findings {
        *out.entry(f.rule.code.to_string()).or_default() += 1;
    }
    out
}

/// Every finding as one line (code, place, message), in report order: equal
/// fingerprints mean the same findings in the same order.
pub fn fingerprint(result: &ScanResult) -> Vec<String> {
    result
        .findings
        .iter()
        .map(|f| {
            let file = result.sources.get(f.primary.span.file);
            format!(
                "{} {}:{}-{} {} [{}]",
                f.rule.code,
                file.display_path,
                f.primary.span.start,
                f.primary.span.end,
                f.message,
                f.documents.join(", ")
            )
        })
        .collect()
}

/// A 64-bit FNV-1a hash of the fingerprint lines, to compare the findings
/// of two builds at a glance.
pub fn digest(lines: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for line in lines {
        for b in line.bytes().chain([b'\n']) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Per rule, (found, expected) where they differ; a rule the manifest does
/// not list expects no finding.
pub fn mismatches(
    found: &BTreeMap<String, usize>,
    expected: &BTreeMap<String, usize>,
) -> Vec<(String, usize, usize)> {
    let codes: std::collections::BTreeSet<&String> = found.keys().chain(expected.keys()).collect();
    codes
        .into_iter()
        .filter_map(|c| {
            let f = found.get(c).copied().unwrap_or(0);
            let e = expected.get(c).copied().unwrap_or(0);
            (f != e).then(|| (c.clone(), f, e))
        })
        .collect()
}

/// The peak resident set size of this process so far, in bytes (`VmHWM`).
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// CPU time (user and system) of all threads of this process so far, from
/// `/proc/self/stat`. Under machine load it varies much less than wall time,
/// so ratios of CPU times are the steadier comparison on a shared machine.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which may contain spaces: state is
    // field 3, utime and stime fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i - 3)?.parse::<u64>().ok();
    // The /proc ABI counts in USER_HZ, 100 on Linux.
    Some((ticks(14)? + ticks(15)?) as f64 / 100.0)
}

/// A rayon pool with `jobs` threads (all cores when `None`).
pub fn pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, String> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        b = b.num_threads(n);
    }
    b.build().map_err(|e| e.to_string())
}

pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    match xs.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => xs[n / 2],
        n => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
    }
}

pub fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}
