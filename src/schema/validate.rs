//! The two validation walks over the compiled graph.
//!
//! [`Schema::valid_at`] answers yes/no: it stops at the first failure and allocates nothing
//! (except a hash table for `uniqueItems` on arrays of more than 32 elements).
//!
//! [`Schema::collect_at`] reproduces fge's `InstanceValidator.process`: run the schema's
//! keywords in order (each may report an error); then, only if the report still holds no error
//! at all, visit the children: array elements by index, object members in sorted name order
//! (`Collections.sort`, Java `String` order), each against the subschemas
//! `ArraySchemaSelector` / `ObjectSchemaSelector` choose.

use super::graph::Schema;
use super::instance::Val;
use super::messages;
use super::report::{PathSegment, Report, Trail};
use super::selectors::Props;
use super::types::{ARRAY, OBJECT};

impl Schema {
    pub(crate) fn valid_at(&self, i: u32, v: Val, up: &Trail) -> bool {
        let id = self.nodes[i as usize].target;
        if up.stuck(id, v) {
            return false;
        }
        let node = &self.nodes[id as usize];
        let ty = v.ty();
        if node.types & ty == 0 {
            return false;
        }
        let t = &up.enter(id, v);
        for e in node.kws.iter() {
            if e.fast && e.types & ty != 0 && !e.kw.check(self, v, t) {
                return false;
            }
        }
        match ty {
            ARRAY => match &node.items {
                Some(items) => v
                    .elements()
                    .enumerate()
                    .all(|(k, e)| items.select(k).is_none_or(|c| self.valid_at(c, e, t))),
                None => true,
            },
            OBJECT => match &node.props {
                Some(p) => self.members_valid(p, v, t),
                None => true,
            },
            _ => true,
        }
    }

    /// The members of `v` against their subschemas, `additionalProperties: false`, and the
    /// `required` names `p` took over.
    #[inline(always)]
    fn members_valid(&self, p: &Props, v: Val, t: &Trail) -> bool {
        let mut seen = 0u64;
        for (k, e) in v.members() {
            let mut any = false;
            if let Some((n, bit)) = p.named(k) {
                any = true;
                seen |= bit;
                if !self.valid_at(n, e, t) {
                    return false;
                }
            }
            let (ok, matched) = p.patterns(k, |c| self.valid_at(c, e, t));
            if !ok {
                return false;
            }
            if !any && !matched {
                match p.additional() {
                    Some(n) if !self.valid_at(n, e, t) => return false,
                    None if p.deny => return false,
                    _ => {}
                }
            }
        }
        seen & p.required == p.required
    }

    pub(crate) fn collect_at<'v>(&self, i: u32, v: Val<'v>, out: &mut Report<'v>, up: &Trail) {
        let id = self.nodes[i as usize].target;
        let node = &self.nodes[id as usize];
        if up.stuck(id, v) {
            out.push(&node.ptr, "", messages::validation_loop(&node.ptr));
            return;
        }
        let t = &up.enter(id, v);
        let ty = v.ty();
        for e in node.kws.iter() {
            if e.types & ty != 0 {
                e.kw.report(self, v, t, &node.ptr, out);
            }
        }
        if !out.errors.is_empty() {
            return;
        }
        match ty {
            ARRAY => {
                if let Some(items) = &node.items {
                    for (k, e) in v.elements().enumerate() {
                        if let Some(c) = items.select(k) {
                            out.path.push(PathSegment::Index(k));
                            self.collect_at(c, e, out, t);
                            out.path.pop();
                        }
                    }
                }
            }
            OBJECT => {
                if let Some(p) = &node.props {
                    // Members sorted by name, in a stretch of the shared scratch vector (nested
                    // objects use the stretch after it).
                    let from = out.members.len();
                    out.members.extend(v.members());
                    out.members[from..]
                        .sort_unstable_by(|a, b| crate::java::compare(a.0.as_str(), b.0.as_str()));
                    let to = out.members.len();
                    for j in from..to {
                        let (k, e) = out.members[j];
                        out.path.push(PathSegment::Key(k.as_str()));
                        p.select(k, |c| {
                            self.collect_at(c, e, out, t);
                            true
                        });
                        out.path.pop();
                    }
                    out.members.truncate(from);
                }
            }
            _ => {}
        }
    }
}
