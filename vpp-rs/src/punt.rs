//! Punting: IP punt redirects, punt reasons and unknown-port punting.

use crate::error::{Error, Result};
use crate::ip::Af;
use crate::sys;
use crate::thread::Barrier;
use std::ffi::CString;

#[cfg(vpp_process_shim)]
extern "C" {
    /// `ip4/6_punt_redirect_add_paths` with a one-path vector
    /// (csrc/control_shim.c).
    fn vpp_rs_ip_punt_redirect_add(is_ip6: u8, rx_sw_if_index: u32, path: *const sys::fib_route_path_t);
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
fn no_shim() -> Error {
    Error::new("punt redirects need vpp-rs built with VPP headers (VPP_INCLUDE_DIR/VPP_PREFIX/VPP_SRC)")
}

fn check_interface(b: &Barrier, sw_if_index: u32, what: &str) -> Result<()> {
    if crate::interface::is_valid(b, sw_if_index)? {
        Ok(())
    } else {
        Err(Error::with_retval(
            crate::api::retval::INVALID_SW_IF_INDEX,
            format!("no {what} interface with sw_if_index {sw_if_index}"),
        ))
    }
}

/// An IP punt redirect installed by this plugin: packets of family `af`
/// punted on `rx_sw_if_index` are sent out through one interface
/// (`ip4_punt_redirect_add_paths` / `ip6_...`).
///
/// Only [`PuntRedirect::add`] makes one, and [`PuntRedirect::del`] consumes
/// it: VPP counts redirects to switch its `ip4-punt-redirect` feature and
/// asserts on a delete without an add, so a delete must pair with an add.
/// Dropping the value without `del` leaves the redirect in VPP.
#[derive(Debug)]
#[must_use = "a punt redirect stays in VPP until `del`"]
pub struct PuntRedirect {
    af: Af,
    rx_sw_if_index: u32,
}

impl PuntRedirect {
    /// Redirect punted `af` packets received on `rx_sw_if_index` to
    /// `via_sw_if_index` (an attached path, weight 1, no table). `dvr`
    /// re-emits the original L2 frame (`FIB_ROUTE_PATH_DVR`), as for a TAP;
    /// without it the L3 packet is sent (TUN). Both interfaces must exist.
    pub fn add(
        b: &Barrier,
        af: Af,
        rx_sw_if_index: u32,
        via_sw_if_index: u32,
        dvr: bool,
    ) -> Result<PuntRedirect> {
        check_interface(b, rx_sw_if_index, "rx")?;
        check_interface(b, via_sw_if_index, "path")?;
        let proto = match af {
            Af::Ip4 => sys::DPO_PROTO_IP4,
            Af::Ip6 => sys::DPO_PROTO_IP6,
        };
        let flags = if dvr { sys::FIB_ROUTE_PATH_DVR } else { sys::FIB_ROUTE_PATH_FLAG_NONE };
        let path = sys::fib_route_path_t::via_interface(proto, via_sw_if_index, flags);
        #[cfg(vpp_process_shim)]
        {
            // SAFETY: main thread with the barrier (punt nodes on workers
            // read the redirect table); both interfaces exist; the shim
            // copies `path` into a vector VPP copies again.
            unsafe { vpp_rs_ip_punt_redirect_add((af == Af::Ip6) as u8, rx_sw_if_index, &path) };
            Ok(PuntRedirect { af, rx_sw_if_index })
        }
        #[cfg(not(vpp_process_shim))]
        {
            let _ = path;
            Err(no_shim())
        }
    }

    /// The family.
    pub fn af(&self) -> Af {
        self.af
    }

    /// The receive interface.
    pub fn rx_sw_if_index(&self) -> u32 {
        self.rx_sw_if_index
    }

    /// Remove the redirect (`ip4_punt_redirect_del` / `ip6_...`).
    pub fn del(self, b: &Barrier) {
        let _ = b;
        // SAFETY: main thread with the barrier; this value was made by a
        // successful add of the same family and interface, and is consumed,
        // so VPP's redirect count stays balanced.
        unsafe {
            match self.af {
                Af::Ip4 => sys::ip4_punt_redirect_del(self.rx_sw_if_index),
                Af::Ip6 => sys::ip6_punt_redirect_del(self.rx_sw_if_index),
            }
        }
    }
}

/// A punt client (`vlib_punt_client_register`).
#[derive(Clone, Copy, Debug)]
pub struct PuntClient(sys::vlib_punt_hdl_t);

impl PuntClient {
    /// Register (or find) the punt client `name`.
    pub fn register(b: &Barrier, name: &str) -> Result<PuntClient> {
        let _ = b;
        let c = CString::new(name).map_err(|_| Error::new("punt client name contains NUL"))?;
        // SAFETY: main thread with the barrier; VPP copies the name.
        let h = unsafe { sys::vlib_punt_client_register(c.as_ptr()) };
        Ok(PuntClient(h))
    }

    /// Send packets punted for `reason` to node `node`. The node must exist
    /// (VPP would dereference a NULL node otherwise); `Err` if it does not,
    /// or if VPP refuses (unknown reason, duplicate registration).
    pub fn register_reason(&self, b: &Barrier, reason: sys::vlib_punt_reason_t, node: &str) -> Result<()> {
        let c = CString::new(node).map_err(|_| Error::new("node name contains NUL"))?;
        if !node_exists(b, &c) {
            return Err(Error::with_retval(
                crate::api::retval::INVALID_VALUE,
                format!("no graph node `{node}` to punt to"),
            ));
        }
        // SAFETY: main thread with the barrier (punt-dispatch on workers
        // reads the reason table); the client came from VPP; the node exists.
        let rv = unsafe { sys::vlib_punt_register(self.0, reason, c.as_ptr()) };
        if rv == 0 {
            Ok(())
        } else {
            Err(Error::with_retval(rv, format!("vlib_punt_register({reason}, {node}) failed: {rv}")))
        }
    }
}

fn node_exists(b: &Barrier, name: &std::ffi::CStr) -> bool {
    // SAFETY: main thread (the token); VPP only reads the C string (it
    // copies it into a vector for the lookup).
    !unsafe { sys::vlib_get_node_by_name(b.vm().as_ptr(), name.as_ptr() as *mut u8) }.is_null()
}

/// Whether a graph node called `name` exists.
pub fn graph_node_exists(b: &Barrier, name: &str) -> bool {
    CString::new(name).is_ok_and(|c| node_exists(b, &c))
}

/// The punt reason IPsec allocated for IKE/ESP-in-UDP packets with SPI 0
/// (`ipsec_punt_reason[IPSEC_PUNT_IP4_SPI_UDP_0]` / `..._IP6_...`). Valid
/// after VPP's `ipsec_punt_init`.
pub fn ipsec_spi_udp_0_reason(b: &Barrier, af: Af) -> sys::vlib_punt_reason_t {
    let _ = b;
    let i = match af {
        Af::Ip4 => sys::IPSEC_PUNT_IP4_SPI_UDP_0,
        Af::Ip6 => sys::IPSEC_PUNT_IP6_SPI_UDP_0,
    } as usize;
    // SAFETY: a plain array of libvnet, written only by init functions on
    // the main thread, where we are; the index is within its 4 entries.
    unsafe { core::ptr::addr_of!(sys::ipsec_punt_reason).read()[i] }
}

/// Punt UDP packets to unknown local ports (instead of ICMP unreachable)
/// for `af`, or stop doing so (`udp_punt_unknown`).
pub fn udp_punt_unknown(b: &Barrier, af: Af, punt: bool) {
    // SAFETY: main thread with the barrier; plain flags.
    unsafe { sys::udp_punt_unknown(b.vm().as_ptr(), (af == Af::Ip4) as u8, punt as u8) }
}

/// Punt TCP packets to unknown local ports (instead of RST) for `af`
/// (`tcp_punt_unknown`).
pub fn tcp_punt_unknown(b: &Barrier, af: Af, punt: bool) {
    // SAFETY: main thread with the barrier; plain flags.
    unsafe { sys::tcp_punt_unknown(b.vm().as_ptr(), (af == Af::Ip4) as u8, punt as u8) }
}
