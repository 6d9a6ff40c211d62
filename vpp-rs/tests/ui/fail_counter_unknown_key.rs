#[derive(Clone, Copy, vpp::ErrorCounters)]
pub enum Errors {
    #[counter("seen", level = info)]
    Seen,
}

fn main() {}
