//! Property test: any random schema directory full of naming traps
//! (`trap_schemas.rs`) generates, and generates the same output twice.

// Shared with the build script; each uses part of it.
#[allow(dead_code)]
#[path = "../trap_schemas.rs"]
mod trap_schemas;

use kazoo_callflows_codegen::Config;
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

static CASE: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory under the target's temporary directory.
fn case_dir() -> PathBuf {
    let n = CASE.fetch_add(1, Ordering::Relaxed);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("trap-schemas-{}-{n}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clears the case directory");
    }
    std::fs::create_dir_all(&dir).expect("creates the case directory");
    dir
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn trap_directories_generate_deterministically(modules in trap_schemas::directory()) {
        let dir = case_dir();
        for (module, schema) in &modules {
            let text = serde_json::to_string_pretty(schema).expect("serializes");
            std::fs::write(dir.join(format!("callflows.{module}.json")), text).expect("writes");
        }
        let first = Config::new().schemas_dir(&dir).generate();
        let first = match first {
            Ok(g) => g,
            Err(e) => return Err(TestCaseError::fail(format!("generation failed: {e}"))),
        };
        let second = Config::new().schemas_dir(&dir).generate().expect("generates again");
        prop_assert_eq!(first.rust(), second.rust());
        prop_assert_eq!(first.validators(), second.validators());
        prop_assert_eq!(first.space().modules.len(), modules.len());
        std::fs::remove_dir_all(&dir).expect("removes the case directory");
    }
}
