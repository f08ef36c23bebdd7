//! Reading and writing whole callflow documents ([`Callflow`]) and nodes
//! from JSON text, with errors that name the JSON path.

use crate::{Callflow, Flow, ParseError};
use serde::de::DeserializeOwned;

/// Parses `text` as `T`, naming the path of the first problem.
pub(crate) fn parse_text<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| ParseError::at_serde_path(e.path(), e.inner().to_string()))?;
    de.end().map_err(|e| ParseError::new("", e.to_string()))?;
    Ok(value)
}

impl Callflow {
    /// Reads a callflow document from JSON text, losslessly: nodes as
    /// [`Flow`] reads them, and a document member whose value does not fit
    /// its field's type is kept in the extra map (see
    /// [`Callflow::first_misfit`]). Fails only when the text is not JSON,
    /// not an object, or its `flow` is not a node.
    pub fn from_json(text: &str) -> Result<Callflow, ParseError> {
        parse_text(text)
    }

    /// Like [`Callflow::from_json`], and also requires every document
    /// member and every node of a known module to fit its type.
    pub fn from_json_strict(text: &str) -> Result<Callflow, ParseError> {
        let doc = Callflow::from_json(text)?;
        if let Some(e) = doc.first_misfit() {
            return Err(e);
        }
        if let Some(flow) = doc.flow_node() {
            flow.check_typed().map_err(|e| e.within("flow"))?;
        }
        Ok(doc)
    }

    /// The document as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// Access to the root node whether the schema makes `flow` required
/// (Kazoo 4.0) or optional (later releases).
pub trait FlowField {
    /// The root node, if the document has one.
    fn flow_node(&self) -> Option<&Flow>;
}

impl FlowField for Flow {
    fn flow_node(&self) -> Option<&Flow> {
        Some(self)
    }
}

impl FlowField for Option<Flow> {
    fn flow_node(&self) -> Option<&Flow> {
        self.as_ref()
    }
}

impl Callflow {
    /// The root node, if the document has one.
    pub fn flow_node(&self) -> Option<&Flow> {
        self.flow.flow_node()
    }
}
