//! `schemars::JsonSchema` for the hand-written runtime types ([`Flow`](crate::Flow) and
//! [`Metaflow`](crate::Metaflow) nodes, their [`Children`], [`Action`],
//! [`MetaflowAction`], [`RawAction`]); the generated types derive theirs
//! (feature `schemars`).
//!
//! The schemas describe what the types read, which is lossless: a node is
//! an object with a `module` string; its `data` and its `children` entries
//! that are not nodes are kept as they came. Each module's data type
//! (`actions::RingGroup`, …) has its own derived schema. One difference: a
//! `children` member that is not an object is kept by the reader (in
//! [`Node::extra`]) but the schema requires an object there.

use crate::{Action, Children, MetaflowAction, Node, NodeAction, RawAction};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;

/// The schema names of a node kind's types.
trait NodeSchemaNames {
    /// The node type's name (`Flow`).
    const NODE: &'static str;
    /// The children type's name (`Children`).
    const CHILDREN: &'static str;
}

impl NodeSchemaNames for Action {
    const NODE: &'static str = "Flow";
    const CHILDREN: &'static str = "Children";
}

impl NodeSchemaNames for MetaflowAction {
    const NODE: &'static str = "Metaflow";
    const CHILDREN: &'static str = "MetaflowChildren";
}

impl<A: NodeAction + NodeSchemaNames + JsonSchema> JsonSchema for Node<A> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed(A::NODE)
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(format!("kazoo_callflows::{}", A::NODE))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let action = generator.subschema_for::<A>();
        let children = generator.subschema_for::<Children<A>>();
        let description = format!(
            "One {}: a module, its data, and the next nodes by branch key.",
            A::NODE_KIND
        );
        json_schema!({
            "description": description,
            "allOf": [action],
            "properties": {
                "children": children
            }
        })
    }
}

impl<A: NodeAction + NodeSchemaNames + JsonSchema> JsonSchema for Children<A> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed(A::CHILDREN)
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(format!("kazoo_callflows::{}", A::CHILDREN))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let flow = generator.subschema_for::<Node<A>>();
        json_schema!({
            "description": "Branch key (\"_\" for the next step, menu digits, \"timeout\", …) → next node. Entries that are not nodes are kept as they came.",
            "type": "object",
            "additionalProperties": {
                "anyOf": [flow, true]
            }
        })
    }
}

impl JsonSchema for Action {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Action")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("kazoo_callflows::Action")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A node's module and its data. The data of each known module has the schema of that module's type; other modules are kept as they came.",
            "type": "object",
            "required": ["module"],
            "properties": {
                "module": {
                    "description": "The callflow module to run.",
                    "type": "string",
                    "examples": Action::MODULES
                },
                "data": {
                    "description": "The module's data."
                }
            }
        })
    }
}

impl JsonSchema for MetaflowAction {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("MetaflowAction")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("kazoo_callflows::MetaflowAction")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A metaflow node's module and its data. The data of each known metaflow module has the schema of that module's type; other modules are kept as they came.",
            "type": "object",
            "required": ["module"],
            "properties": {
                "module": {
                    "description": "The metaflow module to run.",
                    "type": "string",
                    "examples": MetaflowAction::MODULES
                },
                "data": {
                    "description": "The module's data."
                }
            }
        })
    }
}

impl JsonSchema for RawAction {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("RawAction")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("kazoo_callflows::RawAction")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A node's module and data, untyped.",
            "type": "object",
            "required": ["module"],
            "properties": {
                "module": { "type": "string" },
                "data": {}
            }
        })
    }
}
