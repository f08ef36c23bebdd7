//! [`Validator`]: the one seam between `validate` and the schemas it checks
//! against. [`Compiled`] uses the validators generated at build time; a
//! run-time validator (`--schemas DIR`) implements the same trait and is
//! chosen in [`choose`].

use kazoo_callflows::Action;
use kazoo_callflows::validate::{self, NotACallflow, Options, ValidationErrors};
use serde_json::Value;

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

/// The validator a run uses: the compiled one, with `options`. (A
/// `--schemas DIR` run-time validator is chosen here too.)
pub fn choose(options: Options) -> Box<dyn Validator> {
    Box::new(Compiled::new(options))
}
