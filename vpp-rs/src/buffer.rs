//! Safe access to one packet buffer (`vlib_buffer_t`).

use crate::sys;
use crate::vm::Vm;

/// Receive or transmit side of `sw_if_index[]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// `VLIB_RX`: the interface the packet came in on.
    Rx = 0,
    /// `VLIB_TX`: the output interface (or FIB index before lookup).
    Tx = 1,
}

/// One VPP packet buffer. Obtained as `&mut Buffer` from a frame.
#[repr(transparent)]
pub struct Buffer(sys::vlib_buffer_t);

impl Buffer {
    /// The raw buffer, for calls into VPP.
    #[inline(always)]
    pub fn as_ptr(&mut self) -> *mut sys::vlib_buffer_t {
        &mut self.0
    }

    /// Wrap a raw buffer pointer.
    ///
    /// # Safety
    /// `p` must point to a valid buffer that no one else references for `'a`.
    #[inline(always)]
    pub unsafe fn from_ptr<'a>(p: *mut sys::vlib_buffer_t) -> &'a mut Buffer {
        // SAFETY: transparent wrapper; validity and uniqueness are the
        // caller's contract.
        unsafe { &mut *(p as *mut Buffer) }
    }

    /// The raw C structure (read-only).
    #[inline(always)]
    pub fn raw(&self) -> &sys::vlib_buffer_t {
        &self.0
    }

    /// Offset of the current header relative to `data` (may be negative).
    #[inline(always)]
    pub fn current_data(&self) -> i16 {
        self.0.current_data
    }

    /// Bytes from the current header to the end of this segment.
    #[inline(always)]
    pub fn current_length(&self) -> u16 {
        self.0.current_length
    }

    /// `vlib_buffer_t::flags` (vlib and vnet flag bits).
    #[inline(always)]
    pub fn flags(&self) -> u32 {
        self.0.flags
    }

    /// Set flag bits.
    ///
    /// # Safety
    /// VPP trusts the flags: e.g. `VLIB_BUFFER_NEXT_PRESENT` makes it follow
    /// `next_buffer`, `TOTAL_LENGTH_VALID` makes it trust the chain length,
    /// the offset-valid bits make it trust the header offsets. The caller
    /// must only set bits whose meaning holds for this buffer.
    #[inline(always)]
    pub unsafe fn set_flags(&mut self, f: u32) {
        self.0.flags |= f;
    }

    /// Whether this buffer is being traced (`VLIB_BUFFER_IS_TRACED`).
    #[inline(always)]
    pub fn is_traced(&self) -> bool {
        self.0.flags & sys::VLIB_BUFFER_IS_TRACED != 0
    }

    /// Pointer to the current header (`vlib_buffer_get_current`).
    #[inline(always)]
    fn current_ptr(&self) -> *const u8 {
        (&self.0 as *const sys::vlib_buffer_t as *const u8)
            .wrapping_offset(sys::VLIB_BUFFER_DATA_OFFSET as isize + self.0.current_data as isize)
    }

    /// The bytes of this segment from the current header on.
    #[inline(always)]
    pub fn data(&self) -> &[u8] {
        // SAFETY: VPP keeps `current_data`/`current_length` inside the
        // buffer's data area (pre_data + data); the slice borrows `self`.
        unsafe { core::slice::from_raw_parts(self.current_ptr(), self.0.current_length as usize) }
    }

    /// Mutable view of [`Buffer::data`].
    #[inline(always)]
    pub fn data_mut(&mut self) -> &mut [u8] {
        let len = self.0.current_length as usize;
        let p = self.current_ptr() as *mut u8;
        // SAFETY: as for `data`, with a unique borrow of the buffer.
        unsafe { core::slice::from_raw_parts_mut(p, len) }
    }

    /// Move the current header by `l` bytes (`vlib_buffer_advance`).
    ///
    /// Returns `false` (and changes nothing) if the move would leave the
    /// segment, go below the start of `pre_data`, or not fit
    /// `current_data` (`i16`) / `current_length` (`u16`).
    #[inline(always)]
    pub fn advance(&mut self, l: i32) -> bool {
        // In i64: no `l` can overflow the sums (an i32 sum panics with
        // overflow checks for `l` near i32::MAX/MIN).
        let cd = self.0.current_data as i64 + l as i64;
        let len = self.0.current_length as i64 - l as i64;
        if cd < -(sys::VLIB_BUFFER_PRE_DATA_SIZE as i64)
            || cd > i16::MAX as i64
            || len < 0
            || len > u16::MAX as i64
        {
            return false;
        }
        self.0.current_data = cd as i16;
        self.0.current_length = len as u16;
        true
    }

    /// The current position and length (`current_data`, `current_length`).
    #[inline(always)]
    pub(crate) fn position(&self) -> (i16, u16) {
        (self.0.current_data, self.0.current_length)
    }

    /// Put back a position [`Buffer::position`] returned for this buffer
    /// (which the safe API keeps inside the buffer's data area, so it still
    /// is: the area never moves).
    #[inline(always)]
    pub(crate) fn restore_position(&mut self, (data, len): (i16, u16)) {
        self.0.current_data = data;
        self.0.current_length = len;
    }

    /// Total packet length over a buffer chain (`vlib_buffer_length_in_chain`).
    #[inline(always)]
    pub fn length_in_chain(&mut self, vm: &Vm) -> u64 {
        let f = self.0.flags;
        if f & sys::VLIB_BUFFER_NEXT_PRESENT == 0 {
            return self.0.current_length as u64;
        }
        if f & sys::VLIB_BUFFER_TOTAL_LENGTH_VALID != 0 {
            return self.0.current_length as u64 + self.0.total_length_not_including_first_buffer as u64;
        }
        // SAFETY: exported by libvlib; walks the chain of this valid buffer.
        unsafe { sys::vlib_buffer_length_in_chain_slow_path(vm.as_ptr(), self.as_ptr()) }
    }

    #[inline(always)]
    fn opaque(&self) -> &sys::vnet_buffer_opaque_t {
        // SAFETY: `opaque` is 40 bytes at offset 24 (8-aligned in a 64-aligned
        // buffer), exactly the `vnet_buffer_opaque_t` VPP stores there.
        unsafe { &*(self.0.opaque.as_ptr() as *const sys::vnet_buffer_opaque_t) }
    }

    #[inline(always)]
    fn opaque_mut(&mut self) -> &mut sys::vnet_buffer_opaque_t {
        // SAFETY: as in `opaque`, with a unique borrow.
        unsafe { &mut *(self.0.opaque.as_mut_ptr() as *mut sys::vnet_buffer_opaque_t) }
    }

    /// `vnet_buffer(b)->sw_if_index[dir]`.
    #[inline(always)]
    pub fn sw_if_index(&self, dir: Dir) -> u32 {
        self.opaque().sw_if_index[dir as usize]
    }

    /// Set `vnet_buffer(b)->sw_if_index[dir]`.
    ///
    /// # Safety
    /// Nodes downstream index interface tables (RX) or FIB tables (TX before
    /// lookup) or interface output (TX after lookup) with it unchecked: `v`
    /// must be valid for that use by the next node (an existing interface,
    /// an existing FIB index, or `!0` where the next node allows it).
    #[inline(always)]
    pub unsafe fn set_sw_if_index(&mut self, dir: Dir, v: u32) {
        self.opaque_mut().sw_if_index[dir as usize] = v;
    }

    /// `vnet_buffer(b)->ip.adj_index[dir]` (after lookup: the DPO/adjacency).
    #[inline(always)]
    pub fn adj_index(&self, dir: Dir) -> u32 {
        self.opaque().ip.adj_index[dir as usize]
    }

    /// Set `vnet_buffer(b)->ip.adj_index[dir]`.
    ///
    /// # Safety
    /// Rewrite and DPO nodes index the adjacency pool with it unchecked: `v`
    /// must be a live adjacency (or DPO index) valid for the next node.
    #[inline(always)]
    pub unsafe fn set_adj_index(&mut self, dir: Dir, v: u32) {
        self.opaque_mut().ip.adj_index[dir as usize] = v;
    }

    /// `vnet_buffer(b)->l2_hdr_offset` if `L2_HDR_OFFSET_VALID`.
    #[inline(always)]
    pub fn l2_hdr_offset(&self) -> Option<i16> {
        (self.0.flags & sys::VNET_BUFFER_F_L2_HDR_OFFSET_VALID != 0).then(|| self.opaque().l2_hdr_offset)
    }

    /// `vnet_buffer(b)->l3_hdr_offset` if `L3_HDR_OFFSET_VALID`.
    #[inline(always)]
    pub fn l3_hdr_offset(&self) -> Option<i16> {
        (self.0.flags & sys::VNET_BUFFER_F_L3_HDR_OFFSET_VALID != 0).then(|| self.opaque().l3_hdr_offset)
    }

    /// The `ip.save_rewrite_length` set by ip4/ip6-rewrite.
    #[inline(always)]
    pub fn save_rewrite_length(&self) -> u8 {
        self.opaque().ip.save_rewrite_length
    }

    /// Set `vnet_buffer(b)->ip.save_rewrite_length`.
    ///
    /// # Safety
    /// Output features and fragmentation step over this many bytes from
    /// the current header to find the L3 header: an L2 header of `len`
    /// bytes must start at the current position.
    #[inline(always)]
    pub unsafe fn set_save_rewrite_length(&mut self, len: u8) {
        self.opaque_mut().ip.save_rewrite_length = len;
    }

    /// The drop/punt reason code (`b->error`).
    #[inline(always)]
    pub fn error(&self) -> u16 {
        self.0.error
    }

    /// Set `b->error`. Drop nodes count `b->error` in the thread's counter
    /// vector unchecked, so only codes from [`crate::Node::error_code`] go
    /// here ([`crate::Node::set_drop_reason`] is the public way).
    #[inline(always)]
    pub(crate) fn set_error(&mut self, code: u16) {
        self.0.error = code;
    }

    /// Feature-arc cursor (`current_config_index`).
    #[inline(always)]
    pub fn current_config_index(&self) -> u32 {
        self.0.current_config_index
    }

    /// Set the feature-arc cursor (after [`crate::feature::next_on_arc`]).
    #[inline(always)]
    pub(crate) fn set_current_config_index(&mut self, i: u32) {
        self.0.current_config_index = i;
    }
}

#[cfg(vpp_process_shim)]
extern "C" {
    /// `vlib_buffer_copy` (csrc/buffer_shim.c): the copy's index or `~0`.
    fn vpp_rs_buffer_copy(vm: *mut sys::vlib_main_t, b: *mut sys::vlib_buffer_t) -> u32;
    /// The same built for AVX2 (csrc/buffer_copy_avx2.c).
    fn vpp_rs_buffer_copy_avx2(vm: *mut sys::vlib_main_t, b: *mut sys::vlib_buffer_t) -> u32;
    /// A batch of copies (csrc/buffer_copy.inc): `dst[i]` = the copy of
    /// `src[i]` or `~0`; returns the copies made.
    fn vpp_rs_buffer_copy_n(vm: *mut sys::vlib_main_t, src: *const u32, dst: *mut u32, n: u32) -> u32;
    /// The same built for AVX2 (csrc/buffer_copy_avx2.c).
    fn vpp_rs_buffer_copy_n_avx2(vm: *mut sys::vlib_main_t, src: *const u32, dst: *mut u32, n: u32) -> u32;
    /// `vlib_buffer_free` (csrc/buffer_shim.c).
    fn vpp_rs_buffer_free(vm: *mut sys::vlib_main_t, buffers: *mut u32, n_buffers: u32);
}

/// Copy the buffers `src` (`vlib_buffer_copy` each) in one shim call with
/// one buffer allocation for all one-segment buffers: `dst[i]` receives the
/// copy of `src[i]`, or `u32::MAX` when VPP had no buffer left for it (every
/// entry, when vpp-rs was built without VPP headers). Copies at most
/// `min(src.len(), dst.len(), 256)` buffers; returns the number of copies
/// made, which the caller owns.
///
/// # Safety
/// Each index of `src` must name a valid buffer of `vm`'s thread that the
/// caller owns, and no reference to any of them may be live during the call
/// (the copy reads them).
#[allow(unused_variables)]
pub(crate) unsafe fn copy_buffers(vm: &Vm, src: &[u32], dst: &mut [u32]) -> usize {
    let n = src.len().min(dst.len()).min(sys::VLIB_FRAME_SIZE);
    #[cfg(vpp_process_shim)]
    {
        if n == 0 {
            return 0;
        }
        #[cfg(target_arch = "x86_64")]
        let copy_n = if std::arch::is_x86_feature_detected!("avx2") {
            vpp_rs_buffer_copy_n_avx2
        } else {
            vpp_rs_buffer_copy_n
        };
        #[cfg(not(target_arch = "x86_64"))]
        let copy_n = vpp_rs_buffer_copy_n;
        // SAFETY: the sources are owned buffers of this thread, unborrowed
        // (caller's contract); `src` and `dst` hold at least `n` (<= 256)
        // entries, which is all the shim reads and writes; it allocates
        // from this thread's cache; the AVX2 build runs only where the CPU
        // has AVX2.
        unsafe { copy_n(vm.as_ptr(), src.as_ptr(), dst.as_mut_ptr(), n as u32) as usize }
    }
    #[cfg(not(vpp_process_shim))]
    {
        dst[..n].fill(u32::MAX);
        0
    }
}

/// A buffer the running node allocated (e.g. by
/// [`crate::Node::copy_buffer`]) and owns: it must be handed on
/// ([`crate::node::Extra::push`]) or it is freed when dropped.
pub struct OwnedBuffer<'v> {
    pub(crate) vm: &'v Vm,
    bi: u32,
    b: *mut sys::vlib_buffer_t,
}

impl<'v> OwnedBuffer<'v> {
    /// Copy `b` into new buffers of `vm`'s thread.
    #[allow(unused_variables)]
    pub(crate) fn copy_of(vm: &'v Vm, b: &mut Buffer) -> Option<OwnedBuffer<'v>> {
        #[cfg(vpp_process_shim)]
        {
            #[cfg(target_arch = "x86_64")]
            let copy = if std::arch::is_x86_feature_detected!("avx2") {
                vpp_rs_buffer_copy_avx2
            } else {
                vpp_rs_buffer_copy
            };
            #[cfg(not(target_arch = "x86_64"))]
            let copy = vpp_rs_buffer_copy;
            // SAFETY: `b` is a valid buffer of this thread, uniquely
            // borrowed; the shim allocates from this thread's cache; the
            // AVX2 build runs only where the CPU has AVX2.
            let bi = unsafe { copy(vm.as_ptr(), b.as_ptr()) };
            if bi == u32::MAX {
                return None;
            }
            // SAFETY: a buffer VPP just allocated for us: valid, and nobody
            // else refers to it.
            let p = unsafe { vm.buffer(bi).as_ptr() };
            Some(OwnedBuffer { vm, bi, b: p })
        }
        #[cfg(not(vpp_process_shim))]
        None
    }

    /// The buffer index.
    #[inline(always)]
    pub fn index(&self) -> u32 {
        self.bi
    }

    /// Give up ownership (the caller enqueues the index).
    #[inline(always)]
    pub(crate) fn into_index(self) -> u32 {
        let bi = self.bi;
        core::mem::forget(self);
        bi
    }
}

impl core::ops::Deref for OwnedBuffer<'_> {
    type Target = Buffer;
    fn deref(&self) -> &Buffer {
        // SAFETY: owned, valid buffer (constructor); shared borrow of self.
        unsafe { &*(self.b as *const Buffer) }
    }
}

impl core::ops::DerefMut for OwnedBuffer<'_> {
    fn deref_mut(&mut self) -> &mut Buffer {
        // SAFETY: owned, valid buffer (constructor); unique borrow of self.
        unsafe { Buffer::from_ptr(self.b) }
    }
}

impl Drop for OwnedBuffer<'_> {
    fn drop(&mut self) {
        #[cfg(vpp_process_shim)]
        {
            let mut bi = self.bi;
            // SAFETY: we own the buffer and never hand it out again.
            unsafe { vpp_rs_buffer_free(self.vm.as_ptr(), &mut bi, 1) };
        }
    }
}

impl Buffer {
    /// `vnet_buffer(b)->l2_hdr_offset`, valid or not (what VPP's
    /// `ethernet_buffer_get_header` reads).
    #[inline(always)]
    pub fn l2_hdr_offset_raw(&self) -> i16 {
        self.opaque().l2_hdr_offset
    }

    /// Move the current header back to the Ethernet header recorded by
    /// ethernet-input (`l2_hdr_offset`, VLAN tags included): what C does
    /// with `vlib_buffer_advance (b, -(current - ethernet_buffer_get_header
    /// (b)))`. Returns the bytes moved back; 0 (and nothing changed) when
    /// `L2_HDR_OFFSET_VALID` is not set or the header is not 0..=255 bytes
    /// behind the current one (C's `u8` length).
    #[inline(always)]
    pub fn rewind_to_l2_header(&mut self) -> u8 {
        let Some(l2) = self.l2_hdr_offset() else { return 0 };
        let len = self.current_data() as i32 - l2 as i32;
        if !(0..=255).contains(&len) || !self.advance(-len) {
            return 0;
        }
        len as u8
    }

    /// The destination MAC of the Ethernet header at the current position.
    #[inline(always)]
    pub fn eth_dst(&self) -> Option<[u8; 6]> {
        self.data().get(..6).map(|d| [d[0], d[1], d[2], d[3], d[4], d[5]])
    }
}

/// Ethernet address helpers.
pub mod ethernet {
    /// `ethernet_address_cast`: the group bit (multicast or broadcast).
    #[inline(always)]
    pub fn is_multicast(mac: &[u8; 6]) -> bool {
        mac[0] & 1 != 0
    }

    /// Not multicast/broadcast.
    #[inline(always)]
    pub fn is_unicast(mac: &[u8; 6]) -> bool {
        !is_multicast(mac)
    }
}
