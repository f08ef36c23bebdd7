//! The note a module's book page carries when Kazoo checks some of its
//! fields beyond the schema (`kazoo_rules`): which fields, what the rule
//! is, and the message Kazoo answers with.

use crate::ir::schema::SchemaGraph;
use crate::kazoo_rules::{KazooRule, kazoo_checked_members};

/// The Markdown section for the schema `file_id` (`callflows.pivot`), or
/// `None` when Kazoo checks none of its fields beyond the schema.
pub fn note(graph: &SchemaGraph, file_id: &str) -> Option<String> {
    let members = kazoo_checked_members(graph, file_id);
    if members.is_empty() {
        return None;
    }
    let mut out = String::from("## Checked by Kazoo beyond the schema\n\n");
    for (pointer, rule) in members {
        let key: Vec<&str> = pointer
            .split('/')
            .filter(|t| !t.is_empty() && *t != "properties")
            .collect();
        let key = key.join(".");
        match rule {
            KazooRule::ClientUrl => out.push_str(&format!(
                "- `{key}`: a URL Kazoo calls, so Kazoo refuses it (\"invalid client URL\") \
                 unless its scheme is `http` or `https` and its host is on neither of \
                 Kazoo's client blacklists: the networks of the `kazoo_web` system setting \
                 `client.blacklist.cidrs` (default `127.0.0.1/32`, `0.0.0.0/32`) and the \
                 host names of `client.blacklist.hosts` (default `localhost`). \
                 `kazoo-callflows validate` checks the same; \
                 `--client-blacklist-cidrs` and `--client-blacklist-hosts` set the lists.\n"
            )),
        }
    }
    Some(out)
}
