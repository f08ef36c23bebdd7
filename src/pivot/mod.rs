//! The pivot layer: typed requests from Kazoo ([`PivotRequest`]) and typed,
//! checked responses to it ([`PivotResponse`], [`check`]).
//!
//! A callflow's `pivot` node makes Kazoo call a web server (its
//! `voice_url`) with what it knows about the call, and run the callflow
//! node the server answers with. This module is what such a server needs:
//!
//! ```
//! use kazoo_callflows::{Flow, actions::Tts, pivot::{PivotRequest, PivotResponse}};
//!
//! fn greet(req: &PivotRequest) -> PivotResponse {
//!     let name = req
//!         .caller_id_name
//!         .as_deref()
//!         .and_then(|n| n.split_whitespace().next())
//!         .unwrap_or("there");
//!     let flow = Flow::new(Tts::new(format!("Hi {name}")));
//!     PivotResponse::checked(flow, |errors| {
//!         eprintln!("invalid pivot response, sending the fallback: {errors}");
//!         Flow::new(Tts::new("Sorry, something went wrong."))
//!     })
//! }
//!
//! let req = PivotRequest::from_query("Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa")?;
//! assert_eq!(
//!     greet(&req).body(),
//!     r#"{"module":"tts","data":{"text":"Hi José"}}"#.as_bytes()
//! );
//! # Ok::<(), kazoo_callflows::pivot::RequestError>(())
//! ```
//!
//! How Kazoo sends the request (Kazoo master, `applications/pivot/src/
//! pivot_call.erl`): `init/3` reads the node's `method` through
//! `kzt_util:http_method/1` (GET or POST; anything else is POST; no
//! `method` at all is GET, the default `init/3` passes) and its
//! `req_body_format` (`form` unless `json`); `send_req/7` sends GET with
//! the fields in the query string (`uri/2` appends them with `&` when the
//! `voice_url` already has a query) and POST with a body encoded by
//! `format_request/2` (`kz_http_util:json_to_querystring/1` for form,
//! `kz_json:encode/1` for JSON) and the `Content-Type` of
//! `req_content_type/1`. [`PivotRequest::from_http`] reads all three.
//!
//! The client side is here too: [`PivotRequest::to_http`] builds the
//! [`ClientRequest`] Kazoo would send (the inverse of
//! [`PivotRequest::from_http`]), and [`emulate::emulate`] plays a whole call
//! against a pivot server through a [`Transport`](emulate::Transport) you
//! supply.
//!
//! With the `axum` feature, [`PivotRequest`] is an axum extractor and
//! [`PivotResponse`] an axum response; `examples/pivot_server/` is a whole
//! server.

#[cfg(feature = "axum")]
mod axum;
mod client;
mod digits;
pub mod emulate;
mod error;
mod field_values;
pub mod form;
pub mod querystring;
mod request;
mod response;

pub use client::{ClientRequest, HttpMethod, RequestFormat, with_query};
pub use digits::{DEFAULT_COLLECTION, Digits};
pub use error::RequestError;
pub use request::{BodyFormat, PivotRequest};
pub use response::{PivotResponse, check, check_with};
