//! Entry flags (`fib_entry_flag_t`).

use crate::sys;

/// Flags a source gives a FIB entry (`FIB_ENTRY_FLAG_*`; the values are
/// compared with VPP's headers at build time through `crate::sys`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EntryFlags(pub u32);

impl EntryFlags {
    /// `FIB_ENTRY_FLAG_NONE`.
    pub const NONE: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_NONE);
    /// `FIB_ENTRY_FLAG_CONNECTED`.
    pub const CONNECTED: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_CONNECTED);
    /// `FIB_ENTRY_FLAG_ATTACHED`: the prefix is reachable on the link.
    pub const ATTACHED: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_ATTACHED);
    /// `FIB_ENTRY_FLAG_DROP`.
    pub const DROP: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_DROP);
    /// `FIB_ENTRY_FLAG_EXCLUSIVE`.
    pub const EXCLUSIVE: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_EXCLUSIVE);
    /// `FIB_ENTRY_FLAG_IMPORT`.
    pub const IMPORT: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_IMPORT);
    /// `FIB_ENTRY_FLAG_LOCAL`: receive (e.g. 255.255.255.255/32).
    pub const LOCAL: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_LOCAL);
    /// `FIB_ENTRY_FLAG_MULTICAST`.
    pub const MULTICAST: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_MULTICAST);
    /// `FIB_ENTRY_FLAG_LOOSE_URPF_EXEMPT`.
    pub const LOOSE_URPF_EXEMPT: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_LOOSE_URPF_EXEMPT);
    /// `FIB_ENTRY_FLAG_NO_ATTACHED_EXPORT`.
    pub const NO_ATTACHED_EXPORT: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_NO_ATTACHED_EXPORT);
    /// `FIB_ENTRY_FLAG_COVERED_INHERIT`.
    pub const COVERED_INHERIT: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_COVERED_INHERIT);
    /// `FIB_ENTRY_FLAG_INTERPOSE`.
    pub const INTERPOSE: EntryFlags = EntryFlags(sys::FIB_ENTRY_FLAG_INTERPOSE);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: EntryFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl core::ops::BitOr for EntryFlags {
    type Output = EntryFlags;
    fn bitor(self, o: EntryFlags) -> EntryFlags {
        EntryFlags(self.0 | o.0)
    }
}

impl core::ops::BitOrAssign for EntryFlags {
    fn bitor_assign(&mut self, o: EntryFlags) {
        self.0 |= o.0;
    }
}
