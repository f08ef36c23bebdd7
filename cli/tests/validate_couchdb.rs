//! `validate --couchdb` against a real pouchdb-server, seeded with Kazoo
//! account databases (created under Kazoo's encoded and raw spellings),
//! callflows valid and invalid, other documents, and databases that are
//! not account databases. Expected verdicts come from the library's own
//! validator on the seeded documents.
//!
//! pouchdb-server must be installed (see `couchdb_server::pouchdb`); the
//! tests fail, saying how, when it is not.

mod couchdb_server;

use couchdb_server::pouchdb::PouchServer;
use couchdb_server::proxy::{Behaviour, Proxy};
use serde_json::{Value, json};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_kazoo-callflows");

/// Documents per request in the paging runs.
const BATCH: usize = 4;

/// The 32-character id of test account `n`.
fn account_id(n: u128) -> String {
    format!(
        "{:032x}",
        0x4fe3_a5c7_b2d9_4e1a_8c0f_6b3d_0000_0000_u128 + n
    )
}

fn encoded(id: &str) -> String {
    format!("account%2F{}%2F{}%2F{}", &id[..2], &id[2..4], &id[4..])
}

fn unencoded(id: &str) -> String {
    format!("account/{}/{}/{}", &id[..2], &id[2..4], &id[4..])
}

fn raw(id: &str) -> String {
    format!("account{id}")
}

/// Callflow `i` of a database: every third one valid, the others broken
/// in one of several ways; some carry `pvt_type`, some only `flow`.
fn callflow(i: usize) -> Value {
    let vm = format!("{:032x}", 0xabc0 + i);
    match i % 6 {
        0 | 3 => json!({
            "_id": format!("cf{i:03}"), "pvt_type": "callflow", "name": format!("Main {i}"),
            "numbers": [format!("{}", 1000 + i)],
            "flow": {"module": "voicemail", "data": {"id": vm}, "children": {}}
        }),
        1 => json!({
            "_id": format!("cf{i:03}"), "pvt_type": "callflow",
            "flow": {"module": "resource", "data": {"use_local_resources": "false"}}
        }),
        2 => {
            json!({"_id": format!("cf{i:03}"), "numbers": "1000", "flow": {"module": "voicemail", "data": {"id": "short"}}})
        }
        4 => json!({"_id": format!("cf{i:03}"), "pvt_type": "callflow", "name": "no flow"}),
        _ => json!({
            "_id": format!("cf{i:03}"), "flow": {"module": "ring_group",
            "data": {"endpoints": [{"id": "d1", "endpoint_type": "phone"}], "timeout": -1}}
        }),
    }
}

/// Documents that are not callflows.
fn others(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({"_id": format!("dev{i:03}"), "pvt_type": "device", "name": format!("Phone {i}")}))
        .collect()
}

/// What was seeded: the account databases, as pouchdb-server lists them,
/// with their documents in id order.
struct Seeded {
    accounts: Vec<(String, Vec<Value>)>,
}

/// Seeds `server`: three account databases (two created under the encoded
/// spelling, one under the raw one), and three that are not account
/// databases but hold callflow-looking documents.
fn seed(server: &PouchServer) -> Seeded {
    let mut accounts = Vec::new();
    let design = json!({"_id": "_design/callflows", "views": {"crossbar_listing": {"map": "function (doc) { emit(doc._id, null); }"}}});
    for (n, callflows, other, raw_spelling) in
        [(1, 11, 3, false), (2, 4, 1, true), (3, 0, 2, false)]
    {
        let id = account_id(n);
        let name = if raw_spelling { raw(&id) } else { encoded(&id) };
        server.create_db(&name);
        let mut docs: Vec<Value> = (0..callflows).map(callflow).collect();
        docs.extend(others(other));
        if n == 1 {
            docs.push(design.clone());
        }
        server.insert(&name, &docs);
        docs.sort_by(|a, b| a["_id"].as_str().cmp(&b["_id"].as_str()));
        accounts.push((raw(&id), docs));
    }
    let modb = format!("{}-202601", encoded(&account_id(1)));
    for name in ["accounts", "webhooks", modb.as_str()] {
        server.create_db(name);
        server.insert(name, &[callflow(1), callflow(0)]);
    }
    Seeded { accounts }
}

impl Seeded {
    /// The `--format json` lines for `dbs` (all when empty), as values.
    fn json_lines(&self, dbs: &[&str]) -> Vec<Value> {
        self.docs(dbs).map(|(db, doc)| verdict(db, doc)).collect()
    }

    /// The text lines for every database.
    fn text_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (db, doc) in self.docs(&[]) {
            for e in kazoo_callflows::validate::document(doc)
                .err()
                .map(|e| e.into_vec())
                .unwrap_or_default()
            {
                lines.push(format!(
                    "{db}/{}: {}: {} ({})",
                    doc["_id"].as_str().unwrap(),
                    e.instance_path,
                    e.message,
                    e.keyword
                ));
            }
        }
        lines
    }

    /// The callflows of `dbs` (all when empty), in output order.
    fn docs<'a>(&'a self, dbs: &'a [&str]) -> impl Iterator<Item = (&'a str, &'a Value)> {
        self.accounts
            .iter()
            .filter(move |(db, _)| dbs.is_empty() || dbs.contains(&db.as_str()))
            .flat_map(|(db, docs)| {
                docs.iter()
                    .filter(|d| is_callflow(d))
                    .map(move |d| (db.as_str(), d))
            })
    }

    /// Every document of every account database.
    fn document_count(&self) -> usize {
        self.accounts.iter().map(|(_, docs)| docs.len()).sum()
    }
}

fn is_callflow(doc: &Value) -> bool {
    doc["pvt_type"] == "callflow" || doc.get("flow").is_some()
}

/// The `--format json` line expected for callflow `doc` of `db`: the
/// library's verdict.
fn verdict(db: &str, doc: &Value) -> Value {
    let errors = kazoo_callflows::validate::document(doc)
        .err()
        .map(|e| e.into_vec())
        .unwrap_or_default();
    json!({"db": db, "id": doc["_id"], "valid": errors.is_empty(), "errors": errors})
}

/// A finished run of the binary.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

/// Runs `kazoo-callflows validate ARGS` with `env` (and no other CouchDB
/// credentials).
fn validate(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(BIN);
    command
        .arg("validate")
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .env_remove("KAZOO_SCHEMAS_DIR")
        .env_remove("COUCHDB_USER")
        .env_remove("COUCHDB_PASSWORD");
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn every_callflow_of_every_account_database_in_batches() {
    let server = PouchServer::start();
    let seeded = seed(&server);
    let expected = seeded.json_lines(&[]);
    let invalid = expected.iter().filter(|l| l["valid"] == false).count();
    assert!(
        invalid > 0 && invalid < expected.len(),
        "the seed has valid and invalid callflows"
    );

    let proxy = Proxy::start(&server.url, Behaviour::default());
    let batch = BATCH.to_string();
    let run = validate(
        &[
            "--couchdb",
            &proxy.url,
            "--format",
            "json",
            "--batch-size",
            &batch,
            "--summary",
            "json",
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.json_lines(), expected);
    assert!(
        run.stdout.starts_with(r#"{"db":"#),
        "members in the documented order: {}",
        run.stdout
    );
    let summary: Value = serde_json::from_str(run.stderr.lines().last().unwrap()).unwrap();
    assert_eq!(
        summary["records"],
        seeded.document_count(),
        "{}",
        run.stderr
    );
    assert_eq!(summary["invalid"], invalid);
    assert_eq!(summary["valid"], expected.len() - invalid);
    assert_eq!(summary["skipped"], seeded.document_count() - expected.len());

    // Paging: every account database read in batches of BATCH (one row
    // more to find the next start), nothing else read.
    let lines = proxy.request_lines();
    assert_eq!(lines[0], "GET /_all_dbs HTTP/1.1");
    for (db, docs) in &seeded.accounts {
        let pages: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains(&format!("/{db}/_all_docs?")))
            .collect();
        assert_eq!(
            pages.len(),
            docs.len().div_ceil(BATCH).max(1),
            "{db}: {lines:#?}"
        );
        assert!(
            pages
                .iter()
                .all(|l| l.contains(&format!("limit={}", BATCH + 1))),
            "{pages:#?}"
        );
    }
    assert_eq!(
        lines.len(),
        1 + seeded
            .accounts
            .iter()
            .map(|(_, d)| d.len().div_ceil(BATCH).max(1))
            .sum::<usize>()
    );

    // One batch or many, the same bytes.
    let whole = validate(
        &[
            "--couchdb",
            &server.url,
            "--format",
            "json",
            "--batch-size",
            "1000",
        ],
        &[],
    );
    assert_eq!(whole.code, 1, "{}", whole.stderr);
    assert_eq!(whole.stdout, run.stdout);

    // Text: one line per error.
    let text = validate(&["--couchdb", &server.url, "--batch-size", &batch], &[]);
    assert_eq!(text.code, 1, "{}", text.stderr);
    assert_eq!(text.stdout.lines().collect::<Vec<_>>(), seeded.text_lines());
}

#[test]
fn db_flag_finds_an_account_database_by_any_spelling() {
    let server = PouchServer::start();
    let seeded = seed(&server);
    let first = account_id(1);
    let second = account_id(2);
    let listed_first = raw(&first);
    let expected = seeded.json_lines(&[&listed_first]);
    for spelling in [
        unencoded(&first),
        encoded(&first),
        encoded(&first).replace("%2F", "%2f"),
        raw(&first),
        first.clone(),
    ] {
        let run = validate(
            &[
                "--couchdb",
                &server.url,
                "--format",
                "json",
                "--db",
                &spelling,
            ],
            &[],
        );
        assert_eq!(run.code, 1, "--db {spelling}: {}", run.stderr);
        assert_eq!(run.json_lines(), expected, "--db {spelling}");
    }

    // Repeated: in the order given, each database once.
    let run = validate(
        &[
            "--couchdb",
            &server.url,
            "--format",
            "json",
            "--db",
            &raw(&second),
            "--db",
            &unencoded(&first),
            "--db",
            &first,
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut both = seeded.json_lines(&[&raw(&second)]);
    both.extend(expected.iter().cloned());
    assert_eq!(run.json_lines(), both);

    // A database that is not an account database, named explicitly.
    let run = validate(
        &[
            "--couchdb",
            &server.url,
            "--format",
            "json",
            "--db",
            "accounts",
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let ids: Vec<String> = run
        .json_lines()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["cf000", "cf001"]);

    // A server that keeps `_all_dbs` for admins (CouchDB 3): --db names
    // are read as CouchDB spells them, each checked first; without --db
    // there is nothing to read.
    let proxy = Proxy::start(
        &server.url,
        Behaviour {
            refuse_all_dbs: true,
            ..Behaviour::default()
        },
    );
    let couch_name = unencoded(&first);
    let as_couchdb_names: Vec<Value> = expected
        .iter()
        .map(|l| {
            let mut l = l.clone();
            l["db"] = json!(couch_name);
            l
        })
        .collect();
    for spelling in [unencoded(&first), raw(&first), first.clone()] {
        let args = [
            "--couchdb",
            &proxy.url,
            "--format",
            "json",
            "--db",
            &spelling,
        ];
        let run = validate(&args, &[]);
        assert_eq!(run.code, 1, "--db {spelling}: {}", run.stderr);
        assert_eq!(run.json_lines(), as_couchdb_names, "--db {spelling}");
    }
    let missing = unencoded(&account_id(99));
    let run = validate(&["--couchdb", &proxy.url, "--db", &missing], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains(&format!("--db {missing:?}: no such database")),
        "{}",
        run.stderr
    );
    let run = validate(&["--couchdb", &proxy.url], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("_all_dbs: HTTP 401"), "{}", run.stderr);

    // No such database: bad usage, nothing on stdout.
    let missing = unencoded(&account_id(99));
    let run = validate(
        &[
            "--couchdb",
            &server.url,
            "--db",
            &listed_first,
            "--db",
            &missing,
        ],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains(&format!("--db {missing:?}: no such database")),
        "{}",
        run.stderr
    );
}

#[test]
fn credentials_from_the_url_or_the_environment() {
    let mut server = PouchServer::start();
    let seeded = seed(&server);
    let password = "s3cret!:@";
    server.add_admin("alice", password);
    for (db, _) in &seeded.accounts {
        server.put(
            &format!("/{db}/_security"),
            &json!({"admins": {"names": [], "roles": []}, "members": {"names": ["alice"], "roles": []}}),
        );
    }
    let expected = seeded.json_lines(&[]);

    let anonymous = validate(&["--couchdb", &server.url, "--format", "json"], &[]);
    assert_eq!(anonymous.code, 2, "{}", anonymous.stderr);
    assert_eq!(
        anonymous.stdout, "",
        "pouchdb-server must refuse readers who are not members"
    );
    assert!(
        anonymous.stderr.contains("HTTP 401"),
        "{}",
        anonymous.stderr
    );
    assert!(
        anonymous.stderr.contains("COUCHDB_USER"),
        "{}",
        anonymous.stderr
    );

    let port = server.url.trim_start_matches("http://127.0.0.1:");
    let in_url = format!("http://alice:s3cret%21%3A%40@127.0.0.1:{port}");
    let run = validate(&["--couchdb", &in_url, "--format", "json"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.json_lines(), expected);

    let env = [("COUCHDB_USER", "alice"), ("COUCHDB_PASSWORD", password)];
    let run = validate(&["--couchdb", &server.url, "--format", "json"], &env);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.json_lines(), expected);

    let wrong = format!("http://alice:wrong-secret@127.0.0.1:{port}/");
    let run = validate(&["--couchdb", &wrong, "--format", "json"], &env);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("HTTP 401"), "{}", run.stderr);
    assert!(!run.stderr.contains("wrong-secret"), "{}", run.stderr);
}

#[test]
fn server_errors_are_retried_a_bounded_number_of_times() {
    let server = PouchServer::start();
    let seeded = seed(&server);
    let expected = seeded.json_lines(&[]);

    let proxy = Proxy::start(
        &server.url,
        Behaviour {
            fail_first: 3,
            ..Behaviour::default()
        },
    );
    let run = validate(
        &[
            "--couchdb",
            &proxy.url,
            "--format",
            "json",
            "--retries",
            "3",
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.json_lines(), expected);
    let lines = proxy.request_lines();
    assert_eq!(
        lines[..4],
        vec!["GET /_all_dbs HTTP/1.1".to_owned(); 4],
        "three 500s, then an answer"
    );

    let proxy = Proxy::start(
        &server.url,
        Behaviour {
            fail_first: usize::MAX,
            ..Behaviour::default()
        },
    );
    let run = validate(
        &[
            "--couchdb",
            &proxy.url,
            "--format",
            "json",
            "--retries",
            "2",
        ],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(proxy.request_lines().len(), 3);
    assert!(run.stderr.contains("HTTP 500: injected"), "{}", run.stderr);
    assert!(
        run.stderr.contains("gave up after 3 attempt(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_request_that_times_out_is_retried() {
    let server = PouchServer::start();
    let seeded = seed(&server);
    let expected = seeded.json_lines(&[]);

    // A 500, then no answer at all, then answers.
    let proxy = Proxy::start(
        &server.url,
        Behaviour {
            fail_first: 1,
            stall_first: 1,
            ..Behaviour::default()
        },
    );
    let args = [
        "--couchdb",
        &proxy.url,
        "--format",
        "json",
        "--timeout",
        "1",
    ];
    let run = validate(&args, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.json_lines(), expected);
    assert_eq!(
        proxy.request_lines()[..3],
        vec!["GET /_all_dbs HTTP/1.1".to_owned(); 3]
    );

    // Never an answer: bounded.
    let proxy = Proxy::start(
        &server.url,
        Behaviour {
            stall_first: usize::MAX,
            ..Behaviour::default()
        },
    );
    let args = ["--couchdb", &proxy.url, "--timeout", "1", "--retries", "1"];
    let run = validate(&args, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(proxy.request_lines().len(), 2);
    assert!(run.stderr.contains("timeout"), "{}", run.stderr);
    assert!(
        run.stderr.contains("gave up after 2 attempt(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_server_killed_mid_run_ends_the_run_after_the_verdicts_made() {
    let server = PouchServer::start();
    let seeded = seed(&server);
    // `_all_dbs`, then two pages of the first account database; then the
    // server dies.
    let pages = 2;
    let proxy = Proxy::start(
        &server.url,
        Behaviour {
            kill_after: Some((1 + pages, Box::new(server.killer()))),
            ..Behaviour::default()
        },
    );
    let batch = BATCH.to_string();
    let run = validate(
        &[
            "--couchdb",
            &proxy.url,
            "--format",
            "json",
            "--batch-size",
            &batch,
            "--retries",
            "2",
            "--summary",
            "json",
        ],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);

    let (db, docs) = &seeded.accounts[0];
    assert!(
        docs.len() > pages * BATCH,
        "the first database has more than {pages} pages"
    );
    let made: Vec<Value> = docs[..pages * BATCH]
        .iter()
        .filter(|d| is_callflow(d))
        .map(|doc| verdict(db, doc))
        .collect();
    assert!(!made.is_empty());
    assert_eq!(run.json_lines(), made);
    let summary = run.stderr.lines().next().unwrap();
    let summary: Value = serde_json::from_str(summary).unwrap();
    assert_eq!(summary["records"], pages * BATCH, "{}", run.stderr);
    assert_eq!(summary["skipped"], pages * BATCH - made.len());
    assert!(
        run.stderr
            .contains(&format!("error: database {db:?}: GET ")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("gave up after 3 attempt(s)"),
        "{}",
        run.stderr
    );
}
