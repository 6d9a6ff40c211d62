//! VPP's registration lists: singly linked, pushed at the head by load-time
//! constructors and unlinked by destructors.

/// Push `item` at the head of the list `head`; `next` gives the address of
/// an element's link field.
///
/// # Safety
/// `head` and `item` must be valid, and nothing else may touch the list
/// meanwhile (load-time constructors run single threaded).
pub(crate) unsafe fn push<T>(head: *mut *mut T, item: *mut T, next: impl Fn(*mut T) -> *mut *mut T) {
    // SAFETY: forwarded contract.
    unsafe {
        *next(item) = *head;
        *head = item;
    }
}

/// Unlink `item` from the list `head` if it is on it.
///
/// # Safety
/// As for [`push`]; every element on the list must be valid.
pub(crate) unsafe fn remove<T>(head: *mut *mut T, item: *mut T, next: impl Fn(*mut T) -> *mut *mut T) {
    // SAFETY: forwarded contract; walks valid elements only.
    unsafe {
        let mut p = head;
        while !(*p).is_null() {
            if *p == item {
                *p = *next(item);
                return;
            }
            p = next(*p);
        }
    }
}
