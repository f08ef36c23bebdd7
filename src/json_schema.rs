//! `schemars::JsonSchema` for the hand-written runtime types ([`Flow`],
//! [`Children`], [`Action`], [`RawAction`]); the generated types derive
//! theirs (feature `schemars`).
//!
//! The schemas describe what the types read, which is lossless: a node is
//! an object with a `module` string; its `data` and its `children` entries
//! that are not nodes are kept as they came. Each module's data type
//! (`actions::RingGroup`, …) has its own derived schema. One difference: a
//! `children` member that is not an object is kept by the reader (in
//! [`Flow::extra`]) but the schema requires an object there.

use crate::{Action, Children, Flow, RawAction};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;

impl JsonSchema for Flow {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Flow")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("kazoo_callflows::Flow")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let action = generator.subschema_for::<Action>();
        let children = generator.subschema_for::<Children>();
        json_schema!({
            "description": "One callflow node: a module, its data, and the next nodes by branch key.",
            "allOf": [action],
            "properties": {
                "children": children
            }
        })
    }
}

impl JsonSchema for Children {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Children")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("kazoo_callflows::Children")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let flow = generator.subschema_for::<Flow>();
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
