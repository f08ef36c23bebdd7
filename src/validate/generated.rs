//! The validators generated from the schema directory at build time
//! (`OUT_DIR/validators.rs`): one function per schema node that constrains
//! anything, the typed `Validate` impls, and the module dispatch.

include!(concat!(env!("OUT_DIR"), "/validators.rs"));
