//! `lcp-plugin/install.sh`: installs our plugin and JSON in place of the
//! three stock linux-cp files, idempotently, and `--restore` undoes it.

use std::fs;
use std::path::Path;
use std::process::Command;

fn run(root: &Path, args: &[&str], so: &Path) -> String {
    let out = Command::new("bash")
        .arg(root.join("lcp-plugin/install.sh"))
        .args(args)
        .env("LCP_PLUGIN_SO", so)
        .current_dir(root)
        .output()
        .expect("run install.sh");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "install.sh {args:?} failed:\n{text}");
    text
}

#[test]
fn install_then_restore() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("install-script");
    let _ = fs::remove_dir_all(&tmp);
    let plug = tmp.join("prefix/lib/x86_64-linux-gnu/vpp_plugins");
    let api = tmp.join("prefix/share/vpp/api/plugins");
    fs::create_dir_all(&plug).unwrap();
    fs::create_dir_all(&api).unwrap();
    for f in ["linux_cp_plugin.so", "linux_cp_unittest_plugin.so", "linux_nl_plugin.so", "tap_plugin.so"] {
        fs::write(plug.join(f), format!("stock {f}")).unwrap();
    }
    fs::write(api.join("lcp.api.json"), "stock json").unwrap();
    let ours = tmp.join("ours.so");
    fs::write(&ours, "rust plugin").unwrap();
    let prefix = tmp.join("prefix");
    let p = prefix.to_str().unwrap();

    for _ in 0..2 {
        // Twice: the second install must keep the stock files stashed.
        run(&root, &["--no-build", p], &ours);
        assert_eq!(fs::read_to_string(plug.join("linux_cp_plugin.so")).unwrap(), "rust plugin");
        assert!(
            !plug.join("linux_nl_plugin.so").exists() && !plug.join("linux_cp_unittest_plugin.so").exists()
        );
        assert_eq!(fs::read_to_string(plug.join("tap_plugin.so")).unwrap(), "stock tap_plugin.so");
        let json = fs::read_to_string(api.join("lcp.api.json")).unwrap();
        assert!(
            json.contains("\"lcp_itf_pair_add_del\"") && json.contains("0x68b5c2b5"),
            "our JSON installed"
        );
        let nl_json = fs::read_to_string(api.join("lcp_netlink.api.json")).unwrap();
        assert!(nl_json.contains("\"lcp_netlink_resync\"") && nl_json.contains("0x4ca78f3f"), "{nl_json}");
        let stash = plug.join(".stock-linux-cp");
        assert_eq!(fs::read_to_string(stash.join("linux_nl_plugin.so")).unwrap(), "stock linux_nl_plugin.so");
        assert_eq!(fs::read_to_string(stash.join("lcp.api.json")).unwrap(), "stock json");
    }
    run(&root, &["--restore", p], &ours);
    for f in ["linux_cp_plugin.so", "linux_cp_unittest_plugin.so", "linux_nl_plugin.so"] {
        assert_eq!(fs::read_to_string(plug.join(f)).unwrap(), format!("stock {f}"), "{f} restored");
    }
    assert_eq!(fs::read_to_string(api.join("lcp.api.json")).unwrap(), "stock json");
    assert!(!plug.join(".stock-linux-cp").exists());
    assert!(!api.join("lcp_netlink.api.json").exists(), "ours only: removed by --restore");
}
