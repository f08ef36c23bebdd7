//! The floor of the bulk-validation benchmark: one thread parsing every
//! non-blank line of a JSON-lines file into a `serde_json::Value` (and
//! nothing else). Prints `lines bytes seconds`.
//!
//! `cargo run --release -p kazoo-callflows-cli --example parse_floor -- FILE`

use std::io::BufRead;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor FILE");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    let (mut lines, mut bytes, mut broken) = (0u64, 0u64, 0u64);
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).expect("read");
        if n == 0 {
            break;
        }
        bytes += n as u64;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        lines += 1;
        match serde_json::from_slice::<serde_json::Value>(&line) {
            Ok(v) => drop(std::hint::black_box(v)),
            Err(_) => broken += 1,
        }
    }
    println!(
        "{lines} {bytes} {:.3} {broken}",
        started.elapsed().as_secs_f64()
    );
}
