//! Validation against Kazoo's schemas, compiled: the build script generates
//! one Rust function per schema node (`OUT_DIR/validators.rs`), so nothing
//! interprets a schema at run time. (To validate against another schema
//! directory without rebuilding, the `runtime-schemas` feature's
//! `interpret` module interprets the same IR, with the same results.)
//!
//! Draft-04 semantics for every keyword the callflow schemas use, plus
//! Kazoo's own rules (`kazoo-validation`): a node's `module` must name a
//! callflow schema, its `data` is checked against `callflows.<module>`,
//! and children are nodes too; metaflow nodes likewise against
//! `metaflows.<module>`; and the URLs Kazoo calls (pivot `voice_url`,
//! webhook `uri`, recording `url`) must pass its client-URL rule
//! ([`ClientBlacklist`], set on [`Options`]). Every error is
//! reported, each with an RFC 6901 pointer, the schema location, the
//! keyword and a sentence:
//!
//! ```
//! use kazoo_callflows::validate;
//! use serde_json::json;
//!
//! let node = json!({"module": "resource", "data": {"use_local_resources": "false"}});
//! let errors = validate::node(&node).unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     r#"/module: unknown module "resource"; did you mean "resources"? (kazoo-validation)"#
//! );
//! ```
//!
//! Typed values validate without becoming JSON first, through
//! [`Validate`]:
//!
//! ```
//! use kazoo_callflows::actions::{RingGroup, RingGroupEndpoint, RingGroupEndpointEndpointType};
//! use kazoo_callflows::{Flow, Validate};
//!
//! let endpoint = RingGroupEndpoint::new(RingGroupEndpointEndpointType::Device, "");
//! let flow = Flow::new(RingGroup::new([endpoint]).with_repeats(0));
//! let errors = flow.validate().unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     "/data/endpoints/0/id: \"\" has 0 characters, fewer than the minimum 1 (minLength)\n\
//!      /data/repeats: 0 is less than the minimum 1 (minimum)"
//! );
//! ```

pub(crate) mod client_url;
mod error;
pub(crate) mod formats;
pub(crate) mod generated;
mod input;
pub(crate) mod json_eq;
pub(crate) mod location;
pub(crate) mod messages;
pub(crate) mod numbers;
pub(crate) mod patterns;
pub(crate) mod sink;
pub(crate) mod suggest;

pub use client_url::{Cidr, ClientBlacklist};
pub use error::{ValidationError, ValidationErrors};
pub use input::{InputKind, NotACallflow, closest_module, document, module_data, node};
pub use location::Loc;
pub use sink::{Checker, Collector, Formats, Options, Sink};

/// Validation of a typed value against the schema node its type was
/// generated from; implemented by [`Flow`](crate::Flow),
/// [`Callflow`](crate::Callflow) and every generated type.
///
/// Agrees with raw validation: `x.validate()` reports exactly what
/// validating `serde_json::to_value(&x)` against the same schema reports.
pub trait Validate {
    /// Sends every error of `self`, located under `at`, to `sink`.
    fn validate_at<S: Sink>(&self, at: &Loc<'_>, sink: &mut S);

    /// Every error, with default [`Options`].
    fn validate(&self) -> Result<(), ValidationErrors> {
        self.validate_with(&Options::default())
    }

    /// Every error, with `options`.
    fn validate_with(&self, options: &Options) -> Result<(), ValidationErrors> {
        let mut c = Collector::new(options);
        self.validate_at(&Loc::root(), &mut c);
        c.finish().into_result()
    }
}
