//! The `interdoc` command line: argument parsing and exit codes only.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use interdoc::config::Overrides;
use interdoc::{BuildOptions, build};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc asks for transparent huge pages. A build allocates and frees
/// memory in waves, and each first touch of a huge page has the kernel zero
/// 2 MiB: on the 2000-topic corpus that was 0.1 to 0.4 s of a 3 s build and
/// 40 MB more peak memory than with ordinary pages.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE reads no memory of ours; a
    // kernel that does not know it returns an error, which changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Builds localized documentation sites with verified interop samples.
#[derive(Parser)]
#[command(name = "interdoc", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    Build(BuildArgs),
    /// Do everything `build` does except writing the output: report every problem.
    Check(CheckArgs),
    /// Build and run the samples only, and print a table of their results.
    Samples {
        /// The site root: the folder with content/ and samples/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Only this sample (its folder name under samples/).
        #[arg(long, value_name = "NAME")]
        only: Option<String>,
    },
    /// Show how up to date each translation is; `--stamp` records a translation as current.
    Status {
        /// The site root: the folder with content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Only this locale.
        #[arg(long, value_name = "LOCALE")]
        locale: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Record the current source hash in these translated topics, then exit.
        #[arg(long, value_name = "FILE", num_args = 1..)]
        stamp: Vec<PathBuf>,
    },
    /// Create a minimal five-locale site in DIR (default: the current folder).
    Init { dir: Option<PathBuf> },
    /// Build, serve on loopback and rebuild on every change, with live reload.
    Serve {
        /// The site root: the folder with content/ (default: the current folder).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Address to listen on; anything but loopback is reachable from other machines.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Do not build or run samples.
        #[arg(long)]
        skip_samples: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct CheckArgs {
    /// The site root: the folder with content/ (default: the current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Print only diagnostics, no summary.
    #[arg(long, short)]
    quiet: bool,
    /// Do not build or run samples; code includes are still checked.
    #[arg(long)]
    skip_samples: bool,
}

#[derive(Args)]
struct BuildArgs {
    /// The site root: the folder with content/ (default: the current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Output folder (default: <root>/public).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Absolute URL the site is published at; used for canonical, hreflang and sitemap URLs.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Print only diagnostics, no summary.
    #[arg(long, short)]
    quiet: bool,
    /// Do not build or run samples: pages show code includes as "not verified".
    #[arg(long)]
    skip_samples: bool,
    /// Print how long each stage took.
    #[arg(long)]
    timings: bool,
    /// Write the site even when there are errors; they are still printed and
    /// the exit status is still 1. Broken links and includes show as marked.
    #[arg(long)]
    keep_going: bool,
}

/// 0: success; 1: content errors (or warnings under --strict); 2: usage or I/O errors.
fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Init { dir } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            interdoc::init::init(&dir)?;
            eprintln!(
                "created a five-locale site in {}; run `interdoc build --root {}`",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Build(args) => {
            let options = BuildOptions {
                overrides: Overrides {
                    out: args.out,
                    base_url: args.base_url,
                },
                strict: args.strict,
                progress: !args.quiet && std::io::stderr().is_terminal(),
                check_only: false,
                skip_samples: args.skip_samples,
                keep_going: args.keep_going,
            };
            run_build(&args.root, &options, args.quiet, args.timings)
        }
        Command::Samples { root, only } => {
            let (samples, diags) = interdoc::site::run_samples(&root, only)?;
            for d in &diags {
                eprintln!("{d}");
            }
            print!("{}", interdoc::report::samples_table(&samples));
            let failed = diags.iter().any(|d| d.is_error());
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Status {
            root,
            locale,
            format,
            stamp,
        } => {
            if !stamp.is_empty() {
                for (file, changed) in interdoc::site::stamp(&root, &stamp)? {
                    let what = if changed {
                        "stamped"
                    } else {
                        "already current"
                    };
                    eprintln!("{what}: {}", file.display());
                }
                return Ok(ExitCode::SUCCESS);
            }
            let (mut status, diags) = interdoc::site::translation_status(&root)?;
            if let Some(l) = &locale {
                status = status.only(l);
            }
            for d in diags.iter().filter(|d| d.is_error()) {
                eprintln!("{d}");
            }
            match format {
                Format::Text => print!("{}", interdoc::status::render_text(&status)),
                Format::Json => println!("{}", serde_json::to_string_pretty(&status)?),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            root,
            host,
            port,
            open,
            skip_samples,
        } => {
            interdoc::serve::serve(interdoc::serve::ServeOptions {
                root,
                host,
                port,
                open,
                build: BuildOptions {
                    skip_samples,
                    ..BuildOptions::default()
                },
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let options = BuildOptions {
                strict: args.strict,
                progress: !args.quiet && std::io::stderr().is_terminal(),
                check_only: true,
                skip_samples: args.skip_samples,
                ..BuildOptions::default()
            };
            run_build(&args.root, &options, args.quiet, false)
        }
    }
}

/// Runs a build or check and prints its report once: diagnostics, then the summary.
fn run_build(
    root: &Path,
    options: &BuildOptions,
    quiet: bool,
    timings: bool,
) -> anyhow::Result<ExitCode> {
    let report = build(root, options)?;
    if timings {
        eprint!("{}", report.timings.render());
    }
    let text = report.render();
    if quiet {
        let diagnostic = |l: &&str| {
            l.starts_with("error") || l.starts_with("warning") || l.starts_with("  hint")
        };
        for line in text.lines().filter(diagnostic) {
            eprintln!("{line}");
        }
    } else {
        eprint!("{text}");
    }
    Ok(if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
