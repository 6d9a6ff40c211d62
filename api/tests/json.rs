//! `.api.json` emission compared with the JSON VPP 26.06 generates for lcp.api
//! (project golden data in `shared/data`, not committed here).

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
    if !shared.exists() {
        println!("SKIPPED: lcp_json_matches_vpp_26_06_semantically: no ../shared/data/lcp.api.26.06.json beside the checkout");
        return;
    }
    let mut golden: Value = serde_json::from_str(&std::fs::read_to_string(shared).unwrap()).unwrap();
    let mut ours: Value = serde_json::from_str(&emit("lcp.api")).unwrap();
    // Doc comments are our own words, everything else must be identical.
    strip_comments(&mut golden);
    strip_comments(&mut ours);
    for key in golden.as_object().unwrap().keys() {
        assert_eq!(ours[key], golden[key], "section {key} differs");
    }
    assert_eq!(ours, golden);
}
