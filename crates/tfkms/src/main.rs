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
    /// List every rule.
    Rules,
    /// Explain a rule: what it finds, why it matters, how to fix it.
    Explain {
        /// A rule code (TFKMS001) or slug (alias-arn-in-resource).
        rule: String,
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
    /// With `policies`: print only documents whose address matches this glob
    /// (e.g. `module.app.*`, `*.aws_iam_policy_document.kms_*`).
    #[arg(long, value_name = "GLOB")]
    address: Option<String>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
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
        Command::Rules => {
            let mut out = String::new();
            for m in tfkms_rules::all_metas() {
                out.push_str(&format!(
                    "{}  {:<28} {:<8} {}\n",
                    m.code,
                    m.slug,
                    m.severity.as_str(),
                    m.summary
                ));
            }
            print(&out);
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match tfkms_rules::find_meta(&rule) {
            Some(m) => {
                print(&format!(
                    "{} ({}) — default severity: {}\n\n{}\n\n{}",
                    m.code,
                    m.slug,
                    m.severity.as_str(),
                    m.summary,
                    m.docs
                ));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("tfkms: no rule named `{rule}`; `tfkms rules` lists them");
                ExitCode::from(2)
            }
        },
    }
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
    let opts = ScanOptions {
        paths: args.paths.clone(),
        exclude: args.exclude.clone(),
        vars,
        var_files: args.var_files.clone(),
        jobs: args.jobs.map(usize::from),
        keep_documents: policies,
        // A status line for people watching a terminal, never in machine
        // output or logs.
        progress: (args.format == Format::Human && std::io::stderr().is_terminal())
            .then(Default::default),
        ..ScanOptions::default()
    };
    let status = opts
        .progress
        .clone()
        .map(tfkms::progress::StatusLine::start);
    let result = scan(&opts);
    drop(status);
    let result = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tfkms: {e}");
            return ExitCode::from(2);
        }
    };
    let color = match (args.no_color, args.color) {
        (true, _) | (_, Color::Never) => false,
        (_, Color::Always) => true,
        (_, Color::Auto) => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
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
        print(&tfkms::output::policies::render(
            &result,
            args.format == Format::Json,
            &keep,
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
