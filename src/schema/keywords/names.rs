//! A set of property names looked up by the name hash the instance reader stores in each key
//! ([`name_hash`]): an open-addressing table, so finding a member's schema is one or two
//! probes and one byte comparison.

use crate::schema::instance::{name_hash, Key};

#[derive(Clone)]
pub(crate) struct Names {
    names: Box<[(Box<str>, u32)]>,
    /// `1 +` an index into `names`, or 0 for an empty slot; the length is a power of two.
    table: Box<[u32]>,
}

impl Names {
    /// The set of `names` (without repeats); index `i` is `names[i]`.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Names {
        let names: Box<[(Box<str>, u32)]> = names
            .into_iter()
            .map(|n| (n.into(), name_hash(n.as_bytes())))
            .collect();
        let mut table = vec![0u32; (names.len() * 2).next_power_of_two().max(2)];
        let mask = table.len() - 1;
        for (i, (_, h)) in names.iter().enumerate() {
            let mut s = *h as usize & mask;
            while table[s] != 0 {
                s = (s + 1) & mask;
            }
            table[s] = i as u32 + 1;
        }
        Names {
            names,
            table: table.into(),
        }
    }

    /// The index of the member name `key`.
    #[inline(always)]
    pub fn find(&self, key: Key) -> Option<usize> {
        let h = key.hash();
        let mask = self.table.len() - 1;
        let mut s = h as usize & mask;
        loop {
            let e = self.table[s];
            if e == 0 {
                return None;
            }
            let (name, nh) = &self.names[e as usize - 1];
            if key.is(name.as_bytes(), *nh) {
                return Some(e as usize - 1);
            }
            s = (s + 1) & mask;
        }
    }

    /// The index of `name`.
    pub fn find_str(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|(n, _)| **n == *name)
    }
}
