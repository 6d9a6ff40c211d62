//! `linux-cp { ... }` (an early config function, as in C).

use super::{u32_value, ConfigError};
use crate::state::NS_LEN;

/// What a `linux-cp` stanza sets; `None`/`false` leaves the default.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LinuxCpConfig {
    /// `default netns <name>`.
    pub default_netns: Option<String>,
    /// `lcp-auto-subint`.
    pub auto_subint: bool,
    /// `lcp-sync`.
    pub sync: bool,
    /// `lcp-sync-unnumbered [on|off]` (not settable at start-up upstream,
    /// quirk 14).
    pub sync_unnumbered: Option<bool>,
    /// `del-static-on-link-down`.
    pub del_static_on_link_down: bool,
    /// `del-dynamic-on-link-down`.
    pub del_dynamic_on_link_down: bool,
    /// `num-rx-queues <n>`.
    pub num_rx_queues: Option<u16>,
    /// `num-tx-queues <n>`.
    pub num_tx_queues: Option<u16>,
    /// `protocol-owner (arp|nd|ping|igmp) (linux|vpp)`, repeatable: the
    /// global owners (not in C; [`crate::ownership`]).
    pub protocol_owners: Vec<(crate::ownership::Proto, crate::ownership::Owner)>,
}

const OPTIONS: &str = "default netns, lcp-auto-subint, lcp-sync, lcp-sync-unnumbered, \
                       del-static-on-link-down, del-dynamic-on-link-down, num-rx-queues, num-tx-queues, protocol-owner";

fn queues<'a>(key: &str, w: &mut impl Iterator<Item = &'a str>) -> Result<u16, ConfigError> {
    let n = u32_value(key, w)?;
    u16::try_from(n).map_err(|_| ConfigError::new(key, format!("`{key}` {n} is more than 65535 queues")))
}

/// `linux-cp { ... }` in startup.conf (early, as upstream: it must be set
/// before other config functions create interfaces).
#[vpp::config(name = "linux-cp", early)]
fn linux_cp_config(b: &vpp::Barrier, input: &mut vpp::Input) -> vpp::Result<()> {
    let c = parse_linux_cp(input.take_rest()).map_err(|e| e.into_vpp("linux-cp"))?;
    if let Some(ns) = &c.default_netns {
        crate::state::set_default_ns(ns)
            .map_err(|e| vpp::Error::new(format!("linux-cp: default netns `{ns}`: {e:?}")))?;
    }
    crate::state::with(|s| {
        s.auto_subint |= c.auto_subint;
        s.sync |= c.sync;
        s.del_static_on_link_down |= c.del_static_on_link_down;
        s.del_dynamic_on_link_down |= c.del_dynamic_on_link_down;
        if let Some(v) = c.sync_unnumbered {
            s.sync_unnumbered = v;
        }
        if let Some(n) = c.num_rx_queues {
            s.num_rx_queues = n;
        }
        if let Some(n) = c.num_tx_queues {
            s.num_tx_queues = n;
        }
    });
    crate::ownership::OWNERS.update(b, |o| {
        for &(p, w) in &c.protocol_owners {
            o.set_global(p, w);
        }
    });
    Ok(())
}

/// Parse the words of a `linux-cp` stanza. Unknown options are named in the
/// error (upstream says "interfaces not found", quirk 14).
pub fn parse_linux_cp(text: &str) -> Result<LinuxCpConfig, ConfigError> {
    let mut c = LinuxCpConfig::default();
    let mut w = text.split_whitespace().peekable();
    while let Some(key) = w.next() {
        match key {
            "default" => {
                if w.next() != Some("netns") {
                    return Err(ConfigError::new(key, "`default` must be followed by `netns <name>`"));
                }
                let ns = w.next().ok_or_else(|| ConfigError::new(key, "`default netns` needs a name"))?;
                if ns.len() >= NS_LEN {
                    return Err(ConfigError::new(
                        ns,
                        "linux-cp default namespace must be less than 32 characters",
                    ));
                }
                if ns.contains('/') || ns == "." || ns == ".." {
                    return Err(ConfigError::new(ns, format!("`{ns}` is not a namespace name")));
                }
                c.default_netns = Some(ns.to_string());
            }
            "lcp-auto-subint" => c.auto_subint = true,
            "lcp-sync" => c.sync = true,
            "lcp-sync-unnumbered" => {
                c.sync_unnumbered = Some(match w.peek().copied() {
                    Some("on" | "enable") => {
                        w.next();
                        true
                    }
                    Some("off" | "disable") => {
                        w.next();
                        false
                    }
                    _ => true,
                })
            }
            "del-static-on-link-down" => c.del_static_on_link_down = true,
            "del-dynamic-on-link-down" => c.del_dynamic_on_link_down = true,
            "num-rx-queues" => c.num_rx_queues = Some(queues(key, &mut w)?),
            "num-tx-queues" => c.num_tx_queues = Some(queues(key, &mut w)?),
            "protocol-owner" => {
                use crate::ownership::{Owner, Proto};
                let p = w
                    .next()
                    .ok_or_else(|| ConfigError::new(key, "`protocol-owner` needs arp|nd|ping|igmp"))?;
                let p = Proto::parse(p)
                    .ok_or_else(|| ConfigError::new(p, format!("`{p}` is not arp, nd, ping or igmp")))?;
                let o = w.next().ok_or_else(|| ConfigError::new(key, "`protocol-owner` needs linux|vpp"))?;
                let o = Owner::parse(o)
                    .ok_or_else(|| ConfigError::new(o, format!("`{o}` is not linux or vpp")))?;
                c.protocol_owners.push((p, o));
            }
            _ => return Err(ConfigError::new(key, format!("unknown option `{key}` (expected {OPTIONS})"))),
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option() {
        let c = parse_linux_cp(
            "default netns dataplane lcp-auto-subint lcp-sync lcp-sync-unnumbered off \
             del-static-on-link-down del-dynamic-on-link-down num-rx-queues 4 num-tx-queues 0x2",
        )
        .unwrap();
        assert_eq!(
            c,
            LinuxCpConfig {
                default_netns: Some("dataplane".into()),
                auto_subint: true,
                sync: true,
                sync_unnumbered: Some(false),
                del_static_on_link_down: true,
                del_dynamic_on_link_down: true,
                num_rx_queues: Some(4),
                num_tx_queues: Some(2),
                protocol_owners: vec![],
            }
        );
        assert_eq!(parse_linux_cp("").unwrap(), LinuxCpConfig::default());
        assert_eq!(parse_linux_cp("lcp-sync-unnumbered lcp-sync").unwrap().sync_unnumbered, Some(true));
    }

    #[test]
    fn protocol_owner() {
        use crate::ownership::{Owner, Proto};
        let c = parse_linux_cp(
            "lcp-sync protocol-owner arp linux protocol-owner ping linux protocol-owner arp vpp",
        )
        .unwrap();
        assert!(c.sync);
        assert_eq!(
            c.protocol_owners,
            vec![(Proto::Arp, Owner::Linux), (Proto::Ping, Owner::Linux), (Proto::Arp, Owner::Vpp)]
        );
        assert_eq!(parse_linux_cp("protocol-owner dhcp linux").unwrap_err().token, "dhcp");
        assert_eq!(
            parse_linux_cp("protocol-owner nd kernel").unwrap_err().msg,
            "`kernel` is not linux or vpp"
        );
        assert_eq!(
            parse_linux_cp("protocol-owner igmp").unwrap_err().msg,
            "`protocol-owner` needs linux|vpp"
        );
    }

    #[test]
    fn errors_name_the_option() {
        let e = parse_linux_cp("lcp-sync interfaces eth0").unwrap_err();
        assert_eq!(e.token, "interfaces");
        assert!(e.msg.starts_with("unknown option `interfaces` (expected default netns,"), "{}", e.msg);
        let long = "n".repeat(32);
        let e = parse_linux_cp(&format!("default netns {long}")).unwrap_err();
        assert_eq!(
            (e.token.as_str(), e.msg.as_str()),
            (long.as_str(), "linux-cp default namespace must be less than 32 characters")
        );
        assert_eq!(parse_linux_cp("default netns ../x").unwrap_err().msg, "`../x` is not a namespace name");
        assert_eq!(parse_linux_cp("default ns x").unwrap_err().token, "default");
        assert_eq!(parse_linux_cp("num-rx-queues").unwrap_err().msg, "`num-rx-queues` needs a number");
        assert_eq!(
            parse_linux_cp("num-rx-queues many").unwrap_err().msg,
            "`num-rx-queues` takes a number, not `many`"
        );
        assert_eq!(
            parse_linux_cp("num-tx-queues 70000").unwrap_err().msg,
            "`num-tx-queues` 70000 is more than 65535 queues"
        );
    }
}
