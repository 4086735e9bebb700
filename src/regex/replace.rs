//! Java `Matcher.replaceAll` / `replaceFirst` and `String.split` (used for both dialects).

use super::error::{MatchError, ReplaceError};
use super::pattern::Regex;

enum Piece {
    Text(String),
    Group(usize),
}

/// Parses a replacement like Java's `appendReplacement`.
fn template(re: &Regex, rep: &str) -> Result<Vec<Piece>, ReplaceError> {
    let (mut out, mut lit) = (Vec::new(), String::new());
    let mut it = rep.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\\' => lit.push(it.next().ok_or(ReplaceError::TrailingBackslash)?),
            '$' => {
                let g = match it.next() {
                    None => return Err(ReplaceError::MissingGroupIndex),
                    Some('{') => {
                        let mut name = String::new();
                        while let Some(c) = it.next_if(char::is_ascii_alphanumeric) {
                            name.push(c);
                        }
                        let bad = |m: String| Err(ReplaceError::BadGroupName(m));
                        if name.is_empty() {
                            return bad("named capturing group has 0 length name".into());
                        }
                        if it.next() != Some('}') {
                            return bad("named capturing group is missing trailing '}'".into());
                        }
                        if name.starts_with(|c: char| c.is_ascii_digit()) {
                            return bad(format!(
                                "capturing group name {{{name}}} starts with digit character"
                            ));
                        }
                        re.group_index(&name)
                            .ok_or(ReplaceError::NoNamedGroup(name))?
                    }
                    Some(d @ '0'..='9') => {
                        // The first digit is always taken, more while the group number stays valid.
                        let mut g = d as usize - '0' as usize;
                        while let Some(n) = it.peek().and_then(|c| c.to_digit(10)) {
                            if g * 10 + n as usize > re.group_count() {
                                break;
                            }
                            g = g * 10 + n as usize;
                            it.next();
                        }
                        if g > re.group_count() {
                            return Err(ReplaceError::NoGroup(g));
                        }
                        g
                    }
                    Some(_) => return Err(ReplaceError::IllegalGroupReference),
                };
                out.push(Piece::Text(std::mem::take(&mut lit)));
                out.push(Piece::Group(g));
            }
            c => lit.push(c),
        }
    }
    out.push(Piece::Text(lit));
    Ok(out)
}

impl Regex {
    /// Java `Matcher.replaceAll`: `$n`, `${name}`, `\x` in the replacement. The replacement is
    /// only checked when there is a match, as in Java.
    pub fn replace_all(&self, text: &str, replacement: &str) -> Result<String, ReplaceError> {
        self.replace(text, replacement, usize::MAX)
    }

    /// Java `Matcher.replaceFirst`.
    pub fn replace_first(&self, text: &str, replacement: &str) -> Result<String, ReplaceError> {
        self.replace(text, replacement, 1)
    }

    fn replace(&self, text: &str, rep: &str, limit: usize) -> Result<String, ReplaceError> {
        let ms = self.matches(text, limit)?;
        if ms.is_empty() {
            return Ok(text.to_string());
        }
        let pieces = template(self, rep)?;
        let (mut out, mut last) = (String::new(), 0);
        for m in ms {
            out.push_str(&text[last..m[0]]);
            for p in &pieces {
                match p {
                    Piece::Text(s) => out.push_str(s),
                    Piece::Group(g) if m[2 * g] != usize::MAX => {
                        out.push_str(&text[m[2 * g]..m[2 * g + 1]])
                    }
                    Piece::Group(_) => {}
                }
            }
            last = m[1];
        }
        out.push_str(&text[last..]);
        Ok(out)
    }

    /// Java `String.split(regex, limit)`: `limit > 0` at most `limit` pieces, `0` drops trailing
    /// empty pieces, `< 0` keeps all; a zero-width match at index 0 gives no leading empty piece.
    pub fn split(&self, text: &str, limit: i32) -> Result<Vec<String>, MatchError> {
        let max = if limit > 0 {
            limit as usize
        } else {
            usize::MAX
        };
        let (mut out, mut index) = (Vec::new(), 0);
        for m in self.matches(text, max)? {
            if out.len() + 1 >= max {
                // The last allowed piece takes the rest of the text.
                break;
            }
            if index == 0 && m[0] == 0 && m[1] == 0 {
                continue;
            }
            out.push(text[index..m[0]].to_string());
            index = m[1];
        }
        if index == 0 {
            return Ok(vec![text.to_string()]);
        }
        out.push(text[index..].to_string());
        if limit == 0 {
            while out.last().is_some_and(String::is_empty) {
                out.pop();
            }
        }
        Ok(out)
    }
}
