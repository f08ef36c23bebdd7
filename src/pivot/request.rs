//! [`PivotRequest`]: the fields Kazoo sends to a pivot server, typed, read
//! from a GET query string, a form body or a JSON body; [`BodyFormat`], how
//! a POST body is encoded.
//!
//! The field list is `kzt_kazoo:req_params/1`
//! (`core/kazoo_translator/src/converters/kzt_kazoo.erl`): `Call-ID`,
//! `Account-ID`, `From`, `From-Realm`, `To`, `To-Realm`, `Request`,
//! `Request-Realm`, `Call-Status`, `Api-Version` (`"4.x"`), `Direction`
//! (`"inbound"`), `Caller-ID-Name`, `Caller-ID-Number`, `User-ID` (one owner
//! id as a value, several as a list), `Language`, `Recording-Url`,
//! `Recording-Duration` (an integer), `Recording-ID`, `Digits`,
//! `Transcription-ID`, `-Text`, `-Status` and `-Url`; fields without a value
//! are left out (`props:filter_undefined`). `pivot_call:send_req/7`
//! (`applications/pivot/src/pivot_call.erl`) merges in the call's user
//! variables (`kzt_translator:get_user_vars/1`: `RecordingUrl`,
//! `DialCallStatus`, …), which land in [`PivotRequest::extra`], as does
//! anything else: unknown fields are kept. `Custom-Application-Vars` and
//! `Custom-SIP-Headers` (in `req_params/1` on Kazoo master) are the call's
//! custom application variables and SIP headers
//! (`kapps_call:custom_application_vars/1`, `custom_sip_headers/1`), read
//! as maps when present.

use super::digits::{self, Digits};
use super::{RequestError, field_values, form};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What Kazoo sends to a pivot server's `voice_url`.
///
/// Every field may be absent. Read one with [`PivotRequest::from_http`]
/// (what a server framework hands you), or [`PivotRequest::from_query`],
/// [`PivotRequest::from_form`], [`PivotRequest::from_json`].
///
/// ```
/// use kazoo_callflows::pivot::PivotRequest;
///
/// let req = PivotRequest::from_query(
///     "Call-ID=abc&Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa&Digits[custom_name]=1234&User-ID[]=u1&User-ID[]=u2",
/// )?;
/// assert_eq!(req.caller_id_name.as_deref(), Some("José García"));
/// assert_eq!(req.digits.as_ref().and_then(|d| d.collected("custom_name")), Some("1234"));
/// assert_eq!(req.user_id, ["u1", "u2"]);
/// # Ok::<(), kazoo_callflows::pivot::RequestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PivotRequest {
    /// The account receiving the call.
    #[serde(
        rename = "Account-ID",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// The version of Kazoo's pivot API (`"4.x"`).
    #[serde(
        rename = "Api-Version",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// The call's unique id.
    #[serde(rename = "Call-ID", default, deserialize_with = "field_values::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// The status of the call.
    #[serde(
        rename = "Call-Status",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_status: Option<String>,
    /// The caller's name.
    #[serde(
        rename = "Caller-ID-Name",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller_id_name: Option<String>,
    /// The caller's number.
    #[serde(
        rename = "Caller-ID-Number",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller_id_number: Option<String>,
    /// The call's custom application variables
    /// (`Custom-Application-Vars[key]=value` in a form).
    #[serde(rename = "Custom-Application-Vars", default)]
    #[serde(deserialize_with = "field_values::text_map")]
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_application_vars: BTreeMap<String, String>,
    /// The call's custom SIP headers (`Custom-SIP-Headers[X-Name]=value`).
    #[serde(rename = "Custom-SIP-Headers", default)]
    #[serde(deserialize_with = "field_values::text_map")]
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_sip_headers: BTreeMap<String, String>,
    /// DTMF the caller pressed: plain, or by collection name.
    #[serde(
        rename = "Digits",
        default,
        deserialize_with = "digits::deserialize_optional"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digits: Option<Digits>,
    /// The direction of the call relative to Kazoo (`"inbound"`).
    #[serde(rename = "Direction", default, deserialize_with = "field_values::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// The SIP From user.
    #[serde(rename = "From", default, deserialize_with = "field_values::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The SIP From realm.
    #[serde(
        rename = "From-Realm",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_realm: Option<String>,
    /// The caller's language.
    #[serde(rename = "Language", default, deserialize_with = "field_values::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// How long the recording is.
    #[serde(rename = "Recording-Duration", default)]
    #[serde(deserialize_with = "field_values::count")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_duration: Option<u64>,
    /// The recording's id.
    #[serde(
        rename = "Recording-ID",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_id: Option<String>,
    /// Where the recording is stored.
    #[serde(
        rename = "Recording-Url",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_url: Option<String>,
    /// The SIP Request user (the number dialled).
    #[serde(rename = "Request", default, deserialize_with = "field_values::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// The SIP Request realm.
    #[serde(
        rename = "Request-Realm",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_realm: Option<String>,
    /// The SIP To user.
    #[serde(rename = "To", default, deserialize_with = "field_values::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The SIP To realm.
    #[serde(rename = "To-Realm", default, deserialize_with = "field_values::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_realm: Option<String>,
    /// The transcription's id.
    #[serde(
        rename = "Transcription-ID",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcription_id: Option<String>,
    /// The transcription's status.
    #[serde(rename = "Transcription-Status", default)]
    #[serde(deserialize_with = "field_values::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcription_status: Option<String>,
    /// The transcribed text.
    #[serde(
        rename = "Transcription-Text",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcription_text: Option<String>,
    /// Where the transcription is.
    #[serde(
        rename = "Transcription-Url",
        default,
        deserialize_with = "field_values::text"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcription_url: Option<String>,
    /// The Kazoo user ids owning the calling device (one or several).
    #[serde(
        rename = "User-ID",
        default,
        deserialize_with = "field_values::text_list"
    )]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(with = "schema::TextOrList"))]
    pub user_id: Vec<String>,
    /// Every other field, as it came: the call's user variables, the
    /// `voice_url`'s own query parameters, fields of later Kazoo versions.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// How a POST body is encoded, from its `Content-Type`.
///
/// Kazoo's pivot node sends `application/x-www-form-urlencoded` unless its
/// `req_body_format` is `json` (`pivot_call:req_content_type/1`,
/// `pivot_call:format_request/2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `application/json`.
    Json,
}

impl BodyFormat {
    /// The format a `Content-Type` header names (parameters such as
    /// `charset` are ignored); anything else is an error.
    pub fn from_content_type(content_type: Option<&str>) -> Result<BodyFormat, RequestError> {
        let full = content_type.unwrap_or_default();
        let essence = full.split(';').next().unwrap_or_default().trim();
        if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            Ok(BodyFormat::Form)
        } else if essence.eq_ignore_ascii_case("application/json") {
            Ok(BodyFormat::Json)
        } else {
            Err(RequestError::UnsupportedContentType {
                content_type: full.to_string(),
            })
        }
    }
}

impl PivotRequest {
    /// The names of the fields Kazoo sends, as this type reads them.
    pub const FIELDS: &'static [&'static str] = &[
        "Account-ID",
        "Api-Version",
        "Call-ID",
        "Call-Status",
        "Caller-ID-Name",
        "Caller-ID-Number",
        "Custom-Application-Vars",
        "Custom-SIP-Headers",
        "Digits",
        "Direction",
        "From",
        "From-Realm",
        "Language",
        "Recording-Duration",
        "Recording-ID",
        "Recording-Url",
        "Request",
        "Request-Realm",
        "To",
        "To-Realm",
        "Transcription-ID",
        "Transcription-Status",
        "Transcription-Text",
        "Transcription-Url",
        "User-ID",
    ];

    /// Reads a request as a server receives it.
    ///
    /// `GET` (and `HEAD`) carry the fields in the query string: Kazoo's pivot
    /// node picks GET or POST from its `method` (`kzt_util:http_method/1`:
    /// `get` or `post`, anything else POST) and, for GET, appends the fields
    /// to the `voice_url`, after a `&` when it already has a query
    /// (`pivot_call:uri/2`). Any other method carries them in the body,
    /// encoded as `content_type` says ([`BodyFormat`]); the query string's
    /// own parameters are read too, and body fields win over them.
    pub fn from_http(
        method: &str,
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<PivotRequest, RequestError> {
        let mut fields = match query {
            Some(q) => form_fields(q.as_bytes())?,
            None => Map::new(),
        };
        let no_body = body.is_empty() && content_type.is_none();
        let carries_body =
            !(method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD") || no_body);
        if carries_body {
            let body_fields = match BodyFormat::from_content_type(content_type)? {
                BodyFormat::Form => form_fields(body)?,
                BodyFormat::Json => json_fields(body)?,
            };
            fields.extend(body_fields);
        }
        PivotRequest::from_fields(fields)
    }

    /// Reads the fields of a GET query string (without the `?`).
    pub fn from_query(query: &str) -> Result<PivotRequest, RequestError> {
        PivotRequest::from_fields(form_fields(query.as_bytes())?)
    }

    /// Reads an `application/x-www-form-urlencoded` body.
    pub fn from_form(body: &[u8]) -> Result<PivotRequest, RequestError> {
        PivotRequest::from_fields(form_fields(body)?)
    }

    /// Reads an `application/json` body (`req_body_format: "json"`).
    pub fn from_json(body: &[u8]) -> Result<PivotRequest, RequestError> {
        PivotRequest::from_fields(json_fields(body)?)
    }

    /// Reads the fields as a JSON object (the shape of a JSON body).
    pub fn from_fields(fields: Map<String, Value>) -> Result<PivotRequest, RequestError> {
        serde_path_to_error::deserialize(Value::Object(fields)).map_err(|e| {
            let field = e.path().to_string();
            RequestError::Field {
                field,
                message: e.into_inner().to_string(),
            }
        })
    }

    /// An unknown field's value as text: a parameter of the `voice_url`'s
    /// own query string (`/user?user_id=…`) or a field this type does not
    /// name. A field given several times yields its last value.
    pub fn param(&self, name: &str) -> Option<&str> {
        match self.extra.get(name)? {
            Value::String(s) => Some(s),
            Value::Array(items) => items.last().and_then(Value::as_str),
            _ => None,
        }
    }
}

/// Decodes a form and keeps the last value of single-valued known fields
/// given more than once, as PHP does; `User-ID` keeps every value and
/// unknown fields keep the list.
fn form_fields(input: &[u8]) -> Result<Map<String, Value>, RequestError> {
    let mut fields = form::parse(input)?;
    for (name, value) in fields.iter_mut() {
        let single = name != "User-ID" && PivotRequest::FIELDS.contains(&name.as_str());
        if let (true, Value::Array(items)) = (single, &mut *value)
            && let Some(last) = items.pop()
        {
            *value = last;
        }
    }
    Ok(fields)
}

/// Parses a JSON body, which must be an object.
fn json_fields(body: &[u8]) -> Result<Map<String, Value>, RequestError> {
    serde_json::from_slice(body).map_err(|e| RequestError::Json {
        message: e.to_string(),
    })
}

#[cfg(feature = "schemars")]
mod schema {
    /// `User-ID`: one id, or a list of them.
    #[derive(schemars::JsonSchema)]
    #[serde(untagged)]
    #[allow(dead_code)]
    pub(super) enum TextOrList {
        One(String),
        Many(Vec<String>),
    }
}
