//! Linux -> VPP synchronisation over netlink (skeleton; filled by later issues).
