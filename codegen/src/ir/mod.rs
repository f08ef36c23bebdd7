//! The intermediate model between loading and emission: the resolved
//! schemas ([`schema`]) and the Rust type plan derived from them
//! ([`types`]).

pub mod schema;
pub mod types;
