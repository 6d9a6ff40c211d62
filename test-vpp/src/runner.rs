//! Real-VPP runner (below).
