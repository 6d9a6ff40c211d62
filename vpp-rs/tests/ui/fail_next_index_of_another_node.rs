//! A next index of another node (another `NextNodes` enum) is not one of
//! this node's: VPP would index past this node's next nodes.
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum One {
    #[next("error-drop")]
    Drop,
}

#[derive(Clone, Copy, vpp::NextNodes)]
pub enum Three {
    #[next("error-drop")]
    Drop,
    #[next("ip4-lookup")]
    Lookup,
    #[next("ip6-lookup")]
    Lookup6,
}

#[vpp::node(name = "one", next = One)]
pub fn one(node: &mut vpp::Node<One>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |_, _| Three::Lookup6.into())
}

fn main() {}
