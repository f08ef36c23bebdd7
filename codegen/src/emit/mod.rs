//! Emitters: each turns the IR into one kind of output. They read only the
//! IR ([`SchemaGraph`](crate::SchemaGraph) and
//! [`TypeSpace`](crate::TypeSpace)), never schema files.

pub mod docs;
pub mod editor_schema;
pub mod rust;
pub mod validators;
