//! A loopback HTTP proxy in front of a real server, for what a healthy
//! server will not do on cue: answer `500` to the first requests, leave
//! some unanswered, refuse `_all_dbs` to non-admins as CouchDB 3 does, or
//! die after a number of requests. It records every request's head, so tests
//! can see what the client sent (paging, credentials).
//!
//! One request per connection: each forwarded request asks the server to
//! close, and the answer is relayed to the client before closing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the proxy does, by request number (1-based).
#[derive(Default)]
pub struct Behaviour {
    /// Requests `1..=fail_first` get `500 Internal Server Error`.
    pub fail_first: usize,
    /// The `stall_first` requests after those get no answer for
    /// [`STALL`], then their connection is closed.
    pub stall_first: usize,
    /// `GET /_all_dbs` gets `401`, as a non-admin gets from CouchDB 3.
    pub refuse_all_dbs: bool,
    /// After this many requests, the server is killed (by calling
    /// `kill`) before the next one is forwarded; the client then sees its
    /// connection closed without an answer, as a dead server gives.
    pub kill_after: Option<(usize, Box<dyn Fn() + Send + Sync>)>,
}

/// How long a stalled request waits.
pub const STALL: Duration = Duration::from_secs(20);

/// A running proxy.
pub struct Proxy {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    /// Starts a proxy to `upstream` (`http://HOST:PORT`).
    pub fn start(upstream: &str, behaviour: Behaviour) -> Proxy {
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let state = Arc::new(State {
            upstream,
            behaviour,
            count: AtomicUsize::new(0),
            heads: Arc::clone(&heads),
        });
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&state);
                std::thread::spawn(move || state.serve(stream));
            }
        });
        Proxy { url, heads }
    }

    /// The heads (request line and headers) of every request so far.
    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }

    /// The request lines (`GET /path HTTP/1.1`) so far.
    pub fn request_lines(&self) -> Vec<String> {
        self.heads()
            .iter()
            .map(|h| h.lines().next().unwrap_or_default().to_owned())
            .collect()
    }
}

struct State {
    upstream: String,
    behaviour: Behaviour,
    count: AtomicUsize,
    heads: Arc<Mutex<Vec<String>>>,
}

impl State {
    fn serve(&self, client: TcpStream) {
        let mut reader = BufReader::new(client.try_clone().unwrap());
        let mut head = String::new();
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let end = line == "\r\n";
            head.push_str(&line);
            if end {
                break;
            }
        }
        let length = head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let n = self.count.fetch_add(1, Ordering::SeqCst) + 1;
        self.heads.lock().unwrap().push(head.clone());
        let mut client = client;
        if n <= self.behaviour.fail_first {
            let body = r#"{"error":"injected","reason":"the test proxy fails this request"}"#;
            answer(&mut client, "500 Internal Server Error", body);
            return;
        }
        if n <= self
            .behaviour
            .fail_first
            .saturating_add(self.behaviour.stall_first)
        {
            std::thread::sleep(STALL);
            return;
        }
        if self.behaviour.refuse_all_dbs && head.starts_with("GET /_all_dbs ") {
            let body = r#"{"error":"unauthorized","reason":"You are not a server admin."}"#;
            answer(&mut client, "401 Unauthorized", body);
            return;
        }
        if let Some((after, kill)) = &self.behaviour.kill_after
            && n > *after
        {
            kill();
        }
        let Ok(mut server) = TcpStream::connect(&self.upstream) else {
            return; // the server is gone: close without an answer
        };
        let mut forwarded: String = head
            .lines()
            .filter(|l| {
                !l.is_empty()
                    && !l
                        .split_once(':')
                        .is_some_and(|(name, _)| name.eq_ignore_ascii_case("connection"))
            })
            .map(|l| format!("{l}\r\n"))
            .collect();
        forwarded.push_str("Connection: close\r\n\r\n");
        if server.write_all(forwarded.as_bytes()).is_err() || server.write_all(&body).is_err() {
            return;
        }
        let mut answer = Vec::new();
        let _ = server.read_to_end(&mut answer);
        let _ = client.write_all(&answer);
    }
}

/// Writes a JSON answer and closes.
fn answer(client: &mut TcpStream, status: &str, body: &str) {
    let _ = write!(
        client,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}
