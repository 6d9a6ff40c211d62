//! Build script: verify the hand-written ABI mirrors against real VPP
//! headers when they are available.
//!
//! For every `#[repr(C)]` struct in `src/sys/<release>/` the script lists the
//! named fields, asks clang (through bindgen, which evaluates enumerator
//! initialisers) for `sizeof`, `_Alignof` and `offsetof` of the same type and
//! fields in the real headers, and writes `const` assertions comparing the
//! two into `$OUT_DIR/vpp_layout_check.rs`. Any mismatch fails the build with
//! a message naming the struct, the field and VPP's offset. The mirrors'
//! integer `const`s are compared the same way with the C macros or
//! enumerators of the same name (or the expressions of `CONST_EXPRS`).
//!
//! Where the headers come from, in order:
//! - `VPP_SRC` (a VPP source checkout) plus `VPP_BUILD_DIR` (its CMake build
//!   directory, for the generated `config.h` files);
//! - `VPP_INCLUDE_DIR`, or `$VPP_PREFIX/include` (installed headers).
//!
//! The same bindgen run also declares, from the headers (and `csrc/shim.h`
//! for the C shims), every function and static of the `extern "C"` blocks
//! under `src/`, and the `VNET_API_ERROR_*` enumerators; `build/extern_check.rs`
//! compares them with the Rust declarations and with the constants of
//! `src/**/retval.rs`, and any mismatch fails the build (a panic naming the
//! function, the parameter and both types, or the constant and both values).
//!
//! `VPP_LAYOUT_SELFTEST_FAULT=1` checks a deliberately wrong mirror of
//! `vlib_buffer_t` (`src/sys/fault.rs`) instead of the real one, so a test
//! can prove the check rejects it. `VPP_EXTERN_SELFTEST_FAULT=1` does the
//! same for the extern check (`src/sys/fault_externs.rs` replaces the
//! same-named declarations) and the retval check (`src/sys/fault_retval.rs`
//! is checked as if it were a `retval.rs`); see `tests/extern_check.rs`.

#[path = "build/extern_check.rs"]
mod extern_check;

use std::collections::BTreeMap;
use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const RELEASE_DIR: &str = "src/sys/v26_06";

const HEADERS: &[&str] = &[
    "vlib/vlib.h",
    "vlib/unix/plugin.h",
    "vlib/log.h",
    "vnet/vnet.h",
    "vnet/buffer.h",
    "vnet/feature/feature.h",
    "vlibapi/api_common.h",
    "vlibapi/api.h",
    "vlib/threads.h",
    "vlibmemory/api.h",
    "vlibmemory/socket_api.h",
    "vlibmemory/memory_api.h",
    "vnet/api_errno.h",
    "vppinfra/vec_bootstrap.h",
    "vnet/ethernet/ethernet.h",
    "vnet/mpls/mpls.h",
    // control plane (pairs, FIB, punt):
    "vnet/fib/fib_types.h",
    "vnet/adj/adj.h",
    "vnet/adj/adj_nbr.h",
    "vnet/ip/ip.h",
    "vnet/ip/ip4.h",
    "vnet/ip/ip6.h",
    "vlib/punt.h",
    "vnet/ipsec/ipsec_punt.h",
    "vnet/udp/udp.h",
    "vnet/tcp/tcp.h",
    "vnet/interface.h",
    // routes (vpp::fib, vpp::mfib):
    "vnet/fib/fib_table.h",
    "vnet/fib/fib_entry.h",
    "vnet/fib/fib_source.h",
    "vnet/mpls/mpls_types.h",
    "vnet/mfib/mfib_table.h",
    // data plane (nodes):
    "vnet/adj/adj.h",
];

/// Mirror-only helper structs (C has them as anonymous members).
const NOT_C_TYPES: &[&str] = &["vnet_buffer_opaque_ip_t", "clib_error_t", "va_list_tag"];

/// Mirror fields whose C spelling differs, as (struct, mirror field, C member designator).
const RENAMES: &[(&str, &str, &str)] = &[
    ("vlib_node_registration_t", "type_", "type"),
    ("vlib_node_t", "type_", "type"),
    ("vlib_global_main_t", "cli_command_registrations", "cli_main.cli_command_registrations"),
    ("vnet_buffer_opaque2_t", "qos_bits", "qos.bits"),
    ("vnet_buffer_opaque2_t", "qos_source", "qos.source"),
];

/// Bit-field bytes (offsetof cannot name them); covered by their neighbours.
const BITFIELDS: &[(&str, &str)] = &[
    ("vlib_plugin_registration_t", "flags"),
    ("vl_msg_api_msg_config_t", "flags"),
    ("vnet_buffer_opaque_t", "oflags"),
    ("vec_header_t", "log2_align_default_heap"),
];

/// Mirror constants whose value is not a C constant of the same name, as
/// (Rust name, C expression).
const CONST_EXPRS: &[(&str, &str)] = &[
    ("VLIB_BUFFER_DATA_OFFSET", "offsetof(vlib_buffer_t, data)"),
    ("CLIB_MARCH_VARIANT_TYPE_SCALAR", "CLIB_MARCH_VARIANT_TYPE_scalar"),
    ("CLIB_MARCH_VARIANT_TYPE_X86_64_V3", "CLIB_MARCH_VARIANT_TYPE_x86_64_v3"),
    ("CLIB_MARCH_VARIANT_TYPE_X86_64_V4", "CLIB_MARCH_VARIANT_TYPE_x86_64_v4"),
];

/// Integer `const`s of the mirrors (flags, node types, sizes): each is
/// compared with the C macro or enumerator of the same name (or the
/// expression in `CONST_EXPRS`).
fn mirror_consts(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("mirror dir").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read mirror");
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for item in file.items {
            let syn::Item::Const(c) = item else { continue };
            let syn::Type::Path(t) = &*c.ty else { continue };
            let ty = t.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            if !["u8", "u16", "u32", "u64", "usize", "i32", "i64"].contains(&ty.as_str()) {
                continue;
            }
            let name = c.ident.to_string();
            let expr =
                CONST_EXPRS.iter().find(|e| e.0 == name).map(|e| e.1.to_string()).unwrap_or(name.clone());
            out.push((name, expr));
        }
    }
    out
}

struct Mirror {
    name: String,
    /// (Rust field path, C designator)
    fields: Vec<(String, String)>,
}

fn include_dirs() -> Option<Vec<PathBuf>> {
    if let Ok(src) = env::var("VPP_SRC") {
        let src = PathBuf::from(src);
        let src_dir = if src.join("src/vlib").is_dir() { src.join("src") } else { src };
        let build = env::var("VPP_BUILD_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| src_dir.join("../build-root/build-vpp-native/vpp"));
        let gen = build.join("CMakeFiles");
        if !gen.join("vlib/config.h").is_file() {
            panic!(
                "VPP_SRC is set but {} has no vlib/config.h: set VPP_BUILD_DIR to VPP's CMake build directory",
                gen.display()
            );
        }
        return Some(vec![src_dir, gen.clone(), gen.join("vpp")]);
    }
    let inc = env::var("VPP_INCLUDE_DIR")
        .map(PathBuf::from)
        .ok()
        .or_else(|| env::var("VPP_PREFIX").ok().map(|p| Path::new(&p).join("include")))?;
    if !inc.join("vlib/vlib.h").is_file() {
        println!(
            "cargo::warning=no VPP headers under {}: ABI layout, extern and retval checks skipped",
            inc.display()
        );
        return None;
    }
    Some(vec![inc.clone(), inc.join("vpp_plugins")])
}

fn is_repr_c(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("repr") && a.meta.require_list().is_ok_and(|l| l.tokens.to_string().contains('C'))
    })
}

/// Parse the mirror sources: every `#[repr(C)]` struct and its named,
/// non-padding fields (fields of mirror-only helper structs are inlined).
fn mirrors(dir: &Path) -> Vec<Mirror> {
    let mut structs: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("mirror dir").flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        println!("cargo::rerun-if-changed={}", f.display());
        let text = std::fs::read_to_string(&f).expect("read mirror");
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for item in file.items {
            if let syn::Item::Struct(s) = item {
                if !is_repr_c(&s.attrs) {
                    continue;
                }
                let fields = s
                    .fields
                    .iter()
                    .filter_map(|fl| {
                        let n = fl.ident.as_ref()?.to_string();
                        let ty = match &fl.ty {
                            syn::Type::Path(p) => {
                                p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
                            }
                            _ => String::new(),
                        };
                        (!n.starts_with('_')).then_some((n, ty))
                    })
                    .collect();
                structs.insert(s.ident.to_string(), fields);
            }
        }
    }
    let mut out = Vec::new();
    for (name, fields) in &structs {
        if NOT_C_TYPES.contains(&name.as_str()) {
            continue;
        }
        let mut list = Vec::new();
        for (f, ty) in fields {
            if BITFIELDS.contains(&(name.as_str(), f.as_str())) {
                continue;
            }
            let c = RENAMES
                .iter()
                .find(|r| r.0 == name && r.1 == f)
                .map(|r| r.2.to_string())
                .unwrap_or_else(|| f.clone());
            if NOT_C_TYPES.contains(&ty.as_str()) {
                if let Some(inner) = structs.get(ty) {
                    for (g, _) in inner {
                        list.push((format!("{f}.{g}"), format!("{c}.{g}")));
                    }
                }
            }
            list.push((f.clone(), c));
        }
        out.push(Mirror { name: name.clone(), fields: list });
    }
    out
}

/// Compile the C shims (setjmp-based process waits, JSON registration)
/// against the headers.
fn build_process_shim(dirs: &[PathBuf]) {
    let mut b = cc::Build::new();
    b.file("csrc/process_shim.c")
        .file("csrc/api_shim.c")
        .file("csrc/interface_shim.c")
        .file("csrc/ethernet_shim.c")
        .file("csrc/mpls_shim.c")
        // control plane (pairs, FIB, punt):
        .file("csrc/control_shim.c")
        .file("csrc/buffer_shim.c")
        .file("csrc/adj_shim.c")
        .file("csrc/adj_delegate_shim.c")
        // host interfaces (taps, sub-interfaces, state for the Linux side):
        .file("csrc/tap_shim.c")
        .file("csrc/itf_state_shim.c")
        .file("csrc/plugin_shim.c")
        .file("csrc/stats_shim.c")
        // routes:
        .file("csrc/fib_shim.c")
        .file("csrc/mfib_shim.c")
        // L3 state applied from Linux (neighbours, addresses, links):
        .file("csrc/neighbor_shim.c")
        .file("csrc/itf_l3_shim.c")
        .flag("-march=x86-64-v2")
        .flag("-w")
        .opt_level(2);
    for d in dirs {
        b.include(d);
    }
    b.compile("vpp_rs_process_shim");
    // The buffer copy again, for AVX2 CPUs (chosen at run time).
    let mut avx2 = cc::Build::new();
    avx2.file("csrc/buffer_copy_avx2.c").flag("-march=haswell").flag("-w").opt_level(2);
    for d in dirs {
        avx2.include(d);
    }
    avx2.compile("vpp_rs_buffer_copy_avx2");
    println!("cargo::rustc-cfg=vpp_process_shim");
}

/// Compare the `extern "C"` declarations and the retval constants with
/// bindgen's view of the headers; panic listing every mismatch.
fn check_externs(
    bindings: &str,
    decls: &[extern_check::Decl],
    retvals: &[(String, String, i64)],
    inc: &Path,
) {
    let file = syn::parse_file(bindings).unwrap_or_else(|e| panic!("cannot parse bindgen's output: {e}"));
    let mirror_aliases = extern_check::mirror_aliases(Path::new(RELEASE_DIR));
    let (n_fn, n_static, mut errors) = extern_check::compare(decls, &mirror_aliases, &file);
    let header_retvals = extern_check::header_retvals(&file);
    for (f, name, v) in retvals {
        match header_retvals.get(name) {
            Some(h) if h == v => {}
            Some(h) => errors.push(format!(
                "VPP retval mismatch: {name} is {h} in the VPP headers (vnet/error.h) but {f} says {v}"
            )),
            None => errors.push(format!(
                "VPP retval mismatch: {f} has {name} = {v}, which the VPP headers do not define"
            )),
        }
    }
    if !errors.is_empty() {
        panic!(
            "the Rust declarations disagree with the VPP headers in {}:\n  {}",
            inc.display(),
            errors.join("\n  ")
        );
    }
    println!(
        "cargo::warning=VPP extern check: {n_fn} functions and {n_static} statics compared with the headers in {}",
        inc.display()
    );
    println!(
        "cargo::warning=VPP retval check: {} constants of src/**/retval.rs compared with VNET_API_ERROR_* ({} enumerators in the headers)",
        retvals.len(),
        header_retvals.len()
    );
}

fn ident_for(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

fn main() {
    println!("cargo::rustc-check-cfg=cfg(vpp_layout_check)");
    println!("cargo::rustc-check-cfg=cfg(vpp_process_shim)");
    println!("cargo::rerun-if-changed=csrc/process_shim.c");
    println!("cargo::rerun-if-changed=csrc/api_shim.c");
    println!("cargo::rerun-if-changed=csrc/interface_shim.c");
    println!("cargo::rerun-if-changed=csrc/ethernet_shim.c");
    println!("cargo::rerun-if-changed=csrc/mpls_shim.c");
    println!("cargo::rerun-if-changed=csrc/control_shim.c");
    println!("cargo::rerun-if-changed=csrc/buffer_shim.c");
    println!("cargo::rerun-if-changed=csrc/buffer_copy.inc");
    println!("cargo::rerun-if-changed=csrc/buffer_copy_avx2.c");
    println!("cargo::rerun-if-changed=csrc/adj_shim.c");
    println!("cargo::rerun-if-changed=csrc/adj_delegate_shim.c");
    println!("cargo::rerun-if-changed=csrc/tap_shim.c");
    println!("cargo::rerun-if-changed=csrc/itf_state_shim.c");
    println!("cargo::rerun-if-changed=csrc/plugin_shim.c");
    println!("cargo::rerun-if-changed=csrc/stats_shim.c");
    println!("cargo::rerun-if-changed=csrc/fib_shim.c");
    println!("cargo::rerun-if-changed=csrc/mfib_shim.c");
    println!("cargo::rerun-if-changed=csrc/neighbor_shim.c");
    println!("cargo::rerun-if-changed=csrc/itf_l3_shim.c");
    println!("cargo::rerun-if-changed=csrc/shim.h");
    println!("cargo::rerun-if-changed=build/extern_check.rs");
    println!("cargo::rerun-if-changed=src");
    for v in [
        "VPP_SRC",
        "VPP_BUILD_DIR",
        "VPP_INCLUDE_DIR",
        "VPP_PREFIX",
        "VPP_LAYOUT_SELFTEST_FAULT",
        "VPP_EXTERN_SELFTEST_FAULT",
    ] {
        println!("cargo::rerun-if-env-changed={v}");
    }
    println!("cargo::rerun-if-changed=build.rs");
    let Some(dirs) = include_dirs() else { return };
    let fault = env::var("VPP_LAYOUT_SELFTEST_FAULT").is_ok_and(|v| v == "1");
    let extern_fault = env::var("VPP_EXTERN_SELFTEST_FAULT").is_ok_and(|v| v == "1");
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let decls = extern_check::rust_decls(&manifest.join("src"), extern_fault);
    let retvals = extern_check::retval_consts(&manifest.join("src"), extern_fault);

    build_process_shim(&dirs);
    let mirrors = mirrors(Path::new(RELEASE_DIR));
    // One enumerator per fact; clang evaluates them against the real headers.
    let mut header: String = HEADERS.iter().map(|h| format!("#include <{h}>\n")).collect();
    writeln!(header, "#include \"{}\"", manifest.join("csrc/shim.h").display()).unwrap();
    header.push_str("#include <stddef.h>\nenum {\n");
    let mut facts = Vec::new();
    for m in &mirrors {
        let t = &m.name;
        let id = ident_for(t);
        writeln!(header, "  __vpp_layout_{id}__SIZE = sizeof({t}),").unwrap();
        writeln!(header, "  __vpp_layout_{id}__ALIGN = _Alignof({t}),").unwrap();
        facts.push((t.clone(), None::<(String, String)>, format!("__vpp_layout_{id}__SIZE")));
        facts.push((t.clone(), Some(("__align".into(), String::new())), format!("__vpp_layout_{id}__ALIGN")));
        for (rust, c) in &m.fields {
            let e = format!("__vpp_layout_{id}__F_{}", ident_for(rust));
            writeln!(header, "  {e} = offsetof({t}, {c}),").unwrap();
            facts.push((t.clone(), Some((rust.clone(), c.clone())), e));
        }
    }
    header.push_str("};\n");
    // Mirror constants, in an enum of their own (values up to 1 << 31).
    let consts = mirror_consts(Path::new(RELEASE_DIR));
    header.push_str("enum {\n");
    for (name, expr) in &consts {
        writeln!(header, "  __vpp_layout_CONST_{name} = ({expr}),").unwrap();
    }
    header.push_str("};\n");

    let mut b = bindgen::Builder::default()
        .header_contents("vpp_layout_probe.h", &header)
        .clang_arg("-march=x86-64-v2")
        .clang_arg("-w")
        .allowlist_var("__vpp_layout_.*")
        .allowlist_type("vnet_api_error_t")
        .layout_tests(false)
        .generate_comments(false);
    for d in &decls {
        b = match d.kind {
            extern_check::Kind::Fn { .. } => b.allowlist_function(format!("^{}$", d.name)),
            extern_check::Kind::Static(_) => b.allowlist_var(format!("^{}$", d.name)),
        };
    }
    for d in &dirs {
        b = b.clang_arg(format!("-I{}", d.display()));
    }
    let bindings = b
        .generate()
        .unwrap_or_else(|e| panic!("bindgen over the VPP headers in {dirs:?} failed: {e}"))
        .to_string();
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out_dir.join("vpp_layout_probe.rs"), &bindings).expect("write probe output");
    let mut values: BTreeMap<String, u64> = BTreeMap::new();
    for item in bindings.split(';') {
        let line = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(rest) =
            line.find("pub const __vpp_layout_").map(|i| &line[i + "pub const __vpp_layout_".len()..])
        {
            let name = format!("__vpp_layout_{}", rest.split(':').next().unwrap_or_default().trim());
            if let Some(v) = rest.rsplit('=').next().and_then(|v| v.trim().parse().ok()) {
                values.insert(name, v);
            }
        }
    }

    let mut checks = String::from("// Generated by vpp-rs/build.rs from the VPP headers. Do not edit.\n");
    for (t, field, e) in &facts {
        let v = *values.get(e).unwrap_or_else(|| panic!("the VPP headers have no such member (bindgen gave no value for {e}); fix the mirror or the RENAMES table in vpp-rs/build.rs"));
        let mirror = if fault && t == "vlib_buffer_t" {
            "crate::sys::fault::vlib_buffer_t".to_string()
        } else {
            format!("crate::sys::{t}")
        };
        let (expr, msg) = match field {
            None => (format!("::core::mem::size_of::<{mirror}>()"), format!("VPP ABI mismatch: sizeof({t}) is {v} in the VPP headers but the mirror differs")),
            Some((f, _)) if f == "__align" => (
                format!("::core::mem::align_of::<{mirror}>()"),
                format!("VPP ABI mismatch: _Alignof({t}) is {v} in the VPP headers but the mirror differs"),
            ),
            Some((f, c)) => (
                format!("::core::mem::offset_of!({mirror}, {f})"),
                format!("VPP ABI mismatch: offsetof({t}, {c}) is {v} in the VPP headers but the mirror field `{f}` is elsewhere"),
            ),
        };
        writeln!(checks, "const _: () = assert!({expr} == {v}, {msg:?});").unwrap();
    }
    for (name, expr) in &consts {
        let e = format!("__vpp_layout_CONST_{name}");
        let v = *values.get(&e).unwrap_or_else(|| panic!("bindgen gave no value for {e} ({expr})"));
        let path = if fault && name == "VLIB_FRAME_SIZE" {
            "crate::sys::fault::VLIB_FRAME_SIZE".to_string()
        } else {
            format!("crate::sys::{name}")
        };
        let msg =
            format!("VPP ABI mismatch: {expr} is {v} in the VPP headers but the mirror's {name} differs");
        writeln!(checks, "const _: () = assert!({path} as u64 == {v}, {msg:?});").unwrap();
    }
    check_externs(&bindings, &decls, &retvals, &dirs[0]);

    let out = out_dir.join("vpp_layout_check.rs");
    std::fs::write(&out, checks).expect("write layout checks");
    println!("cargo::rustc-cfg=vpp_layout_check");
    println!(
        "cargo::warning=VPP ABI layout check: {} facts of {} structs and {} constants compared with the headers in {}",
        facts.len(),
        mirrors.len(),
        consts.len(),
        dirs[0].display()
    );
}
