vpp::plugin! {
    description = "x",
    descripton = "y",
}

fn main() {}
