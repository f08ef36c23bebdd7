//! `kazoo-callflows diff OLD_DIR NEW_DIR`: what changed between two Kazoo
//! schema directories, per module and instance path, with the semver bump
//! the generated Rust owes and whether stored callflows may be rejected
//! (see `kazoo_callflows_codegen::diff`).
//!
//! Exit 0 when nothing changed, 1 when something did, 2 on bad input (the
//! error `generate` would give, naming the file and JSON pointer).

use kazoo_callflows_codegen::diff::{DiffOptions, diff_dirs};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format of `diff`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// One line per change, grouped by module; nothing when nothing changed.
    Text,
    /// A CHANGELOG section.
    Markdown,
    /// One object: `{"old", "new", "summary", "changes"}`.
    Json,
}

/// Arguments of `diff`.
#[derive(clap::Args)]
pub struct Args {
    /// The old Kazoo schema directory.
    #[arg(value_name = "OLD_DIR")]
    old: PathBuf,
    /// The new Kazoo schema directory.
    #[arg(value_name = "NEW_DIR")]
    new: PathBuf,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also report changed descriptions.
    #[arg(long)]
    descriptions: bool,
}

/// Compares the directories and prints the changes.
pub fn run(args: Args) -> ExitCode {
    let options = DiffOptions {
        descriptions: args.descriptions,
    };
    let diff = match diff_dirs(&args.old, &args.new, &options) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let out = match args.format {
        Format::Text => diff.to_text(),
        Format::Markdown => diff.to_markdown(),
        Format::Json => diff.to_json(),
    };
    if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes()) {
        eprintln!("error: cannot write the output: {e}");
        return ExitCode::from(2);
    }
    if diff.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
