//! `email`: JavaMail's `new InternetAddress(s, true)` (strict parsing).

/// JavaMail's `specialsNoDot`: `()<>,;:\\"[]@`.
fn special_no_dot(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '<' | '>' | ',' | ';' | ':' | '\\' | '"' | '[' | ']' | '@'
    )
}

/// Where `close` ends the quoted string or domain literal whose text starts at `index`
/// (a backslash escapes the next byte); `None` when it is never closed.
fn closing(b: &[u8], mut index: usize, close: u8) -> Option<usize> {
    while index < b.len() {
        match b[index] {
            b'\\' => index += 1,
            c if c == close => return Some(index),
            _ => {}
        }
        index += 1;
    }
    None
}

/// `new InternetAddress(s, true)`: `parse(s, true)` must give exactly one address, which must
/// then pass `checkAddress(address, true, true)` (or, for a group `name: list;`, whose list
/// must parse).
pub(super) fn email(s: &str) -> bool {
    let Some((1, addr)) = parse_addresses(s) else {
        return false;
    };
    if addr.ends_with(';') && addr.find(':').is_some_and(|i| i > 0) {
        let i = addr.find(':').unwrap_or(0);
        let list = &addr[i + 1..addr.len() - 1];
        let unfolded = list
            .replace("\r\n ", " ")
            .replace("\r\n\t", "\t")
            .replace("\n ", " ")
            .replace("\n\t", "\t");
        return parse_addresses(&unfolded).is_some();
    }
    check_address(addr, true, true)
}

fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}

/// `InternetAddress.parse(s, strict = true)`: the number of addresses and the first one.
fn parse_addresses(s: &str) -> Option<(usize, &str)> {
    let b = s.as_bytes();
    let len = b.len();
    let (mut start, mut end): (Option<usize>, Option<usize>) = (None, None);
    let (mut in_group, mut route_addr) = (false, false);
    let (mut count, mut first) = (0usize, "");
    let mut add = |addr| {
        if count == 0 {
            first = addr;
        }
        count += 1;
    };
    let mut index = 0;
    while index < len {
        match b[index] {
            b'(' => {
                if start.is_some() && end.is_none() {
                    end = Some(index);
                }
                let mut nesting = 1;
                index += 1;
                while index < len && nesting > 0 {
                    match b[index] {
                        b'\\' => index += 1,
                        b'(' => nesting += 1,
                        b')' => nesting -= 1,
                        _ => {}
                    }
                    index += 1;
                }
                if nesting > 0 {
                    return None;
                }
                index -= 1;
            }
            b')' | b'>' => return None,
            b'<' => {
                if route_addr {
                    return None;
                }
                let rindex = index;
                let mut inquote = false;
                index += 1;
                while index < len {
                    match b[index] {
                        b'\\' => index += 1,
                        b'"' => inquote = !inquote,
                        b'>' if !inquote => break,
                        _ => {}
                    }
                    index += 1;
                }
                if inquote || index >= len {
                    return None;
                }
                if !in_group {
                    start = Some(rindex + 1);
                }
                route_addr = true;
                end = Some(index);
            }
            b'"' => {
                start.get_or_insert(index);
                index = closing(b, index + 1, b'"')?;
            }
            b'[' => {
                start.get_or_insert(index);
                index = closing(b, index + 1, b']')?;
            }
            b';' => {
                let Some(st) = start else {
                    route_addr = false;
                    (start, end) = (None, None);
                    index += 1;
                    continue;
                };
                if !in_group {
                    return None;
                }
                in_group = false;
                add(java_trim(s.get(st..index + 1)?));
                route_addr = false;
                (start, end) = (None, None);
            }
            b',' => {
                let Some(st) = start else {
                    route_addr = false;
                    (start, end) = (None, None);
                    index += 1;
                    continue;
                };
                if in_group {
                    route_addr = false;
                    index += 1;
                    continue;
                }
                let addr = java_trim(s.get(st..end.unwrap_or(index))?);
                if !check_address(addr, route_addr, false) {
                    return None;
                }
                add(addr);
                route_addr = false;
                (start, end) = (None, None);
            }
            b':' => {
                if in_group {
                    return None;
                }
                start.get_or_insert(index);
                in_group = true;
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => {
                start.get_or_insert(index);
            }
        }
        index += 1;
    }
    if let Some(st) = start {
        let addr = java_trim(s.get(st..end.unwrap_or(len))?);
        if !check_address(addr, route_addr, false) {
            return None;
        }
        add(addr);
    }
    Some((count, first))
}

/// `InternetAddress.checkAddress(addr, routeAddr, validate)` (JavaMail 1.4.4–1.5 rules).
fn check_address(addr: &str, route: bool, validate: bool) -> bool {
    let b = addr.as_bytes();
    if b.is_empty() {
        return false;
    }
    let mut start = 0;
    if route && b[0] == b'@' {
        while let Some(i) = b[start..]
            .iter()
            .position(|c| *c == b',' || *c == b':')
            .map(|i| i + start)
        {
            if b[start] != b'@' {
                return false;
            }
            start = i + 1;
            if b[i] == b':' {
                break;
            }
        }
    }
    let mut c = None::<char>;
    let mut inquote = false;
    let mut at = None;
    for (i, ch) in addr[start.min(addr.len())..].char_indices() {
        let i = i + start;
        let lastc = c;
        c = Some(ch);
        if ch == '\\' || lastc == Some('\\') {
            continue;
        }
        if ch == '"' {
            if inquote {
                if validate && i + 1 < b.len() && b[i + 1] != b'@' {
                    return false;
                }
                inquote = false;
            } else {
                if validate && i != 0 {
                    return false;
                }
                inquote = true;
            }
            continue;
        }
        if inquote {
            continue;
        }
        if ch == '@' {
            if i == 0 {
                return false;
            }
            at = Some(i);
            break;
        }
        if ch <= ' ' || ch >= '\u{7f}' || special_no_dot(ch) {
            return false;
        }
    }
    if inquote {
        return false;
    }
    let Some(at) = at else {
        // The loop may end on an escaped '@': Java then looks for the domain past the end.
        return if c == Some('@') { false } else { !validate };
    };
    let domain = &addr[at + 1..];
    if domain.is_empty() || domain.starts_with('.') {
        return false;
    }
    let mut last = '@';
    for ch in domain.chars() {
        if ch == '[' {
            return true;
        }
        if ch <= ' ' || ch >= '\u{7f}' || special_no_dot(ch) || (ch == '.' && last == '.') {
            return false;
        }
        last = ch;
    }
    last != '.'
}
