//! `kazoo-callflows validate`: checks callflow documents, Crossbar
//! envelopes and nodes (or, with `--module`, a module's bare data) against
//! the schemas this binary was built from.
//!
//! Every input is read and parsed before anything is printed: unreadable
//! input or bad usage prints an error on stderr, nothing on stdout, and
//! exits 2. Otherwise text output is one line per error,
//! `FILE[:LINE]: <pointer>: <message> (<keyword>)`, and JSON output one line
//! per input, `{"valid": bool, "errors": [...]}`; the exit code is 0 when
//! every input is valid and 1 when any is not.

use kazoo_callflows::Action;
use kazoo_callflows::validate::{self, Formats, Options, ValidationError};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    /// `FILE[:LINE]: <pointer>: <message> (<keyword>)` per error.
    Text,
    /// `{"valid": bool, "errors": [...]}` per input.
    Json,
}

/// Format assertion modes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatsMode {
    /// Assert `email`, `date-time`, `ipv4` and `ipv6` as Kazoo does.
    Kazoo,
}

/// Arguments of `validate`.
#[derive(clap::Args)]
pub struct Args {
    /// Validate each input as the bare `data` of module NAME.
    #[arg(long, value_name = "NAME")]
    module: Option<String>,
    /// Every non-blank line of each input is one input.
    #[arg(long)]
    jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Assert `format` keywords (by default they are annotations).
    #[arg(long, value_enum, value_name = "MODE")]
    formats: Option<FormatsMode>,
    /// Input files; `-` (or none) reads standard input.
    #[arg(value_name = "FILE|-")]
    files: Vec<PathBuf>,
}

/// One input, parsed.
struct Input {
    /// `FILE` or `FILE:LINE`.
    label: String,
    value: Value,
}

/// The errors of one input (none: valid).
struct Verdict {
    /// `FILE` or `FILE:LINE`.
    label: String,
    errors: Vec<ValidationError>,
}

/// One line of `--format json`, members in the documented order.
#[derive(serde::Serialize)]
struct JsonLine<'a> {
    valid: bool,
    errors: &'a [ValidationError],
}

/// Why the command cannot judge its input.
struct BadInput(String);

/// Validates every input; see the module docs for output and exit codes.
pub fn run(args: Args) -> ExitCode {
    match judge(&args) {
        Ok(verdicts) => {
            if let Err(e) = print(&args, &verdicts) {
                eprintln!("error: writing output: {e}");
                return ExitCode::from(2);
            }
            let errors: usize = verdicts.iter().map(|v| v.errors.len()).sum();
            let invalid = verdicts.iter().filter(|v| !v.errors.is_empty()).count();
            eprintln!(
                "{} input(s): {} valid, {invalid} invalid, {errors} error(s)",
                verdicts.len(),
                verdicts.len() - invalid
            );
            if invalid == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(BadInput(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads, parses and validates everything, in input order.
fn judge(args: &Args) -> Result<Vec<Verdict>, BadInput> {
    if let Some(module) = &args.module
        && !Action::is_known_module(module)
    {
        let hint = validate::closest_module(module)
            .map(|m| format!("; did you mean {m:?}?"))
            .unwrap_or_default();
        return Err(BadInput(format!(
            "--module: unknown module {module:?}{hint}"
        )));
    }
    let options = Options {
        formats: match args.formats {
            Some(FormatsMode::Kazoo) => Formats::Kazoo,
            None => Formats::Annotate,
        },
    };
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let mut inputs = Vec::new();
    for file in &files {
        inputs.extend(read_inputs(file, args.jsonl)?);
    }
    let mut verdicts = Vec::with_capacity(inputs.len());
    for input in inputs {
        let result = match &args.module {
            Some(module) => options.module_data(module, &input.value),
            None => match options.input(&input.value) {
                Ok((_, errors)) => errors.into_result(),
                Err(e) => return Err(BadInput(format!("{}: {e}", input.label))),
            },
        };
        verdicts.push(Verdict {
            label: input.label,
            errors: result.err().map(|e| e.into_vec()).unwrap_or_default(),
        });
    }
    Ok(verdicts)
}

/// The inputs in `file` (`-` is standard input).
fn read_inputs(file: &PathBuf, jsonl: bool) -> Result<Vec<Input>, BadInput> {
    let stdin = file.as_os_str() == "-";
    let name = if stdin {
        String::from("<stdin>")
    } else {
        file.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if stdin {
        std::io::stdin().lock().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| BadInput(format!("{name}: cannot read: {e}")))?;
    if !jsonl {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(BadInput(format!(
                "{name}: empty input (expected a JSON value)"
            )));
        }
        let value = parse(&bytes).map_err(|e| BadInput(format!("{name}: {e}")))?;
        return Ok(vec![Input { label: name, value }]);
    }
    let mut inputs = Vec::new();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let label = format!("{name}:{}", i + 1);
        let value = parse(line).map_err(|e| BadInput(format!("{label}: {e}")))?;
        inputs.push(Input { label, value });
    }
    if inputs.is_empty() {
        return Err(BadInput(format!(
            "{name}: empty input (expected JSON lines)"
        )));
    }
    Ok(inputs)
}

/// Parses one JSON value, with a message saying where it is broken.
fn parse(bytes: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(bytes).map_err(|e| {
        let full = e.to_string();
        let what = match full.rfind(" at line ") {
            Some(i) => &full[..i],
            None => &full,
        };
        let hint = if what.contains("recursion limit") {
            " (nested deeper than 128 levels)"
        } else {
            ""
        };
        format!(
            "invalid JSON at line {}, column {}: {what}{hint}",
            e.line(),
            e.column()
        )
    })
}

fn print(args: &Args, verdicts: &[Verdict]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for Verdict { label, errors } in verdicts {
        match args.format {
            OutputFormat::Text => {
                for e in errors {
                    writeln!(
                        out,
                        "{label}: {}: {} ({})",
                        e.instance_path, e.message, e.keyword
                    )?;
                }
            }
            OutputFormat::Json => {
                let line = JsonLine {
                    valid: errors.is_empty(),
                    errors,
                };
                let text = serde_json::to_string(&line).map_err(std::io::Error::other)?;
                writeln!(out, "{text}")?;
            }
        }
    }
    out.flush()
}
