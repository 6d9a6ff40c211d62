//! `linux-nl { ... }`: accepted by this plugin (which replaces
//! `linux_nl_plugin.so`) so existing startup.conf files keep working.

use super::{u32_value, ConfigError};

/// The netlink listener's settings (reference 6.2), with upstream's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinuxNlConfig {
    /// `nl-rx-buffer-size`: SO_RCVBUF of the notification socket.
    pub rx_buffer_size: u32,
    /// `nl-batch-size`: notifications applied per batch.
    pub batch_size: u32,
    /// `nl-batch-delay-ms`: pause between bursts of batches while more are
    /// queued.
    pub batch_delay_ms: u32,
    /// `nl-audit-interval-s` (not in upstream): how often VPP's FIB is
    /// compared with Linux's and repaired; 0 turns the audit off.
    pub audit_interval_s: u32,
    /// `nl-unusable-routes punt|ignore` (not in upstream): a route whose
    /// next hops are all on interfaces without a pair punts to Linux
    /// (`punt`, the default) or is left out of VPP (`ignore`, upstream).
    pub punt_unusable: bool,
    /// `nl-neigh-refresh-s` (not in upstream): how often the Linux
    /// neighbours VPP forwards to are marked reachable again; 0: never.
    pub neigh_refresh_s: u32,
}

impl LinuxNlConfig {
    /// Upstream's defaults (128 MiB receive buffer, 2048 messages per batch)
    /// except the delay: upstream pauses 50 ms after every batch; here a
    /// burst of batches runs for up to 20 ms of main-thread time
    /// ([`crate::netlink::process::BUDGET`]) and then pauses 5 ms, so an
    /// import is not slowed down by the pauses (a configured value is used
    /// as is).
    pub const DEFAULT: LinuxNlConfig = LinuxNlConfig {
        rx_buffer_size: 1 << 27,
        batch_size: 1 << 11,
        batch_delay_ms: 5,
        audit_interval_s: 300,
        punt_unusable: true,
        neigh_refresh_s: 30,
    };
}

impl Default for LinuxNlConfig {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// `linux-nl { ... }` in startup.conf.
#[vpp::config(name = "linux-nl")]
fn linux_nl_config(_vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> {
    let c = parse_linux_nl(input.take_rest()).map_err(|e| e.into_vpp("linux-nl"))?;
    crate::state::with(|s| s.netlink = c);
    Ok(())
}

/// Parse the words of a `linux-nl` stanza.
pub fn parse_linux_nl(text: &str) -> Result<LinuxNlConfig, ConfigError> {
    let mut c = LinuxNlConfig::default();
    let mut w = text.split_whitespace();
    while let Some(key) = w.next() {
        match key {
            "nl-rx-buffer-size" => c.rx_buffer_size = u32_value(key, &mut w)?,
            "nl-batch-size" => c.batch_size = u32_value(key, &mut w)?.max(1),
            "nl-batch-delay-ms" => c.batch_delay_ms = u32_value(key, &mut w)?,
            "nl-audit-interval-s" => c.audit_interval_s = u32_value(key, &mut w)?,
            "nl-neigh-refresh-s" => c.neigh_refresh_s = u32_value(key, &mut w)?,
            "nl-unusable-routes" => {
                c.punt_unusable = match w.next() {
                    Some("punt") => true,
                    Some("ignore") => false,
                    _ => return Err(ConfigError::new(key, "`nl-unusable-routes` needs punt or ignore")),
                }
            }
            _ => {
                return Err(ConfigError::new(
                    key,
                    format!(
                        "invalid netlink option `{key}` (expected nl-rx-buffer-size, nl-batch-size, nl-batch-delay-ms, nl-audit-interval-s, nl-unusable-routes, nl-neigh-refresh-s)"
                    ),
                ))
            }
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_defaults() {
        assert_eq!(parse_linux_nl("").unwrap(), LinuxNlConfig::default());
        let c = parse_linux_nl("nl-rx-buffer-size 67108864 nl-batch-size 4096 nl-batch-delay-ms 10").unwrap();
        assert_eq!((c.rx_buffer_size, c.batch_size, c.batch_delay_ms), (67108864, 4096, 10));
        assert_eq!(parse_linux_nl("nl-audit-interval-s 0").unwrap().audit_interval_s, 0);
        assert_eq!(LinuxNlConfig::default().audit_interval_s, 300);
        assert!(LinuxNlConfig::default().punt_unusable);
        assert_eq!(LinuxNlConfig::default().neigh_refresh_s, 30);
        assert_eq!(parse_linux_nl("nl-neigh-refresh-s 2").unwrap().neigh_refresh_s, 2);
        assert!(!parse_linux_nl("nl-unusable-routes ignore").unwrap().punt_unusable);
        assert!(parse_linux_nl("nl-unusable-routes drop").unwrap_err().msg.contains("punt or ignore"));
        let e = parse_linux_nl("nl-rx-buffer-size 1 nl-bogus 3").unwrap_err();
        assert_eq!(e.token, "nl-bogus");
        assert!(e.msg.starts_with("invalid netlink option `nl-bogus`"));
        assert_eq!(parse_linux_nl("nl-batch-size").unwrap_err().msg, "`nl-batch-size` needs a number");
    }
}
