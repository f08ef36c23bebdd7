//! A real pouchdb-server for tests: started on a free loopback port, in a
//! temporary directory of its own (its working directory, where it writes
//! `config.json` and `log.txt`, and its `--dir`), stopped when dropped.
//!
//! pouchdb-server comes from npm: `.ci/run` installs it into `.cache/npm`
//! at the workspace root; `POUCHDB_SERVER` may name another copy. Without
//! it the tests fail, saying how to install it.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How to install pouchdb-server, for failure messages.
const INSTALL: &str = "install it with `npm install --prefix .cache/npm pouchdb-server@4.2.0` \
                       at the workspace root (as .ci/run does), or set POUCHDB_SERVER to its \
                       bin/pouchdb-server";

/// A running pouchdb-server.
pub struct PouchServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    child: Arc<Mutex<Child>>,
    dir: tempfile::TempDir,
    /// `Basic …` once an admin exists.
    admin: Option<String>,
}

/// The pouchdb-server executable.
fn executable() -> PathBuf {
    if let Some(path) = std::env::var_os("POUCHDB_SERVER") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "POUCHDB_SERVER={} is not a file; {INSTALL}",
            path.display()
        );
        return path;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../.cache/npm/node_modules/.bin/pouchdb-server");
    assert!(
        path.is_file(),
        "pouchdb-server is not installed ({} is missing): these tests need a real one; {INSTALL}",
        path.display()
    );
    path
}

/// A loopback port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

impl PouchServer {
    /// Starts pouchdb-server and waits until it answers.
    pub fn start() -> PouchServer {
        let exe = executable();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let port = free_port();
        let output = std::fs::File::create(dir.path().join("output.txt")).unwrap();
        let child = Command::new(&exe)
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--dir"])
            .arg(&data)
            .arg("--no-stdout-logs")
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(output.try_clone().unwrap())
            .stderr(output)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}; {INSTALL}", exe.display()));
        let server = PouchServer {
            url: format!("http://127.0.0.1:{port}"),
            child: Arc::new(Mutex::new(child)),
            dir,
            admin: None,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if server.get("/").is_ok() {
                return server;
            }
            if let Some(status) = server.child.lock().unwrap().try_wait().unwrap() {
                panic!(
                    "pouchdb-server exited ({status}) before answering:\n{}",
                    server.output()
                );
            }
            assert!(
                Instant::now() < deadline,
                "pouchdb-server did not answer on {} within 60 s:\n{}",
                server.url,
                server.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What pouchdb-server printed, for failure messages.
    pub fn output(&self) -> String {
        let read =
            |name: &str| std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
        format!("{}{}", read("output.txt"), read("log.txt"))
    }

    /// Kills the server (SIGKILL) and waits for it; from any thread.
    pub fn killer(&self) -> impl Fn() + Send + Sync + 'static {
        let child = Arc::clone(&self.child);
        move || {
            let mut child = child.lock().unwrap();
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// `GET path`: status and body.
    pub fn get(&self, path: &str) -> Result<(u16, String), ureq::Error> {
        self.request("GET", path, None)
    }

    /// `PUT path` with a JSON body; panics unless the answer is 2xx.
    pub fn put(&self, path: &str, body: &serde_json::Value) {
        self.expect_ok("PUT", path, Some(body));
    }

    /// `POST path` with a JSON body; panics unless the answer is 2xx.
    pub fn post(&self, path: &str, body: &serde_json::Value) {
        self.expect_ok("POST", path, Some(body));
    }

    /// Creates database `encoded_name` (a URL path segment).
    pub fn create_db(&self, encoded_name: &str) {
        self.expect_ok("PUT", &format!("/{encoded_name}"), None);
    }

    /// Stores `docs` in database `encoded_name` with `_bulk_docs`.
    pub fn insert(&self, encoded_name: &str, docs: &[serde_json::Value]) {
        self.post(
            &format!("/{encoded_name}/_bulk_docs"),
            &serde_json::json!({ "docs": docs }),
        );
    }

    /// Makes `user` an admin; later requests of this harness authenticate
    /// as them.
    pub fn add_admin(&mut self, user: &str, password: &str) {
        self.put(
            &format!("/_config/admins/{user}"),
            &serde_json::json!(password),
        );
        let token = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{user}:{password}"),
        );
        self.admin = Some(format!("Basic {token}"));
    }

    fn expect_ok(&self, method: &str, path: &str, body: Option<&serde_json::Value>) {
        let (status, text) = self
            .request(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}\n{}", self.output()));
        assert!(
            (200..300).contains(&status),
            "{method} {path}: HTTP {status} {text}"
        );
    }

    fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<(u16, String), ureq::Error> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let url = format!("{}{path}", self.url);
        let mut builder = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .header("Content-Type", "application/json");
        if let Some(auth) = &self.admin {
            builder = builder.header("Authorization", auth);
        }
        let text = body.map(|b| b.to_string()).unwrap_or_default();
        let request = builder.body(text).map_err(ureq::Error::from)?;
        let mut response = agent.run(request)?;
        let status = response.status().as_u16();
        Ok((status, response.body_mut().read_to_string()?))
    }
}

impl Drop for PouchServer {
    fn drop(&mut self) {
        (self.killer())();
    }
}
