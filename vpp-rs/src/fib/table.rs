//! FIB tables: lock (create), unlock, look-ups, mark and sweep.

use super::ffi;
use super::prefix::Proto;
use super::source::Source;
use crate::error::Result;
use crate::thread::{Barrier, MainThread};

/// `fib_table_find_or_create_and_lock(proto, table_id, src)`: the table's
/// fib_index, creating the table when needed. Takes the barrier: VPP's
/// table API (`ip_table_add_del`) is not thread-safe.
pub fn table_lock(b: &Barrier, proto: Proto, table_id: u32, src: Source) -> Result<u32> {
    #[cfg(vpp_process_shim)]
    {
        let _ = b;
        let mut i = u32::MAX;
        // SAFETY: barrier held; the shim checks the source; `i` is writable.
        let rv = unsafe { ffi::vpp_rs_fib_table_lock(proto.raw(), table_id, src.0, &mut i) };
        ffi::check(rv, || format!("cannot lock {proto:?} table {table_id}"))?;
        Ok(i)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (b, proto, table_id, src);
        Err(ffi::no_shim())
    }
}

/// `fib_table_unlock(fib_index, proto, src)`: the table goes when its last
/// lock does. Err(NO_SUCH_FIB) for an unknown table, Err(NO_SUCH_ENTRY)
/// when `src` holds no lock on it.
pub fn table_unlock(b: &Barrier, proto: Proto, fib_index: u32, src: Source) -> Result<()> {
    #[cfg(vpp_process_shim)]
    {
        let _ = b;
        // SAFETY: barrier held; the shim checks index, source and lock.
        let rv = unsafe { ffi::vpp_rs_fib_table_unlock(proto.raw(), fib_index, src.0) };
        ffi::check(rv, || format!("cannot unlock {proto:?} fib_index {fib_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (b, proto, fib_index, src);
        Err(ffi::no_shim())
    }
}

/// `fib_table_find(proto, table_id)`: the fib_index of an existing table.
pub fn table_find(mt: &MainThread, proto: Proto, table_id: u32) -> Option<u32> {
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let mut i = u32::MAX;
        // SAFETY: main thread; `i` is writable.
        (unsafe { ffi::vpp_rs_fib_table_find(proto.raw(), table_id, &mut i) } == 0).then_some(i)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, proto, table_id);
        None
    }
}

/// The table id of `fib_index` (`None`: no such table).
pub fn table_id(mt: &MainThread, proto: Proto, fib_index: u32) -> Option<u32> {
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let mut id = u32::MAX;
        // SAFETY: main thread; the shim checks the index; `id` is writable.
        (unsafe { ffi::vpp_rs_fib_table_id(proto.raw(), fib_index, &mut id) } == 0).then_some(id)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, proto, fib_index);
        None
    }
}

/// `fib_table_get_index_for_sw_if_index`: the IPv4/IPv6 table an interface
/// is bound to. Err(INVALID_SW_IF_INDEX) for no such interface.
pub fn table_of_interface(mt: &MainThread, proto: Proto, sw_if_index: u32) -> Result<u32> {
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let mut i = u32::MAX;
        // SAFETY: main thread; the shim checks the interface; `i` is writable.
        let rv = unsafe { ffi::vpp_rs_fib_table_of_interface(proto.raw(), sw_if_index, &mut i) };
        ffi::check(rv, || format!("no {proto:?} table of interface {sw_if_index}"))?;
        Ok(i)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, proto, sw_if_index);
        Err(ffi::no_shim())
    }
}

fn mark_sweep(mt: &MainThread, fib_index: u32, proto: Proto, src: Source, sweep: bool) -> Result<()> {
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        // SAFETY: main thread; the shim checks index and source.
        let rv = unsafe { ffi::vpp_rs_fib_table_mark_sweep(fib_index, proto.raw(), src.0, sweep as u8) };
        ffi::check(rv, || format!("cannot mark/sweep fib_index {fib_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, fib_index, proto, src, sweep);
        Err(ffi::no_shim())
    }
}

/// `fib_table_mark`: mark every entry `src` contributes to the table; an
/// update or path add by `src` unmarks it.
pub fn table_mark(mt: &MainThread, fib_index: u32, proto: Proto, src: Source) -> Result<()> {
    mark_sweep(mt, fib_index, proto, src, false)
}

/// `fib_table_sweep`: remove `src` from every entry still marked.
pub fn table_sweep(mt: &MainThread, fib_index: u32, proto: Proto, src: Source) -> Result<()> {
    mark_sweep(mt, fib_index, proto, src, true)
}

/// `fib_table_get_num_entries(fib_index, proto, src)`: how many entries
/// `src` contributes to (0 for an unknown table or source).
pub fn table_num_entries(mt: &MainThread, fib_index: u32, proto: Proto, src: Source) -> u32 {
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let mut n = 0;
        // SAFETY: main thread; the shim checks index and source.
        let rv = unsafe { ffi::vpp_rs_fib_table_num_entries(fib_index, proto.raw(), src.0, &mut n) };
        if rv == 0 {
            n
        } else {
            0
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, fib_index, proto, src);
        0
    }
}

/// `ip_table_bind`: put `sw_if_index`'s IPv4 (`Proto::Ip4`) or IPv6
/// (`Proto::Ip6`) into table `table_id`, which must exist (lock it first).
/// VPP refuses (`ADDRESS_FOUND_FOR_INTERFACE`) while the interface has
/// addresses of that family. Takes the barrier, as `set interface ip table`.
pub fn bind_interface(b: &Barrier, proto: Proto, sw_if_index: u32, table_id: u32) -> Result<()> {
    #[cfg(vpp_process_shim)]
    {
        let _ = b;
        // SAFETY: barrier held; the shim checks family, interface and table.
        let rv = unsafe { ffi::vpp_rs_ip_table_bind(proto.raw(), sw_if_index, table_id) };
        ffi::check(rv, || format!("cannot bind sw_if_index {sw_if_index} to {proto:?} table {table_id}"))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (b, proto, sw_if_index, table_id);
        Err(ffi::no_shim())
    }
}
