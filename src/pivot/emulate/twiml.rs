//! TwiML answers, read as Kazoo's TwiML translator reads them (Kazoo
//! master, `core/kazoo_translator/src/converters/kzt_twiml.erl`,
//! `kzt_twiml_dial.erl`, `kzt_twiml_util.erl`): a `<Response>` whose
//! elements are verbs, run in order.
//!
//! At the level of control flow:
//! - `Say`, `Play`, `Pause`, `Set` run and the next verb follows;
//! - `Gather` runs its nested verbs, then collects up to `numDigits` keys
//!   (no limit by default) ending at `finishOnKey` (`#`; empty: none); with
//!   digits it requests `action` (default: the current URL) with `method`
//!   (POST), without it goes on to the next verb;
//! - `Dial` bridges (a number, or `Number`, `Device`, `User`, `Sip`
//!   elements) and requests `action` when there is one, else goes on;
//!   `Conference` and `Queue` take the call over;
//! - `Record` records nothing here: as after an empty recording, the next
//!   verb follows;
//! - `Redirect` requests its URL; `Hangup` and `Reject` end the call;
//! - the end of the verbs ends the call; any other element is an error
//!   that ends it when its turn comes.

use crate::pivot::HttpMethod;

/// One TwiML verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verb {
    /// Text to speech.
    Say(String),
    /// A file to play.
    Play(String),
    /// Silence, in seconds.
    Pause(u64),
    /// Call variables set (`<Set><Variable key value/></Set>`).
    Set(Vec<(String, String)>),
    /// Collect keys.
    Gather {
        /// Verbs run while waiting (cut short by the first key).
        nested: Vec<Verb>,
        /// At most this many keys (`None`: until `finishOnKey` or silence).
        num_digits: Option<usize>,
        /// The key that ends the input.
        finish_on_key: Option<char>,
        /// Where the digits go (`None`: the current URL).
        action: Option<String>,
        /// How.
        method: HttpMethod,
    },
    /// Bridge the call.
    Dial {
        /// What is dialled (`5551234`, `user 1234…`, `conference room`).
        target: String,
        /// A conference or queue: the call stays there.
        takes_over: bool,
        /// Where to ask for what next once the bridge ends.
        action: Option<String>,
        /// How.
        method: HttpMethod,
    },
    /// Ask `url` for the next TwiML.
    Redirect {
        /// The URL (relative to the current one).
        url: String,
        /// How.
        method: HttpMethod,
    },
    /// Record the caller (the emulator has nothing to record).
    Record,
    /// End the call.
    Hangup,
    /// Refuse the call with a reason (`rejected` or `busy`).
    Reject(String),
    /// An element Kazoo does not know: running it ends the call.
    Unknown {
        /// The element's name.
        name: String,
        /// Its line in the answer.
        line: u32,
    },
}

/// Reads a TwiML document: the verbs of its `<Response>`, or what Kazoo
/// cannot run (not XML, with line and column; another root; an attribute
/// value it refuses, with its line).
pub(crate) fn parse(body: &str) -> Result<Vec<Verb>, String> {
    let doc = roxmltree::Document::parse(body).map_err(|e| {
        let at = e.pos();
        format!("not XML (line {}, column {}): {e}", at.row, at.col)
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "Response" {
        return Err(format!(
            "the root element is <{}>, not <Response>",
            root.tag_name().name()
        ));
    }
    verbs(&doc, root)
}

fn verbs(doc: &roxmltree::Document, parent: roxmltree::Node) -> Result<Vec<Verb>, String> {
    parent
        .children()
        .filter(roxmltree::Node::is_element)
        .map(|el| verb(doc, el))
        .collect()
}

fn verb(doc: &roxmltree::Document, el: roxmltree::Node) -> Result<Verb, String> {
    let name = el.tag_name().name();
    let line = doc.text_pos_at(el.range().start).row;
    let bad = |what: String| format!("line {line}: <{name}>: {what}");
    let attr = |key: &str| el.attribute(key);
    let number = |key: &str| -> Result<Option<u64>, String> {
        attr(key)
            .map(|v| {
                v.trim()
                    .parse::<u64>()
                    .map_err(|_| bad(format!("{key}=\"{v}\" is not a whole number")))
            })
            .transpose()
    };
    let method = HttpMethod::from_node(attr("method").or(Some("post")));
    let text = || el.text().unwrap_or_default().trim().to_string();
    Ok(match name {
        "Say" => Verb::Say(text()),
        "Play" => Verb::Play(text()),
        "Pause" => Verb::Pause(number("length")?.unwrap_or(1).min(3600)),
        "Set" => Verb::Set(
            el.children()
                .filter(|c| c.has_tag_name("Variable"))
                .map(|v| {
                    let get = |k: &str| v.attribute(k).unwrap_or_default().to_string();
                    (get("key"), get("value"))
                })
                .collect(),
        ),
        "Gather" => {
            let finish_on_key = match attr("finishOnKey") {
                None => Some('#'),
                Some("") => None,
                Some(k) => {
                    let mut chars = k.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) if c.is_ascii_digit() || c == '#' || c == '*' => Some(c),
                        _ => return Err(bad(format!("finishOnKey=\"{k}\" is not one key"))),
                    }
                }
            };
            let num_digits = match number("numDigits")? {
                Some(0) => return Err(bad(String::from("numDigits=\"0\""))),
                n => n.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            };
            Verb::Gather {
                nested: verbs(doc, el)?,
                num_digits,
                finish_on_key,
                action: attr("action").map(str::to_string),
                method,
            }
        }
        "Dial" => {
            let inner = el.children().find(roxmltree::Node::is_element);
            let (target, takes_over) = match inner {
                None => (format!("number {}", dialled(&text())), false),
                Some(ep) => match ep.tag_name().name() {
                    "Conference" | "Queue" => (
                        format!(
                            "{} {}",
                            ep.tag_name().name().to_ascii_lowercase(),
                            ep.text().unwrap_or_default().trim()
                        ),
                        true,
                    ),
                    "Number" => (
                        format!("number {}", dialled(ep.text().unwrap_or_default())),
                        false,
                    ),
                    "Device" | "User" | "Sip" => (
                        format!(
                            "{} {}",
                            ep.tag_name().name().to_ascii_lowercase(),
                            ep.text().unwrap_or_default().trim()
                        ),
                        false,
                    ),
                    other => return Err(bad(format!("cannot dial <{other}>"))),
                },
            };
            Verb::Dial {
                target,
                takes_over,
                action: attr("action").map(str::to_string),
                method,
            }
        }
        "Redirect" => Verb::Redirect {
            url: text(),
            method,
        },
        "Record" => Verb::Record,
        "Hangup" => Verb::Hangup,
        "Reject" => match attr("reason").unwrap_or("rejected") {
            r @ ("rejected" | "busy") => Verb::Reject(r.to_string()),
            other => {
                return Err(bad(format!(
                    "reason=\"{other}\" is neither rejected nor busy"
                )));
            }
        },
        other => Verb::Unknown {
            name: other.to_string(),
            line,
        },
    })
}

/// The digits and `+` of a dialled number, as Kazoo keeps them.
fn dialled(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

/// `target` resolved against the `current` URL by the URL standard's
/// rules (`/path`, `../x`, `?q=1`, `//host/x`, absolute URLs); `target`
/// as it is when either cannot be read as a URL.
pub(crate) fn resolve(current: &str, target: &str) -> String {
    url::Url::parse(current)
        .and_then(|base| base.join(target))
        .map_or_else(|_| target.to_string(), String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_and_their_defaults() {
        let verbs = parse(
            r#"<?xml version="1.0"?>
<Response>
  <Gather numDigits="4" action="/collected.php"><Say>Enter your PIN</Say></Gather>
  <Gather finishOnKey=""><Play>http://x/beep.wav</Play></Gather>
  <Dial action="after.php" method="GET">+1 (555) 123-4567</Dial>
  <Dial><Conference>room</Conference></Dial>
  <Pause length="2"/>
  <Redirect method="GET">next.php</Redirect>
  <Reject reason="busy"/>
  <Hangup/>
  <Record/>
</Response>"#,
        )
        .unwrap();
        assert_eq!(
            verbs[0],
            Verb::Gather {
                nested: vec![Verb::Say(String::from("Enter your PIN"))],
                num_digits: Some(4),
                finish_on_key: Some('#'),
                action: Some(String::from("/collected.php")),
                method: HttpMethod::Post,
            }
        );
        assert!(matches!(
            &verbs[1],
            Verb::Gather {
                num_digits: None,
                finish_on_key: None,
                action: None,
                ..
            }
        ));
        assert_eq!(
            verbs[2],
            Verb::Dial {
                target: String::from("number +15551234567"),
                takes_over: false,
                action: Some(String::from("after.php")),
                method: HttpMethod::Get,
            }
        );
        assert!(matches!(
            &verbs[3],
            Verb::Dial {
                takes_over: true,
                ..
            }
        ));
        assert_eq!(verbs[4], Verb::Pause(2));
        assert_eq!(verbs[6], Verb::Reject(String::from("busy")));
        assert_eq!(verbs[7], Verb::Hangup);
        assert_eq!(verbs[8], Verb::Record);
    }

    #[test]
    fn what_kazoo_cannot_run_is_refused_with_its_place() {
        assert!(
            parse("<Response><Say>x</Response>")
                .unwrap_err()
                .starts_with("not XML (line 1")
        );
        assert!(parse("<Reply/>").unwrap_err().contains("<Reply>"));
        assert_eq!(
            parse("<Response>\n<Sms>hi</Sms></Response>").unwrap(),
            vec![Verb::Unknown {
                name: String::from("Sms"),
                line: 2
            }]
        );
        assert!(parse("<Response><Gather finishOnKey=\"##\"/></Response>").is_err());
    }

    #[test]
    fn urls_resolve_against_the_current_one() {
        let here = "http://127.0.0.1:8080/pivot/start.php?x=1";
        assert_eq!(
            resolve(here, "next.php"),
            "http://127.0.0.1:8080/pivot/next.php"
        );
        assert_eq!(
            resolve(here, "/other.php"),
            "http://127.0.0.1:8080/other.php"
        );
        assert_eq!(resolve(here, "https://h/x"), "https://h/x");
        assert_eq!(
            resolve(here, "?x=2"),
            "http://127.0.0.1:8080/pivot/start.php?x=2"
        );
        assert_eq!(resolve(here, "../up.php"), "http://127.0.0.1:8080/up.php");
        assert_eq!(resolve(here, "//other:81/p"), "http://other:81/p");
    }
}
