//! Kinds of input (callflow document, Crossbar envelope, node) and the raw
//! entry points: a document, a node, a module's data, or whichever of them
//! a value is.

use crate::validate::{Collector, Loc, Options, ValidationErrors, generated};
use serde_json::Value;
use std::fmt;

/// What a JSON value is, as far as validation is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A callflow document: an object with `flow`.
    Document,
    /// A Crossbar API envelope: `{"data": {<callflow document>}}`.
    Envelope,
    /// A callflow node: an object with `module`.
    Node,
}

impl InputKind {
    /// Tells the kind of `v`: an object with `module` is a node, one with
    /// `flow` a document, and one whose `data` is an object (and that has
    /// neither) a Crossbar envelope.
    pub fn detect(v: &Value) -> Result<InputKind, NotACallflow> {
        let Value::Object(m) = v else {
            return Err(NotACallflow {
                found: crate::validate::messages::show(v),
            });
        };
        if m.contains_key("module") {
            Ok(InputKind::Node)
        } else if m.contains_key("flow") {
            Ok(InputKind::Document)
        } else if matches!(m.get("data"), Some(Value::Object(_))) {
            Ok(InputKind::Envelope)
        } else {
            Err(NotACallflow {
                found: String::from("an object without \"flow\", \"module\" or \"data\""),
            })
        }
    }
}

/// A value that is neither a callflow document, a Crossbar envelope nor a
/// node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotACallflow {
    found: String,
}

impl fmt::Display for NotACallflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a callflow: expected a callflow document (an object with \"flow\"), \
             a Crossbar envelope ({{\"data\": {{...}}}}) or a node (an object with \"module\"), \
             found {}",
            self.found
        )
    }
}

impl std::error::Error for NotACallflow {}

impl Options {
    /// Validates a callflow document (`callflows.json`, every node of its
    /// `flow` with its module's data).
    #[inline]
    pub fn document(&self, v: &Value) -> Result<(), ValidationErrors> {
        let mut c = Collector::new(self);
        generated::document(v, &Loc::root(), &mut c);
        c.finish().into_result()
    }

    /// Validates a callflow node (`callflows.action`, the node's data
    /// against its module's schema, and its children).
    #[inline]
    pub fn node(&self, v: &Value) -> Result<(), ValidationErrors> {
        let mut c = Collector::new(self);
        generated::node(v, &Loc::root(), &mut c);
        c.finish().into_result()
    }

    /// Validates `data` against module `module`'s schema
    /// (`callflows.<module>`). An unknown module is one error, at `""`.
    pub fn module_data(&self, module: &str, data: &Value) -> Result<(), ValidationErrors> {
        let mut c = Collector::new(self);
        let at = Loc::root();
        if !generated::module_data(module, data, &at, &mut c) {
            crate::private::keywords::unknown_module(
                &mut c,
                &at,
                generated::MODULE_SCHEMA_PATH,
                module,
            );
        }
        c.finish().into_result()
    }

    /// Validates `v` as whatever [`InputKind`] it is; an envelope's
    /// document is validated at `/data`. The errors are empty when `v` is
    /// valid.
    pub fn input(&self, v: &Value) -> Result<(InputKind, ValidationErrors), NotACallflow> {
        let kind = InputKind::detect(v)?;
        let mut c = Collector::new(self);
        let root = Loc::root();
        match (kind, v) {
            (InputKind::Node, _) => generated::node(v, &root, &mut c),
            (InputKind::Document, _) => generated::document(v, &root, &mut c),
            (InputKind::Envelope, Value::Object(m)) => {
                if let Some(doc) = m.get("data") {
                    generated::document(doc, &root.key("data"), &mut c);
                }
            }
            (InputKind::Envelope, _) => {}
        }
        Ok((kind, c.finish()))
    }
}

/// [`Options::document`] with default options.
#[inline]
pub fn document(v: &Value) -> Result<(), ValidationErrors> {
    Options::default().document(v)
}

/// [`Options::node`] with default options.
#[inline]
pub fn node(v: &Value) -> Result<(), ValidationErrors> {
    Options::default().node(v)
}

/// [`Options::module_data`] with default options.
pub fn module_data(module: &str, data: &Value) -> Result<(), ValidationErrors> {
    Options::default().module_data(module, data)
}

/// The callflow module closest to `module` (a likely typo), for messages.
pub fn closest_module(module: &str) -> Option<&'static str> {
    crate::validate::suggest::closest(module, crate::Action::MODULES.iter().copied())
}
