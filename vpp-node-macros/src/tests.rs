//! Golden expansion tests and argument-parser tests.
//!
//! Each golden test runs a macro's `expand` on `quote!` input, pretty-prints
//! the result with `prettyplease` and compares it with
//! `tests/expand/<name>.expanded.rs`. After a deliberate change to an
//! expansion, regenerate the files with
//! `UPDATE_GOLDEN=1 cargo test -p vpp-node-macros` and review the diff.

use proc_macro2::TokenStream;
use quote::quote;
use std::path::PathBuf;

/// Pretty-print `out` (a macro's expansion) and compare it with the golden
/// file `name`, or rewrite that file when `UPDATE_GOLDEN=1`.
fn golden(name: &str, out: syn::Result<TokenStream>) {
    let tokens = match out {
        Ok(t) => t,
        Err(e) => panic!("{name}: expansion failed: {e}"),
    };
    let file: syn::File = match syn::parse2(tokens.clone()) {
        Ok(f) => f,
        Err(e) => panic!("{name}: expansion is not a valid file ({e}):\n{tokens}"),
    };
    let pretty = prettyplease::unparse(&file);
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expand").join(format!("{name}.expanded.rs"));
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create tests/expand");
        std::fs::write(&path, &pretty).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; run `UPDATE_GOLDEN=1 cargo test -p vpp-node-macros` to create it", path.display())
    });
    if expected != pretty {
        let first = expected
            .lines()
            .zip(pretty.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(pretty.lines().count()));
        panic!(
            "{name}: expansion differs from {} (first difference at line {}); \
             if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff.\n\
             --- actual ---\n{pretty}",
            path.display(),
            first + 1,
        );
    }
}

/// The messages of a (possibly combined) error, in order.
fn messages(e: syn::Error) -> Vec<String> {
    e.into_iter().map(|e| e.to_string()).collect()
}

fn node_err(attr: TokenStream) -> Vec<String> {
    match crate::node::parse_args(attr) {
        Ok(_) => panic!("expected an error"),
        Err(e) => messages(e),
    }
}

// ---------------------------------------------------------------- golden

#[test]
fn expand_node_simple() {
    golden(
        "node_simple",
        crate::node::expand(
            quote!(name = "simple-node"),
            quote! {
                pub fn simple(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
                    let _ = node;
                    frame.len()
                }
            },
        ),
    );
}

#[test]
fn expand_node_full() {
    golden(
        "node_full",
        crate::node::expand(
            quote!(
                name = "full-node",
                kind = input,
                state = interrupt,
                next = Next,
                errors = Errors,
                trace = Trace,
                multiarch,
            ),
            quote! {
                /// Documented node.
                #[vpp::feature(arc = "ip4-unicast", runs_before = ["ip4-lookup"], runs_after = ["ip4-inacl"])]
                #[vpp::feature(arc = "ip4-output")]
                pub fn full(node: &mut vpp::Node<Next, Errors, Trace>, frame: vpp::Frame) -> usize {
                    node.for_each_buffer(frame, |_, _| Next::Drop.into())
                }
            },
        ),
    );
}

#[test]
fn expand_node_sibling() {
    golden(
        "node_sibling",
        crate::node::expand(
            quote!(name = "sib-node", sibling_of = "ip4-lookup", static_name = SIB_REG),
            quote! {
                fn sib(node: &mut vpp::Node, frame: vpp::Frame) -> usize { 0 }
            },
        ),
    );
}

#[test]
fn expand_feature_above_node() {
    golden(
        "feature_above_node",
        crate::feature::expand(
            quote!(arc = "ip4-unicast"),
            quote! {
                #[vpp::node(name = "above")]
                fn above(node: &mut vpp::Node, frame: vpp::Frame) -> usize { 0 }
            },
        ),
    );
}

#[test]
fn expand_plugin() {
    golden(
        "plugin",
        crate::plugin::expand(quote! {
            description = "Golden plugin",
            version = "1.2.3",
            version_required = "26.06",
            default_disabled,
            overrides = ["a_plugin.so", "b_plugin.so"],
        }),
    );
}

#[test]
fn expand_plugin_minimal() {
    golden("plugin_minimal", crate::plugin::expand(quote!(description = "Minimal")));
}

#[test]
fn expand_init_ordering() {
    golden(
        "init_ordering",
        crate::init::expand(
            quote!(runs_before = ["ip6_lookup_init", "foo_init"], runs_after = "ip4_lookup_init"),
            quote! {
                fn my_init(vm: &vpp::Vm) -> vpp::Result<()> { Ok(()) }
            },
        ),
    );
}

#[test]
fn expand_init_kind() {
    golden(
        "init_main_loop_exit",
        crate::init::expand(
            quote!(kind = main_loop_exit, init_order = ["a_exit", "b_exit"]),
            quote! {
                fn bye(vm: &vpp::Vm) -> vpp::Result<()> { Ok(()) }
            },
        ),
    );
}

#[test]
fn expand_config_early() {
    golden(
        "config_early",
        crate::config::expand(
            quote!(name = "my-plugin", early),
            quote! {
                fn my_config(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> { Ok(()) }
            },
        ),
    );
}

#[test]
fn expand_cli() {
    golden(
        "cli",
        crate::cli::expand(
            quote!(path = "show my-plugin", short_help = "show my-plugin [verbose]", mp_safe),
            quote! {
                fn show(vm: &vpp::Vm, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
                    Ok(())
                }
            },
        ),
    );
}

#[test]
fn expand_derive_next_nodes() {
    golden(
        "derive_next_nodes",
        crate::derive_next::expand(quote! {
            #[derive(Clone, Copy, vpp::NextNodes)]
            enum Next {
                #[next("error-drop")]
                Drop,
                /// Documented variant.
                #[next("ip4-lookup")]
                Lookup,
            }
        }),
    );
}

#[test]
fn expand_derive_error_counters() {
    golden(
        "derive_error_counters",
        crate::derive_errors::expand(quote! {
            #[derive(Clone, Copy, vpp::ErrorCounters)]
            enum Errors {
                #[counter("packets counted", severity = info)]
                Counted,
                #[counter(name = "short", desc = "packet too short", severity = warning)]
                TooShort,
                #[counter("no route")]
                NoRoute,
            }
        }),
    );
}

// ---------------------------------------------------------------- parser

#[test]
fn unknown_key_names_it_and_lists_known_keys() {
    let m = node_err(quote!(name = "x", nmae = "y"));
    assert_eq!(
        m,
        ["unknown argument `nmae` for #[vpp::node]; expected one of: \
          name, kind, next, sibling_of, errors, trace, multiarch, state, static_name, stack_log2"]
    );
}

#[test]
fn unknown_key_in_plugin_names_the_macro() {
    let e = crate::plugin::expand(quote!(description = "x", verison = "1")).unwrap_err();
    let m = messages(e);
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with("unknown argument `verison` for vpp::plugin!; expected one of: version,"),
        "{m:?}"
    );
}

#[test]
fn errors_are_combined() {
    // Two bad values.
    let m = node_err(quote!(name = 5, kind = bogus));
    assert_eq!(
        m,
        [
            "`name` expects a string literal, e.g. `name = \"...\"`",
            "`kind` must be one of: internal, input, pre_input, process",
        ]
    );
    // Two unknown keys.
    let m = node_err(quote!(name = "x", foo, bar = 1));
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].contains("`foo`") && m[1].contains("`bar`"), "{m:?}");
    // A duplicate, a bad flag and an unknown key, all at once.
    let m = node_err(quote!(name = "x", name = "y", multiarch = 3, wat));
    assert_eq!(m.len(), 3, "{m:?}");
    assert_eq!(m[0], "duplicate argument `name`");
    assert_eq!(m[1], "`multiarch` is a flag: write `multiarch` or `multiarch = true`");
    assert!(m[2].starts_with("unknown argument `wat`"), "{m:?}");
}

#[test]
fn missing_name_is_reported_after_argument_errors() {
    // Argument errors first: the user fixes those, then sees the next one.
    let m = node_err(quote!(multiarch));
    assert_eq!(m, ["#[vpp::node] needs `name = \"...\"`, the node name VPP shows"]);
    let m = node_err(quote!(nmae = "x"));
    assert_eq!(m.len(), 1);
    assert!(m[0].starts_with("unknown argument `nmae`"), "{m:?}");
}

#[test]
fn next_and_sibling_of_conflict() {
    let m = node_err(quote!(name = "x", next = N, sibling_of = "y"));
    assert_eq!(m, ["a node with `sibling_of` shares its sibling's next nodes: remove `next`"]);
}

#[test]
fn node_name_checks() {
    let m = node_err(quote!(name = "two words"));
    assert_eq!(m, ["node names are non-empty and contain no whitespace"]);
    let m = node_err(quote!(name = ""));
    assert_eq!(m, ["node names are non-empty and contain no whitespace"]);
}

#[test]
fn arg_value_shapes() {
    let mut a = crate::args::Args::parse(
        "test",
        quote!(s = "a", l = ["b", "c"], one = "d", p = some::Type, f, t = true, off = false, bad = "x"),
    )
    .expect("parses");
    assert_eq!(a.string("s").map(|s| s.value()).as_deref(), Some("a"));
    let l: Vec<String> = a.string_list("l").unwrap().iter().map(|s| s.value()).collect();
    assert_eq!(l, ["b", "c"]);
    let one: Vec<String> = a.string_list("one").unwrap().iter().map(|s| s.value()).collect();
    assert_eq!(one, ["d"]);
    let p = a.path("p").unwrap();
    assert_eq!(quote!(#p).to_string(), "some :: Type");
    assert!(a.flag("f"));
    assert!(a.flag("t"));
    assert!(!a.flag("off"));
    assert!(!a.flag("absent"));
    assert!(a.string("absent").is_none());
    assert!(a.path("bad").is_none());
    let m = messages(a.finish(&[]).unwrap_err());
    assert_eq!(m, ["`bad` expects a type name, e.g. `bad = MyType`"]);
}

#[test]
fn malformed_argument_list_is_a_parse_error() {
    assert!(crate::args::Args::parse("test", quote!(a = ["x", 1])).is_err());
    assert!(crate::args::Args::parse("test", quote!("x")).is_err());
}

#[test]
fn nul_byte_is_rejected() {
    let e = crate::node::expand(
        quote!(name = "a\0b"),
        quote!(
            fn n(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
                0
            }
        ),
    )
    .unwrap_err();
    assert_eq!(messages(e), ["string must not contain a NUL byte"]);
}

#[test]
fn feature_errors() {
    let e = crate::node::expand(
        quote!(name = "n"),
        quote! {
            #[vpp::feature(runs_before = ["x"])]
            #[vpp::feature(arc = "a", arcc = "b")]
            fn n(node: &mut vpp::Node, frame: vpp::Frame) -> usize { 0 }
        },
    )
    .unwrap_err();
    let m = messages(e);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].starts_with("#[vpp::feature] needs `arc = \"...\"`"), "{m:?}");
    assert_eq!(
        m[1],
        "unknown argument `arcc` for #[vpp::feature]; expected one of: arc, runs_before, runs_after"
    );
    let e = crate::feature::expand(
        quote!(arc = "a"),
        quote!(
            fn n(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
                0
            }
        ),
    )
    .unwrap_err();
    assert!(messages(e)[0].contains("use it on a function that also has #[vpp::node"));
}

#[test]
fn plugin_limits() {
    let long = "x".repeat(64);
    let e = crate::plugin::expand(quote!(description = "d", version = #long)).unwrap_err();
    assert_eq!(messages(e), ["`version` is at most 63 bytes (VPP stores it in char[64]); this one is 64"]);
    let ok = "x".repeat(63);
    assert!(crate::plugin::expand(quote!(description = "d", version = #ok)).is_ok());
    let e = crate::plugin::expand(quote!(version = "1")).unwrap_err();
    assert_eq!(messages(e), ["vpp::plugin! needs `description = \"...\"` (shown by `show plugins`)"]);
}

#[test]
fn config_name_limits() {
    let f = quote!(
        fn c(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> {
            Ok(())
        }
    );
    let ok = "x".repeat(31);
    assert!(crate::config::expand(quote!(name = #ok), f.clone()).is_ok());
    let long = "x".repeat(32);
    let e = crate::config::expand(quote!(name = #long), f.clone()).unwrap_err();
    assert_eq!(
        messages(e),
        ["a stanza name is 1 to 31 bytes without whitespace (VPP stores it in char[32])"]
    );
}

#[test]
fn signature_checks() {
    let e = crate::init::expand(
        quote!(),
        quote!(
            fn i() -> vpp::Result<()> {
                Ok(())
            }
        ),
    )
    .unwrap_err();
    assert_eq!(messages(e), ["expected the signature (vm: &vpp::Vm) -> vpp::Result<()>"]);
    let e = crate::init::expand(
        quote!(),
        quote!(
            async fn i(vm: &vpp::Vm) -> vpp::Result<()> {
                Ok(())
            }
        ),
    )
    .unwrap_err();
    assert_eq!(messages(e), ["this function cannot be async"]);
    let e = crate::node::expand(
        quote!(name = "n"),
        quote!(
            fn n(frame: vpp::Frame) -> usize {
                0
            }
        ),
    )
    .unwrap_err();
    assert!(messages(e)[0].starts_with("a node function takes ("));
    let e = crate::node::expand(
        quote!(name = "n"),
        quote!(
            fn n<T>(a: T, b: T) -> usize {
                0
            }
        ),
    )
    .unwrap_err();
    assert_eq!(messages(e), ["a node function cannot be generic"]);
    let e = crate::node::expand(
        quote!(name = "n"),
        quote!(
            fn n(a: u8, b: u8) {}
        ),
    )
    .unwrap_err();
    assert_eq!(messages(e), ["a node function returns the number of packets it handled: add `-> usize`"]);
}

#[test]
fn derive_errors_are_combined() {
    let e = crate::derive_next::expand(quote! {
        enum N {
            A,
            #[next("x")]
            B(u8),
            #[next("")]
            C,
            #[next("y")]
            D = 3,
        }
    })
    .unwrap_err();
    assert_eq!(
        messages(e),
        [
            "variant `A` needs #[next(\"node-name\")]",
            "next-node variants carry no data",
            "the node name cannot be empty",
            "the next index is the variant's position; remove the discriminant",
        ]
    );
    let e = crate::derive_errors::expand(quote! {
        enum E {
            A,
            #[counter("a", severity = fatal)]
            B,
            #[counter("b", level = info)]
            C,
            #[counter(name = "x")]
            D,
        }
    })
    .unwrap_err();
    let m = messages(e);
    assert_eq!(m.len(), 4, "{m:?}");
    assert_eq!(m[0], "variant `A` needs one #[counter(\"description\")]");
    assert_eq!(m[1], "severity is one of: error, warning, info");
    assert_eq!(m[2], "unknown argument `level` for #[counter]; expected one of: desc, name, severity");
    assert!(m[3].starts_with("a counter needs a description"), "{m:?}");
}

// ------------------------------------------------------- error recovery

/// On an error an attribute emits the user's function, without the
/// `#[vpp::feature]` helpers a failed `#[vpp::node]` leaves behind (they
/// would fail again), without `async` and with `dead_code` allowed; other
/// attributes stay.
#[test]
fn item_on_error_keeps_function_drops_helpers() {
    let out = crate::item_on_error(quote! {
        /// Docs stay.
        #[vpp::feature(arc = "ip4-unicast")]
        #[vpp_node_macros::feature(arc = "ip4-output")]
        #[vpp::init]
        #[inline]
        pub async fn n(x: u32) -> u32 { x }
    });
    let f: syn::ItemFn = syn::parse2(out).expect("a function");
    assert!(f.sig.asyncness.is_none(), "async is dropped (already an error of its own)");
    let attrs: Vec<String> = f.attrs.iter().map(|a| quote!(#a).to_string()).collect();
    assert_eq!(
        attrs,
        ["# [doc = r\" Docs stay.\"]", "# [vpp :: init]", "# [inline]", "# [allow (dead_code)]",],
    );
}

/// What does not parse as a function is emitted as written.
#[test]
fn item_on_error_passes_other_items_through() {
    let item = quote!(
        struct S;
    );
    assert_eq!(crate::item_on_error(item.clone()).to_string(), item.to_string());
}
