//! Procedural macros for `vpp-rs` (use them through the `vpp` crate:
//! `#[vpp::node]`, `#[vpp::feature]`, `#[vpp::init]`, `#[vpp::config]`,
//! `#[vpp::cli]`, `#[vpp::api_handler]`, `vpp::plugin!`,
//! `#[derive(vpp::NextNodes)]`, `#[derive(vpp::ErrorCounters)]`). Each
//! macro's documentation lists its arguments and the function signature it
//! accepts.
//!
//! Each attribute lives in its own module with a `parse` step (every
//! argument checked by name, errors spanned and combined) and an `expand`
//! step; this file only forwards. On an error an attribute macro emits the
//! error and the user's item (without our helper attributes), so one mistake
//! in an attribute is one error, not a cascade of "cannot find" errors.
//!
//! Every `unsafe` block the expansions contain carries a `// SAFETY:`
//! comment here, in the macro source. `quote!` drops comments, so the
//! expanded code has none; clippy's `undocumented_unsafe_blocks` does not
//! look at code expanded from another crate's proc macro (the example
//! plugins deny the lint and pass), so user crates can deny it too.

use proc_macro::TokenStream;

mod api_handler;
mod args;
mod cli;
mod config;
mod derive_errors;
mod derive_next;
mod feature;
mod init;
mod node;
mod plugin;
mod sig;

#[cfg(test)]
mod tests;

/// A function-like macro's or a derive's output: the expansion, or the
/// error. (A derive never consumes its item, so nothing else is needed.)
fn emit(r: syn::Result<proc_macro2::TokenStream>) -> TokenStream {
    r.unwrap_or_else(syn::Error::into_compile_error).into()
}

/// An attribute macro's output: the expansion, or the error *and* the
/// user's item (what PyO3 does). An attribute consumes its item, so without
/// it one mistake in the attribute would cascade into "cannot find function"
/// errors wherever the function is used.
fn emit_attr(item: proc_macro2::TokenStream, r: syn::Result<proc_macro2::TokenStream>) -> TokenStream {
    match r {
        Ok(t) => t.into(),
        Err(e) => {
            let mut out = e.into_compile_error();
            out.extend(item_on_error(item));
            out.into()
        }
    }
}

/// The item to emit beside an attribute's error: the user's function without
/// the framework's helper attributes (a leftover `#[vpp::feature]` under a
/// failed `#[vpp::node]` would report "use it on a function that also has
/// #[vpp::node]", a second error for the same mistake), and without
/// `async` (see below). Anything that does not parse as a function is
/// returned as written.
fn item_on_error(item: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let Ok(mut f) = syn::parse2::<syn::ItemFn>(item.clone()) else {
        return item;
    };
    f.attrs.retain(|a| !feature::is_feature_attr(a));
    // No attribute of ours accepts an `async fn`, and that error is already
    // reported when it applies: compiled as async, a function taking
    // `&mut vpp::Node<...>` would add "implicit elided lifetime not allowed
    // here" errors for the same mistake.
    f.sig.asyncness = None;
    // The registration that would have used the function was not generated:
    // do not add a "function is never used" warning to the error.
    f.attrs.push(syn::parse_quote!(#[allow(dead_code)]));
    quote::ToTokens::into_token_stream(f)
}

/// A graph node from a Rust function (`VLIB_REGISTER_NODE`).
///
/// ```ignore
/// #[derive(Clone, Copy, vpp::NextNodes)]
/// pub enum Next {
///     #[next("ip4-lookup")]
///     Lookup,
///     #[next("error-drop")]
///     Drop,
/// }
///
/// #[derive(Clone, Copy, vpp::ErrorCounters)]
/// pub enum Errors {
///     #[counter("packets too short")]
///     TooShort,
/// }
///
/// #[vpp::node(name = "my-node", next = Next, errors = Errors, multiarch)]
/// pub fn my_node(node: &mut vpp::Node<Next, Errors>, frame: vpp::Frame) -> usize {
///     node.for_each_buffer(frame, |node, b| {
///         if b.current_length() < 20 {
///             node.set_drop_reason(b, Errors::TooShort);
///             Next::Drop.into()
///         } else {
///             Next::Lookup.into()
///         }
///     })
/// }
/// ```
///
/// # Function
///
/// `fn(node: &mut vpp::Node<Next, Errors, Trace>, frame: vpp::Frame) -> usize`,
/// not `async`, not generic. The three type parameters must be the `next`,
/// `errors` and `trace` arguments (or their defaults, which
/// `vpp::Node<...>`'s defaults also are). The body runs on every thread and
/// gets no control-plane token, only `node.vm()` (a `&vpp::Vm`). The frame is
/// consumed exactly once, by `node.for_each_buffer(frame, |node, b| ...)`
/// (the closure returns each buffer's `vpp::NextIndex`: `Next::X.into()` or
/// `node.feature_next(b)`) or by `node.enqueue_all(frame, Next::X)`; return
/// the number of packets handled (what both return).
///
/// With `kind = process` the function is a cooperative task on the main
/// thread instead: `fn(p: &mut vpp::process::Process) -> usize`; `p` waits
/// (`p.wait_for_event_or_clock(secs)`, `p.suspend(secs)`), and gives the
/// `&vpp::MainThread` token (`p.main_thread()`) and the barrier
/// (`p.barrier()`).
///
/// # Arguments
///
/// | argument | value | default | meaning |
/// |---|---|---|---|
/// | `name` | string | required | the node name VPP shows (`show vlib graph`); non-empty, no whitespace, no NUL |
/// | `kind` | `internal`, `input`, `pre_input`, `process` | `internal` | `VLIB_NODE_TYPE_*` |
/// | `next` | a type deriving [`NextNodes`](derive@NextNodes) | `vpp::NoNext` | the next nodes; not with `sibling_of` |
/// | `sibling_of` | string | none | share that node's next nodes (leave `next` out) |
/// | `errors` | a type deriving [`ErrorCounters`](derive@ErrorCounters) | `vpp::NoErrors` | the counters `show errors` prints |
/// | `trace` | a `Copy + Display + Send` type, alignment at most 8 | `vpp::NoTrace` | trace record: sets `VLIB_NODE_FLAG_TRACE_SUPPORTED` and a `format_trace` that calls `Display` |
/// | `multiarch` | flag | off | also register `x86_64_v3` and `x86_64_v4` variants compiled with those target features; VPP picks one for the CPU |
/// | `state` | `polling`, `interrupt`, `disabled` | `polling` | the initial `VLIB_NODE_STATE_*` |
/// | `static_name` | identifier | `<FN>_NODE` (upper case) | name of the generated registration static |
/// | `stack_log2` | integer `0..=255` | `0` (VPP's default, at least 15) | log2 of a process node's stack size; `kind = process` only |
///
/// A process node takes none of `next`, `sibling_of`, `errors`, `trace`,
/// `multiarch`, `state`, and cannot be a feature.
///
/// # Generated items
///
/// The function, unchanged apart from `#[inline(always)]`, and a `pub static`
/// registration (`static_name`): for a process node a
/// `vpp::process::ProcessRegistration`, whose
/// `.signal(&vpp::MainThread, kind, data)` sends the process an event;
/// otherwise a node registration with `.index()` and `.name()`. Load-time
/// constructors link them (and every [`#[vpp::feature]`](macro@feature) on
/// the function) into VPP's lists.
#[proc_macro_attribute]
pub fn node(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    emit_attr(item.clone(), node::expand(attr.into(), item))
}

/// Put a [`#[vpp::node]`](macro@node) function on a feature arc
/// (`VNET_FEATURE_INIT`).
///
/// ```ignore
/// #[vpp::node(name = "my-feature")]
/// #[vpp::feature(arc = "ip4-unicast", runs_before = ["ip4-lookup"])]
/// pub fn my_feature(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
///     node.for_each_buffer(frame, |node, b| node.feature_next(b))
/// }
/// ```
///
/// Write it above or below `#[vpp::node]`, once per arc the node joins; not
/// on a process node. The feature is off on every interface until enabled,
/// e.g. with `vpp::feature::enable_disable(&vpp::Barrier, arc, node,
/// sw_if_index, true)` (it changes what workers read, hence the barrier
/// token) or VPP's `set interface feature` command. In the node,
/// `node.feature_next(b)` is the next feature on the buffer's arc.
///
/// # Arguments
///
/// | argument | value | default | meaning |
/// |---|---|---|---|
/// | `arc` | string | required | the arc to join, e.g. `"ip4-unicast"`; non-empty |
/// | `runs_before` | string or list of strings | `[]` | features this one must precede |
/// | `runs_after` | string or list of strings | `[]` | features this one must follow |
#[proc_macro_attribute]
pub fn feature(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    emit_attr(item.clone(), feature::expand(attr.into(), item))
}

/// An init function, or one of its siblings selected by `kind`
/// (`VLIB_INIT_FUNCTION`, `VLIB_MAIN_LOOP_ENTER_FUNCTION`, ...).
///
/// ```ignore
/// #[vpp::init(runs_after = ["ip4_lookup_init"])]
/// fn my_init(b: &vpp::Barrier) -> vpp::Result<()> {
///     vpp::api::register_module(&MY_MODULE)
/// }
///
/// #[vpp::init(kind = main_loop_enter)]
/// fn start(mt: &vpp::MainThread) -> vpp::Result<()> {
///     MY_PROCESS_NODE.signal(mt, 1, 0)
/// }
/// ```
///
/// # Function
///
/// `fn(token: &T) -> vpp::Result<()>`, not `async`, not generic. The
/// function receives the strongest token its context gives; declare the
/// parameter as that type or a weaker one (`&vpp::Barrier` dereferences to
/// `&vpp::MainThread`, which dereferences to `&vpp::Vm`):
///
/// | `kind` | C macro | runs | token |
/// |---|---|---|---|
/// | `init` (default) | `VLIB_INIT_FUNCTION` | main thread, before the workers start | `&vpp::Barrier` |
/// | `api` | `VLIB_API_INIT_FUNCTION` | main thread, before the workers start | `&vpp::Barrier` |
/// | `main_loop_enter` | `VLIB_MAIN_LOOP_ENTER_FUNCTION` | main thread, workers running | `&vpp::MainThread` |
/// | `main_loop_exit` | `VLIB_MAIN_LOOP_EXIT_FUNCTION` | main thread, workers running | `&vpp::MainThread` |
/// | `num_workers_change` | `VLIB_NUM_WORKERS_CHANGE_FN` | main thread | `&vpp::MainThread` |
/// | `worker` | `VLIB_WORKER_INIT_FUNCTION` | each worker thread | `&vpp::Vm` |
///
/// An `Err` (or a panic) becomes a `clib_error_t`: a failing init function
/// stops VPP's start-up, as in C. Other init functions name this one by the
/// function's name in their `runs_before`/`runs_after`.
///
/// # Arguments
///
/// | argument | value | default | meaning |
/// |---|---|---|---|
/// | `kind` | `init`, `main_loop_enter`, `main_loop_exit`, `worker`, `num_workers_change`, `api` | `init` | which list the function joins (table above) |
/// | `runs_before` | string or list of strings | `[]` | init functions (by name) this one must run before |
/// | `runs_after` | string or list of strings | `[]` | init functions (by name) this one must run after |
/// | `init_order` | string or list of strings | `[]` | a chain of init functions (by name) to run in this order |
#[proc_macro_attribute]
pub fn init(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    emit_attr(item.clone(), init::expand(attr.into(), item))
}

/// A startup-config stanza handler (`VLIB_CONFIG_FUNCTION`, or
/// `VLIB_EARLY_CONFIG_FUNCTION` with `early`).
///
/// ```ignore
/// #[vpp::config(name = "my-plugin")]
/// fn my_config(b: &vpp::Barrier, input: &mut vpp::Input) -> vpp::Result<()> {
///     while let Some(word) = input.next_token() {
///         match word {
///             "verbose" => { /* ... */ }
///             other => return Err(vpp::Error::new(format!("unknown option `{other}`"))),
///         }
///     }
///     Ok(())
/// }
/// ```
///
/// # Function
///
/// `fn(token: &vpp::Barrier, input: &mut vpp::Input) -> vpp::Result<()>`
/// (the token may be declared as `&vpp::MainThread` or `&vpp::Vm`), not
/// `async`, not generic. It runs on the main thread before the workers
/// start, once, with the stanza's contents (`my-plugin { ... }` in
/// `startup.conf`) in `input`. An `Err` (or a panic) becomes a
/// `clib_error_t`, which stops VPP's start-up.
///
/// # Arguments
///
/// | argument | value | default | meaning |
/// |---|---|---|---|
/// | `name` | string | required | the stanza name: 1 to 31 bytes, no whitespace (VPP stores it in `char[32]`) |
/// | `early` | flag | off | parse before the other config functions (`VLIB_EARLY_CONFIG_FUNCTION`) |
#[proc_macro_attribute]
pub fn config(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    emit_attr(item.clone(), config::expand(attr.into(), item))
}

/// A CLI command (`VLIB_CLI_COMMAND`).
///
/// ```ignore
/// #[vpp::cli(path = "show my-plugin", short_help = "show my-plugin [verbose]", mp_safe)]
/// fn show(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
///     out.line("hello");
///     Ok(())
/// }
/// ```
///
/// # Function
///
/// `fn(token: &T, input: &mut vpp::Input, out: &mut vpp::CliOutput) ->
/// vpp::Result<()>`, not `async`, not generic. Commands run on the main
/// thread; VPP holds the worker barrier around them unless `mp_safe`, so the
/// token is `&vpp::Barrier`, or `&vpp::MainThread` with `mp_safe` (declare it
/// as that type or a weaker one, down to `&vpp::Vm`). `input` holds the rest
/// of the command line, `out` prints to the CLI client. An `Err` (or a
/// panic) is printed as the command's error.
///
/// # Arguments
///
/// | argument | value | default | meaning |
/// |---|---|---|---|
/// | `path` | string | required | the command words, e.g. `"show my-plugin"` (at least one word) |
/// | `short_help` | string | none | the one-line usage `?` and `help` show |
/// | `long_help` | string | none | the longer help text |
/// | `mp_safe` | flag | off | run without the worker barrier (the function then gets `&vpp::MainThread`) |
#[proc_macro_attribute]
pub fn cli(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    emit_attr(item.clone(), cli::expand(attr.into(), item))
}

/// Serve a binary-API request (see `vpp::api`).
///
/// ```ignore
/// #[vpp::api_handler]
/// fn lcp_default_ns_get(_req: LcpDefaultNsGet, _cx: &vpp::api::Context) -> vpp::Result<LcpDefaultNsGetReply> {
///     Ok(LcpDefaultNsGetReply { netns: state::default_ns(), ..Default::default() })
/// }
///
/// #[vpp::api_handler(mp_safe)]
/// fn lcp_itf_pair_dump(_req: LcpItfPairDump, cx: &vpp::api::Context) -> vpp::Result<()> {
///     for d in state::pairs() {
///         cx.send_details(&d)?;
///     }
///     Ok(())
/// }
/// ```
///
/// # Function
///
/// `fn(req: Request, cx: &vpp::api::Context) -> vpp::Result<Reply>`, not
/// `async`, not generic. The request type (a message type generated by
/// `vpp-api`, implementing `vpp::api::wire::Message`) is read from the first
/// parameter, which takes it by value. A `vpp::Result<Reply>` is sent as the
/// reply (an `Err` as the reply's `retval`); a handler returning
/// `vpp::Result<()>` serves a dump and streams details with
/// `cx.send_details(&d)`. Handlers run on the main thread, under the worker
/// barrier unless `mp_safe`. The handler is recorded at load time and
/// installed by `vpp::api::register_module`, called from an init function.
///
/// # Arguments
///
/// | argument | value | default | meaning |
/// |---|---|---|---|
/// | `mp_safe` | flag | off | VPP may run the handler without the worker barrier |
#[proc_macro_attribute]
pub fn api_handler(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    emit_attr(item.clone(), api_handler::expand(attr.into(), item))
}

/// The plugin registration record (`VLIB_PLUGIN_REGISTER`): once per plugin
/// crate.
///
/// ```ignore
/// vpp::plugin! {
///     description = "My plugin",
///     default_disabled,
/// }
/// ```
///
/// Emits `#[no_mangle] pub static vlib_plugin_registration` in section
/// `.vlib_plugin_registration`, where VPP's loader looks for it.
///
/// # Arguments
///
/// | argument | value | default | meaning |
/// |---|---|---|---|
/// | `description` | string | required | what `show plugins` prints |
/// | `version` | string, at most 63 bytes | the crate version (`CARGO_PKG_VERSION`) | the plugin's version |
/// | `version_required` | string, at most 63 bytes | `"26.06"` (`vpp::sys::VPP_RELEASE`) | the VPP release the plugin loads into; VPP refuses others (the ABI mirrors are checked against this release) |
/// | `default_disabled` | flag | off | load only with `plugin <name>.so { enable }` |
/// | `overrides` | string or list of strings, at most 255 bytes joined with `,` | `[]` | plugins this one replaces (VPP does not load them) |
#[proc_macro]
pub fn plugin(input: TokenStream) -> TokenStream {
    emit(plugin::expand(input.into()))
}

/// Derive `vpp::NextNodes`: an enum whose variants are a node's next nodes,
/// for `#[vpp::node(next = ...)]`.
///
/// ```ignore
/// #[derive(Clone, Copy, vpp::NextNodes)]
/// pub enum Next {
///     #[next("ip4-lookup")]
///     Lookup,
///     #[next("error-drop")]
///     Drop,
/// }
/// ```
///
/// Requires an enum (generics allowed) of unit variants without
/// discriminants, each with exactly one `#[next("node-name")]` (non-empty,
/// no NUL), and `Clone + Copy` (the trait's supertraits). Variant `i` is next
/// index `i`: `Next::Drop.into()` is its `vpp::NextIndex`. A node name that
/// does not exist in VPP is a start-up error in VPP; a variant without a
/// name is a compile error here. (`NextNodes` is an `unsafe` trait: derive
/// it rather than implementing it.)
#[proc_macro_derive(NextNodes, attributes(next))]
pub fn derive_next_nodes(input: TokenStream) -> TokenStream {
    emit(derive_next::expand(input.into()))
}

/// Derive `vpp::ErrorCounters`: an enum whose variants are a node's error
/// counters (`vlib_error_desc_t`), for `#[vpp::node(errors = ...)]`.
///
/// ```ignore
/// #[derive(Clone, Copy, vpp::ErrorCounters)]
/// pub enum Errors {
///     #[counter("packets counted", severity = info)]
///     Counted,
///     #[counter(name = "too_short", desc = "packet too short")]
///     TooShort,
/// }
/// ```
///
/// Requires an enum (generics allowed) of unit variants, each with exactly
/// one `#[counter(...)]`, and `Clone + Copy` (the trait's supertraits).
/// Variant `i` is counter `i`; a node counts with `node.count(Errors::X, n)`
/// and drops with `node.set_drop_reason(b, Errors::X)`. (`ErrorCounters` is
/// an `unsafe` trait: derive it rather than implementing it.)
///
/// # `#[counter]` arguments
///
/// | argument | value | default | meaning |
/// |---|---|---|---|
/// | first, unnamed, or `desc` | string | required | the description `show errors` prints |
/// | `name` | string | the variant name in snake case | the counter's name (stats segment) |
/// | `severity` | `error`, `warning` (or `warn`), `info` | `error` | the counter's severity |
#[proc_macro_derive(ErrorCounters, attributes(counter))]
pub fn derive_error_counters(input: TokenStream) -> TokenStream {
    emit(derive_errors::expand(input.into()))
}
