//! `vpp::BarrierCell`: node reads, main-thread reads and barrier updates.

use test_vpp::standin::Harness;
use vpp::{Barrier, BarrierCell, MainThread};

static CELL: BarrierCell<Vec<u32>> = BarrierCell::new(Vec::new());

#[test]
fn update_read_and_node_view() {
    let h = Harness::new();
    let vm = h.vm();
    // SAFETY: the test thread plays VPP's main thread, no workers exist.
    let (b, mt) = unsafe { (Barrier::new_unchecked(vm), MainThread::new_unchecked(vm)) };
    let n = CELL.update(b, |v| {
        v.clear();
        v.extend([1, 2, 3]);
        v.len()
    });
    assert_eq!(n, 3);
    assert_eq!(*CELL.read(mt), vec![1, 2, 3]);
    // Two readers at once are fine.
    let (r1, r2) = (CELL.read(mt), CELL.read(mt));
    assert_eq!(r1.len() + r2.len(), 6);
    drop((r1, r2));
    // A node sees the value through its own borrow.
    // SAFETY: a zeroed runtime is enough for `get`, which only borrows the node.
    let mut rt: vpp::sys::vlib_node_runtime_t = unsafe { core::mem::zeroed() };
    // SAFETY: as above; no counters or nexts are used.
    let node: vpp::Node = unsafe { vpp::Node::new(vm, &mut rt) };
    assert_eq!(CELL.get(&node).iter().sum::<u32>(), 6);
    // The update after the readers are gone works again.
    CELL.update(b, |v| v.push(4));
    assert_eq!(CELL.read(mt).last(), Some(&4));
}

#[test]
fn update_while_read_panics_and_recovers() {
    let h = Harness::new();
    let vm = h.vm();
    // SAFETY: the test thread plays VPP's main thread, no workers exist.
    let (b, mt) = unsafe { (Barrier::new_unchecked(vm), MainThread::new_unchecked(vm)) };
    static C: BarrierCell<u32> = BarrierCell::new(7);
    let guard = C.read(mt);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| C.update(b, |v| *v += 1)));
    assert!(r.is_err(), "update must refuse while a read guard lives");
    assert_eq!(*guard, 7, "the refused update changed nothing");
    drop(guard);
    // Nested update: refused, and the outer one still completes.
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        C.update(b, |v| {
            *v = 8;
            C.update(b, |w| *w = 9);
        })
    }));
    assert!(r.is_err(), "a nested update must panic");
    // The borrow state was reset by the unwinding: updates work again.
    C.update(b, |v| *v = 10);
    assert_eq!(*C.read(mt), 10);
}
