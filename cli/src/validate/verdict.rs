//! [`judge`]: one [`Record`] in, one [`Verdict`] out — parse, pick what to
//! validate, validate, and locate each error (pointer, line and column,
//! module). Runs on the worker threads.
//!
//! A record that is not JSON is a verdict too: invalid, with one error of
//! keyword `json` at the place the parser stopped. A record that is JSON
//! but not a callflow (with no `--module`) is invalid with one error of
//! keyword `input`.

use super::record::{Body, Origin, Record, Unit};
use super::spans;
use super::validator::Validator;
use kazoo_callflows::validate::{ValidationError, ValidationErrors};
use serde_json::Value;

/// One error, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The error (pointer relative to the validated value).
    pub error: ValidationError,
    /// Line and column (characters) of the offending value: in the file
    /// for file records, in the record's text otherwise; `None` when the
    /// record was no text.
    pub position: Option<(u64, u64)>,
    /// The module of the node the error is in, if any (for the summary).
    pub module: Option<String>,
}

/// What became of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not a callflow document, in a CouchDB shape: not checked.
    Skipped,
    /// Checked: valid when there are no findings.
    Checked(Vec<Finding>),
}

/// The verdict on one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Where the record came from.
    pub origin: Origin,
    /// The CouchDB document's `_id`, for CouchDB shapes.
    pub id: Option<String>,
    /// What became of it.
    pub outcome: Outcome,
}

/// Judges `record` with `validator`; `module` is `--module`'s name.
pub fn judge(record: Record, validator: &dyn Validator, module: Option<&str>) -> Verdict {
    let Record { origin, body, unit } = record;
    let (value, text) = match body {
        Body::Text(text) => match parse(&text) {
            Ok(v) => (v, Some(text)),
            Err(e) => {
                let finding = broken(&origin, &text, &e);
                return Verdict {
                    origin,
                    id: None,
                    outcome: Outcome::Checked(vec![finding]),
                };
            }
        },
        Body::Value(v) => (v, None),
    };
    let doc = match unit {
        Unit::Input => Some(&value),
        Unit::CouchDoc => Some(&value).filter(|d| is_callflow_doc(d)),
        Unit::CouchRow => value.get("doc").filter(|d| is_callflow_doc(d)),
    };
    let Some(doc) = doc else {
        let id = value
            .get("doc")
            .unwrap_or(&value)
            .get("_id")
            .and_then(Value::as_str);
        return Verdict {
            id: id.map(str::to_string),
            origin,
            outcome: Outcome::Skipped,
        };
    };
    let errors: ValidationErrors = match (unit, module) {
        (Unit::Input, Some(m)) => validator.module_data(m, doc),
        (Unit::Input, None) => match validator.input(doc) {
            Ok(errors) => errors,
            Err(not) => ValidationErrors::new(vec![ValidationError {
                instance_path: String::new(),
                schema_path: String::new(),
                keyword: String::from("input"),
                message: not.to_string(),
            }]),
        },
        (Unit::CouchDoc | Unit::CouchRow, _) => validator.document(doc),
    };
    let id = match unit {
        Unit::Input => None,
        Unit::CouchDoc | Unit::CouchRow => {
            doc.get("_id").and_then(Value::as_str).map(str::to_string)
        }
    };
    let findings = locate(&origin, text.as_deref(), unit, doc, module, errors);
    Verdict {
        origin,
        id,
        outcome: Outcome::Checked(findings),
    }
}

/// Parses a record's text: UTF-8 checked once for the whole text, then
/// parsed as a `str` (faster than checking string by string); text that is
/// not UTF-8 is parsed as bytes, for the parser's error and position.
fn parse(text: &[u8]) -> Result<Value, serde_json::Error> {
    match std::str::from_utf8(text) {
        Ok(s) => serde_json::from_str(s),
        Err(_) => serde_json::from_slice(text),
    }
}

/// Whether a CouchDB document is a callflow: `"pvt_type": "callflow"`, or a
/// `flow` member.
pub fn is_callflow_doc(doc: &Value) -> bool {
    doc.get("pvt_type").and_then(Value::as_str) == Some("callflow") || doc.get("flow").is_some()
}

/// Line, column and module of each error.
fn locate(
    origin: &Origin,
    text: Option<&[u8]>,
    unit: Unit,
    doc: &Value,
    module: Option<&str>,
    errors: ValidationErrors,
) -> Vec<Finding> {
    let errors = errors.into_vec();
    let positions: Vec<Option<(u64, u64)>> = match text {
        None => vec![None; errors.len()],
        Some(text) => {
            let prefix = unit.pointer_prefix();
            let pointers: Vec<String> = errors
                .iter()
                .map(|e| format!("{prefix}{}", e.instance_path))
                .collect();
            let offsets = spans::offsets(text, &pointers);
            let found: Vec<usize> = offsets.iter().flatten().copied().collect();
            let mut places = spans::line_columns(text, &found).into_iter();
            offsets
                .iter()
                .map(|o| {
                    o.and_then(|_| places.next())
                        .map(|p| spans::in_file(origin.start(), p))
                })
                .collect()
        }
    };
    errors
        .into_iter()
        .zip(positions)
        .map(|(error, position)| Finding {
            module: match module {
                Some(m) => Some(m.to_string()),
                None => module_at(doc, &error.instance_path),
            },
            error,
            position,
        })
        .collect()
}

/// The module of the innermost node (an object with a string `module`) on
/// the way to `pointer` in `doc`.
fn module_at(doc: &Value, pointer: &str) -> Option<String> {
    let module_of = |v: &Value| v.get("module").and_then(Value::as_str).map(str::to_string);
    let mut here = doc;
    let mut found = module_of(here);
    for token in spans::tokens(pointer) {
        let next = match here {
            Value::Object(m) => m.get(&*token),
            Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        };
        let Some(next) = next else { break };
        here = next;
        if let Some(m) = module_of(here) {
            found = Some(m);
        }
    }
    found
}

/// The verdict's one error for text that is not JSON.
fn broken(origin: &Origin, text: &[u8], e: &serde_json::Error) -> Finding {
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
    let offset = spans::offset_of(text, e.line(), e.column());
    let place = spans::line_columns(text, &[offset])[0];
    Finding {
        error: ValidationError {
            instance_path: String::new(),
            schema_path: String::new(),
            keyword: String::from("json"),
            message: format!("invalid JSON: {what}{hint}"),
        },
        position: Some(spans::in_file(origin.start(), place)),
        module: None,
    }
}
