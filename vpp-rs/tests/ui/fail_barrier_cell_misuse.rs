//! A `BarrierCell` is changed only with the barrier, and a main-thread read
//! guard cannot leave the main thread.
static CELL: vpp::BarrierCell<u32> = vpp::BarrierCell::new(0);

#[vpp::node(name = "writer")]
pub fn writer(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
    CELL.update(node.vm(), |v| *v += 1);
    node.for_each_buffer(frame, |node, b| node.feature_next(b))
}

#[vpp::cli(path = "show cell", mp_safe)]
fn show(mt: &vpp::MainThread, _i: &mut vpp::Input, _o: &mut vpp::CliOutput) -> vpp::Result<()> {
    let g = CELL.read(mt);
    std::thread::scope(|s| {
        s.spawn(move || drop(g));
    });
    Ok(())
}

fn main() {}
