//! The `kazoo-callflows` command. Each subcommand lives in its own module;
//! this file only parses arguments and dispatches.
//!
//! Exit codes: 0 success, 1 a verdict of "invalid" (validate), "changed"
//! (diff) or a call Kazoo would reject (call), 2 bad input, an unreachable
//! server (call) or usage.

mod call;
mod client_blacklist;
mod couchdb;
mod diff;
mod docs;
mod generate;
mod schema;
mod show;
mod validate;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "kazoo-callflows",
    version,
    about = "Typed Kazoo callflows from Kazoo's schemas"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust types from a Kazoo schema directory into generated/.
    Generate(generate::Args),
    /// Write reference docs (Kazoo's ref pages or an mdBook site) into generated/docs.
    Docs(docs::Args),
    /// Write one self-contained JSON Schema for editors (every module's data typed).
    Schema(schema::Args),
    /// Compare two Kazoo schema directories: changes per module and path, semver impact.
    Diff(diff::Args),
    /// Validate callflow documents, envelopes, nodes or module data against the schemas.
    Validate(validate::Args),
    /// Play a call against a pivot server as Kazoo would, and print the transcript.
    Call(Box<call::Args>),
    /// Draw a callflow as a text tree, a Mermaid flowchart or a Graphviz graph.
    Show(show::Args),
}

/// The schema directory: the flag, else `$KAZOO_SCHEMAS_DIR`, else `./schemas`.
pub fn schemas_dir(arg: Option<PathBuf>) -> PathBuf {
    arg.or_else(|| std::env::var_os("KAZOO_SCHEMAS_DIR").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("schemas"))
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate(args) => generate::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Docs(args) => docs::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Call(args) => call::run(*args),
        Command::Show(args) => show::run(args),
    }
}
