//! Compiler: syntax tree -> the instruction list the matcher (`exec.rs`) runs.

use super::ast::{width, Class, Dialect, Greed, Look, Node};
use super::fold::Fold;

#[derive(Clone, Copy, Debug)]
pub(super) enum Inst {
    Char(char, Fold),
    /// A class (index into `Prog::classes`).
    Set(u32, Fold),
    Look(Look),
    /// Try the first target, on failure the second.
    Split(u32, u32),
    Jmp(u32),
    /// Group `g` starts / ends here (the span is committed at the end, like Java and ECMAScript).
    GStart(u32),
    GEnd(u32),
    Backref(u32, Fold),
    /// The single-char instruction that follows, repeated.
    Rep1 {
        min: u32,
        max: u32,
        greed: Greed,
    },
    /// Counted loop `counter`: `RepInit`, then `Rep` decides whether to iterate (or go to
    /// `exit`), `Iter` starts an iteration (ECMAScript clears the body's capture slots
    /// `clear_from..clear_to`), the body, `Jmp` back to `Rep`.
    RepInit(u32),
    Rep {
        counter: u32,
        min: u32,
        max: u32,
        lazy: bool,
        exit: u32,
    },
    Iter {
        counter: u32,
        clear_from: u32,
        clear_to: u32,
    },
    /// An atomic group or lookaround up to the `Close` at `close`; `min`/`max` bound a
    /// lookbehind's width in chars.
    Open {
        kind: Enclosure,
        close: u32,
        min: u32,
        max: u32,
    },
    Close,
    Match,
}

/// What an `Open` ... `Close` pair encloses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Enclosure {
    Atomic,
    Ahead,
    NotAhead,
    Behind,
    NotBehind,
}

impl Enclosure {
    /// A lookbehind, whose body must end where the assertion is.
    pub fn is_behind(self) -> bool {
        matches!(self, Enclosure::Behind | Enclosure::NotBehind)
    }

    /// A negative lookaround, which holds when its body fails.
    pub fn is_negative(self) -> bool {
        matches!(self, Enclosure::NotAhead | Enclosure::NotBehind)
    }
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

pub(super) fn compile(node: Node, ncap: usize, dialect: Dialect) -> Prog {
    let (insts, classes) = (Vec::new(), Vec::new());
    let mut p = Prog {
        insts,
        classes,
        ncap,
        nvars: ncap + 1,
        ecma: dialect == Dialect::EcmaScript,
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
            Node::Atomic(b) => self.wrap(Enclosure::Atomic, *b),
            Node::Lookaround {
                body,
                behind,
                negated,
            } => {
                let kind = match (behind, negated) {
                    (false, false) => Enclosure::Ahead,
                    (false, true) => Enclosure::NotAhead,
                    (true, false) => Enclosure::Behind,
                    (true, true) => Enclosure::NotBehind,
                };
                self.wrap(kind, *body)
            }
            Node::Backref(g, f) => _ = self.emit(Inst::Backref(g.min(self.ncap + 1) as u32, f)),
            Node::Repeat {
                body,
                min,
                max,
                greed,
            } => self.repeat(*body, min, max, greed),
        }
    }

    fn wrap(&mut self, kind: Enclosure, body: Node) {
        let (min, max) = width(&body);
        let open = self.emit(Inst::Open {
            kind,
            close: 0,
            min,
            max,
        });
        self.node(body);
        let close = self.emit(Inst::Close) as u32;
        self.insts[open] = Inst::Open {
            kind,
            close,
            min,
            max,
        };
    }

    fn repeat(&mut self, b: Node, min: u32, max: u32, greed: Greed) {
        if max == 0 {
            return;
        }
        if matches!(b, Node::Char(..) | Node::Set(..)) {
            self.emit(Inst::Rep1 { min, max, greed });
            return self.node(b);
        }
        if greed == Greed::Possessive {
            let body = Box::new(b);
            let greedy = Node::Repeat {
                body,
                min,
                max,
                greed: Greed::Greedy,
            };
            return self.wrap(Enclosure::Atomic, greedy);
        }
        if min == 1 && max == 1 {
            return self.node(b);
        }
        // ECMAScript rejects an empty iteration, so `x?` with a possibly empty `x` needs a loop.
        if min == 0 && max == 1 && !(self.ecma && width(&b).0 == 0) {
            let s = self.emit(Inst::Split(0, 0)) as u32;
            self.node(b);
            let (a, z) = (s + 1, self.pc());
            self.insts[s as usize] = if greed == Greed::Lazy {
                Inst::Split(z, a)
            } else {
                Inst::Split(a, z)
            };
            return;
        }
        let c = ((self.nvars - self.ncap - 1) / 2) as u32;
        self.nvars += 2;
        let caps = caps(&b).filter(|_| self.ecma);
        let (clear_from, clear_to) = caps.map_or((0, 0), |(a, z)| (2 * a, 2 * z + 2));
        let lazy = greed == Greed::Lazy;
        let rep = |exit| Inst::Rep {
            counter: c,
            min,
            max,
            lazy,
            exit,
        };
        self.emit(Inst::RepInit(c));
        let r = self.emit(rep(0));
        self.emit(Inst::Iter {
            counter: c,
            clear_from,
            clear_to,
        });
        self.node(b);
        self.emit(Inst::Jmp(r as u32));
        self.insts[r] = rep(self.pc());
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
        Node::Atomic(b) | Node::Lookaround { body: b, .. } | Node::Repeat { body: b, .. } => {
            caps(b)
        }
        _ => None,
    }
}
