//! Jackson's JSON string escaping, which every JSON document API Gateway
//! writes itself follows: `"` `\` and the short escapes (`\b \f \n \r \t`)
//! by name, every other control character as an upper-case `\u00XX`, the
//! rest (non-ASCII included) as it is.

/// Appends `s` as a JSON string literal, quotes included.
pub(crate) fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_jackson_escapes_them() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}é/\u{7f}");
        // Only controls below 0x20 escape: DEL and non-ASCII pass as they are.
        let mut expected = String::from(r#""a\"b\\c\n\r\t\b\f\u0001\u001Fé/"#);
        expected.push('\u{7f}');
        expected.push('"');
        assert_eq!(out, expected);
    }
}
