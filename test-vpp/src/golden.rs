//! Golden data shared by tests.

/// The `<name>_<crc>` of every lcp message of VPP 26.06, in definition
/// order, from `api/tests/data/lcp-api-26.06.crcs`.
pub fn lcp_name_crcs() -> Vec<String> {
    include_str!("../../api/tests/data/lcp-api-26.06.crcs")
        .lines()
        .filter(|l| l.starts_with("lcp_"))
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let name = f.next()?;
            let crc = u32::from_str_radix(f.next()?.trim_start_matches("0x"), 16).ok()?;
            Some(format!("{name}_{crc:08x}"))
        })
        .collect()
}
