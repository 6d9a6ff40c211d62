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
