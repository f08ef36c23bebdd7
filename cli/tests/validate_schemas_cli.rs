//! `kazoo-callflows validate --schemas DIR`: validation against a schema
//! directory read at run time. On the directory the binary was built from
//! it prints exactly what the compiled validators print; modules are those
//! of the directory given; a missing or broken directory is `generate`'s
//! error, exit 2, nothing on stdout.

mod cli;
#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use kazoo_callflows::interpret::Schemas;
use std::process::Output;

fn validate(args: &[&str], stdin: &[u8]) -> Output {
    cli::validate_with_stdin(args, stdin)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_built_directory_read_at_run_time_prints_what_the_compiled_validators_print() {
    let corpus = shared_data::kazoo_dir().join("corpus");
    let mut files: Vec<String> = std::fs::read_dir(&corpus)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no corpus", corpus.display());
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let dir = kazoo_callflows::SCHEMAS_DIR;
    for format in ["text", "json"] {
        let mut compiled = vec!["--format", format];
        compiled.extend(&args);
        let mut interpreted = vec!["--format", format, "--schemas", dir];
        interpreted.extend(&args);
        let (c, i) = (validate(&compiled, b""), validate(&interpreted, b""));
        assert_eq!(text(&c.stderr), text(&i.stderr));
        assert_eq!(text(&c.stdout), text(&i.stdout));
        assert_eq!(c.status.code(), i.status.code());
        assert!(
            matches!(c.status.code(), Some(0 | 1)),
            "{}",
            text(&c.stderr)
        );
    }
    // A node with errors, so the comparison is not of empty outputs.
    let node = br#"{"module":"ring_group","data":{"timeout":"20","endpoints":[{}]}}"#;
    let c = validate(&[], node);
    let i = validate(&["--schemas", dir], node);
    assert_eq!(c.status.code(), Some(1));
    assert!(text(&c.stdout).lines().count() >= 2, "{}", text(&c.stdout));
    assert_eq!(text(&c.stdout), text(&i.stdout));
}

#[test]
fn modules_are_those_of_the_directory_given() {
    let schemas = shared_data::kazoo_dir().join("schemas");
    let (old, new) = (schemas.join("4.3"), schemas.join("master"));
    let old_modules: Vec<String> = Schemas::load(&old)
        .expect("4.3 loads")
        .modules()
        .map(String::from)
        .collect();
    let added = Schemas::load(&new)
        .expect("master loads")
        .modules()
        .find(|m| !old_modules.iter().any(|o| o == m))
        .map(String::from)
        .expect("master has modules 4.3 does not");
    let (old, new) = (old.to_string_lossy(), new.to_string_lossy());
    let o = validate(&["--schemas", &old, "--module", &added], b"{}");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains(&format!("unknown module {added:?}")),
        "{}",
        text(&o.stderr)
    );
    assert!(o.stdout.is_empty());
    let o = validate(&["--schemas", &new, "--module", &added], b"{}");
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        text(&o.stderr)
    );
    let node = format!(r#"{{"module":"{added}","data":{{}}}}"#);
    let o = validate(&["--schemas", &old, "--format", "json"], node.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).contains(&format!("unknown module \\\"{added}\\\"")),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn a_missing_or_broken_directory_is_the_generate_error() {
    let broken = cli::scratch("validate_schemas_cli", "broken");
    std::fs::create_dir_all(&broken).expect("scratch dir");
    std::fs::write(broken.join("callflows.json"), "{\"type\": \"object\",").expect("writes");
    let missing = broken.join("missing");
    for dir in [&broken, &missing] {
        let dir = dir.to_string_lossy();
        let o = validate(&["--schemas", &dir, "-"], br#"{"module":"user"}"#);
        let out = cli::run(&[
            "generate",
            "--schemas",
            &dir,
            "--out",
            &format!("{dir}-out"),
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(out.status.code(), Some(2));
        assert!(o.stdout.is_empty(), "{}", text(&o.stdout));
        assert_eq!(text(&o.stderr), text(&out.stderr));
        assert!(
            text(&o.stderr).starts_with("error: "),
            "{}",
            text(&o.stderr)
        );
        assert!(
            text(&o.stderr).contains(dir.as_ref()),
            "{}",
            text(&o.stderr)
        );
    }
}
