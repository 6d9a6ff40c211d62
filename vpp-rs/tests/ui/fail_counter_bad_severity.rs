#[derive(Clone, Copy, vpp::ErrorCounters)]
pub enum Errors {
    #[counter("seen", severity = fatal)]
    Seen,
}

fn main() {}
