//! `.api.json` emission compared with vppapigen's output.

use std::path::{Path, PathBuf};

use serde_json::Value;
use vpp_api::model::Module;
use vpp_api::parser::parse_file;

fn api_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn emit(rel: &str) -> String {
    let f = parse_file(&api_dir().join(rel), &[api_dir().join("core")]).expect("parse");
    vpp_api::json::to_string(&Module::build(&f).expect("model"))
}

fn strip_comments(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("comment");
            m.values_mut().for_each(strip_comments);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_comments),
        _ => {}
    }
}

#[test]
fn lcp_json_matches_vpp_26_06_semantically() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/lcp.api.26.06.json");
    let path = if shared.exists() { shared } else { api_dir().join("tests/data/lcp.api.26.06.json") };
    let mut golden: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut ours: Value = serde_json::from_str(&emit("lcp.api")).unwrap();
    // Doc comments are our own words, everything else must be identical.
    strip_comments(&mut golden);
    strip_comments(&mut ours);
    for key in golden.as_object().unwrap().keys() {
        assert_eq!(ours[key], golden[key], "section {key} differs");
    }
    assert_eq!(ours, golden);
}

#[test]
fn json_is_byte_identical_to_vppapigen_on_our_files() {
    for (rel, out) in [
        ("lcp.api", "lcp.api.json"),
        ("core/memclnt.api", "memclnt.api.json"),
        ("core/vnet/interface_types.api", "interface_types.api.json"),
    ] {
        let want = std::fs::read_to_string(api_dir().join("tests/data/vppapigen").join(out)).unwrap();
        let got = emit(rel);
        assert_eq!(got.trim_end(), want.trim_end(), "{rel}");
    }
}
