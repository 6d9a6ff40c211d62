//! Init-time punt settings (reference 3.10, `lcp_interface_init`): the
//! punt client "linux-cp", IKE (IPsec SPI-0-in-UDP) reasons to
//! `linux-cp-punt`, and punting of UDP/TCP to unknown local ports.

use vpp::ip::Af;
use vpp::punt::{self, PuntClient};

/// The node the IPsec SPI-UDP-0 reasons go to.
pub const PUNT_NODE: &str = "linux-cp-punt";

#[vpp::init(runs_after = ["vnet_interface_init", "tcp_init", "udp_init", "ipsec_punt_init"])]
fn lcp_interface_init(b: &vpp::Barrier) -> vpp::Result<()> {
    let client = PuntClient::register(b, "linux-cp")?;
    // The node is built with the rest of the graph nodes; without it VPP
    // would dereference a NULL node, so the reasons are registered only
    // when it exists (nodes are registered before init functions run).
    if punt::graph_node_exists(b, PUNT_NODE) {
        for af in Af::ALL {
            client.register_reason(b, punt::ipsec_spi_udp_0_reason(b, af), PUNT_NODE)?;
        }
    }
    for af in Af::ALL {
        punt::udp_punt_unknown(b, af, true);
        punt::tcp_punt_unknown(b, af, true);
    }
    Ok(())
}
