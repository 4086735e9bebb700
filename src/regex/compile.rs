//! Compiler: syntax tree -> the instruction list the matcher (`exec.rs`) runs.

use super::ast::{width, Class, Look, Node};

#[derive(Clone, Copy, Debug)]
pub(super) enum Inst {
    Char(char, u8),
    Set(u32, u8),
    Look(Look),
    /// Try the first target, on failure the second.
    Split(u32, u32),
    Jmp(u32),
    /// Group `g` starts / ends here (the span is committed at the end, like Java and ECMAScript).
    GStart(u32),
    GEnd(u32),
    Backref(u32, u8),
    /// (min, max, kind): the single-char instruction that follows, repeated; kind 0 greedy,
    /// 1 lazy, 2 possessive.
    Rep1(u32, u32, u8),
    /// Counted loop `c`: `RepInit(c)`, `Rep(c, min, max, lazy, exit)` decides whether to iterate,
    /// `Iter(c, lo, hi)` starts an iteration (ECMAScript clears the body's capture slots
    /// `lo..hi`), the body, `Jmp` back to `Rep`.
    RepInit(u32),
    Rep(u32, u32, u32, bool, u32),
    Iter(u32, u32, u32),
    /// (kind, close, min, max): atomic group or lookaround up to `Close` at `close`. kind: 0
    /// atomic, 1 ahead, 2 negative ahead, 3 behind, 4 negative behind; `min`/`max` bound a
    /// lookbehind's width in chars.
    Open(u8, u32, u32, u32),
    Close,
    Match,
}

#[derive(Clone, Debug)]
pub(super) struct Prog {
    pub insts: Vec<Inst>,
    pub classes: Vec<Class>,
    pub ncap: usize,
    /// Group start positions (`ncap + 1`), then two per counted loop.
    pub nvars: usize,
    pub ecma: bool,
}

pub(super) fn compile(node: Node, ncap: usize, ecma: bool) -> Prog {
    let (insts, classes) = (Vec::new(), Vec::new());
    let mut p = Prog {
        insts,
        classes,
        ncap,
        nvars: ncap + 1,
        ecma,
    };
    p.node(node);
    p.insts.push(Inst::Match);
    p
}

impl Prog {
    pub(super) fn insts(&self) -> &[Inst] {
        &self.insts
    }
    pub(super) fn class(&self, i: u32) -> &Class {
        &self.classes[i as usize]
    }
    fn emit(&mut self, i: Inst) -> usize {
        self.insts.push(i);
        self.insts.len() - 1
    }
    fn pc(&self) -> u32 {
        self.insts.len() as u32
    }

    fn node(&mut self, n: Node) {
        match n {
            Node::Empty => {}
            Node::Char(c, f) => _ = self.emit(Inst::Char(c, f)),
            Node::Set(cl, f) => {
                self.classes.push(cl);
                self.emit(Inst::Set(self.classes.len() as u32 - 1, f));
            }
            Node::Look(l) => _ = self.emit(Inst::Look(l)),
            Node::Cat(v) => v.into_iter().for_each(|x| self.node(x)),
            Node::Alt(mut v) => {
                let (mut jumps, last) = (Vec::new(), v.pop());
                for x in v {
                    let s = self.emit(Inst::Split(0, 0));
                    self.node(x);
                    jumps.push(self.emit(Inst::Jmp(0)));
                    self.insts[s] = Inst::Split(s as u32 + 1, self.pc());
                }
                last.into_iter().for_each(|x| self.node(x));
                let end = self.pc();
                jumps
                    .into_iter()
                    .for_each(|j| self.insts[j] = Inst::Jmp(end));
            }
            Node::Group(b, g) => {
                self.emit(Inst::GStart(g as u32));
                self.node(*b);
                self.emit(Inst::GEnd(g as u32));
            }
            Node::Atomic(b) => self.wrap(0, *b),
            Node::Around(b, behind, neg) => self.wrap(1 + 2 * behind as u8 + neg as u8, *b),
            Node::Backref(g, f) => _ = self.emit(Inst::Backref(g.min(self.ncap + 1) as u32, f)),
            Node::Repeat(b, min, max, kind) => self.repeat(*b, min, max, kind),
        }
    }

    fn wrap(&mut self, kind: u8, body: Node) {
        let (min, max) = width(&body);
        let open = self.emit(Inst::Open(kind, 0, min, max));
        self.node(body);
        let close = self.emit(Inst::Close) as u32;
        self.insts[open] = Inst::Open(kind, close, min, max);
    }

    fn repeat(&mut self, b: Node, min: u32, max: u32, kind: u8) {
        if max == 0 {
            return;
        }
        if matches!(b, Node::Char(..) | Node::Set(..)) {
            self.emit(Inst::Rep1(min, max, kind));
            return self.node(b);
        }
        if kind == 2 {
            return self.wrap(0, Node::Repeat(Box::new(b), min, max, 0));
        }
        if min == 1 && max == 1 {
            return self.node(b);
        }
        // ECMAScript rejects an empty iteration, so `x?` with a possibly empty `x` needs a loop.
        if min == 0 && max == 1 && !(self.ecma && width(&b).0 == 0) {
            let s = self.emit(Inst::Split(0, 0)) as u32;
            self.node(b);
            let (a, z) = (s + 1, self.pc());
            self.insts[s as usize] = if kind == 1 {
                Inst::Split(z, a)
            } else {
                Inst::Split(a, z)
            };
            return;
        }
        let c = ((self.nvars - self.ncap - 1) / 2) as u32;
        self.nvars += 2;
        let caps = caps(&b).filter(|_| self.ecma);
        let (lo, hi) = caps.map_or((0, 0), |(a, z)| (2 * a, 2 * z + 2));
        self.emit(Inst::RepInit(c));
        let r = self.emit(Inst::Rep(c, min, max, kind == 1, 0));
        self.emit(Inst::Iter(c, lo, hi));
        self.node(b);
        self.emit(Inst::Jmp(r as u32));
        self.insts[r] = Inst::Rep(c, min, max, kind == 1, self.pc());
    }
}

/// First and last capture group inside `n`.
fn caps(n: &Node) -> Option<(u32, u32)> {
    let join = |a: Option<(u32, u32)>, b: Option<(u32, u32)>| match (a, b) {
        (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
        _ => a.or(b),
    };
    match n {
        Node::Group(b, g) => join(Some((*g as u32, *g as u32)), caps(b)),
        Node::Cat(v) | Node::Alt(v) => v.iter().map(caps).fold(None, join),
        Node::Atomic(b) | Node::Around(b, ..) | Node::Repeat(b, ..) => caps(b),
        _ => None,
    }
}
