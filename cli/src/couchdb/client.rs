//! HTTP to CouchDB: `GET` a JSON answer, retrying with exponential backoff
//! on 5xx answers, `429`, `408`, timeouts and broken connections, a
//! bounded number of times.

use crate::couchdb::endpoint::Endpoint;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// How hard to try.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// Wait before the first retry; each further retry waits twice as long.
    pub first_delay: Duration,
    /// Limit on one request, answer included.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            retries: 4,
            first_delay: Duration::from_millis(250),
            timeout: Duration::from_secs(60),
        }
    }
}

/// Largest answer read, in bytes (a page of `--batch-size` documents).
const ANSWER_LIMIT: u64 = 1 << 30;

/// Why a request got no usable answer.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// The server did not answer, or answered with a server error, on
    /// every attempt.
    #[error("GET {url}: {last} (gave up after {attempts} attempt(s))")]
    GaveUp {
        /// The URL asked for.
        url: String,
        /// Attempts made.
        attempts: u32,
        /// What went wrong the last time.
        last: String,
    },
    /// The server refused the request (4xx other than 408 and 429).
    #[error("GET {url}: HTTP {status}: {reason}{hint}")]
    Refused {
        /// The URL asked for.
        url: String,
        /// The HTTP status.
        status: u16,
        /// CouchDB's `error: reason`, or the status text.
        reason: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// The answer is not the JSON expected.
    #[error("GET {url}: unexpected answer: {detail}")]
    BadAnswer {
        /// The URL asked for.
        url: String,
        /// What is wrong with it.
        detail: String,
    },
}

impl RequestError {
    /// The HTTP status of a refusal.
    pub fn refused_status(&self) -> Option<u16> {
        match self {
            RequestError::Refused { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// A CouchDB server to read from.
pub struct Client {
    agent: ureq::Agent,
    endpoint: Endpoint,
    policy: RetryPolicy,
}

/// One attempt's failure.
enum Attempt {
    /// Worth trying again.
    Transient(String),
    /// Final.
    Final(RequestError),
}

impl Client {
    /// A client of `endpoint`.
    pub fn new(endpoint: Endpoint, policy: RetryPolicy) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(policy.timeout))
            .user_agent(concat!("kazoo-callflows/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Client {
            agent,
            endpoint,
            policy,
        }
    }

    /// The server's base URL, for messages.
    pub fn base(&self) -> &str {
        self.endpoint.base()
    }

    /// `GET path_and_query` (starting with `/`) and parses the answer as `T`.
    pub fn get_json<T: DeserializeOwned>(&self, path_and_query: &str) -> Result<T, RequestError> {
        self.get_json_sized(path_and_query).map(|(value, _)| value)
    }

    /// [`get_json`](Client::get_json), with the answer's size in bytes.
    pub fn get_json_sized<T: DeserializeOwned>(
        &self,
        path_and_query: &str,
    ) -> Result<(T, u64), RequestError> {
        let url = self.endpoint.url(path_and_query);
        let mut delay = self.policy.first_delay;
        let mut attempts = 0;
        loop {
            attempts += 1;
            match self.attempt(&url) {
                Ok(value) => return Ok(value),
                Err(Attempt::Final(e)) => return Err(e),
                Err(Attempt::Transient(last)) if attempts > self.policy.retries => {
                    return Err(RequestError::GaveUp {
                        url,
                        attempts,
                        last,
                    });
                }
                Err(Attempt::Transient(_)) => {
                    std::thread::sleep(delay);
                    delay = delay.saturating_mul(2);
                }
            }
        }
    }

    /// One `GET`.
    fn attempt<T: DeserializeOwned>(&self, url: &str) -> Result<(T, u64), Attempt> {
        let mut request = self.agent.get(url).header("Accept", "application/json");
        if let Some(auth) = self.endpoint.authorization() {
            request = request.header("Authorization", auth);
        }
        let mut response = request
            .call()
            .map_err(|e| classify(url, e, self.policy.timeout))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(ANSWER_LIMIT)
            .read_to_vec()
            .map_err(|e| classify(url, e, self.policy.timeout))?;
        if status == 200 {
            let size = u64::try_from(body.len()).unwrap_or(u64::MAX);
            return serde_json::from_slice(&body)
                .map(|v| (v, size))
                .map_err(|e| {
                    Attempt::Final(RequestError::BadAnswer {
                        url: url.to_owned(),
                        detail: e.to_string(),
                    })
                });
        }
        let reason = couch_reason(status, &body);
        if status >= 500 || status == 408 || status == 429 {
            return Err(Attempt::Transient(format!("HTTP {status}: {reason}")));
        }
        let hint = match status {
            401 | 403 => {
                " (credentials: user info in the --couchdb URL, or COUCHDB_USER and COUCHDB_PASSWORD)"
            }
            _ => "",
        };
        Err(Attempt::Final(RequestError::Refused {
            url: url.to_owned(),
            status,
            reason,
            hint,
        }))
    }
}

/// A ureq error: transient for broken connections and timeouts
/// (`timeout` is the limit that was set).
fn classify(url: &str, e: ureq::Error, timeout: Duration) -> Attempt {
    match e {
        ureq::Error::Timeout(_) => Attempt::Transient(format!(
            "no complete answer within {} s (timeout)",
            timeout.as_secs_f64()
        )),
        ureq::Error::Io(_)
        | ureq::Error::Protocol(_)
        | ureq::Error::ConnectionFailed
        | ureq::Error::BodyStalled => Attempt::Transient(e.to_string()),
        ureq::Error::BodyExceedsLimit(limit) => Attempt::Final(RequestError::BadAnswer {
            url: url.to_owned(),
            detail: format!("larger than {limit} bytes; try a smaller --batch-size"),
        }),
        other => Attempt::Final(RequestError::GaveUp {
            url: url.to_owned(),
            attempts: 1,
            last: other.to_string(),
        }),
    }
}

/// CouchDB's `{"error", "reason"}` of a failed request, else the body's
/// start, else the status text.
fn couch_reason(status: u16, body: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct CouchError {
        error: String,
        #[serde(default)]
        reason: Option<String>,
    }
    if let Ok(e) = serde_json::from_slice::<CouchError>(body) {
        return match e.reason {
            Some(reason) if !reason.is_empty() => format!("{}: {reason}", e.error),
            _ => e.error,
        };
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        ureq::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("no reason given")
            .to_owned()
    } else {
        text.chars().take(200).collect()
    }
}
