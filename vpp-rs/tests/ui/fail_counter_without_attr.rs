#[derive(Clone, Copy, vpp::ErrorCounters)]
pub enum Errors {
    #[counter("seen")]
    Seen,
    Dropped,
}

fn main() {}
