//! Text input of CLI commands and startup-config stanzas (`unformat_input_t`).

use crate::sys;

/// The input VPP hands to a CLI command or a config function: the text not
/// yet consumed, with a simple tokenizer.
///
/// Reading advances VPP's cursor too, so VPP sees the input as consumed.
pub struct Input<'a> {
    raw: Option<&'a mut sys::unformat_input_t>,
    text: &'a str,
    pos: usize,
}

/// Length of a vppinfra vector (`vec_len`).
///
/// # Safety
/// `v` must be NULL or point at the data of a vppinfra vector.
pub unsafe fn vec_len(v: *const u8) -> usize {
    if v.is_null() {
        0
    } else {
        // SAFETY: a vppinfra vector's data is preceded by its
        // `vec_header_t` (layout-checked against the headers), whose `len`
        // is the element count; `v` is such a vector per the contract.
        unsafe {
            let h = v.sub(core::mem::size_of::<sys::vec_header_t>()) as *const sys::vec_header_t;
            (*h).len as usize
        }
    }
}

impl<'a> Input<'a> {
    /// Wrap VPP's input.
    ///
    /// # Safety
    /// `raw` must be NULL or a valid `unformat_input_t` whose buffer is a
    /// vppinfra vector, live for `'a`.
    pub unsafe fn from_raw(raw: *mut sys::unformat_input_t) -> Input<'a> {
        if raw.is_null() {
            return Input { raw: None, text: "", pos: 0 };
        }
        // SAFETY: valid per the contract; the buffer bytes from `index` to
        // `vec_len` are the unread text.
        unsafe {
            let r = &mut *raw;
            let len = vec_len(r.buffer);
            let start = (r.index as usize).min(len);
            let bytes: &'a [u8] = if r.buffer.is_null() {
                &[]
            } else {
                core::slice::from_raw_parts(r.buffer.add(start), len - start)
            };
            let text = core::str::from_utf8(bytes)
                .unwrap_or_else(|e| core::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default());
            Input { raw: Some(r), text, pos: 0 }
        }
    }

    /// Input over a Rust string (tests, the stand-in).
    pub fn from_text(text: &'a str) -> Input<'a> {
        Input { raw: None, text, pos: 0 }
    }

    /// The text not yet consumed.
    pub fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// Whether only whitespace is left.
    pub fn is_empty(&self) -> bool {
        self.rest().trim().is_empty()
    }

    /// The next whitespace-separated word, if any.
    pub fn next_token(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            self.advance(rest.len());
            return None;
        }
        let skip = rest.len() - trimmed.len();
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        self.advance(skip + end);
        Some(&trimmed[..end])
    }

    /// Look at the next word without consuming it.
    pub fn peek_token(&self) -> Option<&'a str> {
        self.rest().split_whitespace().next()
    }

    /// Consume `word` if it is next.
    pub fn eat(&mut self, word: &str) -> bool {
        if self.peek_token() == Some(word) {
            self.next_token();
            true
        } else {
            false
        }
    }

    /// Consume and return everything left.
    pub fn take_rest(&mut self) -> &'a str {
        let r = self.rest();
        self.advance(r.len());
        r
    }

    fn advance(&mut self, n: usize) {
        self.pos += n;
        if let Some(r) = self.raw.as_deref_mut() {
            r.index += n as u64;
        }
    }
}
