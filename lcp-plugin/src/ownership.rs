//! Who answers ARP, ND, ping and IGMP on a paired phy: VPP (upstream's
//! behaviour, the default) or Linux.
//!
//! Upstream's lcp.rst tells operators to turn VPP's own ARP/ND/IGMP/ping
//! handling off because Linux owns those protocols, and enforces nothing.
//! Here each protocol has an owner, globally (`linux-cp { protocol-owner
//! <proto> <owner> }`, `lcp protocol-owner <proto> <owner>`) and per pair
//! (`lcp protocol-owner <proto> <owner> phy <itf>`); a pair's own setting
//! wins over the global one. With owner `linux`:
//!
//! | protocol | what VPP no longer does on the phy | how Linux gets the packet |
//! |---|---|---|
//! | `arp` | `arp-reply`/`arp-proxy` never see ARP *requests* (replies still go on, so VPP keeps learning) | `linux-cp-arp-phy` sends the request, with its Ethernet header, out of the host interface instead of continuing the `arp` arc |
//! | `ping` | `ip4-icmp-echo-request` / `ip6-icmp-echo-request` never see echo requests to the phy's addresses | `linux-cp-local-ip4/6` (on the `ip4-local`/`ip6-local` arcs) sends them to `ip4-punt`/`ip6-punt`, i.e. the pair's punt redirect to the host |
//! | `nd` | `icmp6-neighbor-solicitation` / `icmp6-router-solicitation` never see NS/RS addressed to the phy | `linux-cp-local-ip6` -> `ip6-punt` (redirect to the host) |
//! | `igmp` | the igmp plugin's `igmp-input` never sees IGMP addressed to the phy | `linux-cp-local-ip4` -> `ip4-punt` |
//!
//! The `linux-cp-local-*` features are enabled on a phy only while one of
//! its protocols there is owned by Linux, so with the defaults the graph is
//! exactly upstream's.
//!
//! TUN pairs: their host has no link layer, so `arp` cannot be handed to
//! Linux; ARP stays VPP's there whatever the setting (and is reported).

use std::collections::BTreeMap;

/// A protocol VPP may answer on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Proto {
    /// ARP requests (`arp-reply`, `arp-proxy`).
    Arp,
    /// IPv6 neighbour / router solicitations (`ip6-nd`).
    Nd,
    /// ICMP / ICMPv6 echo requests.
    Ping,
    /// IGMP (the igmp plugin).
    Igmp,
}

impl Proto {
    /// Every protocol, in `show lcp` order.
    pub const ALL: [Proto; 4] = [Proto::Arp, Proto::Nd, Proto::Ping, Proto::Igmp];

    /// The CLI / config word.
    pub fn as_str(self) -> &'static str {
        match self {
            Proto::Arp => "arp",
            Proto::Nd => "nd",
            Proto::Ping => "ping",
            Proto::Igmp => "igmp",
        }
    }

    /// Parse the CLI / config word.
    pub fn parse(w: &str) -> Option<Proto> {
        Proto::ALL.into_iter().find(|p| p.as_str() == w)
    }
}

/// Who answers a protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// VPP answers (upstream's behaviour).
    Vpp,
    /// Linux answers: VPP hands the request to the host and does not answer.
    Linux,
}

impl Owner {
    /// The CLI / config word.
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Vpp => "vpp",
            Owner::Linux => "linux",
        }
    }

    /// Parse the CLI / config word.
    pub fn parse(w: &str) -> Option<Owner> {
        match w {
            "vpp" => Some(Owner::Vpp),
            "linux" => Some(Owner::Linux),
            _ => None,
        }
    }
}

/// The global owners and the per-phy overrides.
#[derive(Clone, Debug)]
pub struct Owners {
    global: [Owner; 4],
    per_phy: BTreeMap<u32, [Option<Owner>; 4]>,
}

impl Owners {
    /// Everything owned by VPP (upstream's behaviour).
    pub const DEFAULT: Owners = Owners { global: [Owner::Vpp; 4], per_phy: BTreeMap::new() };

    /// Set the global owner of `p`.
    pub fn set_global(&mut self, p: Proto, o: Owner) {
        self.global[p as usize] = o;
    }

    /// The global owner of `p`.
    pub fn global(&self, p: Proto) -> Owner {
        self.global[p as usize]
    }

    /// Set (`Some`) or clear (`None`, back to the global owner) the owner
    /// of `p` on `phy`.
    pub fn set_phy(&mut self, phy: u32, p: Proto, o: Option<Owner>) {
        let e = self.per_phy.entry(phy).or_insert([None; 4]);
        e[p as usize] = o;
        if e.iter().all(Option::is_none) {
            self.per_phy.remove(&phy);
        }
    }

    /// Forget every per-phy setting of `phy` (its pair went).
    pub fn forget_phy(&mut self, phy: u32) {
        self.per_phy.remove(&phy);
    }

    /// The per-phy setting of `p` on `phy`, if any.
    pub fn phy_setting(&self, phy: u32, p: Proto) -> Option<Owner> {
        self.per_phy.get(&phy).and_then(|e| e[p as usize])
    }

    /// The owner of `p` on `phy`: its own setting, else the global one.
    #[inline(always)]
    pub fn owner(&self, phy: u32, p: Proto) -> Owner {
        self.phy_setting(phy, p).unwrap_or(self.global[p as usize])
    }

    /// Whether `p` is handed to Linux on `phy`.
    #[inline(always)]
    pub fn linux_owns(&self, phy: u32, p: Proto) -> bool {
        self.owner(phy, p) == Owner::Linux
    }
}

/// The owners, read by the nodes without locks, changed under the barrier.
pub static OWNERS: vpp::BarrierCell<Owners> = vpp::BarrierCell::new(Owners::DEFAULT);

/// What VPP's own state on a phy says it would answer, before ownership.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VppState {
    /// `arp-reply` or `arp-proxy` is enabled on the phy's `arp` arc
    /// (`arp-reply` is on while IPv4 is enabled on the interface; proxy ARP
    /// by `set interface proxy-arp`).
    pub arp: bool,
    /// IPv4 is enabled on the phy (`ip4-not-enabled` is off on
    /// `ip4-unicast`): `ip4-local` answers echo requests to its addresses.
    pub ip4: bool,
    /// IPv6 is enabled on the phy (`ip6-not-enabled` is off on
    /// `ip6-unicast`): `ip6-nd` answers NS/RS, `ip6-local` echo requests.
    pub ip6: bool,
    /// The ping plugin is loaded (`ip4-icmp-echo-request` exists): in VPP
    /// 26.06 the echo responders live in it; without it `ip4-icmp-input`
    /// punts echo requests (to the host, through the pair's redirect).
    pub ping_loaded: bool,
    /// The igmp plugin is loaded (`igmp-input` exists). Per-interface IGMP
    /// state lives in the plugin; loaded counts as "may answer".
    pub igmp_loaded: bool,
}

/// Where VPP would still answer on a pair, given its state `s`, the pair's
/// owners and whether the pair is a TUN (ARP cannot be handed to a TUN
/// host). The protocols in [`Proto::ALL`] order.
pub fn vpp_answers(s: VppState, owners: &Owners, phy: u32, is_tun: bool) -> Vec<Proto> {
    Proto::ALL
        .into_iter()
        .filter(|&p| {
            let would = match p {
                Proto::Arp => s.arp,
                Proto::Nd => s.ip6,
                Proto::Ping => s.ping_loaded && (s.ip4 || s.ip6),
                Proto::Igmp => s.igmp_loaded && s.ip4,
            };
            let handed = owners.linux_owns(phy, p) && !(p == Proto::Arp && is_tun);
            would && !handed
        })
        .collect()
}

/// VPP's state on `phy` (main thread).
pub fn vpp_state(mt: &vpp::MainThread, phy: u32) -> VppState {
    let on = |arc: &str, node: &str| vpp::feature::is_enabled(mt, arc, node, phy).unwrap_or(false);
    VppState {
        arp: on("arp", "arp-reply") || on("arp", "arp-proxy"),
        ip4: !on("ip4-unicast", "ip4-not-enabled"),
        ip6: !on("ip6-unicast", "ip6-not-enabled"),
        ping_loaded: vpp::graph::node_index(mt, "ip4-icmp-echo-request").is_some(),
        igmp_loaded: vpp::graph::node_index(mt, "igmp-input").is_some(),
    }
}

/// `  vpp answers: arp nd ping` (or `  vpp answers: none`).
pub fn answers_line(answers: &[Proto]) -> String {
    if answers.is_empty() {
        "  vpp answers: none".to_string()
    } else {
        let w: Vec<&str> = answers.iter().map(|p| p.as_str()).collect();
        format!("  vpp answers: {}", w.join(" "))
    }
}

/// The `ip4-local` / `ip6-local` features a phy needs: (ip4, ip6).
pub fn local_features_needed(owners: &Owners, phy: u32) -> (bool, bool) {
    let l = |p| owners.linux_owns(phy, p);
    (l(Proto::Ping) || l(Proto::Igmp), l(Proto::Ping) || l(Proto::Nd))
}

/// The local features currently enabled per phy: (ip4, ip6).
static LOCAL_ON: vpp::BarrierCell<BTreeMap<u32, (bool, bool)>> = vpp::BarrierCell::new(BTreeMap::new());

/// `linux-cp-local-ip4` on `ip4-local`.
pub const LOCAL_IP4: &str = "linux-cp-local-ip4";
/// `linux-cp-local-ip6` on `ip6-local`.
pub const LOCAL_IP6: &str = "linux-cp-local-ip6";

/// Enable or disable `linux-cp-local-ip4/6` on `phy` to match the owners
/// (`paired` false: the pair is going, disable both). Only transitions
/// call VPP.
pub fn sync_phy(b: &vpp::Barrier, phy: u32, paired: bool) -> vpp::Result<()> {
    let want = if paired { local_features_needed(&OWNERS.read(b), phy) } else { (false, false) };
    let have = LOCAL_ON.read(b).get(&phy).copied().unwrap_or((false, false));
    if want.0 != have.0 {
        vpp::feature::enable_disable(b, "ip4-local", LOCAL_IP4, phy, want.0)?;
    }
    if want.1 != have.1 {
        if let Err(e) = vpp::feature::enable_disable(b, "ip6-local", LOCAL_IP6, phy, want.1) {
            LOCAL_ON.update(b, |m| m.insert(phy, (want.0, have.1)));
            return Err(e);
        }
    }
    LOCAL_ON.update(b, |m| {
        if want == (false, false) {
            m.remove(&phy);
        } else {
            m.insert(phy, want);
        }
    });
    Ok(())
}

/// Re-sync every paired phy (after a global change).
pub fn sync_all(b: &vpp::Barrier) -> vpp::Result<()> {
    let phys: Vec<u32> = crate::pair::PAIRS.read(b).iter().map(|(_, p)| p.phy_sw_if_index).collect();
    for phy in phys {
        sync_phy(b, phy, true)?;
    }
    Ok(())
}

/// Log a warning under `linux-cp/ownership`.
pub fn note(mt: &vpp::MainThread, msg: &str) {
    vpp::log::log(mt, vpp::log::Level::Warning, "linux-cp", "ownership", msg);
}

/// At pair creation: log where VPP itself still answers on the phy.
pub fn log_pair(b: &vpp::Barrier, phy: u32) {
    let is_tun = {
        let t = crate::pair::PAIRS.read(b);
        t.find_by_phy(phy).and_then(|i| t.get(i)).is_some_and(|p| p.host_type == crate::pair::HostType::Tun)
    };
    let answers = vpp_answers(vpp_state(b, phy), &OWNERS.read(b), phy, is_tun);
    if answers.is_empty() {
        return;
    }
    let name = vpp::interface::name(b, phy).ok().flatten().unwrap_or_else(|| phy.to_string());
    let w: Vec<&str> = answers.iter().map(|p| p.as_str()).collect();
    let msg = format!(
        "pair on {name}: VPP itself answers {} there (Linux owns them: `lcp protocol-owner <proto> linux phy {name}`)",
        w.join(" ")
    );
    vpp::log::log(b, vpp::log::Level::Notice, "linux-cp", "ownership", &msg);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_setting_wins_over_global() {
        let mut o = Owners::DEFAULT;
        assert_eq!(o.owner(1, Proto::Arp), Owner::Vpp, "default is upstream's");
        o.set_global(Proto::Arp, Owner::Linux);
        assert_eq!(o.owner(1, Proto::Arp), Owner::Linux);
        o.set_phy(1, Proto::Arp, Some(Owner::Vpp));
        assert_eq!((o.owner(1, Proto::Arp), o.owner(2, Proto::Arp)), (Owner::Vpp, Owner::Linux));
        o.set_phy(1, Proto::Arp, None);
        assert_eq!(o.owner(1, Proto::Arp), Owner::Linux);
        assert!(o.per_phy.is_empty(), "an all-None entry is removed");
        o.set_phy(3, Proto::Ping, Some(Owner::Linux));
        o.forget_phy(3);
        assert_eq!(o.owner(3, Proto::Ping), Owner::Vpp);
    }

    #[test]
    fn detection_rule() {
        let all = VppState { arp: true, ip4: true, ip6: true, ping_loaded: true, igmp_loaded: false };
        let no_ping = VppState { ping_loaded: false, ..all };
        assert_eq!(vpp_answers(no_ping, &Owners::DEFAULT, 1, false), vec![Proto::Arp, Proto::Nd]);
        let o = Owners::DEFAULT;
        assert_eq!(vpp_answers(all, &o, 1, false), vec![Proto::Arp, Proto::Nd, Proto::Ping]);
        assert_eq!(vpp_answers(VppState::default(), &o, 1, false), vec![], "no IP, no ARP: nothing");
        let v4 = VppState { arp: true, ip4: true, ping_loaded: true, ..Default::default() };
        assert_eq!(vpp_answers(v4, &o, 1, false), vec![Proto::Arp, Proto::Ping]);
        let igmp = VppState { igmp_loaded: true, ..v4 };
        assert_eq!(vpp_answers(igmp, &o, 1, false), vec![Proto::Arp, Proto::Ping, Proto::Igmp]);
        let mut o = Owners::DEFAULT;
        for p in Proto::ALL {
            o.set_global(p, Owner::Linux);
        }
        assert_eq!(vpp_answers(all, &o, 1, false), vec![]);
        assert_eq!(vpp_answers(all, &o, 1, true), vec![Proto::Arp], "a TUN host cannot take ARP");
        o.set_phy(1, Proto::Ping, Some(Owner::Vpp));
        assert_eq!(vpp_answers(all, &o, 1, false), vec![Proto::Ping]);
        assert_eq!(answers_line(&[Proto::Arp, Proto::Nd, Proto::Ping]), "  vpp answers: arp nd ping");
        assert_eq!(answers_line(&[]), "  vpp answers: none");
    }

    #[test]
    fn local_features_follow_owners() {
        let mut o = Owners::DEFAULT;
        assert_eq!(local_features_needed(&o, 1), (false, false), "defaults: the graph is upstream's");
        o.set_phy(1, Proto::Nd, Some(Owner::Linux));
        assert_eq!(local_features_needed(&o, 1), (false, true));
        o.set_global(Proto::Ping, Owner::Linux);
        assert_eq!(local_features_needed(&o, 2), (true, true));
        o.set_global(Proto::Ping, Owner::Vpp);
        o.set_global(Proto::Igmp, Owner::Linux);
        assert_eq!(local_features_needed(&o, 2), (true, false));
        assert_eq!(local_features_needed(&o, 1), (true, true));
    }

    #[test]
    fn words() {
        for p in Proto::ALL {
            assert_eq!(Proto::parse(p.as_str()), Some(p));
        }
        assert_eq!(Proto::parse("dhcp"), None);
        assert_eq!(Owner::parse("linux"), Some(Owner::Linux));
        assert_eq!(Owner::parse("vpp"), Some(Owner::Vpp));
        assert_eq!(Owner::parse("kernel"), None);
    }
}
