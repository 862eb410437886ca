use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tfkms::output::{self, human::HumanOptions};
use tfkms::scan::{ScanOptions, scan};
use tfkms_rules::finding::Severity;

// A scan is allocation-heavy (syntax trees, values, documents), and so is
// parsing; mimalloc makes both markedly cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Finds AWS KMS access mistakes in Terraform before they ship.
///
/// IAM never dereferences a KMS alias: an alias ARN in `Resource` grants
/// nothing (and a Deny written that way protects nothing). Access by alias
/// works only through the `kms:RequestAlias` and `kms:ResourceAliases`
/// condition keys, where a wildcard pattern lets anyone who can create an
/// alias grant themselves access. tfkms evaluates your Terraform (variables,
/// tfvars, locals, dynamic blocks, local modules), resolves every policy
/// document and reports these mistakes with the exact source location.
#[derive(Parser, Debug)]
#[command(
    name = "tfkms",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("TFKMS_BUILD_COMMIT_DESCRIBED"), ")"),
    about,
    long_about,
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Scan Terraform files and report KMS access mistakes.
    ///
    /// Exit status: 0 when no finding reaches --fail-on, 1 when one does,
    /// 2 when the scan itself failed (bad arguments, unreadable path).
    Scan(ScanArgs),
    /// Print every policy document tfkms resolved, as the provider renders it.
    Policies(ScanArgs),
    /// Show who can use each KMS key, with which actions, and by which path.
    ///
    /// Paths: the key policy alone, key policy delegation plus an identity
    /// policy, grants; with the conditions that must hold and the Denies
    /// and boundaries that limit them. "may" marks a path that depends on
    /// a value tfkms could not evaluate.
    Access(AccessArgs),
    /// List every rule, with its severity as the config sets it.
    Rules {
        /// Read this config instead of the `.tfkms.toml` found from `.`.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Explain a rule: what it finds, why it matters, how to fix it.
    Explain {
        /// A rule code (TFKMS001) or slug (alias-arn-in-resource).
        rule: String,
        /// When to use colour.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        /// Never use colour (same as --color never; NO_COLOR is honoured too).
        #[arg(long)]
        no_color: bool,
    },
    /// Run the language server on stdin and stdout, for editors.
    ///
    /// Diagnostics as you type (unsaved buffers included), quick fixes,
    /// suppressions and rule docs on hover; docs/editors.md shows each
    /// editor's setup.
    Lsp,
    /// Print a shell completion script, e.g. `tfkms completions bash > /etc/bash_completion.d/tfkms`.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), e.g. `tfkms manpage > /usr/local/share/man/man1/tfkms.1`.
    Manpage {
        /// Instead, write tfkms.1 and a page per subcommand (tfkms-scan.1, ...) into DIR.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
struct ScanArgs {
    /// Directories or files to scan [default: .]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the --format output to FILE and print the human report to stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print only the summary line of the human report, and nothing when there are no findings.
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    quiet: bool,
    /// Also print, to stderr, what was scanned: files, the policy documents resolved, time taken.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// Set a root module variable, as `terraform plan -var` does (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Read root module variables from a file, as `terraform plan -var-file` does (repeatable).
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// Skip paths matching a glob, relative to the scanned directory (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Exit with status 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// When to use colour in the human report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Never use colour (same as --color never; NO_COLOR is honoured too).
    #[arg(long)]
    no_color: bool,
    /// Read this config instead of the `.tfkms.toml` found above the scanned paths.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Apply the fixes findings offer, then report what is left.
    #[arg(long)]
    fix: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in a baseline file and exit.
    #[arg(long, value_name = "FILE", conflicts_with = "fix")]
    write_baseline: Option<PathBuf>,
    /// With `policies`: print only documents whose address matches this glob
    /// (e.g. `module.app.*`, `*.aws_iam_policy_document.kms_*`).
    #[arg(long, value_name = "GLOB")]
    address: Option<String>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Scan again whenever a scanned Terraform file or the config changes,
    /// printing the human report afresh each time; Ctrl-C stops.
    #[arg(long, conflicts_with_all = ["fix", "baseline", "write_baseline", "output", "quiet"])]
    watch: bool,
}

#[derive(clap::Args, Debug)]
struct AccessArgs {
    /// Directories or files to scan [default: .]
    paths: Vec<PathBuf>,
    /// Show only keys whose address matches this glob (`aws_kms_key.app`, `module.data.*`).
    #[arg(long, value_name = "ADDRESS")]
    key: Option<String>,
    /// Show only principals matching this glob (`aws_iam_role.*`, `account 444455556666`).
    #[arg(long, value_name = "GLOB")]
    principal: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AccessFormat::Human)]
    format: AccessFormat,
    /// Set a root module variable, as `terraform plan -var` does (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Read root module variables from a file, as `terraform plan -var-file` does (repeatable).
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// Skip paths matching a glob, relative to the scanned directory (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Read this config instead of the `.tfkms.toml` found above the scanned paths.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum AccessFormat {
    /// A list per key, for people.
    Human,
    /// The same as JSON.
    Json,
    /// A Graphviz graph.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Source snippets with labels and fixes, for people.
    Human,
    /// The stable JSON contract (see the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions annotations and job summary, with the report in the log.
    Github,
    /// JUnit XML: a test case per rule and file, a failure per finding.
    Junit,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    tfkms::allocator::configure();
    let cli = Cli::parse();
    match cli.command {
        Command::Scan(args) => run_scan(args, false),
        Command::Policies(args) => run_scan(args, true),
        Command::Access(args) => run_access(args),
        Command::Rules { config } => {
            let config = match tfkms::config::for_paths(config.as_deref(), &[]) {
                Ok(c) => c,
                Err(e) => return config_error(&e),
            };
            let mut out = String::new();
            let metas = tfkms_rules::all_metas();
            let width = metas.iter().map(|m| m.slug.len()).max().unwrap_or(0);
            for m in metas {
                let severity = config.rules.severity(m).map_or("off", |s| s.as_str());
                out.push_str(&format!(
                    "{}  {:<width$}  {:<8} {}\n",
                    m.code, m.slug, severity, m.summary
                ));
            }
            print(&out);
            ExitCode::SUCCESS
        }
        Command::Lsp => match tfkms::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("tfkms lsp: {e}");
                ExitCode::from(2)
            }
        },
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "tfkms", &mut out);
            print(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
        Command::Manpage { dir } => {
            let mut out = Vec::new();
            let written = match &dir {
                Some(dir) => clap_mangen::generate_to(Cli::command(), dir),
                None => clap_mangen::Man::new(Cli::command()).render(&mut out),
            };
            match written {
                Ok(()) => {
                    print(&String::from_utf8_lossy(&out));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("tfkms: cannot write the man page: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Explain {
            rule,
            color,
            no_color,
        } => match tfkms_rules::find_meta(&rule) {
            Some(m) => {
                print(&tfkms::explain::render(m, use_color(no_color, color)));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("tfkms: no rule named `{rule}`; `tfkms rules` lists them");
                ExitCode::from(2)
            }
        },
    }
}

fn run_access(args: AccessArgs) -> ExitCode {
    let mut vars = Vec::new();
    for v in &args.vars {
        match v.split_once('=') {
            Some((n, val)) if !n.trim().is_empty() => {
                vars.push((n.trim().to_string(), val.to_string()))
            }
            _ => {
                eprintln!("tfkms: --var expects NAME=VALUE, got `{v}`");
                return ExitCode::from(2);
            }
        }
    }
    use tfkms::access::AccessFormat as F;
    let req = tfkms::access::AccessRequest {
        paths: args.paths,
        vars,
        var_files: args.var_files,
        exclude: args.exclude,
        config: args.config,
        key: args.key,
        principal: args.principal,
        format: match args.format {
            AccessFormat::Human => F::Human,
            AccessFormat::Json => F::Json,
            AccessFormat::Dot => F::Dot,
            AccessFormat::Mermaid => F::Mermaid,
        },
        jobs: args.jobs.map(usize::from),
    };
    match tfkms::access::run(&req) {
        Ok((text, note)) => {
            print(&text);
            if let Some(note) = note {
                eprintln!("{note}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("tfkms: {e}");
            if !e.ends_with('\n') {
                eprintln!();
            }
            ExitCode::from(2)
        }
    }
}

/// Colour on stdout: asked for, or a terminal without NO_COLOR.
fn use_color(no_color: bool, color: Color) -> bool {
    match (no_color, color) {
        (true, _) | (_, Color::Never) => false,
        (_, Color::Always) => true,
        (_, Color::Auto) => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn config_error(e: &tfkms::config::ConfigError) -> ExitCode {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stderr().is_terminal();
    eprint!("{}", e.render(color));
    ExitCode::from(2)
}

fn print(s: &str) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`tfkms ... | head`) is not an error worth a panic.
    let _ = stdout.write_all(s.as_bytes());
    let _ = stdout.flush();
}

fn run_scan(args: ScanArgs, policies: bool) -> ExitCode {
    let mut vars = Vec::new();
    for v in &args.vars {
        match v.split_once('=') {
            Some((n, val)) if !n.trim().is_empty() => {
                vars.push((n.trim().to_string(), val.to_string()))
            }
            _ => {
                eprintln!("tfkms: --var expects NAME=VALUE, got `{v}`");
                return ExitCode::from(2);
            }
        }
    }
    if args.watch {
        return run_watch(&args, policies, vars);
    }
    // A mistake in a discovered config is one more finding and the scan
    // goes on with the defaults; a config named with --config must be
    // right, as any other argument.
    let (config, config_problem) =
        match tfkms::config::for_scan(args.config.as_deref(), &args.paths) {
            Ok(settings) => settings,
            Err(e) => return config_error(&e),
        };
    let opts = ScanOptions {
        exclude: args.exclude.clone(),
        vars,
        var_files: args.var_files.clone(),
        jobs: args.jobs.map(usize::from),
        // `--verbose` lists every document resolved.
        keep_documents: policies || args.verbose,
        // A status line for people watching a terminal, never in machine
        // output or logs.
        progress: (args.format == Format::Human && std::io::stderr().is_terminal())
            .then(Default::default),
        config_problem,
        ..config.scan_options(args.paths.clone())
    };
    if policies && !matches!(args.format, Format::Human | Format::Json) {
        eprintln!("tfkms: `tfkms policies` prints --format human or json");
        return ExitCode::from(2);
    }
    if policies && (args.fix || args.baseline.is_some() || args.write_baseline.is_some()) {
        eprintln!("tfkms: --fix, --baseline and --write-baseline are options of `tfkms scan`");
        return ExitCode::from(2);
    }
    let started = std::time::Instant::now();
    let status = opts
        .progress
        .clone()
        .map(tfkms::progress::StatusLine::start);
    let outcome = if args.fix {
        tfkms::fix::scan_and_fix(&opts, args.baseline.as_deref()).map(|(r, report)| {
            drop(status);
            eprint!("{}", fix_summary(&report));
            r
        })
    } else {
        let r = scan(&opts);
        drop(status);
        r
    };
    let mut result = match outcome {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tfkms: {e}");
            return ExitCode::from(2);
        }
    };
    if args.verbose {
        eprint!("{}", scanned(&result, started.elapsed()));
    }
    // Terraform refuses these; a scan goes on but must not pretend the
    // value was used.
    for (name, suggestion) in &result.undeclared_cli_vars {
        let hint = suggestion
            .as_ref()
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        eprintln!(
            "tfkms: warning: --var {name}: no scanned root module declares a variable `{name}`, so the value is ignored{hint}"
        );
    }
    if let Some(path) = &args.write_baseline {
        return match tfkms::baseline::write(&result, path) {
            Ok(n) => {
                eprintln!(
                    "tfkms: recorded {n} finding{} in {}",
                    if n == 1 { "" } else { "s" },
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("tfkms: {e}");
                ExitCode::from(2)
            }
        };
    }
    // `--fix` applied the baseline to each of its scans already.
    if let Some(path) = args.baseline.as_ref().filter(|_| !args.fix)
        && let Err(e) = tfkms::baseline::apply(&mut result, path)
    {
        eprintln!("tfkms: {e}");
        return ExitCode::from(2);
    }
    let color = use_color(args.no_color, args.color);
    if policies {
        let filter = match args.address.as_deref().map(globset::Glob::new) {
            None => None,
            Some(Ok(g)) => Some(g.compile_matcher()),
            Some(Err(e)) => {
                eprintln!("tfkms: invalid --address pattern: {e}");
                return ExitCode::from(2);
            }
        };
        let keep = |address: &str| filter.as_ref().is_none_or(|m| m.is_match(address));
        let text = tfkms::output::policies::render(&result, args.format == Format::Json, &keep);
        return match &args.output {
            Some(path) => write_output(path, &text).err().unwrap_or(ExitCode::SUCCESS),
            None => {
                print(&text);
                ExitCode::SUCCESS
            }
        };
    }
    // Which config applied is part of what the report means.
    let config_used = match &config.path {
        Some(path) => format!(
            "tfkms: config: {}\n",
            tfkms_syntax::discover::display(&std::env::current_dir().unwrap_or_default(), path)
        ),
        None => String::new(),
    };
    let human = |color: bool| {
        if !args.quiet {
            output::human::render(&result, HumanOptions { color, width: 100 }) + &config_used
        } else if result.findings.is_empty() {
            String::new()
        } else {
            output::human::summary(&result)
        }
    };
    // A bug in a reporter must not lose the findings: they are printed as
    // JSON instead, and the exit status says the report failed.
    let format = format!("{:?}", args.format).to_lowercase();
    match output::guarded(&result, &format, || {
        report(&args, &result, color, &human, &config_used)
    }) {
        Ok(Ok(())) => {}
        Ok(Err(code)) => return code,
        Err(failed) => {
            print(&failed.json);
            eprintln!("{}", failed.message);
            return ExitCode::from(2);
        }
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Note => Some(Severity::Note),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| result.findings.iter().any(|f| f.severity >= t));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `scan --watch`: the human report after every change, from the
/// incremental engine. The config is read again when it changes, and the
/// files discovered again when one is created or removed; a file read by
/// `file()` and its kin is watched too.
fn run_watch(args: &ScanArgs, policies: bool, vars: Vec<(String, String)>) -> ExitCode {
    if policies || args.format != Format::Human {
        eprintln!(
            "tfkms: --watch prints the human report of `tfkms scan`; --format is for one scan"
        );
        return ExitCode::from(2);
    }
    let color = use_color(args.no_color, args.color);
    let terminal = std::io::stdout().is_terminal();
    let mut engine: Option<tfkms::engine::Engine> = None;
    let new_engine = || -> Result<tfkms::engine::Engine, String> {
        let (config, config_problem) = tfkms::config::for_scan(args.config.as_deref(), &args.paths)
            .map_err(|e| e.render(color))?;
        let opts = ScanOptions {
            exclude: args.exclude.clone(),
            vars: vars.clone(),
            var_files: args.var_files.clone(),
            jobs: args.jobs.map(usize::from),
            config_problem,
            ..config.scan_options(args.paths.clone())
        };
        tfkms::engine::Engine::new(opts).map_err(|e| format!("tfkms: {e}\n"))
    };
    let scan_and_print = |changes: &tfkms::watch::Changes| {
        let started = std::time::Instant::now();
        if changes.rediscover {
            engine = None;
        }
        let current = match engine.take() {
            Some(e) => Ok(e),
            None => new_engine(),
        };
        let (report, reads) = match current {
            Err(report) => (report, Default::default()),
            Ok(mut e) => {
                let report = match e.update(Default::default(), &changes.written, None) {
                    Ok(result) => {
                        output::human::render(&result, HumanOptions { color, width: 100 })
                            + &watch_status(&result, started.elapsed())
                    }
                    Err(err) => format!("tfkms: {err}\n"),
                };
                let reads = tfkms::watch::ReadFiles::new(e.read_files());
                engine = Some(e);
                (report, reads)
            }
        };
        // Clear the screen and go home, so each report stands alone.
        let clear = if terminal { "\x1b[2J\x1b[H" } else { "" };
        print(&format!("{clear}{report}"));
        reads
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    match tfkms::watch::run(&paths, scan_and_print) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tfkms: {e}");
            ExitCode::from(2)
        }
    }
}

/// The line under each `--watch` report: when, what, how long.
fn watch_status(result: &tfkms::scan::ScanResult, took: std::time::Duration) -> String {
    let count = |s: Severity| result.findings.iter().filter(|f| f.severity == s).count();
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (h, m, s) = (seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    let n = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    format!(
        "[{h:02}:{m:02}:{s:02} UTC] {}, {}, {} in {}, {} ms; watching for changes (Ctrl-C to stop)\n",
        n(count(Severity::Error), "error"),
        n(count(Severity::Warning), "warning"),
        n(count(Severity::Note), "note"),
        n(result.files, "file"),
        took.as_millis()
    )
}

/// Renders the report in the format asked for, to stdout or `--output`.
fn report(
    args: &ScanArgs,
    result: &tfkms::scan::ScanResult,
    color: bool,
    human: &dyn Fn(bool) -> String,
    config_used: &str,
) -> Result<(), ExitCode> {
    let root = output::RepoRoot::detect();
    let text = match args.format {
        // A file gets the whole report, without colour; stdout gets it as
        // --quiet asks.
        Format::Human if args.output.is_some() => {
            output::human::render(
                result,
                HumanOptions {
                    color: false,
                    width: 100,
                },
            ) + config_used
        }
        Format::Human => human(color),
        Format::Json => output::json::render(result),
        Format::Sarif => output::sarif::render(result, &root),
        Format::Junit => output::junit::render(result, &root),
        Format::Github => {
            if let Err(e) = output::github::append_step_summary(result, &root) {
                eprintln!("tfkms: cannot append to GITHUB_STEP_SUMMARY: {e}");
            }
            let opts = HumanOptions { color, width: 100 };
            output::github::render(result, &root, opts, args.quiet)
        }
    };
    match &args.output {
        Some(path) => {
            write_output(path, &text)?;
            print(&human(color));
        }
        None => print(&text),
    }
    Ok(())
}

/// Writes `--output`; failing to is a failed scan (exit status 2).
fn write_output(path: &std::path::Path, text: &str) -> Result<(), ExitCode> {
    std::fs::write(path, text).map_err(|e| {
        eprintln!("tfkms: cannot write {}: {e}", path.display());
        ExitCode::from(2)
    })
}

/// `--verbose`: what the scan covered, so a clean result can be told from a
/// scan that found nothing to check.
fn scanned(result: &tfkms::scan::ScanResult, took: std::time::Duration) -> String {
    let mut out = format!(
        "tfkms: read {} files, resolved {} policy documents in {} ms\n",
        result.files,
        result.documents.len(),
        took.as_millis()
    );
    for d in &result.documents {
        let l = output::locate(&result.sources, d.span);
        let partly = if d.complete { "" } else { " (partly unknown)" };
        out.push_str(&format!(
            "  {}:{}:{}: {}{partly}\n",
            l.path, l.start_line, l.start_column, d.address
        ));
    }
    out
}

/// What `--fix` changed, one line per file, for stderr.
fn fix_summary(report: &tfkms::fix::FixReport) -> String {
    let mut by_file: Vec<(&str, Vec<&str>)> = Vec::new();
    for a in &report.applied {
        match by_file.iter_mut().find(|(p, _)| *p == a.path) {
            Some((_, codes)) => codes.push(a.code),
            None => by_file.push((&a.path, vec![a.code])),
        }
    }
    let mut out = String::new();
    for (path, codes) in by_file {
        let n = codes.len();
        let mut distinct = codes.clone();
        distinct.sort();
        distinct.dedup();
        out.push_str(&format!(
            "tfkms: fixed {n} finding{} in {path} ({})\n",
            if n == 1 { "" } else { "s" },
            distinct.join(", ")
        ));
    }
    for s in &report.skipped {
        out.push_str(&format!("tfkms: {}: not fixed: {}\n", s.path, s.reason));
    }
    out
}
