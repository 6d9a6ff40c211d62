//! `vpp::Buffer` against VPP 26.06's buffer semantics, on buffers of the
//! stand-in's pool (real `vlib_buffer_t` layout, 64-byte aligned, with
//! 128 bytes of `pre_data` before `data`).
//!
//! Expected values come from `vlib/buffer_funcs.h` (`vlib_buffer_advance`,
//! `vlib_buffer_length_in_chain`), `vlib/buffer.c` (the slow path) and the
//! `vnet_buffer_opaque_t` offsets of `vnet/buffer.h`
//! (shared/data/vpp-26.06-layout.txt).

use test_vpp::standin::Harness;
use vpp::{sys, Buffer, Dir};

/// Byte offset of `opaque` (`vnet_buffer_opaque_t`) in `vlib_buffer_t`.
const OPAQUE: usize = 24;
/// Byte offset of `data` in `vlib_buffer_t` (after the 128-byte header and
/// the 128 bytes of `pre_data`).
const DATA: usize = 256;
// VPP's flag values, written out rather than taken from `vpp::sys`.
const NEXT_PRESENT: u32 = 1 << 1;
const TOTAL_LENGTH_VALID: u32 = 1 << 2;
const L2_HDR_OFFSET_VALID: u32 = 1 << 20; // VLIB_BUFFER_FLAG_USER(12)
const L3_HDR_OFFSET_VALID: u32 = 1 << 19; // VLIB_BUFFER_FLAG_USER(13)

fn packet(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 + 3) as u8).collect()
}

/// One fresh buffer holding `packet(len)`: (index, raw pointer).
fn one(h: &mut Harness, len: usize) -> (u32, *mut sys::vlib_buffer_t) {
    let bi = h.alloc_packets(&[packet(len)], 5)[0];
    (bi, h.buffer(bi) as *mut _)
}

fn bytes(p: *mut sys::vlib_buffer_t) -> *mut u8 {
    p as *mut u8
}

/// (current_data, current_length) as stored in the raw buffer.
fn pos(p: *mut sys::vlib_buffer_t) -> (i16, u16) {
    // SAFETY: a harness buffer.
    unsafe { ((*p).current_data, (*p).current_length) }
}

#[test]
fn data_starts_at_current_data_including_pre_data() {
    let mut h = Harness::new();
    let (_, p) = one(&mut h, 100);
    let pkt = packet(100);
    // SAFETY: a harness buffer, no other reference alive.
    let b = unsafe { Buffer::from_ptr(p) };
    assert_eq!(b.current_data(), 0);
    assert_eq!(b.data(), &pkt[..]);

    // SAFETY: a harness buffer; offsets inside its 2304 bytes.
    unsafe {
        (*p).current_data = 14;
        (*p).current_length = 86;
    }
    // SAFETY: as above.
    let b = unsafe { Buffer::from_ptr(p) };
    assert_eq!(b.data(), &pkt[14..]);
    assert_eq!(b.data().as_ptr(), bytes(p).wrapping_add(DATA + 14) as *const u8);

    // Negative current_data: the header starts in pre_data.
    // SAFETY: bytes 252..256 are the last four of pre_data.
    unsafe {
        core::ptr::copy_nonoverlapping([0xde, 0xad, 0xbe, 0xef].as_ptr(), bytes(p).add(DATA - 4), 4);
        (*p).current_data = -4;
        (*p).current_length = 104;
    }
    // SAFETY: as above.
    let b = unsafe { Buffer::from_ptr(p) };
    assert_eq!(b.data().len(), 104);
    assert_eq!(&b.data()[..4], &[0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(&b.data()[4..], &pkt[..]);

    // data_mut writes land at data + current_data.
    b.data_mut()[0] = 0x42;
    // SAFETY: as above.
    assert_eq!(unsafe { *bytes(p).add(DATA - 4) }, 0x42);
}

#[test]
fn advance_moves_forward_and_back() {
    let mut h = Harness::new();
    let (_, p) = one(&mut h, 100);
    let pkt = packet(100);
    // SAFETY: a harness buffer, no other reference alive.
    let b = unsafe { Buffer::from_ptr(p) };
    assert!(b.advance(14));
    assert_eq!(pos(p), (14, 86));
    assert_eq!(b.data()[0], pkt[14]);
    assert!(b.advance(20));
    assert_eq!(pos(p), (34, 66));
    assert!(b.advance(-34));
    assert_eq!(pos(p), (0, 100));
    assert_eq!(b.data(), &pkt[..]);
    // Into pre_data, down to its first byte.
    assert!(b.advance(-128));
    assert_eq!(pos(p), (-128, 228));
    assert_eq!(b.data().as_ptr(), bytes(p).wrapping_add(128) as *const u8);
    assert_eq!(&b.data()[128..], &pkt[..]);
    assert!(b.advance(128));
    // To the exact end of the segment: empty, still valid.
    assert!(b.advance(100));
    assert_eq!(pos(p), (100, 0));
    assert!(b.data().is_empty());
    assert!(b.advance(0));
    assert_eq!(pos(p), (100, 0));
}

#[test]
fn advance_refuses_and_leaves_the_buffer_unchanged() {
    let mut h = Harness::new();
    let (_, p) = one(&mut h, 100);
    // SAFETY: a harness buffer, no other reference alive.
    let b = unsafe { Buffer::from_ptr(p) };
    // Past the end of the segment (VPP asserts current_length >= l).
    assert!(!b.advance(101));
    assert_eq!(pos(p), (0, 100));
    // Below the first byte of pre_data.
    assert!(!b.advance(-129));
    assert_eq!(pos(p), (0, 100));
    assert!(b.advance(10));
    assert!(!b.advance(-139));
    assert_eq!(pos(p), (10, 90));
    assert!(!b.advance(91));
    assert_eq!(pos(p), (10, 90));
    // Extreme requests must not overflow the arithmetic.
    assert!(!b.advance(i32::MAX));
    assert_eq!(pos(p), (10, 90));
    assert!(!b.advance(i32::MIN));
    assert_eq!(pos(p), (10, 90));

    // current_data is an i16: no move may wrap it. (Only the numbers are
    // looked at here; the data is not read.)
    // SAFETY: a harness buffer.
    unsafe {
        (*p).current_data = 32000;
        (*p).current_length = 1000;
    }
    assert!(!b.advance(768));
    assert_eq!(pos(p), (32000, 1000));
    assert!(b.advance(767));
    assert_eq!(pos(p), (i16::MAX, 233));
    // current_length is a u16: moving back must not wrap it either.
    // SAFETY: as above.
    unsafe {
        (*p).current_data = 0;
        (*p).current_length = u16::MAX;
    }
    assert!(!b.advance(-1));
    assert_eq!(pos(p), (0, u16::MAX));
}

#[test]
fn length_of_a_single_buffer_is_its_current_length() {
    let mut h = Harness::new();
    let (_, p) = one(&mut h, 321);
    // SAFETY: a harness buffer; the stale total must be ignored without
    // NEXT_PRESENT.
    unsafe {
        (*p).total_length_not_including_first_buffer = 1000;
        (*p).flags |= TOTAL_LENGTH_VALID;
    }
    let vm = h.vm();
    // SAFETY: as above.
    let b = unsafe { Buffer::from_ptr(p) };
    assert_eq!(b.length_in_chain(vm), 321);
    assert!(b.advance(21));
    assert_eq!(b.length_in_chain(vm), 300);
}

#[test]
fn length_with_total_length_valid_trusts_the_cached_total() {
    let mut h = Harness::new();
    let (_, p) = one(&mut h, 100);
    // SAFETY: a harness buffer. next_buffer points nowhere useful: with
    // TOTAL_LENGTH_VALID VPP does not follow it.
    unsafe {
        (*p).flags |= NEXT_PRESENT | TOTAL_LENGTH_VALID;
        (*p).next_buffer = 0x0fff_ffff;
        (*p).total_length_not_including_first_buffer = 400;
    }
    let vm = h.vm();
    // SAFETY: as above.
    let b = unsafe { Buffer::from_ptr(p) };
    assert_eq!(b.length_in_chain(vm), 500);
}

#[test]
fn length_of_a_chain_walks_next_buffer_and_caches_the_total() {
    let mut h = Harness::new();
    let bis = h.alloc_packets(&[packet(100), packet(200), packet(50)], 1);
    let (p0, p1) = (h.buffer(bis[0]) as *mut sys::vlib_buffer_t, h.buffer(bis[1]) as *mut sys::vlib_buffer_t);
    let p2 = h.buffer(bis[2]) as *mut sys::vlib_buffer_t;
    // SAFETY: harness buffers, chained 0 -> 1 -> 2.
    unsafe {
        (*p0).flags |= NEXT_PRESENT;
        (*p0).next_buffer = bis[1];
        (*p1).flags |= NEXT_PRESENT;
        (*p1).next_buffer = bis[2];
    }
    let vm = h.vm();
    // SAFETY: as above.
    let b = unsafe { Buffer::from_ptr(p0) };
    assert_eq!(b.length_in_chain(vm), 350);
    // VPP's slow path caches the rest of the chain in the first buffer.
    assert_eq!(b.raw().total_length_not_including_first_buffer, 250);
    assert_ne!(b.flags() & TOTAL_LENGTH_VALID, 0);
    // The cached total is used from now on (the walk is not repeated).
    // SAFETY: as above.
    unsafe { (*p2).current_length = 10 };
    assert_eq!(b.length_in_chain(vm), 350);
    // Moving in the first segment changes only its own part.
    assert!(b.advance(40));
    assert_eq!(b.length_in_chain(vm), 310);
}

#[test]
fn vnet_opaque_accessors_read_vpps_offsets() {
    let mut h = Harness::new();
    let (_, p) = one(&mut h, 64);
    let put = |off: usize, v: &[u8]| {
        // SAFETY: inside the 40-byte opaque of a harness buffer.
        unsafe { core::ptr::copy_nonoverlapping(v.as_ptr(), bytes(p).add(OPAQUE + off), v.len()) }
    };
    put(0, &0x1122_3344u32.to_le_bytes()); // sw_if_index[VLIB_RX]
    put(4, &0x5566_7788u32.to_le_bytes()); // sw_if_index[VLIB_TX]
    put(8, &(-14i16).to_le_bytes()); // l2_hdr_offset
    put(10, &0x0123i16.to_le_bytes()); // l3_hdr_offset
    put(16, &0x99aa_bbccu32.to_le_bytes()); // ip.adj_index[VLIB_RX]
    put(20, &0x0ddc_0ffeu32.to_le_bytes()); // ip.adj_index[VLIB_TX]
    put(32, &[0x3e]); // ip.save_rewrite_length
                      // SAFETY: a harness buffer, no other reference alive.
    let b = unsafe { Buffer::from_ptr(p) };
    assert_eq!(b.sw_if_index(Dir::Rx), 0x1122_3344);
    assert_eq!(b.sw_if_index(Dir::Tx), 0x5566_7788);
    assert_eq!(b.adj_index(Dir::Rx), 0x99aa_bbcc);
    assert_eq!(b.adj_index(Dir::Tx), 0x0ddc_0ffe);
    assert_eq!(b.save_rewrite_length(), 0x3e);

    // Header offsets only with their VALID flag.
    assert_eq!(b.flags() & (L2_HDR_OFFSET_VALID | L3_HDR_OFFSET_VALID), 0);
    assert_eq!(b.l2_hdr_offset(), None);
    assert_eq!(b.l3_hdr_offset(), None);
    // SAFETY: the offsets written above are what the flags vouch for.
    unsafe { b.set_flags(L2_HDR_OFFSET_VALID) };
    assert_eq!(b.l2_hdr_offset(), Some(-14));
    assert_eq!(b.l3_hdr_offset(), None);
    // SAFETY: as above.
    unsafe { b.set_flags(L3_HDR_OFFSET_VALID) };
    assert_eq!(b.l2_hdr_offset(), Some(-14));
    assert_eq!(b.l3_hdr_offset(), Some(0x0123));
    assert_eq!(
        b.flags() & (L2_HDR_OFFSET_VALID | L3_HDR_OFFSET_VALID),
        L2_HDR_OFFSET_VALID | L3_HDR_OFFSET_VALID
    );
}

#[test]
fn vnet_opaque_setters_write_vpps_offsets() {
    let mut h = Harness::new();
    let (_, p) = one(&mut h, 64);
    let get = |off: usize| -> u32 {
        let mut v = [0u8; 4];
        // SAFETY: inside the 40-byte opaque of a harness buffer.
        unsafe { core::ptr::copy_nonoverlapping(bytes(p).add(OPAQUE + off), v.as_mut_ptr(), 4) };
        u32::from_le_bytes(v)
    };
    // SAFETY: a harness buffer; nothing downstream uses these values.
    unsafe {
        let b = Buffer::from_ptr(p);
        b.set_sw_if_index(Dir::Rx, 0xa1a2_a3a4);
        b.set_sw_if_index(Dir::Tx, 0xb1b2_b3b4);
        b.set_adj_index(Dir::Rx, 0xc1c2_c3c4);
        b.set_adj_index(Dir::Tx, 0xd1d2_d3d4);
    }
    assert_eq!(get(0), 0xa1a2_a3a4);
    assert_eq!(get(4), 0xb1b2_b3b4);
    assert_eq!(get(16), 0xc1c2_c3c4);
    assert_eq!(get(20), 0xd1d2_d3d4);
    // Nothing else in the opaque changed (l2/l3 offsets, flow hash...).
    assert_eq!((get(8), get(12), get(24), get(28), get(32), get(36)), (0, 0, 0, 0, 0, 0));
}

#[test]
fn vm_maps_buffer_indices_like_vlib_get_buffer() {
    let mut h = Harness::new();
    let bis = h.alloc_packets(&[packet(10), packet(20), packet(30)], 1);
    let ptrs: Vec<*mut sys::vlib_buffer_t> = bis.iter().map(|&bi| h.buffer(bi) as *mut _).collect();
    let vm = h.vm();
    let mut out = [core::ptr::null_mut(); 3];
    vm.get_buffers(&bis, &mut out);
    assert_eq!(&out[..], &ptrs[..]);
    for (&bi, &p) in bis.iter().zip(&ptrs) {
        // SAFETY: harness buffers, one reference at a time.
        let b = unsafe { Buffer::from_ptr(p) };
        assert_eq!(vm.buffer_index(b), bi);
        // SAFETY: as above (`b` is no longer used).
        let b2 = unsafe { vm.buffer(bi) };
        assert_eq!(b2.as_ptr(), p);
    }
    // Consecutive buffers are BUFFER_STRIDE bytes apart: index = offset / 64.
    assert_eq!(bis[1] - bis[0], (test_vpp::standin::BUFFER_STRIDE / 64) as u32);
}
