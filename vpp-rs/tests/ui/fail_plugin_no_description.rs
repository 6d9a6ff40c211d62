vpp::plugin! {
    version = "1.0",
}

fn main() {}
