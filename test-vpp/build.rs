fn main() {
    println!("cargo::rerun-if-changed=csrc/standin.c");
    cc::Build::new().file("csrc/standin.c").warnings(true).compile("vpp_standin");
}
