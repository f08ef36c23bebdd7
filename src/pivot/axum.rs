//! axum integration (feature `axum`): [`PivotRequest`] is an extractor,
//! [`PivotResponse`] a response, and [`RequestError`] answers 400 with its
//! reason.
//!
//! The body limit is axum's: the extractor reads the body like the `Bytes`
//! extractor, so [`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit)
//! sets it (2 MB unless a layer says otherwise; a pivot request is well under
//! 1 kB). A body over it is a 400 like every other bad request.
//!
//! A whole pivot server (this is the README's example):
//!
//! ```no_run
//! use axum::{Router, routing::get};
//! use kazoo_callflows::{Flow, actions::Tts};
//! use kazoo_callflows::pivot::{PivotRequest, PivotResponse};
//!
//! /// Kazoo calls this after `collect_dtmf` gathered the `custom_name` digits.
//! async fn collected(req: PivotRequest) -> PivotResponse {
//!     let text = match req.digits.as_ref().and_then(|d| d.collected("custom_name")) {
//!         Some(digits) => format!("You typed {digits}"),
//!         None => String::from("We didn't get that"),
//!     };
//!     PivotResponse::checked(Flow::new(Tts::new(text)), |errors| {
//!         eprintln!("invalid pivot response, sending the fallback: {errors}");
//!         Flow::new(Tts::new("Sorry, something went wrong."))
//!     })
//! }
//!
//! #[tokio::main]
//! async fn main() -> std::io::Result<()> {
//!     let app = Router::new().route("/collected", get(collected).post(collected));
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//!     axum::serve(listener, app).await
//! }
//! ```

use super::{PivotRequest, PivotResponse, RequestError};
use ::axum::body::Bytes;
use ::axum::extract::{FromRequest, Request};
use ::axum::http::{StatusCode, header};
use ::axum::response::{IntoResponse, Response};

impl<S: Send + Sync> FromRequest<S> for PivotRequest {
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<PivotRequest, RequestError> {
        let method = req.method().clone();
        let query = req.uri().query().map(str::to_owned);
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let body = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                RequestError::BodyTooLarge
            } else {
                RequestError::Body {
                    message: rejection.body_text(),
                }
            }
        })?;
        PivotRequest::from_http(
            method.as_str(),
            query.as_deref(),
            content_type.as_deref(),
            &body,
        )
    }
}

impl IntoResponse for RequestError {
    /// 400, with the reason as plain text.
    fn into_response(self) -> Response {
        (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("bad pivot request: {self}\n"),
        )
            .into_response()
    }
}

impl IntoResponse for PivotResponse {
    /// 200, `application/json`, the node.
    fn into_response(self) -> Response {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, PivotResponse::CONTENT_TYPE)],
            self.body(),
        )
            .into_response()
    }
}
