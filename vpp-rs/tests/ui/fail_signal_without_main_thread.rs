//! Signalling a process is main-thread only: a node body (any thread) has
//! no `MainThread` token, and the process is named by its typed handle.
#[vpp::node(name = "my-process", kind = process)]
fn my_process(_p: &mut vpp::process::Process) -> usize {
    0
}

#[vpp::node(name = "signaller")]
pub fn signaller(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
    let _ = MY_PROCESS_NODE.signal(node.vm(), 1, 0);
    node.for_each_buffer(frame, |node, b| node.feature_next(b))
}

fn main() {}
