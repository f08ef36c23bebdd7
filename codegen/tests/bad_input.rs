//! Bad schema directories: each gives an error naming the file and the JSON
//! pointer (or line and column for invalid JSON), of the right kind.

use kazoo_callflows_codegen::{Config, Error, ErrorKind};
use std::path::{Path, PathBuf};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(case)
}

fn fail(case: &str) -> Error {
    match Config::new().schemas_dir(fixture(case)).generate() {
        Ok(_) => panic!("{case}: generation succeeded on bad input"),
        Err(e) => e,
    }
}

#[test]
fn missing_directory() {
    let e = fail("does_not_exist");
    assert!(
        matches!(e.kind(), ErrorKind::MissingDirectory { .. }),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("does_not_exist: cannot read the schema directory"),
        "{e}"
    );
}

#[test]
fn no_callflow_schemas() {
    let e = fail("no_callflows");
    assert!(
        matches!(e.kind(), ErrorKind::NoCallflowSchemas { .. }),
        "{e:?}"
    );
}

#[test]
fn invalid_json_names_file_line_and_column() {
    let e = fail("invalid_json");
    let ErrorKind::InvalidJson {
        file, line, column, ..
    } = e.kind()
    else {
        panic!("{e:?}")
    };
    assert!(file.ends_with("callflows.broken.json"));
    assert_eq!((*line, *column), (3, 41), "{e}");
    assert!(
        e.to_string()
            .contains("callflows.broken.json: invalid JSON at line 3, column 41: trailing comma"),
        "{e}"
    );
}

#[test]
fn dangling_ref_names_the_ref() {
    let e = fail("dangling_ref");
    assert!(matches!(e.kind(), ErrorKind::DanglingRef { .. }), "{e:?}");
    assert!(
        e.to_string().contains(
            "callflows.x.json#/properties/headers/$ref: $ref \"no_such_schema\" (kazoo:///no_such_schema) matches no schema"
        ),
        "{e}"
    );
}

#[test]
fn unknown_type_names_the_keyword() {
    let e = fail("unknown_type");
    assert!(matches!(e.kind(), ErrorKind::UnknownType { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("callflows.x.json#/properties/name/type: unknown type \"strng\""),
        "{e}"
    );
}

#[test]
fn invalid_keyword_value() {
    let e = fail("invalid_keyword");
    assert!(
        matches!(e.kind(), ErrorKind::InvalidKeyword { .. }),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("callflows.x.json#/properties/name/minLength: `minLength` must be a non-negative integer"),
        "{e}"
    );
}

#[test]
fn duplicate_id_names_both_files() {
    let e = fail("duplicate_id");
    assert!(matches!(e.kind(), ErrorKind::DuplicateId { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("callflows.b.json#/_id: schema id \"callflows.a\" is also declared by"),
        "{msg}"
    );
    assert!(msg.ends_with("callflows.a.json"), "{msg}");
}

#[test]
fn remote_ref_outside_the_directory_names_file_pointer_and_uri() {
    let e = fail("remote_ref");
    assert!(matches!(e.kind(), ErrorKind::DanglingRef { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("callflows.x.json#/properties/meta/$ref: $ref \"meta.json#/definitions/percent%25field\""),
        "{msg}"
    );
    // Resolved against the enclosing `id`.
    assert!(
        msg.contains("(http://example.com/schemas/meta.json#/definitions/percent%25field)"),
        "{msg}"
    );
}
