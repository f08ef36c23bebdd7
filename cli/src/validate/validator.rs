//! [`Validator`]: the one seam between `validate` and the schemas it checks
//! against. [`Compiled`] uses the validators generated at build time;
//! [`Schemas`] (`--schemas DIR`) interprets a schema directory read at run
//! time, with the same results; [`choose`] picks one.

use kazoo_callflows::Action;
use kazoo_callflows::interpret::Schemas;
use kazoo_callflows::validate::{self, NotACallflow, Options, ValidationErrors};
use serde_json::Value;
use std::path::Path;

/// What `validate` needs from a validator. Shared by the worker threads.
pub trait Validator: Sync {
    /// Validates `v` as whatever it is (a callflow document, a Crossbar
    /// envelope or a node); the errors are empty when it is valid.
    fn input(&self, v: &Value) -> Result<ValidationErrors, NotACallflow>;
    /// Validates `v` as a callflow document.
    fn document(&self, v: &Value) -> ValidationErrors;
    /// Validates `data` as the data of module `module`.
    fn module_data(&self, module: &str, data: &Value) -> ValidationErrors;
    /// Whether `module` has a schema.
    fn is_known_module(&self, module: &str) -> bool;
    /// The known module closest to `module` (a likely typo), for messages.
    fn closest_module(&self, module: &str) -> Option<String>;
}

/// The validators compiled into this binary.
pub struct Compiled {
    options: Options,
}

impl Compiled {
    /// The compiled validators, run with `options`.
    pub fn new(options: Options) -> Compiled {
        Compiled { options }
    }
}

impl Validator for Compiled {
    fn input(&self, v: &Value) -> Result<ValidationErrors, NotACallflow> {
        self.options.input(v).map(|(_, errors)| errors)
    }

    fn document(&self, v: &Value) -> ValidationErrors {
        self.options.document(v).err().unwrap_or_default()
    }

    fn module_data(&self, module: &str, data: &Value) -> ValidationErrors {
        self.options
            .module_data(module, data)
            .err()
            .unwrap_or_default()
    }

    fn is_known_module(&self, module: &str) -> bool {
        Action::is_known_module(module)
    }

    fn closest_module(&self, module: &str) -> Option<String> {
        validate::closest_module(module).map(str::to_string)
    }
}

/// A schema directory read at run time (`--schemas DIR`), interpreted.
impl Validator for Schemas {
    fn input(&self, v: &Value) -> Result<ValidationErrors, NotACallflow> {
        Schemas::input(self, v).map(|(_, errors)| errors)
    }

    fn document(&self, v: &Value) -> ValidationErrors {
        Schemas::document(self, v).err().unwrap_or_default()
    }

    fn module_data(&self, module: &str, data: &Value) -> ValidationErrors {
        Schemas::module_data(self, module, data)
            .err()
            .unwrap_or_default()
    }

    fn is_known_module(&self, module: &str) -> bool {
        Schemas::is_known_module(self, module)
    }

    fn closest_module(&self, module: &str) -> Option<String> {
        Schemas::closest_module(self, module).map(str::to_string)
    }
}

/// The validator a run uses, with `options`: the compiled one, or with
/// `schemas` that directory, interpreted. A directory that cannot be
/// loaded gives `generate`'s error message.
pub fn choose(schemas: Option<&Path>, options: Options) -> Result<Box<dyn Validator>, String> {
    match schemas {
        None => Ok(Box::new(Compiled::new(options))),
        Some(dir) => Schemas::load(dir)
            .map(|s| Box::new(s.with_options(options)) as Box<dyn Validator>)
            .map_err(|e| e.to_string()),
    }
}
