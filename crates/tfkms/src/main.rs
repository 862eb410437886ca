use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tfkms::output::{self, human::HumanOptions};
use tfkms::scan::{ScanOptions, scan};
use tfkms_rules::finding::Severity;

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
#[command(name = "tfkms", version, about, long_about, propagate_version = true)]
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
}

#[derive(clap::Args, Debug)]
struct ScanArgs {
    /// Directories or files to scan [default: .]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
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
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Source snippets with labels and fixes, for people.
    Human,
    /// The stable JSON contract (see the README).
    Json,
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
    let cli = Cli::parse();
    match cli.command {
        Command::Scan(args) => run_scan(args, false),
        Command::Policies(args) => run_scan(args, true),
        Command::Rules { config } => {
            let config = match tfkms::config::for_paths(config.as_deref(), &[]) {
                Ok(c) => c,
                Err(e) => return config_error(&e),
            };
            let mut out = String::new();
            for m in tfkms_rules::all_metas() {
                let severity = config.rules.severity(m).map_or("off", |s| s.as_str());
                out.push_str(&format!(
                    "{}  {:<28} {:<8} {}\n",
                    m.code, m.slug, severity, m.summary
                ));
            }
            print(&out);
            ExitCode::SUCCESS
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
    let config = match tfkms::config::for_paths(args.config.as_deref(), &args.paths) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };
    let anchored_exclude = match config.dir() {
        Some(dir) => config
            .exclude
            .iter()
            .map(|g| (dir.clone(), g.clone()))
            .collect(),
        None => Vec::new(),
    };
    let opts = ScanOptions {
        paths: args.paths.clone(),
        exclude: args.exclude.clone(),
        vars,
        var_files: args.var_files.clone(),
        rules: config.rules.clone(),
        anchored_exclude,
        own_accounts: config.own_accounts.clone(),
        trusted_alias_patterns: config.trusted_alias_patterns.clone(),
        ..ScanOptions::default()
    };
    let scanned = if args.fix {
        tfkms::fix::scan_and_fix(&opts).map(|(r, report)| {
            eprint!("{}", fix_summary(&report));
            r
        })
    } else {
        scan(&opts)
    };
    let mut result = match scanned {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tfkms: {e}");
            return ExitCode::from(2);
        }
    };
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
    if let Some(path) = &args.baseline
        && let Err(e) = tfkms::baseline::apply(&mut result, path)
    {
        eprintln!("tfkms: {e}");
        return ExitCode::from(2);
    }
    let color = use_color(args.no_color, args.color);
    if policies {
        print(&tfkms::output::policies::render(
            &result,
            args.format == Format::Json,
        ));
        return ExitCode::SUCCESS;
    }
    let text = match args.format {
        Format::Human => output::human::render(&result, HumanOptions { color, width: 100 }),
        Format::Json => output::json::render(&result),
    };
    print(&text);
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
