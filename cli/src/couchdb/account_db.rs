//! Kazoo account databases and their three spellings.
//!
//! Kazoo keeps one database per account, named after the 32-character
//! account id `ABCDREST` (`AB` and `CD` its first two pairs of characters,
//! `REST` the other 28). Kazoo writes that name three ways:
//!
//! - unencoded, as CouchDB lists it: `account/AB/CD/REST`;
//! - encoded, as it appears in URLs: `account%2FAB%2FCD%2FREST` (also
//!   `%2f`);
//! - raw, without separators: `accountABCDREST` — which is how
//!   pouchdb-server lists the databases Kazoo creates, since it drops the
//!   slashes of a database name.
//!
//! Kazoo only checks the lengths of the pieces; here they must also be
//! ASCII letters or digits, so month databases (`…-YYYYMM`) and other
//! databases never pass for account databases.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// How an account database name is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// `account/AB/CD/REST`.
    Unencoded,
    /// `account%2FAB%2FCD%2FREST`.
    Encoded,
    /// `accountABCDREST`.
    Raw,
}

/// An account database name, recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDb {
    /// The 32-character account id.
    pub account_id: String,
    /// How the name was spelled.
    pub spelling: Spelling,
}

/// Length of a Kazoo account id.
const ACCOUNT_ID_LEN: usize = 32;

/// The account database `name` names, in any of Kazoo's spellings; `None`
/// for any other database.
pub fn recognise(name: &str) -> Option<AccountDb> {
    let rest = name.strip_prefix("account")?;
    let (pieces, spelling) = if let Some(r) = rest.strip_prefix('/') {
        (split3(r, "/")?, Spelling::Unencoded)
    } else if let Some(r) = strip_prefix_ignore_case(rest, "%2F") {
        (split3_ignore_case(r, "%2F")?, Spelling::Encoded)
    } else {
        let (a, b) = (rest.get(..2)?, rest.get(2..4)?);
        ([a, b, rest.get(4..)?], Spelling::Raw)
    };
    let [a, b, tail] = pieces;
    let id_chars =
        |s: &str, len: usize| s.len() == len && s.bytes().all(|c| c.is_ascii_alphanumeric());
    if !(id_chars(a, 2) && id_chars(b, 2) && id_chars(tail, ACCOUNT_ID_LEN - 4)) {
        return None;
    }
    Some(AccountDb {
        account_id: format!("{a}{b}{tail}"),
        spelling,
    })
}

/// What names the same database whatever its spelling: the account id of
/// an account database, else the name itself (percent-decoded).
pub fn identity(name: &str) -> String {
    match recognise(name) {
        Some(db) => db.account_id,
        None if name.len() == ACCOUNT_ID_LEN && name.bytes().all(|c| c.is_ascii_alphanumeric()) => {
            name.to_owned()
        }
        None => percent_decode_str(name).decode_utf8_lossy().into_owned(),
    }
}

/// The name CouchDB gives the database `name` names: `account/AB/CD/REST`
/// for an account database in any spelling or a bare account id, else
/// `name` itself.
pub fn couchdb_name(name: &str) -> String {
    let id = identity(name);
    if id.len() == ACCOUNT_ID_LEN && (recognise(name).is_some() || name == id) {
        format!("account/{}/{}/{}", &id[..2], &id[2..4], &id[4..])
    } else {
        name.to_owned()
    }
}

/// Characters a database name keeps in a URL path segment; everything
/// else, `/` included, is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `name` as one URL path segment. CouchDB database names never contain
/// `%`, so a name with `%` is taken as already encoded (Kazoo's encoded
/// spelling) and decoded first: it is never encoded twice.
pub fn url_segment(name: &str) -> String {
    let decoded = percent_decode_str(name).decode_utf8_lossy();
    utf8_percent_encode(&decoded, SEGMENT).to_string()
}

/// `s` without `prefix`, compared ASCII case-insensitively.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `a SEP b SEP rest`, split exactly twice on `sep`.
fn split3<'a>(s: &'a str, sep: &str) -> Option<[&'a str; 3]> {
    let (a, r) = s.split_once(sep)?;
    let (b, tail) = r.split_once(sep)?;
    Some([a, b, tail])
}

/// [`split3`] with an ASCII case-insensitive separator (`%2F`, `%2f`).
fn split3_ignore_case<'a>(s: &'a str, sep: &str) -> Option<[&'a str; 3]> {
    let a = s.get(..2)?;
    let r = strip_prefix_ignore_case(s.get(2..)?, sep)?;
    let b = r.get(..2)?;
    let tail = strip_prefix_ignore_case(r.get(2..)?, sep)?;
    Some([a, b, tail])
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "4fe3a5c7b2d94e1a8c0f6b3d2e1a9c7b";

    #[test]
    fn the_three_spellings_name_one_account() {
        let unencoded = format!("account/{}/{}/{}", &ID[..2], &ID[2..4], &ID[4..]);
        let encoded = format!("account%2F{}%2F{}%2F{}", &ID[..2], &ID[2..4], &ID[4..]);
        let lower = encoded.replace("%2F", "%2f");
        let raw = format!("account{ID}");
        for (name, spelling) in [
            (&unencoded, Spelling::Unencoded),
            (&encoded, Spelling::Encoded),
            (&lower, Spelling::Encoded),
            (&raw, Spelling::Raw),
        ] {
            assert_eq!(
                recognise(name),
                Some(AccountDb {
                    account_id: ID.to_owned(),
                    spelling
                }),
                "{name}"
            );
            assert_eq!(identity(name), ID, "{name}");
        }
        assert_eq!(identity(ID), ID);
        assert_eq!(url_segment(&unencoded), encoded);
        assert_eq!(url_segment(&encoded), encoded);
        assert_eq!(url_segment(&raw), raw);
        for name in [&unencoded, &encoded, &raw, &ID.to_owned()] {
            assert_eq!(couchdb_name(name), unencoded, "{name}");
        }
        assert_eq!(couchdb_name("accounts"), "accounts");
    }

    #[test]
    fn other_databases_are_not_account_databases() {
        let modb = format!("account/{}/{}/{}-202601", &ID[..2], &ID[2..4], &ID[4..]);
        let short = format!("account/{}/{}/{}", &ID[..2], &ID[2..4], &ID[5..]);
        let raw_short = format!("account{}", &ID[1..]);
        let slashed_raw = format!("account{}/{}", &ID[..16], &ID[17..]);
        for name in [
            "accounts",
            "_users",
            "account",
            "webhooks",
            modb.as_str(),
            short.as_str(),
            raw_short.as_str(),
            slashed_raw.as_str(),
        ] {
            assert_eq!(recognise(name), None, "{name}");
        }
        assert_eq!(identity("accounts"), "accounts");
        assert_eq!(url_segment("a$b(c)+d"), "a%24b%28c%29%2Bd");
    }
}
