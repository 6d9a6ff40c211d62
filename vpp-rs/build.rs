fn main() {
    println!("cargo::rustc-check-cfg=cfg(vpp_layout_check)");
}
