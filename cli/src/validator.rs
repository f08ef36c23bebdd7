//! What `validate` checks inputs with: the validators compiled into this
//! binary, or (`--schemas DIR`) a schema directory read at run time and
//! interpreted (`kazoo_callflows::interpret`), with the same semantics and
//! messages. The rest of the command sees only [`Validator`].

use kazoo_callflows::Action;
use kazoo_callflows::interpret::Schemas;
use kazoo_callflows::validate::{self, InputKind, NotACallflow, Options, ValidationErrors};
use std::path::Path;

/// The schemas inputs are validated against.
pub enum Validator {
    /// The schemas this binary was built from.
    Compiled(Options),
    /// A directory loaded at run time.
    Interpreted(Box<Schemas>),
}

impl Validator {
    /// The compiled validators, or with `dir` the interpreted ones; a
    /// directory that cannot be loaded gives `generate`'s error message.
    pub fn new(dir: Option<&Path>, options: Options) -> Result<Validator, String> {
        match dir {
            None => Ok(Validator::Compiled(options)),
            Some(dir) => Schemas::load(dir)
                .map(|s| Validator::Interpreted(Box::new(s.with_options(options))))
                .map_err(|e| e.to_string()),
        }
    }

    /// Validates `v` as whatever callflow input it is.
    pub fn input(
        &self,
        v: &serde_json::Value,
    ) -> Result<(InputKind, ValidationErrors), NotACallflow> {
        match self {
            Validator::Compiled(o) => o.input(v),
            Validator::Interpreted(s) => s.input(v),
        }
    }

    /// Validates the bare data of `module`.
    pub fn module_data(
        &self,
        module: &str,
        data: &serde_json::Value,
    ) -> Result<(), ValidationErrors> {
        match self {
            Validator::Compiled(o) => o.module_data(module, data),
            Validator::Interpreted(s) => s.module_data(module, data),
        }
    }

    /// Whether the schemas define `module`.
    pub fn is_known_module(&self, module: &str) -> bool {
        match self {
            Validator::Compiled(_) => Action::is_known_module(module),
            Validator::Interpreted(s) => s.is_known_module(module),
        }
    }

    /// The module closest to `module` (a likely typo).
    pub fn closest_module(&self, module: &str) -> Option<&str> {
        match self {
            Validator::Compiled(_) => validate::closest_module(module),
            Validator::Interpreted(s) => s.closest_module(module),
        }
    }
}
