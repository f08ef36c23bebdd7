//! Kazoo's client-URL rule: the URLs a callflow makes Kazoo call (a pivot
//! `voice_url`, a webhook `uri`, a recording `url`) must use `http` or
//! `https`, and must not point at a blacklisted host. It is Kazoo's guard
//! against callflows that make the platform call its own loopback.
//!
//! Kazoo keeps two lists in its system configuration (`client.blacklist.cidrs`
//! and `client.blacklist.hosts` of the `kazoo_web` settings), by default the
//! networks `127.0.0.1/32` and `0.0.0.0/32` and the host `localhost`; an
//! unset list checks nothing. [`ClientBlacklist`] holds both lists,
//! [`ClientBlacklist::allows`] is the rule. Generated validators, the
//! run-time interpreter and typed values all call it through
//! `keywords::client_url`.
//!
//! Kazoo splits the URL with its own small parser; this crate parses it by
//! the WHATWG URL rules (the `url` crate), which is what an HTTP client
//! does with it. The cases decided:
//!
//! - The scheme must be written `http` or `https` in lower case, as Kazoo
//!   compares it (`HTTP://…` is refused).
//! - A text that is not an absolute URL, or has no host, is refused;
//!   extra slashes before the host are skipped (`http:///x` is host `x`).
//! - Ports and userinfo (`user:pass@`) are ignored: only the host counts.
//! - Host names compare case-insensitively, and without one trailing dot
//!   (`LocalHost.` is `localhost`); international names compare in their
//!   ASCII (punycode) form.
//! - IPv4 hosts in any form the URL rules accept (`127.1`, `2130706433`,
//!   `0x7f.0.0.1`) are the address they denote, and are checked against the
//!   networks; so are IPv6 literals (`[::1]`), and an IPv4-mapped IPv6
//!   address (`[::ffff:127.0.0.1]`) is checked as its IPv4 address too.
//! - A network entry without a prefix length (`10.1.2.3`) is that one
//!   address.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

/// One network of the address blacklist: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Whether `ip` is in this network (IPv4 networks never hold IPv6
    /// addresses, nor the reverse).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl std::str::FromStr for Cidr {
    type Err = String;

    /// `ADDRESS/PREFIX` or a bare address (the full prefix).
    fn from_str(text: &str) -> Result<Cidr, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{text:?} is not an IP network (ADDRESS/PREFIX)"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => match p.parse::<u8>() {
                Ok(p) if p <= max => p,
                _ => {
                    return Err(format!(
                        "{text:?}: the prefix length must be a number from 0 to {max}"
                    ));
                }
            },
        };
        Ok(Cidr { addr, prefix })
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// The two lists, shared by clones.
#[derive(Debug, PartialEq, Eq)]
struct Lists {
    cidrs: Vec<Cidr>,
    hosts: Vec<String>,
}

/// The networks and host names client URLs must not point at. The default
/// is Kazoo's: `127.0.0.1/32`, `0.0.0.0/32` and `localhost`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClientBlacklist {
    /// `None`: Kazoo's defaults.
    custom: Option<Arc<Lists>>,
}

/// Kazoo's default networks.
const DEFAULT_CIDRS: [Cidr; 2] = [
    Cidr {
        addr: IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1)),
        prefix: 32,
    },
    Cidr {
        addr: IpAddr::V4(Ipv4Addr::new(0, 0, 0, 0)),
        prefix: 32,
    },
];

/// Kazoo's default host names.
const DEFAULT_HOSTS: [&str; 1] = ["localhost"];

impl ClientBlacklist {
    /// Kazoo's default lists.
    pub fn kazoo_default() -> ClientBlacklist {
        ClientBlacklist::default()
    }

    /// These lists (empty lists check nothing). Host names are kept in
    /// lower case, without a trailing dot.
    pub fn new(cidrs: Vec<Cidr>, hosts: impl IntoIterator<Item = String>) -> ClientBlacklist {
        let hosts = hosts.into_iter().map(|h| normal_host(&h)).collect();
        ClientBlacklist {
            custom: Some(Arc::new(Lists { cidrs, hosts })),
        }
    }

    /// The same host names with these networks.
    pub fn with_cidrs(&self, cidrs: Vec<Cidr>) -> ClientBlacklist {
        ClientBlacklist::new(cidrs, self.hosts().map(str::to_string).collect::<Vec<_>>())
    }

    /// The same networks with these host names.
    pub fn with_hosts(&self, hosts: impl IntoIterator<Item = String>) -> ClientBlacklist {
        ClientBlacklist::new(self.cidrs().to_vec(), hosts)
    }

    /// Parses a comma-separated network list (`127.0.0.1/32,::1/128`);
    /// empty text is the empty list.
    pub fn parse_cidrs(list: &str) -> Result<Vec<Cidr>, String> {
        list.split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::parse)
            .collect()
    }

    /// Splits a comma-separated host list; empty text is the empty list.
    pub fn parse_hosts(list: &str) -> Vec<String> {
        list.split(',')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The networks.
    pub fn cidrs(&self) -> &[Cidr] {
        match &self.custom {
            Some(l) => &l.cidrs,
            None => &DEFAULT_CIDRS,
        }
    }

    /// The host names (lower case).
    pub fn hosts(&self) -> impl Iterator<Item = &str> {
        let (custom, default) = match &self.custom {
            Some(l) => (l.hosts.as_slice(), &[][..]),
            None => (&[][..], &DEFAULT_HOSTS[..]),
        };
        custom
            .iter()
            .map(String::as_str)
            .chain(default.iter().copied())
    }

    /// Kazoo's client-URL rule: whether Kazoo would call `url`.
    pub fn allows(&self, url: &str) -> bool {
        let scheme_ok = matches!(url.split_once(':'), Some(("http" | "https", _)));
        if !scheme_ok {
            return false;
        }
        let Ok(parsed) = url::Url::parse(url) else {
            return false;
        };
        match parsed.host() {
            None => false,
            Some(url::Host::Domain(name)) => {
                let name = normal_host(name);
                !self.hosts().any(|h| h == name)
            }
            Some(url::Host::Ipv4(ip)) => !self.blocks_ip(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => {
                !self.blocks_ip(IpAddr::V6(ip))
                    && ip
                        .to_ipv4_mapped()
                        .is_none_or(|v4| !self.blocks_ip(IpAddr::V4(v4)))
            }
        }
    }

    fn blocks_ip(&self, ip: IpAddr) -> bool {
        self.cidrs().iter().any(|c| c.contains(ip))
    }
}

/// A host name as compared: lower case, without one trailing dot.
fn normal_host(h: &str) -> String {
    let h = h.trim().to_ascii_lowercase();
    match h.strip_suffix('.') {
        Some(s) => s.to_string(),
        None => h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(cidrs: &str, hosts: &str) -> ClientBlacklist {
        ClientBlacklist::new(
            ClientBlacklist::parse_cidrs(cidrs).unwrap(),
            ClientBlacklist::parse_hosts(hosts),
        )
    }

    #[test]
    fn default_lists_refuse_loopback_and_names() {
        let d = ClientBlacklist::default();
        for bad in [
            "http://127.0.0.1:8080/x",
            "http://127.0.0.1/x",
            "https://0.0.0.0/x",
            "http://localhost/x",
            "http://LOCALHOST:80/x",
            "http://LocalHost./x",
            "http://user:pw@localhost/x",
            "http://user:pw@127.0.0.1:9/x",
            "http://127.1/x",
            "http://2130706433/x",
            "http://[::ffff:127.0.0.1]/x",
            "ftp://example.com/h",
            "HTTP://example.com/x",
            "example.com/x",
            "http://",
            "http://exa mple.com/x",
            "",
        ] {
            assert!(!d.allows(bad), "{bad} should be refused");
        }
        for good in [
            "https://pivot.example.com/x",
            "http://10.1.2.3/x",
            "http://127.0.0.2/x",
            "http://localhost.example.com/x",
            "http://user:localhost@example.com/x",
            "http://[::1]/x",
            "https://example.com:8443/x?y=1#z",
            // The URL rules skip extra slashes: the host is `x`.
            "http:///x",
        ] {
            assert!(d.allows(good), "{good} should pass");
        }
    }

    #[test]
    fn custom_lists() {
        let ten = custom("10.0.0.0/8", "");
        assert!(!ten.allows("http://10.1.2.3/x"));
        assert!(ten.allows("http://11.1.2.3/x"));
        assert!(
            ten.allows("http://127.0.0.1/x"),
            "the list replaces the default"
        );
        assert!(
            ten.allows("http://localhost/x"),
            "empty host list checks nothing"
        );
        let v6 = custom("::1/128,fe80::/10", "Pivot.Internal");
        assert!(!v6.allows("http://[::1]:8080/x"));
        assert!(!v6.allows("http://[FE80::1]/x"));
        assert!(v6.allows("http://[2001:db8::1]/x"));
        assert!(!v6.allows("http://pivot.INTERNAL/x"));
        let off = custom("", "");
        assert!(off.allows("http://127.0.0.1/x"));
        assert!(
            !off.allows("ftp://127.0.0.1/x"),
            "the scheme is always checked"
        );
        let one = custom("10.1.2.3", "");
        assert!(!one.allows("http://10.1.2.3/x"));
        assert!(one.allows("http://10.1.2.4/x"));
        let all = custom("0.0.0.0/0", "");
        assert!(!all.allows("http://8.8.8.8/x"));
        assert!(all.allows("http://[::2]/x"));
    }

    #[test]
    fn bad_network_entries() {
        assert!(ClientBlacklist::parse_cidrs("10.0.0.0/33").is_err());
        assert!(ClientBlacklist::parse_cidrs("10.0.0/8").is_err());
        assert!(ClientBlacklist::parse_cidrs("::/129").is_err());
        assert!(ClientBlacklist::parse_cidrs("localhost").is_err());
        assert_eq!(ClientBlacklist::parse_cidrs(" , ").unwrap(), vec![]);
    }
}
