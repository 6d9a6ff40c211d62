//! `#[vpp::node(...)]`: a graph node from a Rust function.
//!
//! ```ignore
//! #[vpp::node(name = "my-node", next = MyNext, errors = MyErrors, trace = MyTrace, multiarch)]
//! fn my_node(node: &mut vpp::Node<MyNext, MyErrors, MyTrace>, frame: vpp::Frame) -> usize { .. }
//! ```

use crate::args::{c_lit, ctor_dtor, Args};
use crate::feature::{self, FeatureArgs};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Ident, ItemFn, LitStr, Path};

const KNOWN: &[&str] = &[
    "name",
    "kind",
    "next",
    "sibling_of",
    "errors",
    "trace",
    "multiarch",
    "state",
    "static_name",
    "stack_log2",
];

/// Parsed node arguments.
pub struct NodeArgs {
    pub name: LitStr,
    pub kind: String,
    pub next: Option<Path>,
    pub sibling_of: Option<LitStr>,
    pub errors: Option<Path>,
    pub trace: Option<Path>,
    pub multiarch: bool,
    pub state: String,
    pub static_name: Option<Ident>,
    /// log2 of a process node's stack size (VPP uses at least 15).
    pub stack_log2: u8,
}

/// Parse the attribute arguments.
pub fn parse_args(attr: TokenStream) -> syn::Result<NodeArgs> {
    let mut a = Args::parse("node", attr)?;
    let name = a.string("name");
    let kind = a.choice("kind", &["internal", "input", "pre_input", "process"]);
    let next_span = a.span_of("next");
    let next = a.path("next");
    let sibling_of = a.string("sibling_of");
    if let (Some(sp), Some(_)) = (next_span, &sibling_of) {
        a.error(sp, "a node with `sibling_of` shares its sibling's next nodes: remove `next`");
    }
    let errors = a.path("errors");
    let trace = a.path("trace");
    let multiarch = a.flag("multiarch");
    let state = a.choice("state", &["polling", "interrupt", "disabled"]);
    let static_name = a.path("static_name").and_then(|p| p.get_ident().cloned());
    let stack_span = a.span_of("stack_log2");
    let stack_log2 = a.int_u8("stack_log2");
    let is_process = kind.as_ref().is_some_and(|k| k.0 == "process");
    if is_process {
        let not_for_process: [(&str, bool); 6] = [
            ("next", next.is_some()),
            ("sibling_of", sibling_of.is_some()),
            ("errors", errors.is_some()),
            ("trace", trace.is_some()),
            ("multiarch", multiarch),
            ("state", state.is_some()),
        ];
        for (k, present) in not_for_process {
            if present {
                let sp = kind.as_ref().map(|k| k.1).unwrap_or_else(Span::call_site);
                a.error(sp, format!("a process node takes no `{k}`: it runs as a task, not on frames"));
            }
        }
    } else if let Some(sp) = stack_span {
        a.error(sp, "`stack_log2` is only for `kind = process`");
    }
    if let Some(n) = &name {
        let v = n.value();
        if v.is_empty() || v.chars().any(char::is_whitespace) {
            a.error(n.span(), "node names are non-empty and contain no whitespace");
        }
    }
    let missing_name = name.is_none();
    a.finish(KNOWN)?;
    if missing_name {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[vpp::node] needs `name = \"...\"`, the node name VPP shows",
        ));
    }
    let kind = kind.map(|k| k.0).unwrap_or_else(|| "internal".into());
    let state = state.map(|s| s.0).unwrap_or_else(|| "polling".into());
    Ok(NodeArgs {
        name: name.expect("checked"),
        kind,
        next,
        sibling_of,
        errors,
        trace,
        multiarch,
        state,
        static_name,
        stack_log2: stack_log2.unwrap_or(0),
    })
}

/// Expand `#[vpp::node]` on `item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let args = parse_args(attr)?;
    let mut f: ItemFn = syn::parse2(item)?;
    let features = feature::take_feature_attrs(&mut f)?;
    if args.kind == "process" {
        if !features.is_empty() {
            return Err(syn::Error::new_spanned(&f.sig.ident, "a process node cannot be a feature"));
        }
        crate::sig::check(&f, 1, "(p: &mut vpp::process::Process) -> usize")?;
    } else {
        check_signature(&f)?;
    }
    expand_parsed(&args, &features, f)
}

fn check_signature(f: &ItemFn) -> syn::Result<()> {
    let sig = &f.sig;
    if let Some(a) = &sig.asyncness {
        return Err(syn::Error::new(a.span, "a node function cannot be async"));
    }
    if !sig.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(&sig.generics, "a node function cannot be generic"));
    }
    if sig.inputs.len() != 2 {
        let msg = "a node function takes (node: &mut vpp::Node<Next, Errors, Trace>, frame: vpp::Frame) and returns usize";
        return Err(if sig.inputs.is_empty() {
            syn::Error::new(sig.paren_token.span.join(), msg)
        } else {
            syn::Error::new_spanned(&sig.inputs, msg)
        });
    }
    if matches!(sig.output, syn::ReturnType::Default) {
        return Err(syn::Error::new_spanned(
            &sig.ident,
            "a node function returns the number of packets it handled: add `-> usize`",
        ));
    }
    Ok(())
}

fn kind_tokens(kind: &str) -> TokenStream {
    match kind {
        "input" => quote!(::vpp::sys::VLIB_NODE_TYPE_INPUT),
        "pre_input" => quote!(::vpp::sys::VLIB_NODE_TYPE_PRE_INPUT),
        "process" => quote!(::vpp::sys::VLIB_NODE_TYPE_PROCESS),
        _ => quote!(::vpp::sys::VLIB_NODE_TYPE_INTERNAL),
    }
}

fn state_tokens(state: &str) -> TokenStream {
    match state {
        "interrupt" => quote!(::vpp::sys::VLIB_NODE_STATE_INTERRUPT),
        "disabled" => quote!(::vpp::sys::VLIB_NODE_STATE_DISABLED),
        _ => quote!(::vpp::sys::VLIB_NODE_STATE_POLLING),
    }
}

/// The expansion proper, from parsed parts (also used by golden tests).
pub fn expand_parsed(args: &NodeArgs, features: &[FeatureArgs], mut f: ItemFn) -> syn::Result<TokenStream> {
    let fn_name = f.sig.ident.clone();
    let static_name = args
        .static_name
        .clone()
        .unwrap_or_else(|| format_ident!("{}_NODE", fn_name.to_string().to_uppercase()));
    let name_c = c_lit(&args.name)?;
    let next_ty = args.next.as_ref().map(|p| quote!(#p)).unwrap_or(quote!(::vpp::NoNext));
    let err_ty = args.errors.as_ref().map(|p| quote!(#p)).unwrap_or(quote!(::vpp::NoErrors));
    let trace_ty = args.trace.as_ref().map(|p| quote!(#p)).unwrap_or(quote!(::vpp::NoTrace));
    let sibling = match &args.sibling_of {
        Some(s) => {
            let c = c_lit(s)?;
            quote!(#c.as_ptr())
        }
        None => quote!(::core::ptr::null()),
    };
    let (format_trace, flags) = match &args.trace {
        Some(t) => (
            quote!(::core::option::Option::Some(::vpp::__private::format_trace::<#t>)),
            quote!(::vpp::sys::VLIB_NODE_FLAG_TRACE_SUPPORTED),
        ),
        None => (quote!(::core::option::Option::None), quote!(0)),
    };
    let kind = kind_tokens(&args.kind);
    let state = state_tokens(&args.state);
    let n_next = quote!({ <#next_ty as ::vpp::NextNodes>::NAMES.len() });
    let base_fn = format_ident!("__vpp_{}_node_fn", fn_name);
    let stack_log2 = args.stack_log2 as u16;
    let (reg_ty, reg_ctor, reg_next) = if args.kind == "process" {
        (
            quote!(::vpp::process::ProcessRegistration),
            quote!(::vpp::process::ProcessRegistration::new),
            TokenStream::new(),
        )
    } else {
        (
            quote!(::vpp::__private::NodeRegistration<#n_next>),
            quote!(::vpp::__private::NodeRegistration::new),
            quote!(, ::vpp::__private::name_ptrs::<#n_next>(<#next_ty as ::vpp::NextNodes>::NAMES)),
        )
    };
    let base_body = if args.kind == "process" {
        quote!({ let _ = frame; ::vpp::process::dispatch(vm, rt, #fn_name) })
    } else {
        quote!(::vpp::node::dispatch::<#next_ty, #err_ty, #trace_ty, _>(vm, rt, frame, #fn_name))
    };
    let direct_fn = if args.multiarch {
        quote!(::core::option::Option::None)
    } else {
        quote!(::core::option::Option::Some(#base_fn))
    };

    f.attrs.push(syn::parse_quote!(#[inline(always)]));

    let variants = if args.multiarch {
        quote! {
            #[target_feature(enable = "avx2,bmi1,bmi2,fma,movbe,lzcnt,popcnt")]
            unsafe extern "C" fn __vpp_node_fn_x86_64_v3(
                vm: *mut ::vpp::sys::vlib_main_t,
                rt: *mut ::vpp::sys::vlib_node_runtime_t,
                frame: *mut ::vpp::sys::vlib_frame_t,
            ) -> u64 {
                // SAFETY: VPP calls node functions with valid arguments, and
                // selects this variant only on CPUs with these features.
                unsafe { ::vpp::node::dispatch::<#next_ty, #err_ty, #trace_ty, _>(vm, rt, frame, #fn_name) }
            }
            #[target_feature(enable = "avx2,bmi1,bmi2,fma,movbe,lzcnt,popcnt,avx512f,avx512bw,avx512dq,avx512vl,avx512cd")]
            unsafe extern "C" fn __vpp_node_fn_x86_64_v4(
                vm: *mut ::vpp::sys::vlib_main_t,
                rt: *mut ::vpp::sys::vlib_node_runtime_t,
                frame: *mut ::vpp::sys::vlib_frame_t,
            ) -> u64 {
                // SAFETY: as for the x86_64_v3 variant.
                unsafe { ::vpp::node::dispatch::<#next_ty, #err_ty, #trace_ty, _>(vm, rt, frame, #fn_name) }
            }
            static __VPP_FN_DEFAULT: ::vpp::__private::NodeFnRegistration =
                ::vpp::__private::NodeFnRegistration::new(#base_fn, ::vpp::__private::MarchVariant::Default);
            static __VPP_FN_V3: ::vpp::__private::NodeFnRegistration =
                ::vpp::__private::NodeFnRegistration::new(__vpp_node_fn_x86_64_v3, ::vpp::__private::MarchVariant::X86_64V3);
            static __VPP_FN_V4: ::vpp::__private::NodeFnRegistration =
                ::vpp::__private::NodeFnRegistration::new(__vpp_node_fn_x86_64_v4, ::vpp::__private::MarchVariant::X86_64V4);
        }
    } else {
        TokenStream::new()
    };
    let variant_regs = if args.multiarch {
        quote! {
            __VPP_FN_DEFAULT.register(&#static_name);
            __VPP_FN_V3.register(&#static_name);
            __VPP_FN_V4.register(&#static_name);
        }
    } else {
        TokenStream::new()
    };

    let mut feature_items = TokenStream::new();
    let mut feature_regs = TokenStream::new();
    let mut feature_unregs = TokenStream::new();
    for (i, fa) in features.iter().enumerate() {
        let (items, reg, unreg) = feature::expand_registration(fa, &args.name, i)?;
        feature_items.extend(items);
        feature_regs.extend(reg);
        feature_unregs.extend(unreg);
    }
    let ctors = ctor_dtor(
        quote! { #static_name.register(); #variant_regs #feature_regs },
        quote! { #feature_unregs #static_name.unregister(); },
    );
    let doc = format!("Registration of VPP node `{}` (generated by `#[vpp::node]`).", args.name.value());

    Ok(quote! {
        #f

        #[doc = #doc]
        #[allow(non_upper_case_globals)]
        pub static #static_name: #reg_ty =
            // SAFETY: every pointer is a 'static C string or table built
            // from the node's `NextNodes`/`ErrorCounters` types, and the
            // counts are their lengths.
            unsafe { #reg_ctor(
                ::vpp::sys::vlib_node_registration_t {
                    function: #direct_fn,
                    node_fn_registrations: ::core::ptr::null_mut(),
                    name: #name_c.as_ptr(),
                    sibling_of: #sibling,
                    index: 0,
                    type_: #kind,
                    error_strings: ::core::ptr::null(),
                    error_counters: <#err_ty as ::vpp::ErrorCounters>::DESCS.as_ptr()
                        as *const ::vpp::sys::vlib_error_desc_t,
                    format_buffer: ::core::option::Option::None,
                    unformat_buffer: ::core::ptr::null_mut(),
                    format_trace: #format_trace,
                    unformat_trace: ::core::ptr::null_mut(),
                    validate_frame: ::core::ptr::null_mut(),
                    runtime_data: ::core::ptr::null_mut(),
                    process_log2_n_stack_bytes: #stack_log2,
                    runtime_data_bytes: 0,
                    state: #state,
                    flags: #flags,
                    protocol_hint: 0,
                    vector_size: 4,
                    aux_size: 0,
                    _pad: 0,
                    scalar_size: 0,
                    n_errors: <#err_ty as ::vpp::ErrorCounters>::DESCS.len() as u16,
                    n_next_nodes: <#next_ty as ::vpp::NextNodes>::NAMES.len() as u16,
                    next_registration: ::core::ptr::null_mut(),
                    next_nodes: [],
                }
                #reg_next
            ) };

        #[doc(hidden)]
        unsafe extern "C" fn #base_fn(
            vm: *mut ::vpp::sys::vlib_main_t,
            rt: *mut ::vpp::sys::vlib_node_runtime_t,
            frame: *mut ::vpp::sys::vlib_frame_t,
        ) -> u64 {
            // SAFETY: VPP calls node functions with valid arguments.
            unsafe { #base_body }
        }

        const _: () = {
            #variants
            #feature_items
            #ctors
        };
    })
}
