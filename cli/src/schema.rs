//! `kazoo-callflows schema`: writes the self-contained draft-07 JSON Schema
//! for editors (a callflow document, a single node, or a Crossbar envelope;
//! see `kazoo_callflows_codegen::EditorSchemaShape`) and prints
//! `schema (<shape>): N bytes, M modules into FILE in X ms`. `--out -`
//! writes the schema to standard output and the summary to standard error.

use kazoo_callflows_codegen::EditorSchemaShape as BundleShape;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What the schema's root describes.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Shape {
    /// A callflow document (`{"flow": …, "numbers": […]}`).
    Document,
    /// A single callflow node (`{"module", "data", "children"}`).
    Node,
    /// A Crossbar API envelope (`{"data": <callflow document>}`).
    Envelope,
}

/// Arguments of `schema`.
#[derive(clap::Args)]
pub struct Args {
    /// The Kazoo schema directory (default: $KAZOO_SCHEMAS_DIR, else ./schemas).
    #[arg(long, value_name = "DIR")]
    schemas: Option<PathBuf>,
    /// The file to write; `-` for standard output.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "generated/callflows.schema.json"
    )]
    out: PathBuf,
    /// What the schema describes.
    #[arg(long, value_enum, default_value_t = Shape::Document)]
    shape: Shape,
}

/// Generates the schema in memory, then writes it; on any error nothing is
/// written and the exit code is 2.
pub fn run(args: Args) -> ExitCode {
    let start = std::time::Instant::now();
    let shape = match args.shape {
        Shape::Document => BundleShape::Document,
        Shape::Node => BundleShape::Node,
        Shape::Envelope => BundleShape::Envelope,
    };
    let config =
        kazoo_callflows_codegen::Config::new().schemas_dir(crate::schemas_dir(args.schemas));
    let to_stdout = args.out.as_os_str() == "-";
    let result = config.generate().and_then(|g| {
        let text = g.editor_schema(shape)?;
        if !to_stdout {
            write(&args.out, &text)?;
        }
        Ok((g, text))
    });
    let (g, text) = match result {
        Ok(done) => done,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for w in g.warnings() {
        eprintln!("warning: {w}");
    }
    let summary = format!(
        "schema ({shape}): {} bytes, {} modules into {} in {} ms",
        text.len(),
        g.space().modules.len(),
        if to_stdout {
            String::from("standard output")
        } else {
            args.out.display().to_string()
        },
        start.elapsed().as_millis()
    );
    if to_stdout {
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            eprintln!("error: standard output: {e}");
            return ExitCode::from(2);
        }
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
    ExitCode::SUCCESS
}

/// Writes `text` to `path` through a temporary file and a rename.
fn write(path: &Path, text: &str) -> kazoo_callflows_codegen::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| kazoo_callflows_codegen::ErrorKind::Write {
            file: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        })?;
    kazoo_callflows_codegen::write_files(dir, &[(name.as_str(), text)])
}
