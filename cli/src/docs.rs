//! `kazoo-callflows docs`: reference docs from a schema directory, as
//! Kazoo's `doc/ref` pages (`--format kazoo`) or an mdBook site
//! (`--format book`); with `--release NAME=DIR` (repeated, oldest first) one
//! book of the newest release with the history of all of them. Everything
//! is generated in memory before anything is written; prints
//! `docs (<format>): N files for M modules into DIR in X ms`.

use kazoo_callflows_codegen::{DocsFormat, write_files};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format of `docs`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// Kazoo's reference pages: one `<module>.md` per module.
    Kazoo,
    /// An mdBook site (`book.toml`, `src/`); build it with `mdbook build DIR`.
    Book,
}

/// Arguments of `docs`.
#[derive(clap::Args)]
pub struct Args {
    /// The Kazoo schema directory (default: $KAZOO_SCHEMAS_DIR, else ./schemas).
    #[arg(long, value_name = "DIR")]
    schemas: Option<PathBuf>,
    /// Where to write the docs.
    #[arg(long, value_name = "DIR", default_value = "generated/docs")]
    out: PathBuf,
    /// Which docs to write.
    #[arg(long, value_enum, default_value_t = Format::Kazoo)]
    format: Format,
    /// A release for a multi-release book, as NAME=DIR; repeat it, oldest
    /// first (needs --format book; replaces --schemas).
    #[arg(long, value_name = "NAME=DIR", value_parser = parse_release, conflicts_with = "schemas")]
    release: Vec<(String, PathBuf)>,
}

/// `4.3=../schemas/4.3` → (`4.3`, `../schemas/4.3`).
fn parse_release(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((name, dir)) if !name.is_empty() && !dir.is_empty() => {
            Ok((name.to_string(), PathBuf::from(dir)))
        }
        _ => Err(format!("expected NAME=DIR, got {s:?}")),
    }
}

/// Generates the docs in memory, then writes them; on any error nothing is
/// written and the exit code is 2.
pub fn run(args: Args) -> ExitCode {
    if !args.release.is_empty() {
        return run_releases(args);
    }
    let start = std::time::Instant::now();
    let (format, name) = match args.format {
        Format::Kazoo => (DocsFormat::Kazoo, "kazoo"),
        Format::Book => (DocsFormat::Book, "book"),
    };
    let config =
        kazoo_callflows_codegen::Config::new().schemas_dir(crate::schemas_dir(args.schemas));
    let result = config.generate().and_then(|g| {
        let files = g.docs_files(format)?;
        write_files(&args.out, &files)?;
        Ok((g, files.len()))
    });
    match result {
        Ok((g, count)) => {
            for w in g.warnings() {
                eprintln!("warning: {w}");
            }
            println!(
                "docs ({name}): {count} files for {} modules into {} in {} ms",
                g.space().modules.len(),
                args.out.display(),
                start.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The multi-release book: checks the release list, builds everything in
/// memory, then writes.
fn run_releases(args: Args) -> ExitCode {
    let start = std::time::Instant::now();
    if !matches!(args.format, Format::Book) {
        eprintln!("error: --release builds a book; add --format book");
        return ExitCode::from(2);
    }
    let mut seen = std::collections::BTreeSet::new();
    for (name, _) in &args.release {
        if !seen.insert(name) {
            eprintln!("error: release {name:?} is given twice");
            return ExitCode::from(2);
        }
    }
    let result = kazoo_callflows_codegen::release_book_files(&args.release)
        .and_then(|files| write_files(&args.out, &files).map(|()| files));
    match result {
        Ok(files) => {
            let count = files.len();
            let modules = files
                .iter()
                .filter(|(path, _)| path.starts_with("src/modules/"))
                .count();
            println!(
                "docs (book, {} releases): {count} files for {modules} modules into {} in {} ms",
                args.release.len(),
                args.out.display(),
                start.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
