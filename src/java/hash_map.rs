//! `java.util.HashMap`'s iteration order, in which API Gateway's execution
//! log prints request header maps.

use super::string::hash_code;

/// The order a `java.util.HashMap` iterates its keys in, as API Gateway's
/// log prints request header maps: by bucket, `(h ^ h >>> 16)` masked to the
/// table size, then insertion order. The table starts at `capacity` and
/// doubles whenever it holds more than three quarters of it.
pub(crate) fn iteration_order<'a, V>(
    pairs: &'a [(&'a str, V)],
    capacity: usize,
) -> Vec<&'a (&'a str, V)> {
    let mut capacity = capacity.max(16);
    while pairs.len() * 4 > capacity * 3 {
        capacity *= 2;
    }
    let bucket = |name: &str| {
        let h = hash_code(name) as u32;
        ((h ^ (h >> 16)) as usize) & (capacity - 1)
    };
    let mut ordered: Vec<(usize, usize, &(&str, V))> = pairs
        .iter()
        .enumerate()
        .map(|(i, pair)| (bucket(pair.0), i, pair))
        .collect();
    ordered.sort_by_key(|&(b, i, _)| (b, i));
    ordered.into_iter().map(|(_, _, pair)| pair).collect()
}
