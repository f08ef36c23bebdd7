//! The client side of a pivot request: what Kazoo sends to a `voice_url`
//! ([`ClientRequest`]), built from a [`PivotRequest`] as Kazoo's pivot
//! application builds it.
//!
//! Kazoo master, `applications/pivot/src/pivot_call.erl`:
//! - The fields come from `req_params/2`, by the node's `req_format`:
//!   `kazoo` gives `kzt_kazoo:req_params/1` (the fields of
//!   [`PivotRequest`]); anything else gives `kzt_twiml:req_params/1`, and a
//!   node without `req_format` is `twiml` (`init/3` defaults
//!   `Request-Format` to `twiml`, although the schema documents `kazoo` as
//!   the default). [`RequestFormat`] names both.
//! - `send_req/7` sends GET with the fields as a query string
//!   (`format_request/2` with `form`) appended to the URL by `uri/2` (after
//!   `&` when the URL already has a query), and POST with the body that
//!   `req_body_format` asks for (`form`, or `json` through `kz_json:encode/1`)
//!   and the matching `Content-Type` (`req_content_type/1`).
//! - The method is the node's `method` through `kzt_util:http_method/1`:
//!   `get` or `post` in any case; [`HttpMethod::from_node`].

use super::{BodyFormat, PivotRequest, querystring};
use serde_json::{Map, Value};

/// The HTTP method of a pivot request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// Fields in the query string.
    Get,
    /// Fields in the body.
    Post,
}

impl HttpMethod {
    /// The method a pivot node's `method` names (`get`/`post` in any case);
    /// none is GET (`cf_pivot` passes `get` when the node has no `method`),
    /// anything else is POST (`kzt_util:http_method/1` falls back to its
    /// default, `post`).
    pub fn from_node(method: Option<&str>) -> HttpMethod {
        match method {
            None => HttpMethod::Get,
            Some(m) if m.eq_ignore_ascii_case("get") => HttpMethod::Get,
            Some(_) => HttpMethod::Post,
        }
    }

    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// Which field set a pivot request carries (the node's `req_format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RequestFormat {
    /// `kzt_kazoo:req_params/1`: `Call-ID`, `Caller-ID-Name`, … (the fields of
    /// [`PivotRequest`]).
    Kazoo,
    /// `kzt_twiml:req_params/1`: `CallSid`, `CallerName`, `ApiVersion`
    /// `2010-04-01`, …
    Twiml,
}

impl RequestFormat {
    /// The format a pivot node's `req_format` selects: `kazoo` is Kazoo's,
    /// anything else or nothing is TwiML (`pivot_call:init/3`).
    pub fn from_node(req_format: Option<&str>) -> RequestFormat {
        match req_format {
            Some("kazoo") => RequestFormat::Kazoo,
            _ => RequestFormat::Twiml,
        }
    }
}

/// A pivot request as it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRequest {
    /// GET or POST.
    pub method: HttpMethod,
    /// The URL, with the query string for GET.
    pub url: String,
    /// The `Content-Type` of a POST body.
    pub content_type: Option<&'static str>,
    /// The POST body (empty for GET).
    pub body: Vec<u8>,
}

impl BodyFormat {
    /// The format a pivot node's `req_body_format` names: `json`, otherwise
    /// `form`.
    pub fn from_node(req_body_format: Option<&str>) -> BodyFormat {
        match req_body_format {
            Some("json") => BodyFormat::Json,
            _ => BodyFormat::Form,
        }
    }

    /// The `Content-Type` Kazoo sends a body of this format with.
    pub fn content_type(self) -> &'static str {
        match self {
            BodyFormat::Form => "application/x-www-form-urlencoded",
            BodyFormat::Json => "application/json",
        }
    }
}

impl PivotRequest {
    /// The fields Kazoo sends, as a JSON object in the order it writes them
    /// (its own fields are in byte order of their names, which is also the
    /// order of `req_params/1`; other fields from [`PivotRequest::extra`] go
    /// in that order too). `User-ID` is one value when there is one owner
    /// and a list when there are several, as Kazoo sends it.
    pub fn fields(&self) -> Map<String, Value> {
        let mut fields = match serde_json::to_value(self) {
            Ok(Value::Object(map)) => map,
            // A PivotRequest always serializes to an object.
            _ => Map::new(),
        };
        if let Some(Value::Array(ids)) = fields.get_mut("User-ID")
            && ids.len() == 1
            && let Some(one) = ids.pop()
        {
            fields.insert(String::from("User-ID"), one);
        }
        fields
    }

    /// The fields of `kzt_twiml:req_params/1` built from the same call:
    /// `CallSid`, `AccountSid`, `From`, `FromRealm`, `To`, `ToRealm`,
    /// `CallStatus`, `ApiVersion` (`2010-04-01`), `Direction`, `CallerName`,
    /// `CallerNumber`, `RecordingUrl`, `RecordingDuration`, `RecordingSid`,
    /// `Digits`, `TranscriptionSid`, `-Text`, `-Status`, `-Url` in that
    /// order, then the fields of [`PivotRequest::extra`]; absent values are
    /// left out.
    pub fn twiml_fields(&self) -> Vec<(String, Value)> {
        let text = |v: &Option<String>| v.clone().map(Value::String);
        let pairs: [(&str, Option<Value>); 19] = [
            ("CallSid", text(&self.call_id)),
            ("AccountSid", text(&self.account_id)),
            ("From", text(&self.from)),
            ("FromRealm", text(&self.from_realm)),
            ("To", text(&self.to)),
            ("ToRealm", text(&self.to_realm)),
            ("CallStatus", text(&self.call_status)),
            ("ApiVersion", Some(Value::from("2010-04-01"))),
            ("Direction", text(&self.direction)),
            ("CallerName", text(&self.caller_id_name)),
            ("CallerNumber", text(&self.caller_id_number)),
            ("RecordingUrl", text(&self.recording_url)),
            (
                "RecordingDuration",
                self.recording_duration.map(Value::from),
            ),
            ("RecordingSid", text(&self.recording_id)),
            (
                "Digits",
                self.digits
                    .as_ref()
                    .and_then(|d| serde_json::to_value(d).ok()),
            ),
            ("TranscriptionSid", text(&self.transcription_id)),
            ("TranscriptionText", text(&self.transcription_text)),
            ("TranscriptionStatus", text(&self.transcription_status)),
            ("TranscriptionUrl", text(&self.transcription_url)),
        ];
        let mut fields: Vec<(String, Value)> = pairs
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
            .collect();
        for (k, v) in &self.extra {
            if !fields.iter().any(|(name, _)| name == k) {
                fields.push((k.clone(), v.clone()));
            }
        }
        fields
    }

    /// The request Kazoo sends to `voice_url` with these fields: GET with
    /// them in the query string, or POST with a body in `body_format`.
    ///
    /// ```
    /// use kazoo_callflows::pivot::{BodyFormat, Digits, HttpMethod, PivotRequest, RequestFormat};
    ///
    /// let req = PivotRequest {
    ///     caller_id_name: Some("José".into()),
    ///     digits: Some(Digits::Named([("custom_name".into(), "1234".into())].into())),
    ///     ..PivotRequest::default()
    /// };
    /// let get = req.to_http("http://pivot.example.com/collected?lang=fr", HttpMethod::Get,
    ///     BodyFormat::Form, RequestFormat::Kazoo);
    /// assert_eq!(
    ///     get.url,
    ///     "http://pivot.example.com/collected?lang=fr&Caller-ID-Name=Jos%C3%A9&Digits[custom_name]=1234"
    /// );
    /// let post = req.to_http("http://pivot.example.com/collected", HttpMethod::Post,
    ///     BodyFormat::Form, RequestFormat::Kazoo);
    /// assert_eq!(post.content_type, Some("application/x-www-form-urlencoded"));
    /// assert_eq!(post.body, b"Caller-ID-Name=Jos%C3%A9&Digits[custom_name]=1234");
    /// ```
    pub fn to_http(
        &self,
        voice_url: &str,
        method: HttpMethod,
        body_format: BodyFormat,
        request_format: RequestFormat,
    ) -> ClientRequest {
        let fields: Vec<(String, Value)> = match request_format {
            RequestFormat::Kazoo => self.fields().into_iter().collect(),
            RequestFormat::Twiml => self.twiml_fields(),
        };
        let form = || querystring::encode(fields.iter().map(|(k, v)| (k, v)));
        match method {
            HttpMethod::Get => ClientRequest {
                method,
                url: with_query(voice_url, &form()),
                content_type: None,
                body: Vec::new(),
            },
            HttpMethod::Post => ClientRequest {
                method,
                url: voice_url.to_string(),
                content_type: Some(body_format.content_type()),
                body: match body_format {
                    BodyFormat::Form => form().into_bytes(),
                    BodyFormat::Json => {
                        let object: Map<String, Value> = fields.iter().cloned().collect();
                        Value::Object(object).to_string().into_bytes()
                    }
                },
            },
        }
    }
}

/// `url` with `query` appended as `pivot_call:uri/2` does: after `?`, or
/// after `&` when the URL has a query already; a `#fragment` stays last.
pub fn with_query(url: &str, query: &str) -> String {
    if query.is_empty() {
        return url.to_string();
    }
    let (base, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let joiner = match base.find('?') {
        Some(i) if i + 1 < base.len() => "&",
        Some(_) => "",
        None => "?",
    };
    format!("{base}{joiner}{query}{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_goes_before_the_fragment() {
        assert_eq!(with_query("http://h/p", "a=1"), "http://h/p?a=1");
        assert_eq!(with_query("http://h/p?x=2", "a=1"), "http://h/p?x=2&a=1");
        assert_eq!(with_query("http://h/p?", "a=1"), "http://h/p?a=1");
        assert_eq!(with_query("http://h/p#f", "a=1"), "http://h/p?a=1#f");
        assert_eq!(with_query("http://h/p", ""), "http://h/p");
    }

    #[test]
    fn node_settings_read_as_kazoo_reads_them() {
        assert_eq!(HttpMethod::from_node(None), HttpMethod::Get);
        assert_eq!(HttpMethod::from_node(Some("GET")), HttpMethod::Get);
        assert_eq!(HttpMethod::from_node(Some("post")), HttpMethod::Post);
        assert_eq!(HttpMethod::from_node(Some("put")), HttpMethod::Post);
        assert_eq!(RequestFormat::from_node(None), RequestFormat::Twiml);
        assert_eq!(
            RequestFormat::from_node(Some("kazoo")),
            RequestFormat::Kazoo
        );
        assert_eq!(BodyFormat::from_node(Some("json")), BodyFormat::Json);
        assert_eq!(BodyFormat::from_node(None), BodyFormat::Form);
    }
}
