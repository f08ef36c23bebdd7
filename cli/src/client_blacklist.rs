//! `--client-blacklist-cidrs` and `--client-blacklist-hosts`: Kazoo's
//! client-URL blacklists (system config `client.blacklist.cidrs` and
//! `.hosts`), shared by the commands that judge callflows as Kazoo does
//! (`validate`, `call`).

use kazoo_callflows::validate::ClientBlacklist;

/// The client-URL blacklist flags.
#[derive(clap::Args)]
pub struct ClientBlacklistArgs {
    /// Networks Kazoo's client-URL rule refuses (`voice_url`, webhook
    /// `uri`, recording `url`), comma-separated (`127.0.0.1/32,::1/128`);
    /// an empty value checks no network. Default: Kazoo's,
    /// `127.0.0.1/32,0.0.0.0/32`.
    #[arg(long, value_name = "LIST")]
    client_blacklist_cidrs: Option<String>,
    /// Host names Kazoo's client-URL rule refuses, comma-separated,
    /// compared case-insensitively; an empty value checks no name.
    /// Default: Kazoo's, `localhost`.
    #[arg(long, value_name = "LIST")]
    client_blacklist_hosts: Option<String>,
}

impl ClientBlacklistArgs {
    /// Kazoo's lists, each replaced by its flag when given; a bad network
    /// is an error naming the flag.
    pub fn lists(&self) -> Result<ClientBlacklist, String> {
        let mut lists = ClientBlacklist::kazoo_default();
        if let Some(list) = &self.client_blacklist_cidrs {
            let cidrs = ClientBlacklist::parse_cidrs(list)
                .map_err(|e| format!("--client-blacklist-cidrs: {e}"))?;
            lists = lists.with_cidrs(cidrs);
        }
        if let Some(list) = &self.client_blacklist_hosts {
            lists = lists.with_hosts(ClientBlacklist::parse_hosts(list));
        }
        Ok(lists)
    }
}
