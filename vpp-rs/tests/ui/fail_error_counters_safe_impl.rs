//! `ErrorCounters` is an unsafe trait: the framework indexes VPP's counter
//! tables with the indices it yields.
#[derive(Clone, Copy)]
pub enum Errors {
    Bad,
}

impl vpp::ErrorCounters for Errors {
    const DESCS: &'static [vpp::__private::ErrorDesc] = &[];
    fn index(self) -> u16 {
        1000
    }
}

fn main() {}
