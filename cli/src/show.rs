//! `kazoo-callflows show FILE`: draws a callflow (document, Crossbar
//! envelope or node) as a text tree, a Mermaid flowchart or a Graphviz DOT
//! graph: node labels with the module and its key data, edges labelled
//! with the children keys, nodes with schema errors marked.
//!
//! Exit codes: 0 drawn (invalid nodes are marked, not refused), 2
//! unreadable input, not JSON (with line and column) or not a callflow;
//! nothing is printed on stdout then.

mod dot;
mod graph;
mod tree;

use kazoo_callflows::validate::{InputKind, Options};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// `--format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// An indented text tree.
    Tree,
    /// A Mermaid flowchart.
    Mermaid,
    /// A Graphviz digraph.
    Dot,
}

/// Arguments of `show`.
#[derive(clap::Args)]
pub struct Args {
    /// The callflow file; `-` reads standard input.
    #[arg(value_name = "FILE|-")]
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "tree")]
    format: Format,
}

pub fn run(args: Args) -> ExitCode {
    match draw(&args) {
        Ok(text) => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn draw(args: &Args) -> Result<String, String> {
    let is_stdin = args.file.as_os_str() == "-";
    let name = if is_stdin {
        String::from("<stdin>")
    } else {
        args.file.display().to_string()
    };
    let mut text = String::new();
    let read = if is_stdin {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(&args.file).map(|t| text = t)
    };
    read.map_err(|e| format!("{name}: {e}"))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{name}:{}:{}: not JSON: {e}", e.line(), e.column()))?;
    let (kind, errors) = Options::default()
        .input(&value)
        .map_err(|e| format!("{name}: {e}"))?;
    let (root, pointer) = match kind {
        InputKind::Node => (Some(&value), ""),
        InputKind::Document => (value.get("flow"), "/flow"),
        InputKind::Envelope => (value.get("data").and_then(|d| d.get("flow")), "/data/flow"),
    };
    let root = root
        .filter(|r| r.is_object())
        .ok_or_else(|| format!("{name}: {pointer}: no callflow node to draw"))?;
    let graph = graph::Graph::new(root, pointer, errors.into_vec());
    // Errors outside the flow (document members such as `numbers`) are
    // assigned to the root node.
    Ok(match args.format {
        Format::Tree => tree::render(&graph),
        Format::Mermaid => graph.diagram.mermaid(),
        Format::Dot => dot::render(&graph),
    })
}
