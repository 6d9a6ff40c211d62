//! `vpp-api-client`: talk to VPP's API socket from the command line.
//!
//! ```text
//! vpp-api-client [--socket PATH] [--name NAME] call MESSAGE   # send with default fields, print answers
//! vpp-api-client [--socket PATH] table [FILTER]               # print VPP's message table
//! ```
//! Known messages are those of `lcp.api` and `memclnt.api`. The request is
//! sent with default (zero) fields; replies are printed with `{:#?}`.

use std::process::ExitCode;

use vpp_api::client::{Client, DEFAULT_SOCKET};
use vpp_api::generated::{lcp, memclnt};
use vpp_api::wire::{MessageInfo, ServiceInfo};

enum Any {
    Lcp(lcp::AnyMessage),
    Mem(memclnt::AnyMessage),
}

impl Any {
    fn default_for(name: &str) -> Option<Any> {
        lcp::AnyMessage::default_for(name)
            .map(Any::Lcp)
            .or_else(|| memclnt::AnyMessage::default_for(name).map(Any::Mem))
    }
    fn info(name: &str) -> Option<&'static MessageInfo> {
        lcp::MESSAGES.iter().chain(memclnt::MESSAGES).find(|m| m.name == name)
    }
    fn service(name: &str) -> Option<&'static ServiceInfo> {
        lcp::SERVICES.iter().chain(memclnt::SERVICES).find(|s| s.request == name)
    }
    fn print(name: &str, body: &[u8]) {
        match lcp::AnyMessage::decode(name, body)
            .map(|r| r.map(|m| format!("{m:#?}")))
            .or_else(|| memclnt::AnyMessage::decode(name, body).map(|r| r.map(|m| format!("{m:#?}"))))
        {
            Some(Ok(s)) => println!("{s}"),
            Some(Err(e)) => println!("{name}: {e}"),
            None => println!("{name}: {} byte(s)", body.len()),
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: vpp-api-client [--socket PATH] [--name NAME] (call MESSAGE | table [FILTER])");
    ExitCode::from(2)
}

fn call(c: &mut Client, name: &str) -> Result<(), String> {
    let info = Any::info(name).ok_or_else(|| format!("unknown message {name}"))?;
    let id = c.lookup(info.name_crc).map_err(|e| e.to_string())?;
    let ctx = c.new_context();
    let mut body = Vec::new();
    match Any::default_for(name).expect("listed message") {
        Any::Lcp(mut m) => {
            m.set_context(ctx);
            m.set_client_index(c.client_index());
            m.encode(&mut body);
        }
        Any::Mem(mut m) => {
            m.set_context(ctx);
            m.set_client_index(c.client_index());
            m.encode(&mut body);
        }
    }
    c.send_raw(id, &body).map_err(|e| e.to_string())?;
    let svc = Any::service(name);
    // What ends the exchange: the reply, or (for dumps) the ping's reply.
    let end = match svc {
        None => return Ok(()),
        Some(s) if s.reply == "null" => return Ok(()),
        Some(s) if s.stream && s.stream_msg.is_none() => {
            let ping = memclnt::ControlPing { client_index: c.client_index(), context: ctx };
            let mut b = Vec::new();
            vpp_api::wire::Message::encode(&ping, &mut b);
            let pid = c.msg_id::<memclnt::ControlPing>().map_err(|e| e.to_string())?;
            c.send_raw(pid, &b).map_err(|e| e.to_string())?;
            "control_ping_reply"
        }
        Some(s) => s.reply,
    };
    loop {
        let raw = c.recv_raw().map_err(|e| e.to_string())?;
        let Some(name_crc) = c.name_of(raw.id).map(str::to_string) else {
            println!("message id {}: {} byte(s)", raw.id, raw.body.len());
            continue;
        };
        let rname = name_crc.rsplit_once('_').map_or(name_crc.as_str(), |(n, _)| n);
        if rname != "control_ping_reply" || end == "control_ping_reply" {
            Any::print(rname, &raw.body);
        }
        if rname == end {
            return Ok(());
        }
    }
}

fn main() -> ExitCode {
    let mut socket = DEFAULT_SOCKET.to_string();
    let mut name = "vpp-api-client".to_string();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    while args.len() >= 2 && args[0].starts_with("--") {
        match args[0].as_str() {
            "--socket" => socket = args[1].clone(),
            "--name" => name = args[1].clone(),
            _ => return usage(),
        }
        args.drain(..2);
    }
    let mut c = match Client::connect(&socket, &name) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("vpp-api-client: {socket}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let res = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["call", msg] => call(&mut c, msg),
        ["table"] | ["table", _] => {
            let filter = args.get(1).cloned().unwrap_or_default();
            let mut t: Vec<_> = c.message_table().iter().filter(|(k, _)| k.contains(&filter)).collect();
            t.sort_by_key(|(_, v)| **v);
            for (k, v) in t {
                println!("{v:5} {k}");
            }
            Ok(())
        }
        _ => return usage(),
    };
    let _ = c.disconnect();
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vpp-api-client: {e}");
            ExitCode::FAILURE
        }
    }
}
