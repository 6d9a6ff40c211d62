//! Linux -> VPP synchronisation over netlink (skeleton; filled by later issues).
// No unsafe code yet; any added must say why it holds.
#![deny(clippy::undocumented_unsafe_blocks)]
