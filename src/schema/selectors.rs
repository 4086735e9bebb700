//! Which subschemas an array element or an object member is validated against: fge's
//! `ArraySchemaSelector` (from `items` and `additionalItems`) and `ObjectSchemaSelector` (from
//! `properties`, `patternProperties` and `additionalProperties`). The validator walks them for
//! the children of a value; the keywords of those names build them.

use crate::regex::Regex;
use crate::schema::instance::{name_hash, Key};

/// The element subschemas of an array schema.
pub(crate) enum Items {
    All(u32),
    Tuple(Box<[u32]>, Option<u32>),
    Additional(u32),
}

impl Items {
    /// The subschema for element `i`, if any.
    #[inline]
    pub fn select(&self, i: usize) -> Option<u32> {
        match self {
            Items::All(n) | Items::Additional(n) => Some(*n),
            Items::Tuple(t, extra) => t.get(i).copied().or(*extra),
        }
    }
}

/// The member subschemas of an object schema.
pub(crate) struct Props {
    /// The `properties` names, with their schemas (same index).
    pub named: Names,
    pub named_schemas: Box<[u32]>,
    /// Sorted by pattern text (Java order), as fge's digest.
    pub patterns: Box<[(Regex, u32)]>,
    pub additional: Option<u32>,
    /// `additionalProperties: false`.
    pub deny: bool,
    /// The `named` indexes (as bits) that a `required` keyword of the same schema lists, when
    /// `Schema::valid_at` checks it while visiting the members.
    pub required: u64,
}

/// Whether a `patternProperties` regex matches a member name (a regex that runs out of its
/// step budget does not).
pub(crate) fn matches(re: &Regex, name: &str) -> bool {
    re.is_match(name).unwrap_or(false)
}

impl Props {
    /// The index of the `properties` member for `key`; its bit in [`Props::required`].
    #[inline(always)]
    pub fn named(&self, key: Key) -> Option<(u32, u64)> {
        let i = self.named.find(key)?;
        let bit = if i < 64 { 1 << i } else { 0 };
        Some((self.named_schemas[i], bit))
    }

    /// Calls `f` with each `patternProperties` schema whose regex matches `name` (in fge's
    /// order) while `f` returns true; returns (whether all calls did, whether any applied).
    #[inline(always)]
    pub fn patterns(&self, name: Key, f: impl FnMut(u32) -> bool) -> (bool, bool) {
        if self.patterns.is_empty() {
            return (true, false);
        }
        self.each_pattern(name, f)
    }

    fn each_pattern(&self, name: Key, mut f: impl FnMut(u32) -> bool) -> (bool, bool) {
        let (name, mut any) = (name.as_str(), false);
        for (re, n) in self.patterns.iter() {
            if matches(re, name) {
                any = true;
                if !f(*n) {
                    return (false, true);
                }
            }
        }
        (true, any)
    }

    /// The `additionalProperties` schema.
    #[inline(always)]
    pub fn additional(&self) -> Option<u32> {
        self.additional
    }

    /// Calls `f` with each subschema member `name` is validated against, in fge's order, while
    /// `f` returns true; returns whether all calls did, `None` if no subschema applies.
    pub fn select(&self, name: Key, mut f: impl FnMut(u32) -> bool) -> Option<bool> {
        let mut any = false;
        if let Some((n, _)) = self.named(name) {
            any = true;
            if !f(n) {
                return Some(false);
            }
        }
        let (ok, matched) = self.patterns(name, &mut f);
        if !ok {
            return Some(false);
        }
        any |= matched;
        match self.additional {
            Some(n) if !any => Some(f(n)),
            _ => any.then_some(true),
        }
    }

    /// Marks the `required` names for checking in the member walk, if they are all
    /// `properties` names among the first 64; returns whether they were.
    pub fn take_required(&mut self, required: &[Box<str>]) -> bool {
        let mut mask = 0u64;
        for r in required {
            match self.named.find_str(r) {
                Some(i) if i < 64 => mask |= 1 << i,
                _ => return false,
            }
        }
        self.required = mask;
        true
    }
}

/// A set of property names looked up by the name hash the instance reader stores in each key
/// ([`name_hash`]): an open-addressing table, so finding a member's schema is one or two
/// probes and one byte comparison.
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
