//! Procedural macros for `vpp-rs` (use them through the `vpp` crate:
//! `#[vpp::node]`, `#[vpp::feature]`, `#[vpp::init]`, `#[vpp::config]`,
//! `#[vpp::cli]`, `vpp::plugin!`, `#[derive(vpp::NextNodes)]`,
//! `#[derive(vpp::ErrorCounters)]`).
//!
//! Each attribute lives in its own module with a `parse` step (every
//! argument checked by name, errors spanned and combined) and an `expand`
//! step; this file only forwards.

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

fn emit(r: syn::Result<proc_macro2::TokenStream>) -> TokenStream {
    r.unwrap_or_else(syn::Error::into_compile_error).into()
}

/// A graph node. See `vpp::node` docs.
#[proc_macro_attribute]
pub fn node(attr: TokenStream, item: TokenStream) -> TokenStream {
    emit(node::expand(attr.into(), item.into()))
}

/// Put a `#[vpp::node]` function on a feature arc.
#[proc_macro_attribute]
pub fn feature(attr: TokenStream, item: TokenStream) -> TokenStream {
    emit(feature::expand(attr.into(), item.into()))
}

/// An init function (or main-loop enter/exit, worker, API init).
#[proc_macro_attribute]
pub fn init(attr: TokenStream, item: TokenStream) -> TokenStream {
    emit(init::expand(attr.into(), item.into()))
}

/// A startup-config stanza handler.
#[proc_macro_attribute]
pub fn config(attr: TokenStream, item: TokenStream) -> TokenStream {
    emit(config::expand(attr.into(), item.into()))
}

/// A CLI command.
#[proc_macro_attribute]
pub fn cli(attr: TokenStream, item: TokenStream) -> TokenStream {
    emit(cli::expand(attr.into(), item.into()))
}

/// Serve a binary-API request (see `vpp::api`).
#[proc_macro_attribute]
pub fn api_handler(attr: TokenStream, item: TokenStream) -> TokenStream {
    emit(api_handler::expand(attr.into(), item.into()))
}

/// The plugin registration record.
#[proc_macro]
pub fn plugin(input: TokenStream) -> TokenStream {
    emit(plugin::expand(input.into()))
}

/// Derive `vpp::NextNodes` for an enum of `#[next("node")]` variants.
#[proc_macro_derive(NextNodes, attributes(next))]
pub fn derive_next_nodes(input: TokenStream) -> TokenStream {
    emit(derive_next::expand(input.into()))
}

/// Derive `vpp::ErrorCounters` for an enum of `#[counter("desc")]` variants.
#[proc_macro_derive(ErrorCounters, attributes(counter))]
pub fn derive_error_counters(input: TokenStream) -> TokenStream {
    emit(derive_errors::expand(input.into()))
}
