//! Parser coverage: language features and error positions.

use vpp_api::ast::*;
use vpp_api::model::Module;
use vpp_api::parser::parse_str;

fn parse(src: &str) -> ApiFile {
    parse_str("t.api", src, &[]).unwrap_or_else(|e| panic!("{e}"))
}

fn err(src: &str) -> String {
    parse_str("t.api", src, &[]).unwrap_err().to_string()
}

#[test]
fn parses_the_whole_language() {
    let f = parse(
        r#"
option version = "2.0.1";
// line comment
typedef u8 mac[6];
typedef u32 idx;
enum color : u16 { RED = 0x10, GREEN, BLUE = 7 [backwards_compatible], };
enumflag fl : u8 { A = 1, B = 2, C = 4, };
typedef pair { u32 a; vl_api_color_t c; option foo; };
union u { u32 x; vl_api_mac_t m; };
/** \brief doc */
manual_print manual_endian dont_trace autoendian define thing {
  u32 client_index; u32 context;
  u16 port [default=80];
  bool on[default=false];
  string name[64];
  vl_api_pair_t p[2];
  u8 n;
  vl_api_pair_t items[n];
  option status = "in_progress";
};
define thing_reply { u32 context; i32 retval; string s[]; };
autoreply define other { u32 client_index; u32 context; };
define ev { u32 client_index; u32 context; };
define thing2_get { u32 client_index; u32 context; };
define thing2_get_reply { u32 context; i32 retval; };
define thing2_details { u32 context; };
service {
  rpc ev returns null;
  rpc thing2_get returns thing2_get_reply stream thing2_details;
  rpc thing returns thing_reply events ev, other;
};
counters c { x { severity error; type counter64; units "p"; description "d"; }; };
paths { "/err/x" "c"; };
"#,
    );
    let m = Module::build(&f).unwrap();
    assert_eq!(m.options.get("version"), Some(&OptValue::Str("2.0.1".into())));
    let Some(Stmt::Enum(e)) = f.stmts.iter().find(|s| matches!(s, Stmt::Enum(e) if e.name == "color")) else {
        panic!()
    };
    assert_eq!(e.enumtype, "u16");
    assert_eq!(e.members.iter().map(|m| m.value).collect::<Vec<_>>(), [16, 17, 7]);
    assert!(e.members[2].is_backwards_compatible());
    let thing = m.message("thing").unwrap();
    assert_eq!(thing.def.flags.len(), 4);
    assert_eq!(thing.def.comment.as_deref(), Some("/** \\brief doc */"));
    assert_eq!(thing.def.fields[2].options.get("default"), Some(&OptValue::Int(80)));
    assert_eq!(thing.def.fields[3].options.get("default"), Some(&OptValue::Bool(false)));
    assert_eq!(thing.def.fields[7].shape, FieldShape::Vla("n".into()));
    assert!(m.message("other_reply").is_some());
    assert_eq!(m.service_for("thing").unwrap().events, ["ev", "other"]);
    // The CRC text of the enum drops the backwards-compatible member.
    assert_eq!(vpp_api::crc::enum_text(e), "[['RED', 16], ['GREEN', 17]]");
    // Every construct survives code generation.
    vpp_api::codegen::generate(&f, &Default::default()).unwrap();
}

#[test]
fn errors_carry_position_and_expectation() {
    assert_eq!(err("define x {\n  u32 a\n};"), "t.api:3:1: expected `;`, found `}`");
    assert_eq!(err("define x { u32 a; }"), "t.api:1:20: expected `;`, found end of file");
    assert_eq!(err("\n\n  define x { foo_t a; };"), "t.api:3:14: undefined type `foo_t`");
    assert!(err("define x { u8 d[n]; };").starts_with("t.api:1:17: missing length field `n`"));
    assert!(err("define x { string s; };").contains("needs a size"));
    assert!(err("enum e { A = 1, B = 2 }").contains("expected `;`"));
    assert!(err("enumflag e { A = 3, };").contains("more than one bit"));
    assert!(err("enum e { A [backwards_compatible], B, };").contains("must come last"));
    assert!(err("typedef u32 a; typedef u32 a;").contains("already defined"));
    assert!(err("define x { u32 class; };").contains("Python keyword"));
    assert!(err("define x { u8 n; u8 a[n]; u8 b; };").contains("must be the last field"));
    assert!(err("bogus;").starts_with("t.api:1:1: expected a statement"));
    assert!(err("define x { u32 a; }; $").contains("t.api:1:22: illegal character"));
    assert!(err("import \"nope.api\";").contains("cannot find imported file \"nope.api\""));
    assert!(err("/* open").contains("unterminated"));
}

#[test]
fn imports_resolve_against_include_dirs() {
    let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("core");
    let f = parse_str(
        "x.api",
        "import \"vnet/interface_types.api\";\ndefine a { u32 client_index; u32 context; vl_api_interface_index_t i; };\ndefine a_reply { u32 context; i32 retval; };",
        &[core],
    )
    .unwrap();
    let m = Module::build(&f).unwrap();
    assert_eq!(m.imports, ["vnet/interface_types.api"]);
    assert!(m.registry.contains_key("vl_api_if_status_flags_t"));
}
