//! Pattern parser: pattern text -> syntax tree (`Node`), with Java's or ECMAScript's rules.
//! Error messages and positions follow Java's `PatternSyntaxException` (also for ECMAScript).

use super::ast::{is_line_terminator, Class, Dialect, Greed, GroupNames, Item, Look, Node, INF};
use super::error::RegexError;
use super::fold::Fold;
use super::lookbehind::java_max;
use super::property::prop;

const MAX_DEPTH: usize = 200;

// Java's inline flags, bit n = letter n of FLAGS.
const FLAGS: &str = "iumsxdU";
const CI: u32 = 1;
const UCASE: u32 = 2;
const MULTI: u32 = 4;
const DOTALL: u32 = 8;
const COMMENTS: u32 = 16;
const UNIX: u32 = 32;
const UCLASS: u32 = 64;

/// Returns the tree, the number of groups and the group names.
pub(super) fn parse(
    pattern: &str,
    dialect: Dialect,
) -> Result<(Node, usize, GroupNames), RegexError> {
    let ecma = dialect == Dialect::EcmaScript;
    let chars: Vec<char> = pattern.chars().collect();
    let s = if ecma { chars } else { unquote(&chars) };
    let mut p = Parser {
        s,
        ecma,
        ..Parser::default()
    };
    if ecma {
        p.prescan();
    }
    let node = p.alt()?;
    if p.i < p.s.len() {
        return Err(p.err(p.i.saturating_sub(1), "Unmatched closing ')'"));
    }
    Ok((node, p.ncap, p.names))
}

/// Java rewrites `\Q...\E` into escaped literals before parsing; so do we.
fn unquote(s: &[char]) -> Vec<char> {
    let (mut out, mut i) = (Vec::with_capacity(s.len()), 0);
    while i < s.len() {
        if s[i] == '\\' && s.get(i + 1) == Some(&'Q') {
            i += 2;
            while i < s.len() && !(s[i] == '\\' && s.get(i + 1) == Some(&'E')) {
                if s[i].is_ascii() && !s[i].is_ascii_alphanumeric() {
                    out.push('\\');
                }
                out.push(s[i]);
                i += 1;
            }
            i += 2;
            continue;
        }
        if s[i] == '\\' && i + 1 < s.len() {
            out.push('\\');
            i += 1;
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// Where an escape is: in a sequence, or in a character class (where only characters and
/// sets are valid).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Within {
    Sequence,
    Class,
}

/// What a group is, as read after its `(`.
enum GroupKind {
    Capturing(usize),
    NonCapturing,
    Atomic,
    Lookaround { behind: bool, negated: bool },
}

#[derive(Default)]
struct Parser {
    s: Vec<char>,
    i: usize,
    ecma: bool,
    flags: u32,
    ncap: usize,
    names: GroupNames,
    depth: usize,
    /// ECMAScript: all named groups and the group count (back references may point forward).
    all: GroupNames,
}

impl Parser {
    fn err(&self, position: usize, message: impl Into<String>) -> RegexError {
        let message = message.into();
        RegexError { position, message }
    }
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }
    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        self.i += hit as usize;
        hit
    }
    /// Case folding: exact, ASCII (`i`) or Unicode (`iu`).
    fn fold(&self) -> Fold {
        match (self.has(CI), self.has(UCASE)) {
            (true, true) => Fold::Unicode,
            (true, false) => Fold::Ascii,
            (false, _) => Fold::Exact,
        }
    }
    fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
    fn deeper(&mut self, at: usize) -> Result<(), RegexError> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH)
            .then_some(())
            .ok_or_else(|| self.err(at, "Pattern nests too deeply"))
    }

    /// Java COMMENTS mode: skip whitespace and `#` comments.
    fn skip_x(&mut self) {
        while self.has(COMMENTS) {
            match self.peek() {
                Some(' ' | '\t'..='\r') => self.i += 1,
                Some('#') => {
                    while self
                        .peek()
                        .is_some_and(|c| !is_line_terminator(c, self.has(UNIX)))
                    {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
    }

    fn prescan(&mut self) {
        let (s, mut in_class, mut i, mut n) = (&self.s, false, 0, 0);
        while i < s.len() {
            match s[i] {
                '\\' => i += 1,
                '[' => in_class = true,
                ']' => in_class = false,
                '(' if !in_class && s.get(i + 1) != Some(&'?') => n += 1,
                '(' if !in_class
                    && s.get(i + 2) == Some(&'<')
                    && !matches!(s.get(i + 3), Some('=' | '!')) =>
                {
                    n += 1;
                    self.all
                        .push((s[i + 3..].iter().take_while(|c| **c != '>').collect(), n));
                }
                _ => {}
            }
            i += 1;
        }
        self.all.push((String::new(), n));
    }

    fn alt(&mut self) -> Result<Node, RegexError> {
        let mut alts = vec![self.seq()?];
        while self.eat('|') {
            alts.push(self.seq()?);
        }
        Ok(if alts.len() > 1 {
            Node::Alt(alts)
        } else {
            alts.remove(0)
        })
    }

    fn seq(&mut self) -> Result<Node, RegexError> {
        let mut v = Vec::new();
        loop {
            self.skip_x();
            if matches!(self.peek(), None | Some('|' | ')')) {
                break;
            }
            let start = self.i;
            if let Some(atom) = self.atom()? {
                v.push(self.quant(atom, start)?);
            }
        }
        Ok(match v.len() {
            0 => Node::Empty,
            1 => v.remove(0),
            _ => Node::Cat(v),
        })
    }

    fn atom(&mut self) -> Result<Option<Node>, RegexError> {
        let (at, f, unix, multi) = (self.i, self.fold(), self.has(UNIX), self.has(MULTI));
        let c = self.s[at];
        self.i += 1;
        Ok(Some(match c {
            '(' => return self.group(),
            '[' => Node::Set(self.class()?, f),
            '.' => Node::Set(self.dot(), Fold::Exact),
            '^' if multi => Node::Look(Look::LineStart { unix_lines: unix }),
            '^' => Node::Look(Look::Start),
            '$' if self.ecma => Node::Look(Look::End),
            '$' if multi => Node::Look(Look::LineEnd { unix_lines: unix }),
            '$' => Node::Look(Look::FinalEnd { unix_lines: unix }),
            '\\' => self.escape(Within::Sequence)?,
            '*' | '+' | '?' => return Err(self.err(at, format!("Dangling meta character '{c}'"))),
            '{' if !self.ecma => return Err(self.err(at + 1, "Illegal repetition")),
            '{' => {
                self.i = at;
                if self.braces()?.is_some() {
                    return Err(self.err(at, "Dangling meta character '{'"));
                }
                self.i = at + 1;
                Node::Char('{', Fold::Exact)
            }
            _ => Node::Char(c, f),
        }))
    }

    fn dot(&self) -> Class {
        let items = match (self.has(DOTALL), self.has(UNIX), self.ecma) {
            (true, ..) => vec![],
            (_, true, _) => vec![Item::Range('\n', '\n')],
            (_, _, ecma) => {
                let mut v = vec![Item::Range('\n', '\n'), Item::Range('\r', '\r')];
                v.push(Item::Range('\u{2028}', '\u{2029}'));
                v.extend((!ecma).then_some(Item::Range('\u{85}', '\u{85}')));
                v
            }
        };
        Class::new(true, items)
    }

    /// `{n}`, `{n,}`, `{n,m}` at `{`. ECMAScript: `None` (position kept) if it is no quantifier.
    fn braces(&mut self) -> Result<Option<(u32, u32)>, RegexError> {
        let start = self.i;
        self.i += 1;
        let lo = self.number();
        let hi = self
            .eat(',')
            .then(|| self.number().unwrap_or(INF))
            .map_or(lo, Some);
        match (lo, hi, self.eat('}')) {
            (Some(lo), Some(hi), true) if hi < lo => {
                Err(self.err(self.i - 1, "Illegal repetition range"))
            }
            (Some(lo), Some(hi), true) => Ok(Some((lo, hi))),
            _ if self.ecma => {
                self.i = start;
                Ok(None)
            }
            (None, ..) => Err(self.err(start + 1, "Illegal repetition")),
            _ => Err(self.err(self.i, "Unclosed counted closure")),
        }
    }

    fn number(&mut self) -> Option<u32> {
        let (start, mut n) = (self.i, 0u32);
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(d).min(INF - 1);
            self.i += 1;
        }
        (self.i > start).then_some(n)
    }

    fn quant(&mut self, atom: Node, start: usize) -> Result<Node, RegexError> {
        self.skip_x();
        let (min, max) = if let Some(k) = self.peek().and_then(|c| index("*+?", c)) {
            self.i += 1;
            [(0, INF), (1, INF), (0, 1)][k]
        } else if self.peek() != Some('{') {
            return Ok(atom);
        } else {
            match self.braces()? {
                Some(r) => r,
                None => return Ok(atom),
            }
        };
        self.skip_x();
        let greed = if self.eat('?') {
            Greed::Lazy
        } else if !self.ecma && self.eat('+') {
            Greed::Possessive
        } else {
            Greed::Greedy
        };
        // ECMAScript: assertions other than lookahead cannot be repeated.
        let bare = matches!(
            self.s[start..],
            ['^' | '$', ..] | ['\\', 'b' | 'B', ..] | ['(', '?', '<', '=' | '!', ..]
        );
        if self.ecma && bare {
            return Err(self.err(self.i - 1, "Dangling meta character"));
        }
        Ok(Node::Repeat {
            body: Box::new(atom),
            min,
            max,
            greed,
        })
    }

    fn group(&mut self) -> Result<Option<Node>, RegexError> {
        self.deeper(self.i - 1)?;
        let saved = self.flags;
        let mut kind = GroupKind::NonCapturing;
        if self.eat('?') {
            let at = self.i;
            match (self.peek(), self.s.get(at + 1).copied()) {
                (Some(':'), _) => self.i += 1,
                (Some('>'), _) if !self.ecma => (self.i, kind) = (at + 1, GroupKind::Atomic),
                (Some(c @ ('=' | '!')), _) => {
                    let negated = c == '!';
                    let behind = false;
                    (self.i, kind) = (at + 1, GroupKind::Lookaround { behind, negated })
                }
                (Some('<'), Some(c @ ('=' | '!'))) => {
                    let negated = c == '!';
                    let behind = true;
                    (self.i, kind) = (at + 2, GroupKind::Lookaround { behind, negated })
                }
                (Some('<'), _) => {
                    self.i += 1;
                    let name = self.group_name()?;
                    if self.names.iter().any(|(n, _)| *n == name) {
                        let msg = format!("Named capturing group <{name}> is already defined");
                        return Err(self.err(self.i - 1, msg));
                    }
                    self.ncap += 1;
                    kind = GroupKind::Capturing(self.ncap);
                    self.names.push((name, self.ncap));
                }
                _ if self.inline_flags()? => {
                    self.depth -= 1;
                    return Ok(None);
                }
                _ => {}
            }
        } else {
            self.ncap += 1;
            kind = GroupKind::Capturing(self.ncap);
        }
        let body = self.alt()?;
        if !self.eat(')') {
            return Err(self.err(self.s.len(), "Unclosed group"));
        }
        self.flags = saved;
        self.depth -= 1;
        let body = Box::new(body);
        Ok(Some(match kind {
            GroupKind::Capturing(n) => Node::Group(body, n),
            GroupKind::Atomic => Node::Atomic(body),
            GroupKind::Lookaround { behind: true, .. }
                if !self.ecma && java_max(&body, 0).is_none() =>
            {
                let msg = "Look-behind group does not have an obvious maximum length";
                return Err(self.err(self.i - 2, msg));
            }
            GroupKind::Lookaround { behind, negated } => Node::Lookaround {
                body,
                behind,
                negated,
            },
            GroupKind::NonCapturing => *body,
        }))
    }

    /// After `(?`: Java inline flags. Returns true for `(?flags)`, false for `(?flags:`.
    fn inline_flags(&mut self) -> Result<bool, RegexError> {
        let mut on = true;
        loop {
            let c = self.peek().filter(|_| !self.ecma);
            self.i += 1;
            match c {
                Some(c @ (')' | ':')) => return Ok(c == ')'),
                Some('-') => on = false,
                Some('c') => {}
                Some(c) if index(FLAGS, c).is_some() => {
                    let bit =
                        (1 << index(FLAGS, c).unwrap_or(0)) | if c == 'U' { UCASE } else { 0 };
                    self.flags = if on {
                        self.flags | bit
                    } else {
                        self.flags & !bit
                    };
                }
                _ => return Err(self.err(self.i - 1, "Unknown inline modifier")),
            }
        }
    }

    /// After `<`: a group name and the closing `>`.
    fn group_name(&mut self) -> Result<String, RegexError> {
        let start = self.i;
        let ecma = self.ecma;
        let ok = |c: char, first: bool| {
            c.is_ascii_alphabetic()
                || (!first && c.is_ascii_digit())
                || (ecma && (c == '_' || c == '$' || c.is_alphabetic()))
        };
        if !self.peek().is_some_and(|c| ok(c, true)) {
            return Err(self.err(
                self.i,
                "capturing group name does not start with a Latin letter",
            ));
        }
        while self.peek().is_some_and(|c| ok(c, false)) {
            self.i += 1;
        }
        let name = self.s[start..self.i].iter().collect();
        if !self.eat('>') {
            return Err(self.err(self.i, "named capturing group is missing trailing '>'"));
        }
        Ok(name)
    }

    /// After a backslash. Inside a class only `Char` and `Set` are valid results.
    fn escape(&mut self, within: Within) -> Result<Node, RegexError> {
        let (at, e, f) = (self.i, self.ecma, self.fold());
        let in_class = within == Within::Class;
        let c = self
            .peek()
            .ok_or_else(|| self.err(at, "Unexpected internal error"))?;
        self.i += 1;
        let ch = |v: u32| Node::Char(char::from_u32(v).unwrap_or('\u{fffd}'), f);
        let look = |l| Ok(Node::Look(l));
        Ok(match c {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'h' | 'H' | 'v' | 'V'
                if !e || index("hHvV", c).is_none() =>
            {
                let lc = c.to_ascii_lowercase();
                let name = match (lc, e, self.has(UCLASS)) {
                    ('s', true, _) => "\\es",
                    ('d', _, true) => "Nd",
                    ('s', _, true) => "whitespace",
                    ('w', _, true) => "\\uw",
                    _ => ["\\d", "\\w", "\\s", "\\h", "\\v"][index("dwshv", lc).unwrap_or(0)],
                };
                Node::Set(
                    prop(name, Fold::Exact, c != lc).unwrap_or(Class::new(true, vec![])),
                    f,
                )
            }
            'p' | 'P' if !e || self.peek() == Some('{') => Node::Set(self.property(c == 'P')?, f),
            't' => ch(9),
            'n' => ch(10),
            'v' => ch(11),
            'f' => ch(12),
            'r' => ch(13),
            'a' if !e => ch(7),
            'e' if !e => ch(27),
            '0' if !e => match self.peek().and_then(|c| c.to_digit(8)) {
                Some(d) => {
                    self.i += 1;
                    ch(self.octal(d))
                }
                None => return Err(self.err(self.i, "Illegal octal escape sequence")),
            },
            '0'..='7' if e && (in_class || c == '0') => ch(self.octal(c as u32 - 48)),
            '1'..='9' if !in_class => {
                // Java: more digits while the group number stays valid; ECMAScript: all digits,
                // and if that is no group, a legacy octal escape or the digit itself.
                let (mut n, limit) = (
                    c as usize - 48,
                    if e {
                        self.all[self.all.len() - 1].1
                    } else {
                        self.ncap
                    },
                );
                while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
                    // ECMAScript reads every digit: a long run saturates, and is then no group.
                    let next = n.saturating_mul(10).saturating_add(d as usize);
                    if !e && next > limit {
                        break;
                    }
                    (n, self.i) = (next, self.i + 1);
                }
                if e && n > limit {
                    self.i = at + 1;
                    return Ok(if c >= '8' {
                        Node::Char(c, f)
                    } else {
                        ch(self.octal(c as u32 - 48))
                    });
                }
                Node::Backref(n, f)
            }
            'x' => match self.hex() {
                Ok(v) => ch(v),
                Err(_) if e => (self.i = at + 1, Node::Char('x', f)).1,
                Err(err) => return Err(err),
            },
            'u' => match self.unicode() {
                Ok(v) => ch(v),
                Err(_) if e => (self.i = at + 1, Node::Char('u', f)).1,
                Err(err) => return Err(err),
            },
            'c' => match self.peek() {
                // ECMAScript: the letter's code modulo 32; Java: the code with bit 6 flipped.
                Some(l) if l.is_ascii_alphabetic() || (!e && l.is_ascii()) => {
                    (
                        self.i += 1,
                        ch(if e { l as u32 % 32 } else { l as u32 ^ 64 }),
                    )
                        .1
                }
                _ if e => (self.i = at, Node::Char('\\', f)).1,
                _ => return Err(self.err(at, "Illegal control escape sequence")),
            },
            'b' if in_class && e => ch(8),
            'b' | 'B' if !in_class => {
                let negated = c == 'B';
                return look(Look::WordBoundary { ascii: e, negated });
            }
            'A' if !in_class && !e => return look(Look::Start),
            'z' if !in_class && !e => return look(Look::End),
            'Z' if !in_class && !e => {
                return look(Look::FinalEnd {
                    unix_lines: self.has(UNIX),
                })
            }
            'G' if !in_class && !e => return look(Look::LastEnd),
            'R' if !in_class && !e => {
                let crlf = Node::Cat(vec![
                    Node::Char('\r', Fold::Exact),
                    Node::Char('\n', Fold::Exact),
                ]);
                let items = vec![
                    Item::Range('\n', '\r'),
                    Item::Range('\u{85}', '\u{85}'),
                    Item::Range('\u{2028}', '\u{2029}'),
                ];
                Node::Atomic(Box::new(Node::Alt(vec![
                    crlf,
                    Node::Set(Class::new(false, items), Fold::Exact),
                ])))
            }
            'k' if !in_class && (!e || self.all.len() > 1) => {
                if !self.eat('<') {
                    return Err(self.err(
                        self.i,
                        "\\k is not followed by '<' for named capturing group",
                    ));
                }
                let name = self.group_name()?;
                match (if e { &self.all } else { &self.names })
                    .iter()
                    .find(|(n, _)| *n == name)
                {
                    Some(&(_, g)) => Node::Backref(g, f),
                    None => {
                        return Err(self.err(
                            self.i - 1,
                            format!("named capturing group <{name}> does not exist"),
                        ))
                    }
                }
            }
            c if c.is_ascii_alphanumeric() && !e => {
                return Err(self.err(at, "Illegal/unsupported escape sequence"))
            }
            c => Node::Char(c, f),
        })
    }

    /// Up to two more octal digits (one more if the first digit is above 3).
    fn octal(&mut self, first: u32) -> u32 {
        let mut v = first;
        for _ in 0..if first <= 3 { 2 } else { 1 } {
            let Some(d) = self.peek().and_then(|c| c.to_digit(8)) else {
                break;
            };
            (v, self.i) = (v * 8 + d, self.i + 1);
        }
        v
    }

    fn hexdigit(&self, k: usize) -> Option<u32> {
        self.s.get(k).and_then(|c| c.to_digit(16))
    }

    /// After `x`: `hh`, or `{h...}` in Java.
    fn hex(&mut self) -> Result<u32, RegexError> {
        const BAD: &str = "Illegal hexadecimal escape sequence";
        if let Some(a) = self.hexdigit(self.i) {
            self.i += 1;
            let b = self.hexdigit(self.i).ok_or_else(|| self.err(self.i, BAD))?;
            self.i += 1;
            return Ok(a * 16 + b);
        }
        if self.ecma || self.peek() != Some('{') || self.hexdigit(self.i + 1).is_none() {
            return Err(self.err(self.i, BAD));
        }
        self.i += 1;
        let mut v = 0u32;
        while let Some(d) = self.hexdigit(self.i) {
            v = v * 16 + d;
            if v > 0x10FFFF {
                return Err(self.err(self.i, "Hexadecimal codepoint is too big"));
            }
            self.i += 1;
        }
        if !self.eat('}') {
            return Err(self.err(self.i, "Unclosed hexadecimal escape sequence"));
        }
        char::from_u32(v)
            .map(|_| v)
            .ok_or_else(|| self.err(self.i - 1, "Surrogates are not supported"))
    }

    /// After `u`: `hhhh` (surrogate pairs `\uD83D\uDE00` combine), ECMAScript also `{h...}`.
    fn unicode(&mut self) -> Result<u32, RegexError> {
        const BAD: &str = "Illegal Unicode escape sequence";
        let mut v = 0;
        if self.ecma && self.eat('{') {
            while let Some(d) = self.hexdigit(self.i) {
                (v, self.i) = ((v * 16 + d).min(0x110000), self.i + 1);
            }
            if !self.eat('}') || char::from_u32(v).is_none() {
                return Err(self.err(self.i, BAD));
            }
            return Ok(v);
        }
        for _ in 0..4 {
            v = v * 16 + self.hexdigit(self.i).ok_or_else(|| self.err(self.i, BAD))?;
            self.i += 1;
        }
        let lo = (2..6).try_fold(0, |a, k| Some(a * 16 + self.hexdigit(self.i + k)?));
        if let (0xD800..=0xDBFF, Some(lo @ 0xDC00..=0xDFFF)) = (v, lo) {
            if self.s[self.i..].starts_with(&['\\', 'u']) {
                self.i += 6;
                return Ok(0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00));
            }
        }
        char::from_u32(v)
            .map(|_| v)
            .ok_or_else(|| self.err(self.i - 1, BAD))
    }

    /// After `p`/`P`: `\pL` or `\p{Name}`.
    fn property(&mut self, negated: bool) -> Result<Class, RegexError> {
        let name: String = if self.eat('{') {
            let start = self.i;
            while self.peek().is_some_and(|c| c != '}') {
                self.i += 1;
            }
            if !self.eat('}') {
                return Err(self.err(self.i, "Unclosed character family"));
            }
            self.s[start..self.i - 1].iter().collect()
        } else {
            self.i += 1;
            self.s.get(self.i - 1).copied().unwrap_or('\0').to_string()
        };
        let msg = || format!("Unknown character property name {{{name}}}");
        prop(&name, self.fold(), negated).ok_or_else(|| self.err(self.i - 1, msg()))
    }

    /// After `[`.
    fn class(&mut self) -> Result<Class, RegexError> {
        self.deeper(self.i - 1)?;
        let mut cl = Class::new(self.eat('^'), Vec::new());
        loop {
            self.skip_x();
            let c = self
                .peek()
                .ok_or_else(|| self.err(self.s.len() - 1, "Unclosed character class"))?;
            if c == ']' && (self.ecma || !cl.items.is_empty()) {
                self.i += 1;
                self.depth -= 1;
                return Ok(cl);
            }
            if !self.ecma && c == '&' && self.s.get(self.i + 1) == Some(&'&') {
                // Java intersection: everything so far && the operand up to the next `]` or `&`.
                self.i += 2;
                let mut right = Class::new(false, Vec::new());
                loop {
                    self.skip_x();
                    match self.peek() {
                        None => return Err(self.err(self.s.len() - 1, "Unclosed character class")),
                        Some(']' | '&') => break,
                        _ => self.member(&mut right.items)?,
                    }
                }
                if !right.items.is_empty() {
                    let left = std::mem::take(&mut cl.items);
                    let left = Class::new(false, left);
                    cl.items.push(if left.items.is_empty() {
                        Item::Sub(right)
                    } else {
                        Item::And(left, right)
                    });
                }
            } else {
                self.member(&mut cl.items)?;
            }
        }
    }

    /// One class member: a nested class (Java), a char, a range `a-z`, or an escaped set.
    fn member(&mut self, items: &mut Vec<Item>) -> Result<(), RegexError> {
        if !self.ecma && self.eat('[') {
            items.push(Item::Sub(self.class()?));
            return Ok(());
        }
        let lo = match self.class_atom()? {
            Ok(c) => c,
            Err(cl) => {
                items.extend(cl.items);
                return Ok(());
            }
        };
        let next = self.s.get(self.i + 1).copied();
        if self.peek() != Some('-')
            || next.is_none()
            || next == Some(']')
            || (!self.ecma && next == Some('['))
        {
            items.push(Item::Range(lo, lo));
            return Ok(());
        }
        self.i += 1;
        let at = self.i;
        match self.class_atom()? {
            Ok(hi) if hi >= lo => items.push(Item::Range(lo, hi)),
            Err(cl) if self.ecma => {
                items.extend([Item::Range(lo, lo), Item::Range('-', '-')]);
                items.extend(cl.items);
            }
            _ => return Err(self.err(at, "Illegal character range")),
        }
        Ok(())
    }

    fn class_atom(&mut self) -> Result<Result<char, Class>, RegexError> {
        let (at, c) = (self.i + 1, self.s[self.i]);
        self.i += 1;
        if c != '\\' {
            return Ok(Ok(c));
        }
        match self.escape(Within::Class)? {
            Node::Char(c, _) => Ok(Ok(c)),
            Node::Set(cl, _) => Ok(Err(cl)),
            _ => Err(self.err(at, "Illegal/unsupported escape sequence")),
        }
    }
}

/// Char position of `c` in `s` (small and without the `str` searcher machinery).
fn index(s: &str, c: char) -> Option<usize> {
    s.chars().position(|x| x == c)
}
