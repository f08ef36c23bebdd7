//! The HTTP transport of `kazoo-callflows call`: sends pivot requests with
//! ureq, as Kazoo's `kz_http` would (redirects followed, any status read as
//! an answer, one timeout for the whole exchange).

use kazoo_callflows::pivot::emulate::{HttpAnswer, Transport, TransportError};
use kazoo_callflows::pivot::{ClientRequest, HttpMethod};
use std::time::Duration;

/// The largest answer read; a callflow is a few kB.
const MAX_BODY: u64 = 1024 * 1024;

/// Sends requests over HTTP (HTTPS with the `tls` feature).
pub struct UreqTransport;

impl Transport for UreqTransport {
    fn send(
        &mut self,
        request: &ClientRequest,
        timeout: Duration,
    ) -> Result<HttpAnswer, TransportError> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent("kazoo-callflows-emulator")
            .build()
            .into();
        let sent = match request.method {
            HttpMethod::Get => agent.get(&request.url).call(),
            HttpMethod::Post => {
                let mut post = agent.post(&request.url);
                if let Some(ct) = request.content_type {
                    post = post.header("Content-Type", ct);
                }
                post.send(&request.body[..])
            }
        };
        let mut response = sent.map_err(|e| failure(e, timeout))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| failure(e, timeout))?;
        Ok(HttpAnswer {
            status,
            content_type,
            body,
        })
    }
}

/// A ureq error as a timeout or an unreachable server.
fn failure(error: ureq::Error, timeout: Duration) -> TransportError {
    match error {
        ureq::Error::Timeout(_) => TransportError::Timeout(timeout),
        other => TransportError::Unreachable(other.to_string()),
    }
}
