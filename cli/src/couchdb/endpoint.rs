//! Where the CouchDB server is and who we are to it: the `--couchdb` URL,
//! with credentials from its user info or from `COUCHDB_USER` and
//! `COUCHDB_PASSWORD`.
//!
//! The credentials become an HTTP Basic `Authorization` header and are
//! removed from the URL, so no message ever shows them.

use base64::Engine;
use percent_encoding::percent_decode_str;
use ureq::http::Uri;

/// A CouchDB server's base URL and the `Authorization` header to send.
#[derive(Clone)]
pub struct Endpoint {
    /// `scheme://host[:port][/prefix]`, without user info or trailing `/`.
    base: String,
    /// `Basic …`, when there are credentials.
    authorization: Option<String>,
}

/// Credentials from the environment: `COUCHDB_USER` and `COUCHDB_PASSWORD`.
#[derive(Default)]
pub struct EnvCredentials {
    /// `COUCHDB_USER`.
    pub user: Option<String>,
    /// `COUCHDB_PASSWORD`.
    pub password: Option<String>,
}

impl EnvCredentials {
    /// Reads `COUCHDB_USER` and `COUCHDB_PASSWORD`.
    pub fn from_env() -> EnvCredentials {
        EnvCredentials {
            user: std::env::var("COUCHDB_USER").ok(),
            password: std::env::var("COUCHDB_PASSWORD").ok(),
        }
    }
}

impl Endpoint {
    /// Parses `url` (`http` or `https`, optionally with `user:password@`,
    /// percent-encoded). Credentials in the URL win over `env`.
    pub fn parse(url: &str, env: EnvCredentials) -> Result<Endpoint, String> {
        let uri: Uri = url
            .parse()
            .map_err(|e| format!("--couchdb: {:?} is not a URL: {e}", redact(url)))?;
        let scheme = uri.scheme_str().unwrap_or_default();
        if scheme != "http" && scheme != "https" {
            return Err(format!(
                "--couchdb: {:?} is not an http:// or https:// URL",
                redact(url)
            ));
        }
        let Some(authority) = uri.authority() else {
            return Err(format!("--couchdb: {:?} names no host", redact(url)));
        };
        if uri.query().is_some() {
            return Err(format!(
                "--couchdb: {:?} has a query; give the server's base URL",
                redact(url)
            ));
        }
        let (userinfo, host) = match authority.as_str().rsplit_once('@') {
            Some((info, host)) => (Some(info), host),
            None => (None, authority.as_str()),
        };
        let path = uri.path().trim_end_matches('/');
        let base = format!("{scheme}://{host}{path}");
        let credentials = match userinfo {
            Some(info) => {
                let (user, password) = info.split_once(':').unwrap_or((info, ""));
                Some((decode(user, "user")?, decode(password, "password")?))
            }
            None => match (env.user, env.password) {
                (Some(user), Some(password)) => Some((user, password)),
                (Some(_), None) => {
                    return Err(String::from(
                        "COUCHDB_USER is set but COUCHDB_PASSWORD is not",
                    ));
                }
                (None, Some(_)) => {
                    return Err(String::from(
                        "COUCHDB_PASSWORD is set but COUCHDB_USER is not",
                    ));
                }
                (None, None) => None,
            },
        };
        let authorization = credentials.map(|(user, password)| {
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            format!("Basic {token}")
        });
        Ok(Endpoint {
            base,
            authorization,
        })
    }

    /// The URL of `path_and_query` (starting with `/`) on this server.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.base)
    }

    /// The server's base URL, for messages (never with credentials).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The `Authorization` header value, if there are credentials.
    pub fn authorization(&self) -> Option<&str> {
        self.authorization.as_deref()
    }
}

/// A percent-decoded piece of user info.
fn decode(piece: &str, what: &str) -> Result<String, String> {
    percent_decode_str(piece)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| format!("--couchdb: the {what} in the URL is not UTF-8 once percent-decoded"))
}

/// `url` with any user info replaced by `***`, for messages.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(user: Option<&str>, password: Option<&str>) -> EnvCredentials {
        EnvCredentials {
            user: user.map(str::to_owned),
            password: password.map(str::to_owned),
        }
    }

    #[test]
    fn user_info_becomes_basic_auth_and_leaves_the_url() {
        let e = Endpoint::parse(
            "http://al%40ice:p%3Ass@127.0.0.1:5984/couch/",
            env(None, None),
        )
        .unwrap();
        assert_eq!(e.base(), "http://127.0.0.1:5984/couch");
        assert_eq!(e.url("/_all_dbs"), "http://127.0.0.1:5984/couch/_all_dbs");
        // base64("al@ice:p:ss")
        assert_eq!(e.authorization(), Some("Basic YWxAaWNlOnA6c3M="));
    }

    #[test]
    fn url_credentials_win_over_the_environment() {
        let e = Endpoint::parse("http://a:b@h:1", env(Some("x"), Some("y"))).unwrap();
        assert_eq!(e.authorization(), Some("Basic YTpi"));
        let e = Endpoint::parse("http://h:1", env(Some("x"), Some("y"))).unwrap();
        assert_eq!(e.authorization(), Some("Basic eDp5"));
        let e = Endpoint::parse("http://h:1", env(None, None)).unwrap();
        assert_eq!(e.authorization(), None);
    }

    #[test]
    fn bad_urls_and_half_credentials_are_refused_without_showing_secrets() {
        for (url, creds, expected) in [
            (
                "ftp://u:secret@h/",
                env(None, None),
                "not an http:// or https:// URL",
            ),
            ("http://u:secret@h/?q=1", env(None, None), "has a query"),
            ("http://h/", env(Some("u"), None), "COUCHDB_PASSWORD is not"),
            ("http://h/", env(None, Some("p")), "COUCHDB_USER is not"),
        ] {
            let message = Endpoint::parse(url, creds).err().unwrap();
            assert!(message.contains(expected), "{url}: {message}");
            assert!(!message.contains("secret"), "{url}: {message}");
        }
    }
}
