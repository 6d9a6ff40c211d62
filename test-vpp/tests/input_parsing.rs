//! `vpp::Input`, the tokenizer over VPP's `unformat_input_t`: over a Rust
//! string, and over a real vppinfra vector (8-byte `vec_header_t` with the
//! `u32` length first, then the bytes) with VPP's read `index` part-way.
//! Reading through `Input` must advance VPP's `index` by exactly the bytes
//! consumed, so VPP sees the input consumed.

use vpp::{sys, Input};

/// A vppinfra `u8` vector holding `bytes` (`len` in the header may be
/// shorter than the bytes stored, as after `vec_set_len`).
struct Vector {
    mem: Vec<u64>,
}

impl Vector {
    fn new(bytes: &[u8], len: u32) -> Vector {
        let mut mem = vec![0u64; 1 + bytes.len().div_ceil(8)];
        let p = mem.as_mut_ptr() as *mut u8;
        // SAFETY: `mem` holds 8 header bytes plus room for `bytes`.
        unsafe {
            (p as *mut u32).write(len);
            core::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(8), bytes.len());
        }
        Vector { mem }
    }

    fn data(&mut self) -> *mut u8 {
        // SAFETY: the data starts after the 8-byte header.
        unsafe { (self.mem.as_mut_ptr() as *mut u8).add(8) }
    }
}

fn raw_input(buffer: *mut u8, index: u64) -> sys::unformat_input_t {
    sys::unformat_input_t {
        buffer,
        index,
        buffer_marks: core::ptr::null_mut(),
        fill_buffer: core::ptr::null_mut(),
        free: core::ptr::null_mut(),
        fill_buffer_arg: core::ptr::null_mut(),
    }
}

#[test]
fn tokens_are_split_on_vpp_white_space() {
    // unformat's is_white_space: ' ', '\t', '\n', '\r'.
    let mut i = Input::from_text("  set\tinterface \n state\r\n\tup  \n");
    assert!(!i.is_empty());
    assert_eq!(i.next_token(), Some("set"));
    assert_eq!(i.rest(), "\tinterface \n state\r\n\tup  \n");
    assert_eq!(i.next_token(), Some("interface"));
    assert_eq!(i.next_token(), Some("state"));
    assert_eq!(i.next_token(), Some("up"));
    assert!(i.is_empty());
    assert_eq!(i.next_token(), None);
    assert_eq!(i.rest(), "", "trailing white space consumed by the failed read");
    assert_eq!(i.next_token(), None);
}

#[test]
fn empty_and_blank_inputs() {
    assert!(Input::from_text("").is_empty());
    assert!(Input::from_text(" \t\r\n ").is_empty());
    assert!(!Input::from_text(" \n x").is_empty());
    assert_eq!(Input::from_text(" \t\n").next_token(), None);
    assert_eq!(Input::from_text("").peek_token(), None);
    assert_eq!(Input::from_text("").take_rest(), "");
}

#[test]
fn peek_does_not_consume_and_eat_needs_the_whole_word() {
    let mut i = Input::from_text(" verbose  count 10");
    assert_eq!(i.peek_token(), Some("verbose"));
    assert_eq!(i.peek_token(), Some("verbose"));
    assert_eq!(i.rest(), " verbose  count 10");
    assert!(!i.eat("verb"), "a prefix is not the word");
    assert!(!i.eat("verbose2"));
    assert!(!i.eat("count"), "only the next word");
    assert_eq!(i.rest(), " verbose  count 10");
    assert!(i.eat("verbose"));
    assert_eq!(i.rest(), "  count 10");
    assert!(i.eat("count"));
    assert_eq!(i.next_token(), Some("10"));
    assert!(!i.eat("10"));
    assert!(i.is_empty());
}

#[test]
fn take_rest_returns_everything_left_verbatim() {
    let mut i = Input::from_text("name  my host\tname \n");
    assert_eq!(i.next_token(), Some("name"));
    assert_eq!(i.take_rest(), "  my host\tname \n");
    assert_eq!(i.rest(), "");
    assert!(i.is_empty());
    assert_eq!(i.take_rest(), "");
}

#[test]
fn non_ascii_words_stay_whole() {
    let mut i = Input::from_text("café\tnaïve ünï");
    assert_eq!(i.next_token(), Some("café"));
    assert_eq!(i.next_token(), Some("naïve"));
    assert_eq!(i.peek_token(), Some("ünï"));
    assert_eq!(i.take_rest(), " ünï");
}

#[test]
fn from_raw_starts_at_vpps_index_and_advances_it_by_the_bytes_consumed() {
    let text = b"show rust count  verbose\tlimit 10 \n";
    let mut v = Vector::new(text, text.len() as u32);
    // VPP already matched "show rust " (10 bytes).
    let mut raw = raw_input(v.data(), 10);
    {
        // SAFETY: a valid unformat_input_t over a vppinfra vector.
        let mut i = unsafe { Input::from_raw(&mut raw) };
        assert_eq!(i.rest(), "count  verbose\tlimit 10 \n");
        assert_eq!(i.next_token(), Some("count"));
    }
    assert_eq!(raw.index, 15, "10 + \"count\"");
    {
        // SAFETY: as above; a second Input continues where VPP's index is.
        let i = unsafe { Input::from_raw(&mut raw) };
        assert_eq!(i.rest(), "  verbose\tlimit 10 \n");
        assert_eq!(i.peek_token(), Some("verbose"));
    }
    assert_eq!(raw.index, 15, "peeking consumes nothing");
    {
        // SAFETY: as above.
        let mut i = unsafe { Input::from_raw(&mut raw) };
        assert!(!i.eat("limit"));
        assert!(i.eat("verbose"));
        assert_eq!(i.rest(), "\tlimit 10 \n");
    }
    assert_eq!(raw.index, 24, "15 + \"  verbose\"");
    {
        // SAFETY: as above.
        let mut i = unsafe { Input::from_raw(&mut raw) };
        assert_eq!(i.next_token(), Some("limit"));
        assert_eq!(i.take_rest(), " 10 \n");
    }
    assert_eq!(raw.index, text.len() as u64, "all consumed");
    // SAFETY: as above.
    let i = unsafe { Input::from_raw(&mut raw) };
    assert_eq!(i.rest(), "");
    assert!(i.is_empty());
}

#[test]
fn from_raw_reads_up_to_vec_len_only() {
    // Bytes past the vector's length are not input.
    let mut v = Vector::new(b"abc def ghi", 7);
    let mut raw = raw_input(v.data(), 0);
    {
        // SAFETY: a valid unformat_input_t over a vppinfra vector.
        let mut i = unsafe { Input::from_raw(&mut raw) };
        assert_eq!(i.rest(), "abc def");
        assert_eq!(i.next_token(), Some("abc"));
        assert_eq!(i.next_token(), Some("def"));
        assert_eq!(i.next_token(), None);
    }
    assert_eq!(raw.index, 7);
}

#[test]
fn from_raw_with_index_at_or_past_the_end_is_empty() {
    let mut v = Vector::new(b"abc", 3);
    for index in [3u64, 4, 1000] {
        let mut raw = raw_input(v.data(), index);
        {
            // SAFETY: a valid unformat_input_t over a vppinfra vector.
            let mut i = unsafe { Input::from_raw(&mut raw) };
            assert_eq!(i.rest(), "");
            assert!(i.is_empty());
            assert_eq!(i.next_token(), None);
        }
        assert_eq!(raw.index, index, "nothing consumed");
    }
}

#[test]
fn from_raw_with_null_buffer_or_null_input_is_empty() {
    let mut raw = raw_input(core::ptr::null_mut(), 0);
    // SAFETY: NULL buffer is an empty vector.
    let mut i = unsafe { Input::from_raw(&mut raw) };
    assert_eq!(i.rest(), "");
    assert_eq!(i.next_token(), None);
    // SAFETY: NULL input is allowed.
    let mut i = unsafe { Input::from_raw(core::ptr::null_mut()) };
    assert!(i.is_empty());
    assert_eq!(i.take_rest(), "");
}

#[test]
fn from_raw_truncates_at_the_first_invalid_utf8_byte() {
    let bytes = b"ok caf\xff rest";
    let mut v = Vector::new(bytes, bytes.len() as u32);
    let mut raw = raw_input(v.data(), 0);
    {
        // SAFETY: a valid unformat_input_t over a vppinfra vector.
        let mut i = unsafe { Input::from_raw(&mut raw) };
        assert_eq!(i.rest(), "ok caf");
        assert_eq!(i.next_token(), Some("ok"));
        assert_eq!(i.next_token(), Some("caf"));
        assert_eq!(i.next_token(), None);
    }
    // Consumed up to the invalid byte, which VPP still sees.
    assert_eq!(raw.index, 6);
    // SAFETY: the read index stays inside the vector.
    assert_eq!(unsafe { *raw.buffer.add(raw.index as usize) }, 0xff);

    // A multi-byte character cut by the vector's end.
    let bytes = "ab é".as_bytes();
    let mut v = Vector::new(bytes, bytes.len() as u32 - 1);
    let mut raw = raw_input(v.data(), 0);
    // SAFETY: as above.
    let i = unsafe { Input::from_raw(&mut raw) };
    assert_eq!(i.rest(), "ab ");

    // Starting inside a character: nothing valid.
    let bytes = "é x".as_bytes();
    let mut v = Vector::new(bytes, bytes.len() as u32);
    let mut raw = raw_input(v.data(), 1);
    // SAFETY: as above.
    let i = unsafe { Input::from_raw(&mut raw) };
    assert_eq!(i.rest(), "");
}
