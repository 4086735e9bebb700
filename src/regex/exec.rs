//! The backtracking matcher over a compiled program (`compile.rs`).
//!
//! The matcher keeps an explicit stack of choice points and undo records, so its native stack use
//! does not grow with the input; every instruction costs one step of the caller's budget.

use super::ast::{is_line_terminator, Greed, Look};
use super::compile::{Enclosure, Inst, Prog};
use super::error::MatchError;
use super::fold::Fold;

const NONE: usize = usize::MAX;

#[derive(Clone, Copy)]
enum Bt {
    /// Resume at (pc, pos).
    Alt(u32, usize),
    /// Undo records: capture slot / loop or group variable had this value.
    Slot(u32, usize),
    Var(u32, usize),
    /// Greedy `Rep1`: continue at pc giving back chars down to `min` (current end `pos`).
    Give(u32, usize, usize),
    /// Lazy `Rep1` at pc: try one more char from pos (count so far).
    Take(u32, usize, u32),
    /// Start of an `Open` at pc, entered at pos.
    Barrier(u32, usize),
    /// Lookbehind at pc: next try starts one char before pos; chars still allowed.
    Behind(u32, usize, u32),
}

struct Vm<'a> {
    p: &'a Prog,
    t: &'a str,
    full: bool,
    g: usize,
    s: &'a mut Scratch,
    left: &'a mut u64,
}

/// The matcher's vectors, kept between searches on a thread (a search allocates nothing once
/// they have grown).
#[derive(Default)]
pub(super) struct Scratch {
    stack: Vec<Bt>,
    bars: Vec<usize>,
    slots: Vec<usize>,
    vars: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with this thread's scratch (a fresh one when it is in use).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut s = SCRATCH.with(std::cell::Cell::take).unwrap_or_default();
    let r = f(&mut s);
    SCRATCH.with(|c| c.set(Some(s)));
    r
}

/// Where a match may lie.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Extent {
    /// Anywhere from the start position on (Java `Matcher.find`).
    Find,
    /// From the start position to the end of the text (Java `Matcher.matches`).
    Whole,
}

/// Leftmost match starting at or after byte `start` (only at `start` for `Extent::Whole`,
/// which also requires the match to reach the end). `g` is where `\G` matches. Returns the
/// capture slots.
pub(super) fn search(
    p: &Prog,
    t: &str,
    start: usize,
    g: usize,
    extent: Extent,
    left: &mut u64,
) -> Result<Option<Vec<usize>>, MatchError> {
    with_scratch(|s| Ok(find(p, t, start, g, extent, left, s)?.then(|| s.slots.clone())))
}

/// Whether there is a match starting at or after byte `start` (see [`search`]).
pub(super) fn test(
    p: &Prog,
    t: &str,
    start: usize,
    extent: Extent,
    left: &mut u64,
) -> Result<bool, MatchError> {
    with_scratch(|s| find(p, t, start, start, extent, left, s))
}

fn find(
    p: &Prog,
    t: &str,
    mut start: usize,
    g: usize,
    extent: Extent,
    left: &mut u64,
    s: &mut Scratch,
) -> Result<bool, MatchError> {
    let full = extent == Extent::Whole;
    s.slots.clear();
    s.slots.resize(2 * p.ncap + 2, NONE);
    s.vars.clear();
    s.vars.resize(p.nvars, NONE);
    let mut vm = Vm {
        p,
        t,
        full,
        g,
        s,
        left,
    };
    loop {
        if let (Some(Inst::Char(c, Fold::Exact)), false) = (p.insts.first(), full) {
            match t[start..].find(*c) {
                Some(k) => start += k,
                None => return Ok(false),
            }
        }
        if vm.run(start)? {
            return Ok(true);
        }
        if full || start >= t.len() || matches!(p.insts.first(), Some(Inst::Look(Look::Start))) {
            return Ok(false);
        }
        start += t[start..].chars().next().map_or(1, char::len_utf8);
    }
}

fn prev(t: &str, pos: usize) -> Option<usize> {
    t[..pos].chars().next_back().map(|c| pos - c.len_utf8())
}

impl Vm<'_> {
    fn tick(&mut self) -> Result<(), MatchError> {
        if *self.left == 0 {
            return Err(MatchError::Budget);
        }
        *self.left -= 1;
        Ok(())
    }
    fn set_slot(&mut self, s: usize, v: usize) {
        self.s.stack.push(Bt::Slot(s as u32, self.s.slots[s]));
        self.s.slots[s] = v;
    }
    fn set_var(&mut self, s: usize, v: usize) {
        self.s.stack.push(Bt::Var(s as u32, self.s.vars[s]));
        self.s.vars[s] = v;
    }

    /// The single-character instruction at `pc` against the char at `pos`.
    fn one(&self, pc: usize, pos: usize) -> Option<usize> {
        let c = self.t[pos..].chars().next()?;
        let ok = match self.p.insts[pc] {
            Inst::Char(d, f) => f.same(c, d),
            Inst::Set(i, f) => self.p.classes[i as usize].has(c, f),
            _ => false,
        };
        ok.then(|| pos + c.len_utf8())
    }

    fn run(&mut self, start: usize) -> Result<bool, MatchError> {
        self.s.stack.clear();
        self.s.bars.clear();
        self.s.slots.fill(NONE);
        let (mut pc, mut pos, lbase) = (0usize, start, self.p.ncap + 1);
        loop {
            self.tick()?;
            // Each instruction yields the next (pc, pos), or None to backtrack.
            let next = match self.p.insts[pc] {
                Inst::Char(..) | Inst::Set(..) => self.one(pc, pos).map(|q| (pc + 1, q)),
                Inst::Look(l) => self.look(l, pos).then_some((pc + 1, pos)),
                Inst::Split(a, b) => {
                    self.s.stack.push(Bt::Alt(b, pos));
                    Some((a as usize, pos))
                }
                Inst::Jmp(a) => Some((a as usize, pos)),
                Inst::GStart(g) => {
                    self.set_var(g as usize, pos);
                    Some((pc + 1, pos))
                }
                Inst::GEnd(g) => {
                    self.set_slot(2 * g as usize, self.s.vars[g as usize]);
                    self.set_slot(2 * g as usize + 1, pos);
                    Some((pc + 1, pos))
                }
                Inst::Backref(g, f) => self.backref(g as usize, f, pos).map(|q| (pc + 1, q)),
                Inst::Rep1 { min, max, greed } => {
                    let (mut n, mut q, mut minpos) = (0, pos, pos);
                    while n < if greed == Greed::Lazy { min } else { max } {
                        let Some(r) = self.one(pc + 1, q) else { break };
                        (n, q) = (n + 1, r);
                        if n == min {
                            minpos = q;
                        }
                        self.tick()?;
                    }
                    if n >= min && greed == Greed::Greedy && q > minpos {
                        self.s.stack.push(Bt::Give(pc as u32 + 2, minpos, q));
                    } else if n >= min && greed == Greed::Lazy && n < max {
                        self.s.stack.push(Bt::Take(pc as u32, q, n));
                    }
                    (n >= min).then_some((pc + 2, q))
                }
                Inst::RepInit(c) => {
                    self.set_var(lbase + 2 * c as usize, 0);
                    self.set_var(lbase + 2 * c as usize + 1, NONE);
                    Some((pc + 1, pos))
                }
                Inst::Rep {
                    counter,
                    min,
                    max,
                    lazy,
                    exit,
                } => {
                    let v = lbase + 2 * counter as usize;
                    let (n, (min, max)) = (self.s.vars[v] as u32, (min, max));
                    let empty = n > 0 && self.s.vars[v + 1] == pos;
                    let exit = exit as usize;
                    if empty && self.p.ecma && n > min {
                        None // ECMAScript: an empty iteration beyond the minimum fails.
                    } else if (empty && !self.p.ecma) || n >= max {
                        Some((exit, pos)) // Java: an empty iteration ends the loop.
                    } else if n < min {
                        Some((pc + 1, pos))
                    } else {
                        let (first, second) = if lazy { (exit, pc + 1) } else { (pc + 1, exit) };
                        self.s.stack.push(Bt::Alt(second as u32, pos));
                        Some((first, pos))
                    }
                }
                Inst::Iter {
                    counter,
                    clear_from,
                    clear_to,
                } => {
                    let v = lbase + 2 * counter as usize;
                    self.set_var(v, self.s.vars[v] + 1);
                    self.set_var(v + 1, pos);
                    (clear_from as usize..clear_to as usize).for_each(|s| self.set_slot(s, NONE));
                    Some((pc + 1, pos))
                }
                Inst::Open { kind, min, max, .. } => {
                    self.s.stack.push(Bt::Barrier(pc as u32, pos));
                    self.s.bars.push(self.s.stack.len() - 1);
                    if !kind.is_behind() {
                        Some((pc + 1, pos))
                    } else {
                        // Lookbehind: run the body from `min` chars back, later from further back.
                        let s = (0..min).try_fold(pos, |p, _| prev(self.t, p));
                        if let (Some(s), true) = (s, max > min) {
                            self.s.stack.push(Bt::Behind(pc as u32, s, max - min));
                        }
                        s.map(|s| (pc + 1, s))
                    }
                }
                Inst::Close => self.close(pc, pos),
                Inst::Match if !self.full || pos == self.t.len() => {
                    (self.s.slots[0], self.s.slots[1]) = (start, pos);
                    return Ok(true);
                }
                Inst::Match => None,
            };
            match next.or_else(|| self.backtrack()) {
                Some(n) => (pc, pos) = n,
                None => return Ok(false),
            }
        }
    }

    /// End of an atomic group or lookaround body.
    fn close(&mut self, pc: usize, pos: usize) -> Option<(usize, usize)> {
        let b = self.s.bars.pop()?;
        let Bt::Barrier(open, p0) = self.s.stack[b] else {
            return None;
        };
        let Inst::Open { kind, .. } = self.p.insts[open as usize] else {
            return None;
        };
        if kind.is_behind() && pos != p0 {
            // A lookbehind body must end where the lookbehind started.
            self.s.bars.push(b);
            return None;
        }
        if kind.is_negative() {
            // Negative lookaround whose body matched: undo the body and fail.
            while self.s.stack.len() > b {
                self.undo();
            }
            return None;
        }
        // Success: drop the body's choice points, keep its undo records.
        let mut w = b;
        for r in b + 1..self.s.stack.len() {
            if let e @ (Bt::Slot(..) | Bt::Var(..)) = self.s.stack[r] {
                self.s.stack[w] = e;
                w += 1;
            }
        }
        self.s.stack.truncate(w);
        Some((pc + 1, if kind == Enclosure::Atomic { pos } else { p0 }))
    }

    /// Pops one entry, applying it if it is an undo record.
    fn undo(&mut self) -> Option<Bt> {
        let e = self.s.stack.pop()?;
        match e {
            Bt::Slot(s, v) => self.s.slots[s as usize] = v,
            Bt::Var(s, v) => self.s.vars[s as usize] = v,
            _ => {}
        }
        Some(e)
    }

    fn backtrack(&mut self) -> Option<(usize, usize)> {
        loop {
            match self.undo()? {
                Bt::Alt(pc, pos) => return Some((pc as usize, pos)),
                Bt::Give(pc, min, pos) => {
                    let p = prev(self.t, pos).unwrap_or(min);
                    if p > min {
                        self.s.stack.push(Bt::Give(pc, min, p));
                    }
                    return Some((pc as usize, p));
                }
                Bt::Take(pc, pos, n) => {
                    let q = self.one(pc as usize + 1, pos);
                    if let (Some(q), Inst::Rep1 { max, .. }) = (q, self.p.insts[pc as usize]) {
                        if n + 1 < max {
                            self.s.stack.push(Bt::Take(pc, q, n + 1));
                        }
                        return Some((pc as usize + 2, q));
                    }
                }
                Bt::Barrier(pc, pos) => {
                    self.s.bars.pop();
                    if let Inst::Open { kind, close, .. } = self.p.insts[pc as usize] {
                        if kind.is_negative() {
                            // The body of a negative lookaround failed: the assertion holds.
                            return Some((close as usize + 1, pos));
                        }
                    }
                }
                Bt::Behind(pc, pos, n) => {
                    if let Some(p) = prev(self.t, pos) {
                        if n > 1 {
                            self.s.stack.push(Bt::Behind(pc, p, n - 1));
                        }
                        return Some((pc as usize + 1, p));
                    }
                }
                Bt::Slot(..) | Bt::Var(..) => {}
            }
        }
    }

    fn backref(&self, g: usize, f: Fold, pos: usize) -> Option<usize> {
        let (s, e) = (*self.s.slots.get(2 * g)?, *self.s.slots.get(2 * g + 1)?);
        if s == NONE {
            // Java: a group that did not participate fails; ECMAScript: matches empty.
            return self.p.ecma.then_some(pos);
        }
        let mut q = pos;
        for c in self.t[s..e].chars() {
            let d = self.t[q..].chars().next().filter(|&d| f.same(c, d))?;
            q += d.len_utf8();
        }
        Some(q)
    }

    fn look(&self, l: Look, i: usize) -> bool {
        let (t, n) = (self.t, self.t.len());
        let before = t[..i].chars().next_back();
        let after = t[i..].chars().next();
        match l {
            Look::Start => i == 0,
            Look::End => i == n,
            Look::LastEnd => i == self.g,
            // Java: never at the end of input, and not between \r and \n.
            Look::LineStart { unix_lines: u } => {
                i < n
                    && before.is_none_or(|b| {
                        is_line_terminator(b, u) && !(b == '\r' && after == Some('\n') && !u)
                    })
            }
            Look::LineEnd { unix_lines: u } => match after {
                None => true,
                Some('\n') => u || before != Some('\r'),
                Some(a) => is_line_terminator(a, u),
            },
            Look::FinalEnd { unix_lines: u } => {
                let rest = &t[i..];
                rest.is_empty()
                    || (!u && rest == "\r\n")
                    || (after
                        .is_some_and(|a| a.len_utf8() == rest.len() && is_line_terminator(a, u))
                        && !(after == Some('\n') && before == Some('\r') && !u))
            }
            Look::WordBoundary { ascii, negated } => {
                let w = |c: Option<char>| {
                    c.is_some_and(|c| {
                        if ascii {
                            c.is_ascii_alphanumeric() || c == '_'
                        } else {
                            c.is_alphanumeric() || c == '_'
                        }
                    })
                };
                (w(before) != w(after)) != negated
            }
        }
    }
}
