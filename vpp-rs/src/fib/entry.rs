//! Routes: replace, add and remove paths, delete, special entries.

use super::ffi;
use super::flags::EntryFlags;
use super::path::{raw_paths, raw_paths_into, Path};
use super::prefix::Prefix;
use super::source::Source;
use crate::error::Result;
use crate::sys;
use crate::thread::MainThread;

fn paths_op(
    mt: &MainThread,
    op: u32,
    fib_index: u32,
    pfx: &Prefix,
    src: Source,
    flags: EntryFlags,
    paths: &[Path],
) -> Result<u32> {
    pfx.check()?;
    let raw = raw_paths(paths)?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let p = pfx.to_raw();
        let mut fei = u32::MAX;
        // SAFETY: main thread (route changes are thread-safe in VPP, see the
        // module docs); `p` and `raw` outlive the call, `raw.len()` paths;
        // the shim checks table, source, interfaces and labels.
        let rv = unsafe {
            ffi::vpp_rs_fib_entry_paths(
                op,
                fib_index,
                &p,
                src.0,
                flags.0,
                raw.as_ptr(),
                raw.len() as u32,
                &mut fei,
            )
        };
        ffi::check(rv, || format!("route {pfx} in fib_index {fib_index}"))?;
        Ok(fei)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, op, fib_index, src, flags, raw);
        Err(ffi::no_shim())
    }
}

/// `fib_table_entry_update`: `paths` replace every path `src` gave the
/// entry (created if needed). Returns the fib_entry_index.
pub fn entry_update(
    mt: &MainThread,
    fib_index: u32,
    pfx: &Prefix,
    src: Source,
    flags: EntryFlags,
    paths: &[Path],
) -> Result<u32> {
    paths_op(mt, sys::VPP_RS_FIB_OP_UPDATE, fib_index, pfx, src, flags, paths)
}

/// One entry of [`entries_update`]: what [`entry_update`] takes.
#[derive(Debug, Clone, Copy)]
pub struct Update<'a> {
    /// The table.
    pub fib_index: u32,
    /// The prefix.
    pub prefix: Prefix,
    /// The source whose paths are replaced.
    pub src: Source,
    /// The entry's flags.
    pub flags: EntryFlags,
    /// The paths (at least one).
    pub paths: &'a [Path],
}

/// [`entry_update`] for each of `updates`, in order, in one call into VPP:
/// VPP's FIB code runs back to back with none of the caller's work between
/// the entries, which keeps its code and tables in the caches (a million
/// routes imported one call each spent about 1.7 times as long in the FIB
/// as VPP's own `ip route add count` did). Returns each update's outcome
/// (the fib_entry_index or why not), in order; a bad one does not stop
/// the others.
pub fn entries_update(mt: &MainThread, updates: &[Update<'_>]) -> Vec<Result<u32>> {
    let mut out: Vec<Result<u32>> = Vec::with_capacity(updates.len());
    let mut raw: Vec<sys::vpp_rs_fib_update_t> = Vec::with_capacity(updates.len());
    let mut paths = Vec::with_capacity(updates.len());
    for u in updates {
        let first = paths.len();
        match u.prefix.check().and_then(|()| raw_paths_into(u.paths, &mut paths)) {
            Ok(()) => {
                raw.push(sys::vpp_rs_fib_update_t {
                    pfx: u.prefix.to_raw(),
                    fib_index: u.fib_index,
                    source: u.src.0,
                    flags: u.flags.0,
                    first_path: first as u32,
                    n_paths: (paths.len() - first) as u32,
                    rv: 0,
                    entry_index: u32::MAX,
                });
                out.push(Ok(u32::MAX));
            }
            Err(e) => out.push(Err(e)),
        }
    }
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        if !raw.is_empty() {
            // SAFETY: main thread (as `entry_update`); `raw` and `paths` live
            // across the call with the lengths given, and the shim checks
            // every entry's path range, table, source, interfaces and labels,
            // writing only each entry's `rv` and `entry_index`.
            unsafe {
                ffi::vpp_rs_fib_entries_update(
                    raw.as_mut_ptr(),
                    raw.len() as u32,
                    paths.as_ptr(),
                    paths.len() as u32,
                )
            };
        }
        let mut done = raw.iter();
        for (u, slot) in updates.iter().zip(out.iter_mut()) {
            if slot.is_err() {
                continue;
            }
            let Some(r) = done.next() else { break };
            *slot = ffi::check(r.rv, || format!("route {} in fib_index {}", u.prefix, u.fib_index))
                .map(|()| r.entry_index);
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, raw);
        for slot in out.iter_mut().filter(|s| s.is_ok()) {
            *slot = Err(ffi::no_shim());
        }
    }
    out
}

/// `fib_table_entry_path_add2`: add `paths` to `src`'s paths of the entry.
pub fn entry_path_add(
    mt: &MainThread,
    fib_index: u32,
    pfx: &Prefix,
    src: Source,
    flags: EntryFlags,
    paths: &[Path],
) -> Result<u32> {
    paths_op(mt, sys::VPP_RS_FIB_OP_ADD, fib_index, pfx, src, flags, paths)
}

/// `fib_table_entry_path_remove2`: remove `paths` from `src`'s paths (the
/// entry goes with its last path). Err(NO_SUCH_ENTRY) when `src` has no
/// such entry.
pub fn entry_path_remove(
    mt: &MainThread,
    fib_index: u32,
    pfx: &Prefix,
    src: Source,
    paths: &[Path],
) -> Result<()> {
    paths_op(mt, sys::VPP_RS_FIB_OP_REMOVE, fib_index, pfx, src, EntryFlags::NONE, paths).map(|_| ())
}

/// `fib_table_entry_delete`: remove `src`'s contribution to the entry.
/// Err(NO_SUCH_ENTRY) when `src` has none.
pub fn entry_delete(mt: &MainThread, fib_index: u32, pfx: &Prefix, src: Source) -> Result<()> {
    pfx.check()?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let p = pfx.to_raw();
        // SAFETY: main thread; `p` outlives the call; the shim checks.
        let rv = unsafe { ffi::vpp_rs_fib_entry_delete(fib_index, &p, src.0) };
        ffi::check(rv, || format!("delete {pfx} in fib_index {fib_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, fib_index, src);
        Err(ffi::no_shim())
    }
}

/// `fib_table_entry_special_add`: an entry without paths whose forwarding
/// follows `flags` (e.g. 255.255.255.255/32 with [`EntryFlags::LOCAL`],
/// as linux-nl adds to each IPv4 table). Returns the fib_entry_index.
pub fn entry_special_add(
    mt: &MainThread,
    fib_index: u32,
    pfx: &Prefix,
    src: Source,
    flags: EntryFlags,
) -> Result<u32> {
    pfx.check()?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let p = pfx.to_raw();
        let mut fei = u32::MAX;
        // SAFETY: main thread; `p` outlives the call; the shim checks.
        let rv = unsafe { ffi::vpp_rs_fib_entry_special_add(fib_index, &p, src.0, flags.0, &mut fei) };
        ffi::check(rv, || format!("special {pfx} in fib_index {fib_index}"))?;
        Ok(fei)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, fib_index, src, flags);
        Err(ffi::no_shim())
    }
}

/// `fib_table_entry_special_remove`. Err(NO_SUCH_ENTRY) when `src` has
/// no such entry.
pub fn entry_special_remove(mt: &MainThread, fib_index: u32, pfx: &Prefix, src: Source) -> Result<()> {
    pfx.check()?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let p = pfx.to_raw();
        // SAFETY: main thread; `p` outlives the call; the shim checks.
        let rv = unsafe { ffi::vpp_rs_fib_entry_special_remove(fib_index, &p, src.0) };
        ffi::check(rv, || format!("remove special {pfx} in fib_index {fib_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, fib_index, src);
        Err(ffi::no_shim())
    }
}

/// An entry of `src` that punts: `fib_table_entry_special_dpo_add` with
/// the protocol's punt DPO (exclusive). Traffic to it reaches
/// `ip4-punt`/`ip6-punt`, whose punt redirects can hand it to a host
/// interface (linux-cp sends a route Linux can forward but VPP cannot
/// this way). IPv4 and IPv6 only; remove it with [`entry_special_remove`].
pub fn entry_punt_add(mt: &MainThread, fib_index: u32, pfx: &Prefix, src: Source) -> Result<u32> {
    pfx.check()?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let p = pfx.to_raw();
        let mut fei = u32::MAX;
        // SAFETY: main thread; `p` outlives the call; the shim checks the
        // family, table and source.
        let rv = unsafe { ffi::vpp_rs_fib_entry_punt_add(fib_index, &p, src.0, &mut fei) };
        ffi::check(rv, || format!("punt {pfx} in fib_index {fib_index}"))?;
        Ok(fei)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, fib_index, src);
        Err(ffi::no_shim())
    }
}
