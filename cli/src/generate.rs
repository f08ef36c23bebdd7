//! `kazoo-callflows generate`: writes the Rust generated from a schema
//! directory and prints `schemas: N  modules: M  types: T  in X ms`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `generate`.
#[derive(clap::Args)]
pub struct Args {
    /// The Kazoo schema directory (default: $KAZOO_SCHEMAS_DIR, else ./schemas).
    #[arg(long, value_name = "DIR")]
    schemas: Option<PathBuf>,
    /// Where to write the generated Rust.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    out: PathBuf,
}

/// Generates everything in memory, then writes; on any error nothing is
/// written and the exit code is 2.
pub fn run(args: Args) -> ExitCode {
    let config =
        kazoo_callflows_codegen::Config::new().schemas_dir(crate::schemas_dir(args.schemas));
    let result = config
        .generate()
        .and_then(|g| g.write_rust(&args.out).map(|()| g));
    match result {
        Ok(g) => {
            for w in &g.graph.warnings {
                eprintln!("warning: {w}");
            }
            println!("{}", g.summary());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
