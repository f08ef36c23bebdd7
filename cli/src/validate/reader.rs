//! [`FileReader`]: cuts a file (or standard input) into [`Record`]s as it
//! reads it, recognising the input's shape by itself:
//!
//! - **JSON lines**: the first line holds one complete value and more
//!   follows (or `--jsonl`): each non-blank line is a record, so a broken
//!   line is one broken record and the next line is read as usual.
//! - **Concatenated values**, pretty-printed or not, one value (a document,
//!   envelope or node) being the usual case: each top-level value is a
//!   record.
//! - **CouchDB responses**: a top-level object whose first members are
//!   CouchDB's (`total_rows`, `offset`, …) up to an array `rows`
//!   (`_all_docs?include_docs=true`), `results`
//!   (`_changes?include_docs=true`) or `docs` (`_find`): each element of
//!   that array is a record ([`Unit::CouchRow`] or [`Unit::CouchDoc`]),
//!   handed on as soon as it is read, never the whole response.
//!
//! Records are cut by a byte scan ([`ValueEnd`]) and parsed later, in
//! parallel, by the pipeline; the buffer holds the record being cut and at
//! most one read ahead, so memory follows the largest record, not the
//! input. Each record carries its file, line and column.
//!
//! A value that does not end (an unclosed string, object or array) runs to
//! the end of the input in the concatenated and CouchDB shapes — JSON lines
//! keep such damage to its line.

use super::record::{Body, Origin, Record, SourceError, Unit};
use super::scan::{ValueEnd, is_space};
use std::io::{ErrorKind, Read};
use std::sync::Arc;

/// How much is read at a time (at least; see [`FileReader::fill`]).
const CHUNK: usize = 1 << 20;

/// CouchDB response members that may come before the array of documents.
const COUCH_PREAMBLE: [&[u8]; 8] = [
    b"total_rows",
    b"offset",
    b"update_seq",
    b"bookmark",
    b"warning",
    b"execution_stats",
    b"last_seq",
    b"pending",
];

/// Where the reader is in its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing read yet: the shape is not known.
    Start,
    /// JSON lines.
    Lines,
    /// Top-level values.
    Values,
    /// Inside a CouchDB response's array `name`.
    Array { unit: Unit, name: &'static str },
    /// After that array, inside the response object.
    ResponseTail,
    /// The end.
    Done,
}

/// What the start of a top-level object turned out to be.
enum Probe {
    /// Not known before more is read.
    NeedMore,
    /// A CouchDB response; its array of documents starts after `consumed`
    /// bytes.
    Response {
        consumed: usize,
        unit: Unit,
        name: &'static str,
    },
    /// Anything else: a record.
    Record,
}

/// The records of one input. An iterator of `Result<Record, SourceError>`;
/// after an error it ends.
pub struct FileReader {
    name: Arc<str>,
    src: Box<dyn Read + Send>,
    buf: Vec<u8>,
    /// The first byte of `buf` not consumed yet.
    start: usize,
    eof: bool,
    /// Line and column (in characters, 1-based) of `buf[start]`.
    line: u64,
    column: u64,
    state: State,
    jsonl: bool,
    /// Records handed on, and whether a CouchDB response was seen (an
    /// empty response is not an empty input).
    records: u64,
    responses: u64,
    on_read: Box<dyn FnMut(u64) + Send>,
}

impl FileReader {
    /// Reads `src`, named `name` in verdicts and errors; `jsonl` forces
    /// JSON lines; `on_read` is told how many bytes each read brought.
    pub fn new(
        name: &str,
        src: Box<dyn Read + Send>,
        jsonl: bool,
        on_read: Box<dyn FnMut(u64) + Send>,
    ) -> FileReader {
        FileReader {
            name: Arc::from(name),
            src,
            buf: Vec::new(),
            start: 0,
            eof: false,
            line: 1,
            column: 1,
            state: State::Start,
            jsonl,
            records: 0,
            responses: 0,
            on_read,
        }
    }

    /// The unconsumed bytes.
    fn rest(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Reads at least as much as is buffered (and at least [`CHUNK`]), so
    /// that a scan restarted after each read costs no more than twice a
    /// single scan, or up to the end of the input.
    fn fill(&mut self) -> Result<(), SourceError> {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        let want = self.buf.len().max(CHUNK);
        let old = self.buf.len();
        self.buf.resize(old + want, 0);
        let mut got = 0;
        while got < want {
            match self.src.read(&mut self.buf[old + got..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => got += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => {
                    self.buf.truncate(old + got);
                    return Err(SourceError(format!("{}: cannot read: {e}", self.name)));
                }
            }
        }
        self.buf.truncate(old + got);
        (self.on_read)(got as u64);
        Ok(())
    }

    /// Consumes `n` bytes, keeping the line and column.
    fn consume(&mut self, n: usize) {
        let bytes = &self.buf[self.start..self.start + n];
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count() as u64;
                self.column = 1 + chars(&bytes[last + 1..]);
            }
            None => self.column += chars(bytes),
        }
        self.start += n;
    }

    /// Consumes whitespace; false when the buffer ran out.
    fn skip_space(&mut self) -> bool {
        let n = self.rest().iter().take_while(|b| is_space(**b)).count();
        self.consume(n);
        self.start < self.buf.len()
    }

    /// The record of the next `n` bytes (not consumed).
    fn record(&mut self, n: usize, unit: Unit) -> Record {
        self.records += 1;
        Record {
            origin: Origin::File {
                file: self.name.clone(),
                line: self.line,
                column: self.column,
            },
            body: Body::Text(self.rest()[..n].to_vec()),
            unit,
        }
    }

    /// The record of the next `n` bytes, consumed.
    fn take(&mut self, n: usize, unit: Unit) -> Record {
        let record = self.record(n, unit);
        self.consume(n);
        record
    }

    /// An error about this input.
    fn error(&self, message: String) -> SourceError {
        SourceError(format!("{}: {message}", self.name))
    }

    /// Decides between JSON lines and the other shapes: JSON lines when
    /// the first line holds one complete value and a value follows it.
    /// `None`: more must be read first.
    fn detect(&self) -> Option<State> {
        if self.jsonl {
            return Some(State::Lines);
        }
        let rest = self.rest();
        let Some(first) = rest.iter().position(|b| !is_space(*b)) else {
            return self.eof.then_some(State::Values);
        };
        let line_end = match memchr::memchr(b'\n', &rest[first..]) {
            Some(n) => first + n,
            None if self.eof => return Some(State::Values),
            None => return None,
        };
        let Some(end) = ValueEnd::default().feed(&rest[first..line_end]) else {
            return Some(State::Values);
        };
        if !rest[first + end..line_end].iter().all(|b| is_space(*b)) {
            return Some(State::Values);
        }
        match rest[line_end..].iter().position(|b| !is_space(*b)) {
            Some(_) => Some(State::Lines),
            None if self.eof => Some(State::Values),
            None => None,
        }
    }

    /// The next line that is not blank.
    fn next_line(&mut self) -> Result<Option<Record>, SourceError> {
        loop {
            let (len, eol) = match memchr::memchr(b'\n', self.rest()) {
                Some(n) => (n, 1),
                None if self.eof => (self.rest().len(), 0),
                None => {
                    self.fill()?;
                    continue;
                }
            };
            if len == 0 && eol == 0 {
                return Ok(None);
            }
            let line = &self.rest()[..len];
            let text_len = if line.last() == Some(&b'\r') {
                len - 1
            } else {
                len
            };
            let record = if line.iter().all(|b| is_space(*b)) {
                None
            } else {
                Some(self.record(text_len, Unit::Input))
            };
            // A whole line: no need to count its characters.
            self.start += len + eol;
            self.line += eol as u64;
            self.column = 1;
            match record {
                Some(r) => return Ok(Some(r)),
                None => continue,
            }
        }
    }

    /// The next value (an array element, or a top-level value), whose first
    /// byte is `buf[start]`.
    fn next_value(&mut self, unit: Unit) -> Result<Record, SourceError> {
        loop {
            let mut scan = ValueEnd::default();
            match scan.feed(self.rest()) {
                Some(end) => return Ok(self.take(end, unit)),
                None if self.eof => {
                    // A bare scalar ends with the input; anything else is
                    // broken, and the parser will say so.
                    let n = self.rest().len();
                    return Ok(self.take(n, unit));
                }
                None => self.fill()?,
            }
        }
    }

    fn step(&mut self) -> Result<Option<Record>, SourceError> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => {
                    if self.buf.is_empty() && !self.eof {
                        self.fill()?;
                        if self.rest().starts_with(b"\xEF\xBB\xBF") {
                            // A byte order mark is not part of the JSON.
                            self.start += 3;
                        }
                        continue;
                    }
                    match self.detect() {
                        Some(state) => self.state = state,
                        None => self.fill()?,
                    }
                }
                State::Lines => {
                    return match self.next_line() {
                        Ok(Some(r)) => Ok(Some(r)),
                        Ok(None) => {
                            self.state = State::Done;
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    };
                }
                State::Values => {
                    if !self.skip_space() {
                        if self.eof {
                            self.state = State::Done;
                            return Ok(None);
                        }
                        self.fill()?;
                        continue;
                    }
                    if self.rest()[0] == b'{' {
                        match probe(self.rest()) {
                            Probe::NeedMore if !self.eof => {
                                self.fill()?;
                                continue;
                            }
                            Probe::Response {
                                consumed,
                                unit,
                                name,
                            } => {
                                self.consume(consumed);
                                self.responses += 1;
                                self.state = State::Array { unit, name };
                                continue;
                            }
                            Probe::NeedMore | Probe::Record => {}
                        }
                    }
                    return self.next_value(Unit::Input).map(Some);
                }
                State::Array { unit, name } => {
                    if !self.skip_space() {
                        if self.eof {
                            return Err(self.error(format!(
                                "the CouchDB response ends inside its {name:?} array \
                                 (line {}): truncated",
                                self.line
                            )));
                        }
                        self.fill()?;
                        continue;
                    }
                    match self.rest()[0] {
                        b',' => self.consume(1),
                        b']' => {
                            self.consume(1);
                            self.state = State::ResponseTail;
                        }
                        _ => {
                            return self.next_value(unit).map(Some);
                        }
                    }
                }
                State::ResponseTail => match ValueEnd::inside(1).feed(self.rest()) {
                    Some(end) => {
                        self.consume(end);
                        self.state = State::Values;
                    }
                    None if self.eof => {
                        return Err(self.error(format!(
                            "the CouchDB response ends before its closing \"}}\" (line {}): \
                             truncated",
                            self.line
                        )));
                    }
                    None => self.fill()?,
                },
            }
        }
    }
}

impl Iterator for FileReader {
    type Item = Result<Record, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.step() {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) if self.records == 0 && self.responses == 0 => {
                self.records = 1;
                Some(Err(self.error(String::from("empty input (expected JSON)"))))
            }
            Ok(None) => None,
            Err(e) => {
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

/// How many characters `bytes` hold (bytes that do not continue a UTF-8
/// sequence).
pub fn chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count() as u64
}

/// Whether the object starting at `bytes[0]` is a CouchDB response: its
/// members up to the array of documents are all CouchDB's own.
fn probe(bytes: &[u8]) -> Probe {
    let space = |from: usize| {
        from + bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| is_space(**b))
            .count()
    };
    let mut i = 1;
    loop {
        i = space(i);
        let Some(&b) = bytes.get(i) else {
            return Probe::NeedMore;
        };
        if b != b'"' {
            return Probe::Record;
        }
        let Some(len) = memchr::memchr2(b'"', b'\\', &bytes[i + 1..]) else {
            return Probe::NeedMore;
        };
        let key = &bytes[i + 1..i + 1 + len];
        if bytes[i + 1 + len] == b'\\' {
            return Probe::Record;
        }
        i = space(i + len + 2);
        match bytes.get(i) {
            None => return Probe::NeedMore,
            Some(b':') => {}
            Some(_) => return Probe::Record,
        }
        i = space(i + 1);
        let Some(&first) = bytes.get(i) else {
            return Probe::NeedMore;
        };
        let array = |unit, name| Probe::Response {
            consumed: i + 1,
            unit,
            name,
        };
        match key {
            b"rows" if first == b'[' => return array(Unit::CouchRow, "rows"),
            b"results" if first == b'[' => return array(Unit::CouchRow, "results"),
            b"docs" if first == b'[' => return array(Unit::CouchDoc, "docs"),
            k if COUCH_PREAMBLE.contains(&k) => {
                let Some(end) = ValueEnd::default().feed(&bytes[i..]) else {
                    return Probe::NeedMore;
                };
                i = space(i + end);
                match bytes.get(i) {
                    None => return Probe::NeedMore,
                    Some(b',') => i += 1,
                    Some(_) => return Probe::Record,
                }
            }
            _ => return Probe::Record,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, column, unit, text) of every record, or the error.
    fn records(input: &str, jsonl: bool) -> Vec<Result<(u64, u64, Unit, String), String>> {
        let reader = FileReader::new(
            "in.json",
            Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            jsonl,
            Box::new(|_| {}),
        );
        reader
            .map(|r| {
                r.map(|r| {
                    let Origin::File { line, column, .. } = r.origin else {
                        panic!("a file origin")
                    };
                    let Body::Text(text) = r.body else {
                        panic!("text")
                    };
                    (line, column, r.unit, String::from_utf8(text).unwrap())
                })
                .map_err(|e| e.0)
            })
            .collect()
    }

    fn ok(
        line: u64,
        column: u64,
        unit: Unit,
        text: &str,
    ) -> Result<(u64, u64, Unit, String), String> {
        Ok((line, column, unit, text.to_string()))
    }

    #[test]
    fn json_lines_keep_a_broken_line_to_itself() {
        let got = records("{\"a\": 1}\n\n{oops\r\n  {\"b\": [2]}\n", false);
        assert_eq!(
            got,
            [
                ok(1, 1, Unit::Input, "{\"a\": 1}"),
                ok(3, 1, Unit::Input, "{oops"),
                ok(4, 1, Unit::Input, "  {\"b\": [2]}"),
            ]
        );
    }

    #[test]
    fn one_pretty_document_is_one_record() {
        let doc = "{\n  \"flow\": {\"module\": \"tts\"},\n  \"name\": \"é\"\n}";
        assert_eq!(
            records(&format!("\n{doc}\n"), false),
            [ok(2, 1, Unit::Input, doc)]
        );
    }

    #[test]
    fn concatenated_values_carry_their_positions() {
        let got = records("{\"a\": \"é\"}{\"b\": 2} 7\n  [1,\n2]", false);
        assert_eq!(
            got,
            [
                ok(1, 1, Unit::Input, "{\"a\": \"é\"}"),
                ok(1, 11, Unit::Input, "{\"b\": 2}"),
                ok(1, 20, Unit::Input, "7"),
                ok(2, 3, Unit::Input, "[1,\n2]"),
            ]
        );
    }

    #[test]
    fn couchdb_responses_are_streamed_by_element() {
        let all_docs = "{\"total_rows\":2,\"offset\":0,\"rows\":[\r\n{\"id\":\"a\",\"doc\":{\"_id\":\"a\"}},\r\n{\"id\":\"b\"}\r\n]}\n";
        assert_eq!(
            records(all_docs, false),
            [
                ok(
                    2,
                    1,
                    Unit::CouchRow,
                    "{\"id\":\"a\",\"doc\":{\"_id\":\"a\"}}"
                ),
                ok(3, 1, Unit::CouchRow, "{\"id\":\"b\"}"),
            ]
        );
        let find =
            "{\"docs\": [{\"_id\": \"x\"}], \"bookmark\": \"nil\", \"warning\": \"no index\"}";
        assert_eq!(
            records(find, false),
            [ok(1, 11, Unit::CouchDoc, "{\"_id\": \"x\"}")]
        );
        let changes =
            "{\"results\":[\n{\"seq\":1,\"doc\":{}}\n],\n\"last_seq\":\"1\",\"pending\":0}";
        assert_eq!(
            records(changes, false),
            [ok(2, 1, Unit::CouchRow, "{\"seq\":1,\"doc\":{}}")]
        );
        // An empty response is no error; a document whose first member is
        // not CouchDB's is a record.
        assert_eq!(records("{\"total_rows\":0,\"rows\":[]}", false), []);
        assert_eq!(
            records("{\"name\": 1, \"rows\": []}", false),
            [ok(1, 1, Unit::Input, "{\"name\": 1, \"rows\": []}")]
        );
    }

    #[test]
    fn truncated_responses_and_empty_inputs_are_errors() {
        let got = records("{\"rows\":[{\"id\":\"a\"},{\"id\"", false);
        assert_eq!(got[0], ok(1, 10, Unit::CouchRow, "{\"id\":\"a\"}"));
        assert_eq!(got[1], ok(1, 21, Unit::CouchRow, "{\"id\""));
        assert_eq!(
            got[2],
            Err(String::from(
                "in.json: the CouchDB response ends inside its \"rows\" array (line 1): truncated"
            ))
        );
        assert_eq!(got.len(), 3);
        assert_eq!(
            records(" \n ", false),
            [Err(String::from("in.json: empty input (expected JSON)"))]
        );
        assert_eq!(
            records("\n\n", true),
            [Err(String::from("in.json: empty input (expected JSON)"))]
        );
    }

    #[test]
    fn records_longer_than_a_read_are_whole() {
        let big = format!("{{\"flow\": {{}}, \"s\": \"{}\"}}", "x".repeat(3 * CHUNK));
        let got = records(&format!("{big}\n{big}\n"), false);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], ok(2, 1, Unit::Input, &big));
    }
}
