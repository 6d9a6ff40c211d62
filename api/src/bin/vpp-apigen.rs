//! `vpp-apigen`: parse a `.api` file and write its `.api.json` and/or Rust code.
//!
//! ```text
//! vpp-apigen --includedir DIR [--includedir DIR...] --input foo.api \
//!            [--json out.json] [--rust out.rs] [--runtime PATH] [--crc]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use vpp_api::{codegen, json, model::Module, parser};

fn usage() -> ExitCode {
    eprintln!(
        "usage: vpp-apigen [--includedir DIR]... --input FILE.api [--json OUT.json] \
         [--rust OUT.rs] [--runtime RUST_PATH] [--no-embed-json] [--crc]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut includes = Vec::new();
    let (mut input, mut json_out, mut rust_out) = (None, None, None);
    let mut opts = codegen::Options::default();
    let mut print_crc = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next();
        match a.as_str() {
            "--includedir" | "-I" => match val() {
                Some(v) => includes.push(PathBuf::from(v)),
                None => return usage(),
            },
            "--input" => input = val().map(PathBuf::from),
            "--json" => json_out = val().map(PathBuf::from),
            "--rust" => rust_out = val().map(PathBuf::from),
            "--runtime" => match val() {
                Some(v) => opts.runtime = v,
                None => return usage(),
            },
            "--no-embed-json" => opts.embed_json = false,
            "--crc" => print_crc = true,
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ => return usage(),
        }
    }
    let Some(input) = input else { return usage() };
    let file = match parser::parse_file(&input, &includes) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("vpp-apigen: {e}");
            return ExitCode::FAILURE;
        }
    };
    let module = match Module::build(&file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("vpp-apigen: {}: {e}", input.display());
            return ExitCode::FAILURE;
        }
    };
    if print_crc {
        println!(
            "module {} {}_{:08x} vl_api_version 0x{:08x}",
            module.name, module.name, module.file_crc, module.json_crc
        );
        for m in &module.messages {
            println!("{} 0x{:08x}", m.name(), m.crc);
        }
    }
    if let Some(out) = json_out {
        let mut text = json::to_string(&module);
        text.push('\n');
        if let Err(e) = std::fs::write(&out, text) {
            eprintln!("vpp-apigen: writing {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    }
    if let Some(out) = rust_out {
        let code = match codegen::generate_module(&module, &opts) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("vpp-apigen: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = std::fs::write(&out, code) {
            eprintln!("vpp-apigen: writing {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
