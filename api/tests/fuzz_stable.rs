//! A fixed-budget fuzz run on stable Rust: mutate valid encodings with a
//! deterministic PRNG and feed them to every decoder. Decoders must return
//! `Ok` or `Err`, never panic. (The libFuzzer target lives in `api/fuzz/`.)

use vpp_api::generated::{lcp, memclnt};
use vpp_api::wire::Message;

/// xorshift64*: small, deterministic, good enough for mutation choices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn seeds() -> Vec<(&'static str, Vec<u8>, bool)> {
    let mut v = Vec::new();
    for info in lcp::MESSAGES {
        let mut b = Vec::new();
        lcp::AnyMessage::default_for(info.name).unwrap().encode(&mut b);
        v.push((info.name, b, true));
    }
    for info in memclnt::MESSAGES {
        let mut b = Vec::new();
        memclnt::AnyMessage::default_for(info.name).unwrap().encode(&mut b);
        v.push((info.name, b, false));
    }
    let mut b = Vec::new();
    lcp::LcpEthertypeGetReply { context: 1, retval: 0, ethertypes: vec![1, 2, 3] }.encode(&mut b);
    v.push(("lcp_ethertype_get_reply", b, true));
    v
}

fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = rng.next() as u8;
            }
            1 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            2 => data.truncate(rng.below(data.len() + 1)),
            3 => {
                for _ in 0..rng.below(16) {
                    data.push(rng.next() as u8);
                }
            }
            4 if !data.is_empty() => {
                // Interesting values in a 32-bit slot (lengths, enums).
                let i = rng.below(data.len());
                let vals = [0u32, 1, 0xff, 0xffff, 0x7fff_ffff, 0xffff_ffff];
                let v = vals[rng.below(vals.len())].to_be_bytes();
                for (k, b) in v.iter().enumerate() {
                    if let Some(slot) = data.get_mut(i + k) {
                        *slot = *b;
                    }
                }
            }
            _ => {}
        }
    }
}

#[test]
fn decoders_never_panic_on_mutated_input() {
    let seeds = seeds();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let iterations = 200_000;
    let mut ok = 0usize;
    for _ in 0..iterations {
        let (name, seed, is_lcp) = &seeds[rng.below(seeds.len())];
        let mut data = seed.clone();
        mutate(&mut rng, &mut data);
        let res = if *is_lcp {
            lcp::AnyMessage::decode(name, &data).unwrap().map(|m| {
                // Whatever decodes must re-encode into something decodable.
                let mut b = Vec::new();
                m.encode(&mut b);
                assert!(lcp::AnyMessage::decode(name, &b).unwrap().is_ok());
            })
        } else {
            memclnt::AnyMessage::decode(name, &data).unwrap().map(|_| ())
        };
        ok += res.is_ok() as usize;
        // Random bytes against a random decoder, too.
        let other = &lcp::MESSAGES[rng.below(lcp::MESSAGES.len())];
        let _ = lcp::AnyMessage::decode(other.name, &data);
        let _ = vpp_api::client::frame::parse_frame(&data);
    }
    assert!(ok > 0 && ok < iterations, "mutations should produce both outcomes ({ok})");
    // Exhaustive short inputs for one message with a VLA.
    for len in 0..12 {
        let _ = lcp::LcpOsiProtoGetReply::decode(&vec![0xff; len]);
    }
}
