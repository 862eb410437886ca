use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use tfkms_bench::generate::{Manifest, generate};
use tfkms_bench::measure;

// A scan is allocation-heavy (syntax trees, values, documents), and so is
// parsing; mimalloc makes both markedly cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates Terraform monorepos with planted KMS alias risks and measures
/// tfkms on them.
#[derive(Parser, Debug)]
#[command(name = "tfkms-bench")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a monorepo of about N files into DIR (new or empty), with the
    /// expected findings in DIR/.tfkms-bench.json.
    Generate {
        dir: PathBuf,
        #[arg(long, default_value_t = 10_000)]
        files: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write the Terraform files of real repositories into DIR (new or
    /// empty), COPIES times side by side, from git directories already on
    /// this machine; nothing is fetched. Never commit the result.
    Real {
        dir: PathBuf,
        /// `owner/name commit` per line.
        #[arg(long, default_value = "../shared/corpus/repos.txt")]
        repos: PathBuf,
        /// Where the git directories are: `ROOT/owner+name/repo`,
        /// `ROOT/owner+name`, `ROOT/owner/name` or `ROOT/name`, bare or not.
        #[arg(long, default_value = "/work/.mirror")]
        git_root: PathBuf,
        #[arg(long, default_value_t = 8)]
        copies: usize,
    },
    /// Time reading, parsing and the full scan of DIR, report peak memory,
    /// and check the findings against the manifest and across thread counts.
    Run {
        dir: PathBuf,
        /// Repetitions of each phase; medians are reported.
        #[arg(long, default_value_t = 3)]
        reps: usize,
        /// Threads [default: all cores].
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// One full scan in a fresh process, printing its peak resident memory;
    /// `run` uses it so the other phases do not count towards the peak.
    #[command(hide = true)]
    Peak {
        dir: PathBuf,
        #[arg(long)]
        jobs: Option<usize>,
    },
}

fn main() -> ExitCode {
    tfkms::allocator::configure();
    let result = match Cli::parse().command {
        Command::Generate { dir, files, seed } => run_generate(&dir, files, seed),
        Command::Real {
            dir,
            repos,
            git_root,
            copies,
        } => run_real(&dir, &repos, &git_root, copies),
        Command::Run { dir, reps, jobs } => run(&dir, reps.max(1), jobs),
        Command::Peak { dir, jobs } => peak(&dir, jobs),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tfkms-bench: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_generate(dir: &Path, files: usize, seed: u64) -> Result<ExitCode, String> {
    let started = Instant::now();
    let m = generate(dir, files, seed).map_err(|e| format!("{}: {e}", dir.display()))?;
    println!(
        "wrote {} files ({:.1} MB, {:.2} KB per file) in {:.1} s: {} root modules, {} shared modules, {} module calls",
        m.files,
        mb(m.bytes),
        m.bytes as f64 / m.files.max(1) as f64 / 1e3,
        started.elapsed().as_secs_f64(),
        m.root_modules,
        m.shared_modules,
        m.module_calls
    );
    for (code, n) in &m.expected {
        println!("planted {code}: {n}");
    }
    Ok(ExitCode::SUCCESS)
}

fn run_real(dir: &Path, repos: &Path, git_root: &Path, copies: usize) -> Result<ExitCode, String> {
    let started = Instant::now();
    let list = std::fs::read_to_string(repos).map_err(|e| format!("{}: {e}", repos.display()))?;
    let list = tfkms_bench::realtree::parse_repo_list(&list)
        .map_err(|e| format!("{}: {e}", repos.display()))?;
    let m = tfkms_bench::realtree::build(dir, &list, git_root, copies)?;
    println!(
        "wrote {} files ({:.1} MB, {:.2} KB per file) from {} repositories x {copies} in {:.1} s",
        m.files,
        mb(m.bytes),
        m.bytes as f64 / m.files.max(1) as f64 / 1e3,
        list.len(),
        started.elapsed().as_secs_f64(),
    );
    Ok(ExitCode::SUCCESS)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Wall and CPU seconds of `f`.
fn timed(f: impl FnOnce() -> Result<(), String>) -> Result<(f64, f64), String> {
    let cpu = measure::cpu_seconds().unwrap_or(0.0);
    let t = Instant::now();
    f()?;
    let wall = t.elapsed().as_secs_f64();
    Ok((wall, measure::cpu_seconds().unwrap_or(0.0) - cpu))
}

fn run(dir: &Path, reps: usize, jobs: Option<usize>) -> Result<ExitCode, String> {
    let manifest = Manifest::read(dir).map_err(|e| {
        format!(
            "{}: no readable manifest ({e}); generate the tree with `tfkms-bench generate`",
            dir.display()
        )
    })?;
    let pool = measure::pool(jobs)?;
    let threads = pool.current_num_threads();
    let files = measure::discover(dir)?.len();

    // Warm the page cache so every phase reads from memory alike.
    let bytes = pool.install(|| measure::read_all(dir))?;
    let mut times: [Vec<(f64, f64)>; 3] = Default::default();
    let mut result = None;
    for rep in 0..reps {
        eprintln!("rep {}/{reps}: read, parse, scan", rep + 1);
        // Interleaved, so drift in machine load hits every phase alike.
        times[0].push(timed(|| pool.install(|| measure::read_all(dir)).map(drop))?);
        times[1].push(timed(|| {
            pool.install(|| measure::parse_all(dir)).map(drop)
        })?);
        // The previous result is dropped before the next scan starts.
        result = None;
        times[2].push(timed(|| {
            result = Some(measure::scan_dir(dir, Some(threads))?);
            Ok(())
        })?);
    }
    let result = result.ok_or("no scan ran")?;
    let [read, parse, full] = times.map(|t| {
        (
            measure::median(t.iter().map(|x| x.0).collect()),
            measure::median(t.iter().map(|x| x.1).collect()),
        )
    });

    println!(
        "tree: {}  files: {files}  bytes: {bytes} ({:.1} MB, {:.2} KB/file)  threads: {threads}  reps: {reps} (medians)",
        dir.display(),
        mb(bytes),
        bytes as f64 / files.max(1) as f64 / 1e3
    );
    println!("phase          wall      MB/s     files/s   cpu (all threads)");
    for (name, (wall, cpu)) in [("read", read), ("read+parse", parse), ("full scan", full)] {
        println!(
            "{name:<12} {wall:>7.3} s {:>8.1} {:>11.0}   {cpu:>7.2} s",
            mb(bytes) / wall,
            files as f64 / wall
        );
    }
    println!(
        "ratios (wall): parse/read {:.2}   full/parse {:.2} (target <= 1.30)",
        parse.0 / read.0,
        full.0 / parse.0
    );
    println!(
        "ratios (cpu):  parse/read {:.2}   full/parse {:.2}",
        parse.1 / read.1.max(0.01),
        full.1 / parse.1.max(0.01)
    );

    let mut ok = true;
    let found = measure::count_findings(&result);
    let mismatches = measure::mismatches(&found, &manifest.expected);
    let codes: std::collections::BTreeSet<&String> =
        found.keys().chain(manifest.expected.keys()).collect();
    for code in codes {
        let f = found.get(code).copied().unwrap_or(0);
        let e = manifest.expected.get(code).copied().unwrap_or(0);
        if manifest.planted {
            println!(
                "findings {code}: {f} (planted {e}) {}",
                if f == e { "ok" } else { "MISMATCH" }
            );
        } else {
            println!("findings {code}: {f} (nothing planted: not checked)");
        }
    }
    if manifest.planted && !mismatches.is_empty() {
        ok = false;
    }
    println!(
        "findings digest: {:016x} (equal digests: the same findings in the same order)",
        measure::digest(&measure::fingerprint(&result))
    );

    eprintln!("scan with 1 thread, to compare findings");
    let one = measure::scan_dir(dir, Some(1))?;
    let same = measure::fingerprint(&one) == measure::fingerprint(&result);
    println!(
        "findings with 1 thread and {threads} threads: {}",
        if same {
            "identical, same order"
        } else {
            "DIFFERENT"
        }
    );
    ok &= same;
    drop((one, result));

    eprintln!("one scan in a child process, for its peak memory");
    let peak = child_peak(dir, jobs)?;
    let budget = 2 * bytes + 64 * 1024 * 1024;
    println!(
        "peak RSS of a full scan: {:.1} MB = {:.2} x source (target <= 2 x source + 64 MB = {:.1} MB): {}",
        mb(peak),
        peak as f64 / bytes.max(1) as f64,
        mb(budget),
        if peak <= budget { "ok" } else { "over" }
    );
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn child_peak(dir: &Path, jobs: Option<usize>) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("peak").arg(dir);
    if let Some(j) = jobs {
        cmd.arg("--jobs").arg(j.to_string());
    }
    let out = cmd.output().map_err(|e| format!("peak: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim().parse().map_err(|_| {
        format!(
            "peak: unexpected output {text:?} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn peak(dir: &Path, jobs: Option<usize>) -> Result<ExitCode, String> {
    let result = measure::scan_dir(dir, jobs)?;
    let peak = measure::peak_rss().ok_or("no VmHWM in /proc/self/status")?;
    drop(result);
    println!("{peak}");
    Ok(ExitCode::SUCCESS)
}
