//! kazoo-callflows used the way a pivot crate uses it: a throwaway crate
//! outside this workspace, written into a temp dir, depends on this checkout
//! (by `path`, and by `git` URL `file://…`, which takes the committed
//! `HEAD`), sets the schema directory once in its `.cargo/config.toml`,
//! builds a pivot handler (default features off, and with `axum`), matches on
//! `Action`, reads a default through an accessor, and runs. A second build
//! without the setting must fail with the error that says what to do.
//!
//! Slow (it builds the library twice in its own target dir), so the nested
//! builds share one target dir and reuse this workspace's `Cargo.lock`.

mod shared_data;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The downstream crate's `main.rs`: a handler, a match, an accessor.
const MAIN_RS: &str = r##"//! A pivot handler built on kazoo-callflows.
use kazoo_callflows::pivot::{PivotRequest, PivotResponse};
use kazoo_callflows::{Action, Flow, actions::Tts};

fn greet(req: &PivotRequest) -> PivotResponse {
    let name = req.caller_id_name.as_deref().unwrap_or("there");
    PivotResponse::checked(Flow::new(Tts::new(format!("Hi {name}"))), |_| {
        Flow::new(Tts::new("Sorry, something went wrong."))
    })
}

#[cfg(feature = "axum")]
fn router() -> axum::Router {
    async fn handler(req: PivotRequest) -> PivotResponse {
        greet(&req)
    }
    axum::Router::new().route("/greet", axum::routing::get(handler).post(handler))
}

fn main() {
    let req = PivotRequest::from_query("Caller-ID-Name=Ada+Lovelace").expect("a query");
    let body = String::from_utf8(greet(&req).body()).expect("UTF-8");
    println!("{body}");
    let flow = Flow::from_json(r#"{"module":"ring_group","data":{"endpoints":[]}}"#).expect("a node");
    match &flow.action {
        Action::RingGroup(rg) => println!("ring_group timeout {}", rg.timeout()),
        _ => panic!("not a ring_group: {}", flow.module()),
    }
    #[cfg(feature = "axum")]
    {
        let _router = router();
        println!("axum router built");
    }
}
"##;

/// How the downstream crate names kazoo-callflows.
enum Source {
    Path,
    Git,
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    // The outer build's settings must not leak into the downstream crate's.
    for var in [
        "KAZOO_SCHEMAS_DIR",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET_DIR",
    ] {
        cmd.env_remove(var);
    }
    cmd.env(
        "CARGO_TARGET_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("downstream-target"),
    );
    cmd
}

/// Writes the downstream crate into `dir` and returns its manifest path.
fn write_crate(dir: &Path, source: &Source, schemas_config: bool) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("src")).expect("creates the crate dir");
    let repo = shared_data::repo_root();
    let dependency = match source {
        Source::Path => format!("path = {:?}", repo.display().to_string()),
        Source::Git => format!("git = \"file://{}\"", repo.display()),
    };
    let manifest = format!(
        "[package]\nname = \"pivot-app\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [features]\naxum = [\"dep:axum\", \"kazoo-callflows/axum\"]\n\n\
         [dependencies]\nkazoo-callflows = {{ {dependency}, default-features = false }}\n\
         serde_json = \"1\"\naxum = {{ version = \"0.8\", default-features = false, optional = true }}\n\n\
         [workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("writes Cargo.toml");
    std::fs::write(dir.join("src/main.rs"), MAIN_RS).expect("writes main.rs");
    // This workspace's lock file pins the same versions (no registry look-up).
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copies Cargo.lock");
    if schemas_config {
        let master = shared_data::kazoo_dir().join("schemas/master");
        std::os::unix::fs::symlink(&master, dir.join("kazoo-schemas")).expect("links the schemas");
        std::fs::create_dir_all(dir.join(".cargo")).expect("creates .cargo");
        std::fs::write(
            dir.join(".cargo/config.toml"),
            "[env]\nKAZOO_SCHEMAS_DIR = { value = \"kazoo-schemas\", relative = true }\n",
        )
        .expect("writes .cargo/config.toml");
    }
    dir.join("Cargo.toml")
}

fn run_crate(dir: &Path, axum: bool) -> Output {
    let mut cmd = cargo();
    cmd.current_dir(dir).args(["run", "--quiet", "--offline"]);
    if axum {
        cmd.args(["--features", "axum"]);
    }
    cmd.output().expect("cargo runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("downstream")
        .join(name)
}

fn assert_runs(dir: &Path, axum: bool) {
    let out = run_crate(dir, axum);
    let stdout = text(&out.stdout);
    assert!(
        out.status.success(),
        "the downstream crate in {} builds and runs:\n{}",
        dir.display(),
        text(&out.stderr)
    );
    assert!(
        stdout.contains(r#"{"module":"tts","data":{"text":"Hi Ada Lovelace"}}"#),
        "{stdout}"
    );
    assert!(stdout.contains("ring_group timeout 20"), "{stdout}");
    assert_eq!(stdout.contains("axum router built"), axum, "{stdout}");
}

#[test]
fn a_pivot_crate_builds_against_this_checkout() {
    // By path, default features off.
    let dir = scratch("path");
    write_crate(&dir, &Source::Path, true);
    assert_runs(&dir, false);

    // By git URL, with axum.
    let dir = scratch("git");
    write_crate(&dir, &Source::Git, true);
    let fetch = cargo()
        .current_dir(&dir)
        .args(["fetch"])
        .output()
        .expect("cargo fetch runs");
    assert!(
        fetch.status.success(),
        "cargo fetch of the git dependency:\n{}",
        text(&fetch.stderr)
    );
    assert_runs(&dir, true);

    // Without the setting the build stops and says what to do.
    let dir = scratch("unset");
    write_crate(&dir, &Source::Git, false);
    let out = run_crate(&dir, false);
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "builds without schemas must fail");
    for expected in [
        "error: kazoo-callflows needs Kazoo's JSON schemas to generate its types: \
         KAZOO_SCHEMAS_DIR is not set and `",
        "Set KAZOO_SCHEMAS_DIR to a Kazoo schema directory: a Kazoo checkout's",
        "`applications/crossbar/priv/couchdb/schemas`, or any directory of such",
        "[env]",
        "KAZOO_SCHEMAS_DIR = { value = \"kazoo/applications/crossbar/priv/couchdb/schemas\", \
         relative = true }",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
}
