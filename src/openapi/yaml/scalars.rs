//! Scalars as written: plain, single- and double-quoted, literal and folded.

use super::error::YamlError;
use super::scanner::{flow_indicator, Layout, Parser};

/// Appends a folded line break: a space, or one newline per blank line.
fn fold(out: &mut String, breaks: usize) {
    match breaks {
        0 => out.push(' '),
        n => out.push_str(&"\n".repeat(n)),
    }
}

/// The character a one-letter double-quoted escape such as `\n` stands for.
fn escape(e: char) -> Option<char> {
    let table =
        "0\0a\x07b\x08t\t\t\tn\nv\x0bf\x0cr\re\x1b  \"\"//\\\\N\u{85}_\u{a0}L\u{2028}P\u{2029}";
    let mut pairs = table.chars();
    while let (Some(k), Some(c)) = (pairs.next(), pairs.next()) {
        if k == e {
            return Some(c);
        }
    }
    None
}

fn hex(s: &[char], i: &mut usize, len: usize) -> Option<u32> {
    let digits = s.get(*i..*i + len)?;
    *i += len;
    digits
        .iter()
        .try_fold(0, |n, c| Some(n * 16 + c.to_digit(16)?))
}

impl Parser {
    /// A plain scalar, possibly spanning lines indented more than `parent`.
    pub(super) fn plain(&mut self, parent: isize, layout: Layout) -> Result<String, YamlError> {
        let flow = layout == Layout::Flow;
        let mut out = String::new();
        loop {
            let (start, mut end) = (self.cursor, self.cursor);
            loop {
                let c = self.at(self.cursor);
                if matches!(c, '\0' | '\n')
                    || self.starts_comment(self.cursor)
                    || c == ':' && self.ends_token(self.cursor + 1, layout)
                    || flow && flow_indicator(c)
                {
                    break;
                }
                self.cursor += 1;
                if c != ' ' && c != '\t' {
                    end = self.cursor;
                }
            }
            out.extend(&self.chars[start..end]);
            if self.at(self.cursor) != '\n' {
                return Ok(out);
            }
            match self.next_scalar_line(self.cursor, layout)? {
                Some((j, ind, blanks))
                    if ind > parent
                        && !self.starts_comment(j)
                        && !(flow && flow_indicator(self.chars[j])) =>
                {
                    self.cursor = j;
                    fold(&mut out, blanks);
                }
                _ => return Ok(out),
            }
        }
    }

    /// A single- or double-quoted scalar.
    pub(super) fn quoted(&mut self) -> Result<String, YamlError> {
        let (start, q) = (self.cursor, self.at(self.cursor));
        let mut i = start + 1;
        let (mut out, mut hard) = (String::new(), 0); // `hard`: length that folding may not trim
        loop {
            let c = self.at(i);
            i += 1;
            match c {
                '\0' if i > self.chars.len() => {
                    let msg = format!("this quoted string is never closed; add the closing {q}");
                    return Err(self.error_at(start, &msg));
                }
                '\'' if q == '\'' && self.at(i) == '\'' => {
                    out.push('\'');
                    i += 1;
                }
                _ if c == q => break,
                '\n' => {
                    while out.len() > hard && out.ends_with([' ', '\t']) {
                        out.pop();
                    }
                    fold(&mut out, self.empty_lines(&mut i));
                    hard = out.len();
                }
                '\\' if q == '"' => {
                    let (e, bs) = (self.at(i), i - 1);
                    i += 1;
                    let ch = match (escape(e), e) {
                        (Some(ch), _) => ch,
                        (_, 'x' | 'u' | 'U') => {
                            let len = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let mut cp = hex(&self.chars, &mut i, len);
                            if let (Some(h @ 0xD800..=0xDBFF), Some(['\\', 'u'])) =
                                (cp, self.chars.get(i..i + 2))
                            {
                                let mut k = i + 2;
                                if let Some(l @ 0xDC00..=0xDFFF) = hex(&self.chars, &mut k, 4) {
                                    cp = Some(0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00));
                                    i = k;
                                }
                            }
                            match cp.and_then(char::from_u32) {
                                Some(ch) => ch,
                                None => {
                                    let msg = format!("the escape \\{e} needs {len} hexadecimal digits of a valid Unicode code point");
                                    return Err(self.error_at(bs, &msg));
                                }
                            }
                        }
                        (_, '\n') => {
                            out.push_str(&"\n".repeat(self.empty_lines(&mut i)));
                            hard = out.len();
                            continue;
                        }
                        _ => {
                            let msg = format!("unknown escape sequence '\\{e}' in a double-quoted string; write '\\\\' for a backslash or use single quotes");
                            return Err(self.error_at(bs, &msg));
                        }
                    };
                    out.push(ch);
                    hard = out.len();
                }
                _ => out.push(c),
            }
        }
        self.cursor = i;
        Ok(out)
    }

    /// Skips the indentation of the next line and any empty lines after it inside a
    /// quoted scalar; returns the number of empty lines.
    fn empty_lines(&self, i: &mut usize) -> usize {
        let mut n = 0;
        while self.at(self.after_blanks(*i)) == '\n' {
            (*i, n) = (self.after_blanks(*i) + 1, n + 1);
        }
        *i = self.after_blanks(*i);
        n
    }

    /// A literal (`|`) or folded (`>`) block scalar.
    pub(super) fn block_scalar(&mut self, parent: isize) -> Result<String, YamlError> {
        let literal = self.at(self.cursor) == '|';
        self.cursor += 1;
        let (mut chomp, mut explicit) = (' ', 0);
        loop {
            match self.at(self.cursor) {
                c @ ('-' | '+') if chomp == ' ' => chomp = c,
                c @ '1'..='9' if explicit == 0 => explicit = c as usize - '0' as usize,
                _ => break,
            }
            self.cursor += 1;
        }
        self.expect_line_end()?;
        self.skip_line();
        let n = self.chars.len();
        self.cursor = (self.cursor + 1).min(n);
        let mut ind = parent.max(0) as usize + explicit;
        if explicit == 0 {
            // The first non-empty line sets the indentation, or a longer leading blank line.
            let mut j = self.cursor;
            loop {
                let k = j + self.chars[j..].iter().take_while(|&&c| c == ' ').count();
                ind = ind.max(k - j);
                if self.at(k) != '\n' {
                    break;
                }
                j = k + 1;
            }
            if ind as isize <= parent.max(0) {
                ind = usize::MAX; // no content lines: only blank lines belong to the scalar
            }
        }
        let (mut out, mut breaks, mut first, mut prev_more) = (String::new(), 0, true, false);
        while self.cursor < n {
            let ls = self.cursor;
            let e = self.end_of_line(ls);
            let sp = self.chars[ls..e].iter().take_while(|&&c| c == ' ').count();
            if sp == e - ls && sp <= ind {
                breaks += 1;
            } else if sp >= ind {
                let text = &self.chars[ls + ind..e];
                let more = matches!(text.first(), Some(' ' | '\t'));
                if first {
                    out.push_str(&"\n".repeat(breaks));
                } else if literal || more || prev_more {
                    out.push_str(&"\n".repeat(breaks + 1));
                } else {
                    fold(&mut out, breaks);
                }
                out.extend(text);
                (breaks, first, prev_more) = (0, false, more);
            } else {
                break;
            }
            self.cursor = (e + 1).min(n);
        }
        match chomp {
            '-' => {}
            '+' => out.push_str(&"\n".repeat(breaks + !first as usize)),
            _ if !first => out.push('\n'),
            _ => {}
        }
        Ok(out)
    }
}
