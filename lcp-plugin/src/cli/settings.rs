//! `lcp lcp-sync`, `lcp lcp-sync-unnumbered`, `lcp lcp-auto-subint`,
//! `lcp param`, `lcp default netns`.

use super::{on_off, unknown_input};
use crate::state;

/// Apply each `on|enable|off|disable` word of the line to one flag, as the
/// C commands do (the last word wins; an empty line changes nothing).
fn flag_words(input: &mut vpp::Input, mut set: impl FnMut(bool)) -> vpp::Result<()> {
    while let Some(w) = input.peek_token() {
        let v = on_off(w).ok_or_else(|| unknown_input(input.rest()))?;
        input.next_token();
        set(v);
    }
    Ok(())
}

#[vpp::cli(path = "lcp lcp-sync", short_help = "lcp lcp-sync [on|enable|off|disable]")]
fn lcp_sync(b: &vpp::Barrier, input: &mut vpp::Input, _out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let mut on = false;
    flag_words(input, |v| {
        state::with(|s| s.sync = v);
        on = v;
    })?;
    // Turning it on syncs every pair once (`lcp_set_sync`).
    if on {
        crate::sync::sync_all(b);
    }
    Ok(())
}

#[vpp::cli(path = "lcp lcp-sync-unnumbered", short_help = "lcp lcp-sync-unnumbered [on|enable|off|disable]")]
fn lcp_sync_unnumbered(
    b: &vpp::Barrier,
    input: &mut vpp::Input,
    _out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    let mut on = false;
    flag_words(input, |v| {
        state::with(|s| s.sync_unnumbered = v);
        on = v;
    })?;
    if on {
        crate::sync::sync_all(b);
    }
    Ok(())
}

#[vpp::cli(path = "lcp lcp-auto-subint", short_help = "lcp lcp-auto-subint [on|enable|off|disable]")]
fn lcp_auto_subint(_b: &vpp::Barrier, input: &mut vpp::Input, _out: &mut vpp::CliOutput) -> vpp::Result<()> {
    flag_words(input, |v| state::with(|s| s.auto_subint = v))
}

#[vpp::cli(
    path = "lcp param",
    short_help = "lcp param [del-static-on-link-down (on|enable|off|disable)] [del-dynamic-on-link-down (on|enable|off|disable)]"
)]
fn lcp_param(_b: &vpp::Barrier, input: &mut vpp::Input, _out: &mut vpp::CliOutput) -> vpp::Result<()> {
    while let Some(w) = input.peek_token() {
        let is_static = match w {
            "del-static-on-link-down" => true,
            "del-dynamic-on-link-down" => false,
            _ => return Err(unknown_input(input.rest())),
        };
        input.next_token();
        let v = input.peek_token().and_then(on_off).ok_or_else(|| unknown_input(input.rest()))?;
        input.next_token();
        state::with(
            |s| {
                if is_static {
                    s.del_static_on_link_down = v
                } else {
                    s.del_dynamic_on_link_down = v
                }
            },
        );
    }
    // Routes through links that are down now follow the new setting.
    crate::netlink::pairs_changed();
    Ok(())
}

#[vpp::cli(path = "lcp default", short_help = "lcp default netns [<namespace>]")]
fn lcp_default_netns(_b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let mut ns = String::new();
    while let Some(w) = input.peek_token() {
        if input.eat("netns") {
            ns = input.next_token().ok_or_else(|| unknown_input(input.rest()))?.to_string();
        } else if w == "clear" {
            input.next_token();
            if !input.eat("netns") {
                return Err(unknown_input(input.rest()));
            }
            ns.clear();
        } else {
            return Err(unknown_input(input.rest()));
        }
    }
    out.line(&format!("lcp set default netns '{ns}'"));
    state::set_default_ns(&ns).map_err(|e| {
        let rv = match e {
            state::NsError::TooLong => -1,
            state::NsError::NotAName => vpp::api::retval::INVALID_ARGUMENT,
        };
        vpp::Error::new(format!("linux-cp set default netns failed ({rv})"))
    })
}
