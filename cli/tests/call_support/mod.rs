//! Support for the `call` tests: running the binary, real servers on
//! ephemeral loopback ports (`php -S`, raw TCP servers for the faults HTTP
//! frameworks do not produce), and the transcript's lines.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The result of one `kazoo-callflows call`.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Whether the transcript has a line equal to `line`.
    pub fn has_line(&self, line: &str) -> bool {
        self.stdout.lines().any(|l| l == line)
    }

    /// Asserts the exit code and that every line of `lines` is in the
    /// transcript, in that order.
    pub fn expect(&self, code: i32, lines: &[&str]) {
        assert_eq!(self.code, code, "exit code\n{self}");
        let mut rest = self.stdout.lines();
        for want in lines {
            assert!(
                rest.any(|l| l == *want),
                "missing (or out of order) line {want:?}\n{self}"
            );
        }
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "--- stdout\n{}--- stderr\n{}", self.stdout, self.stderr)
    }
}

/// Runs `kazoo-callflows call ARGS`.
pub fn call(args: &[&str]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_kazoo-callflows"))
        .arg("call")
        .args(args)
        .env_remove("KAZOO_SCHEMAS_DIR")
        .output()
        .expect("the kazoo-callflows binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A loopback address nothing listens on (bound, then released).
pub fn free_addr() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address")
}

/// Waits until something accepts connections on `addr`.
fn wait_for(addr: SocketAddr, what: &str) {
    let start = Instant::now();
    while TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what} did not start listening on {addr}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `php -S` serving a directory; stopped on drop.
pub struct PhpServer {
    child: Child,
    pub addr: SocketAddr,
}

impl PhpServer {
    /// Serves `dir` (PHP scripts) on an ephemeral loopback port.
    pub fn start(dir: &Path) -> PhpServer {
        let php_version = Command::new("php").arg("--version").output();
        assert!(
            php_version.is_ok_and(|o| o.status.success()),
            "these tests run pivot scripts with PHP's built-in server, and `php` is missing: \
             install Debian's php-cli (`apt-get install -y php-cli`, as .ci/install-test-tools does)"
        );
        let addr = free_addr();
        let child = Command::new("php")
            .args(["-n", "-S", &addr.to_string(), "-t"])
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("php -S starts");
        let server = PhpServer { child, addr };
        wait_for(addr, "php -S");
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{path}", self.addr)
    }
}

impl Drop for PhpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A TCP server that answers every connection with `reply` (raw HTTP), or
/// reads the request and never answers when `reply` is `None`.
pub fn raw_server(reply: Option<&'static [u8]>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
            let _ = stream.read(&mut buf);
            match reply {
                Some(bytes) => {
                    let _ = stream.write_all(bytes);
                }
                // Keep the connection open, unanswered.
                None => held.push(stream),
            }
        }
    });
    addr
}

/// A scratch directory for this test, emptied.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("call")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}
