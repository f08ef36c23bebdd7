//! [`RawAction`]: a node's module and data kept exactly as they came, for
//! modules no schema knows and data that does not fit its module's type.

use crate::{Action, ParseError};
use serde_json::Value;

/// A node's module and `data`, untyped (the `Other` variant of
/// [`Action`] and of [`MetaflowAction`](crate::MetaflowAction)).
///
/// Kazoo skips nodes whose module it does not know at call time, and
/// rejects data that breaks the module's schema; keeping both here means
/// reading and writing a callflow never changes it, and validation can say
/// what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAction {
    /// The module name as written.
    pub module: String,
    /// The `data` member, or `None` when the node has none.
    pub data: Option<Value>,
}

impl RawAction {
    /// A raw action with `data`.
    pub fn new(module: impl Into<String>, data: Value) -> Self {
        RawAction {
            module: module.into(),
            data: Some(data),
        }
    }

    /// Whether a callflow schema defines this module (then the data did not
    /// fit it); for a metaflow node's action, see
    /// [`MetaflowAction::is_known_module`](crate::MetaflowAction::is_known_module).
    pub fn is_known_module(&self) -> bool {
        Action::is_known_module(&self.module)
    }

    /// Why the data does not fit the callflow module's type, with the path
    /// inside `data` (`None` for unknown modules, missing data, or data that
    /// fits); for any node, [`NodeAction::data_type_error`](crate::NodeAction::data_type_error).
    pub fn type_error(&self) -> Option<ParseError> {
        Action::data_error(&self.module, self.data.as_ref()?)
    }
}
