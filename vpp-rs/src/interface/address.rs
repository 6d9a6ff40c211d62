//! Interface IP addresses: the list of an interface (an unnumbered one
//! answers with its donor's, as VPP's `foreach_ip_interface_address` with
//! `loop` does), and a callback for every address added or deleted (what
//! C pushes onto `ip4_main` / `ip6_main.add_del_interface_address_callbacks`).

#[cfg(not(vpp_process_shim))]
use super::no_shim;
use crate::error::Result;
use crate::thread::{Barrier, MainThread};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_sw_if_addresses(sw_if_index: u32, is_ip6: u8, addrs: *mut u8, lens: *mut u8, max: u32) -> u32;
    fn vpp_rs_ip_address_callback_set(f: Option<unsafe extern "C" fn(u32, *const u8, u32, u32, u32)>);
}

fn ip_of(bytes: &[u8; 16], is_ip6: bool) -> IpAddr {
    if is_ip6 {
        IpAddr::V6(Ipv6Addr::from(*bytes))
    } else {
        IpAddr::V4(Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]))
    }
}

/// Every IPv4 then IPv6 address of `sw_if_index` with its prefix length
/// (the donor's when it is unnumbered); empty for an unknown interface.
pub fn addresses(mt: &MainThread, sw_if_index: u32) -> Result<Vec<(IpAddr, u8)>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let mut out = Vec::new();
        for is_ip6 in [false, true] {
            let mut max = 16u32;
            loop {
                let mut addrs = vec![0u8; 16 * max as usize];
                let mut lens = vec![0u8; max as usize];
                // SAFETY: main thread; the buffers hold `max` entries.
                let n = unsafe {
                    vpp_rs_sw_if_addresses(
                        sw_if_index,
                        is_ip6 as u8,
                        addrs.as_mut_ptr(),
                        lens.as_mut_ptr(),
                        max,
                    )
                };
                if n > max {
                    max = n;
                    continue;
                }
                for i in 0..n as usize {
                    let mut a = [0u8; 16];
                    a.copy_from_slice(&addrs[16 * i..16 * i + 16]);
                    out.push((ip_of(&a, is_ip6), lens[i]));
                }
                break;
            }
        }
        Ok(out)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (sw_if_index, ip_of);
        Err(no_shim())
    }
}

/// An address added to or deleted from an interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressEvent {
    /// The interface.
    pub sw_if_index: u32,
    /// The address.
    pub address: IpAddr,
    /// Its prefix length.
    pub prefix_len: u8,
    /// Deleted (else added).
    pub is_del: bool,
}

/// An interface-address callback.
pub trait AddressCallback {
    /// Called after an address was added to an interface, or before it is
    /// deleted.
    fn call(b: &Barrier, ev: AddressEvent);
}

/// The one [`AddressCallback`] of this plugin, installed at init by
/// [`AddressCallbackRegistration::register`] (VPP's callback vectors
/// cannot be appended to before its IP modules are initialised).
pub struct AddressCallbackRegistration(
    #[cfg_attr(not(vpp_process_shim), allow(dead_code))] unsafe extern "C" fn(u32, *const u8, u32, u32, u32),
);

unsafe extern "C" fn address_trampoline<T: AddressCallback>(
    sw_if_index: u32,
    address: *const u8,
    len: u32,
    is_ip6: u32,
    is_del: u32,
) {
    let mut a = [0u8; 16];
    // SAFETY: the shim passes 16 readable bytes.
    a.copy_from_slice(unsafe { core::slice::from_raw_parts(address, 16) });
    let ev = AddressEvent {
        sw_if_index,
        address: ip_of(&a, is_ip6 != 0),
        prefix_len: len as u8,
        is_del: is_del != 0,
    };
    // SAFETY: VPP changes interface addresses on the main thread only
    // (ip4/ip6_add_del_interface_address), outside node dispatch.
    let mt =
        unsafe { MainThread::new_unchecked(crate::vm::Vm::from_ptr(crate::sys::vlib_get_main_not_inline())) };
    let guard = mt.barrier();
    let _ = crate::error::catch("interface address callback", || {
        T::call(&guard, ev);
        Ok(())
    });
}

impl AddressCallbackRegistration {
    /// The registration for `T`.
    pub const fn new<T: AddressCallback>() -> Self {
        AddressCallbackRegistration(address_trampoline::<T>)
    }

    /// Append the callback to VPP's IPv4 and IPv6 address callback vectors
    /// (once per process; a later call replaces the function). Without
    /// VPP headers this does nothing.
    pub fn register(&self, b: &Barrier) {
        let _ = b;
        #[cfg(vpp_process_shim)]
        // SAFETY: main thread under the barrier (the token): VPP reads the
        // vectors only there.
        unsafe {
            vpp_rs_ip_address_callback_set(Some(self.0))
        };
    }
}
