//! `\p{..}` property classes and the predicates behind `\d`, `\w`, `\s`, `\h`, `\v`.

use super::ast::{Class, Item, Pred};
use super::fold::{simple_lower, simple_upper, Fold};

fn title(c: char) -> bool {
    c.is_alphabetic() && simple_upper(c) != c && simple_lower(c) != c
}

fn cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || title(c)
}

/// Unicode general category P, approximated.
fn punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation()
            && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~');
    }
    matches!(c, '¡' | '§' | '«' | '¶' | '·' | '»' | '¿' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{2043}'
        | '\u{2045}'..='\u{2051}' | '\u{2053}'..='\u{205e}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301f}' | '\u{ff01}'..='\u{ff0a}' | '\u{ff0c}'..='\u{ff0f}' | '\u{ff1a}' | '\u{ff1b}'
        | '\u{ff1f}' | '\u{ff20}')
}

/// `\p{..}` names. Names starting in lower case are looked up case-insensitively (Java's
/// `\p{IsX}` binary properties, ECMAScript long names); `\x` entries back the escapes `\d` etc.
/// Unicode categories are approximated with Rust's `char` methods.
#[rustfmt::skip]
const PROPS: &[(&str, Pred)] = &[
    ("\\d", |c| c.is_ascii_digit()), ("\\w", |c| c.is_ascii_alphanumeric() || c == '_'),
    ("\\uw", |c| c.is_alphanumeric() || c == '_'),
    ("\\s", |c| matches!(c, ' ' | '\t'..='\r')), ("\\es", |c| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'),
    ("\\h", |c| matches!(c, ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{180e}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')),
    ("\\v", |c| matches!(c, '\n'..='\r' | '\u{85}' | '\u{2028}' | '\u{2029}')),
    ("L", char::is_alphabetic), ("Lu", char::is_uppercase), ("Ll", char::is_lowercase), ("Lt", title), ("LC", cased),
    ("LD", char::is_alphanumeric), ("N", char::is_numeric), ("Nd", char::is_numeric), ("P", punct),
    ("Z", |c| c.is_whitespace() && !c.is_control()), ("Zl", |c| c == '\u{2028}'), ("Zp", |c| c == '\u{2029}'),
    ("Zs", |c| c.is_whitespace() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}')),
    ("Cc", char::is_control), ("L1", |c| (c as u32) < 256), ("all", |_| true), ("ASCII", |c| c.is_ascii()),
    ("Alnum", |c| c.is_ascii_alphanumeric()), ("Alpha", |c| c.is_ascii_alphabetic()), ("Blank", |c| c == ' ' || c == '\t'),
    ("Cntrl", |c| c.is_ascii_control()), ("Digit", |c| c.is_ascii_digit()), ("Graph", |c| c.is_ascii_graphic()),
    ("Lower", |c| c.is_ascii_lowercase()), ("Print", |c| c.is_ascii_graphic() || c == ' '),
    ("Punct", |c| c.is_ascii_punctuation()), ("Space", |c| matches!(c, ' ' | '\t'..='\r')),
    ("Upper", |c| c.is_ascii_uppercase()), ("XDigit", |c| c.is_ascii_hexdigit()),
    ("javaLowerCase", char::is_lowercase), ("javaUpperCase", char::is_uppercase), ("javaTitleCase", title),
    ("javaAlphabetic", char::is_alphabetic), ("javaLetter", char::is_alphabetic), ("javaDigit", char::is_numeric),
    ("javaLetterOrDigit", char::is_alphanumeric), ("javaSpaceChar", |c| c.is_whitespace() && !c.is_control()),
    ("javaWhitespace", |c| (c.is_whitespace() && !matches!(c, '\u{85}' | '\u{a0}' | '\u{2007}' | '\u{202f}')) || ('\x1c'..='\x1f').contains(&c)),
    ("javaISOControl", char::is_control),
    ("alphabetic", char::is_alphabetic), ("letter", char::is_alphabetic), ("lowercase", char::is_lowercase),
    ("uppercase", char::is_uppercase), ("titlecase", title), ("white_space", char::is_whitespace),
    ("whitespace", char::is_whitespace), ("digit", char::is_numeric), ("punctuation", punct), ("control", char::is_control),
    ("alnum", char::is_alphanumeric), ("hex_digit", |c| c.is_ascii_hexdigit()), ("uppercase_letter", char::is_uppercase),
    ("lowercase_letter", char::is_lowercase), ("number", char::is_numeric), ("decimal_number", char::is_numeric),
    ("separator", |c| c.is_whitespace() && !c.is_control()), ("any", |_| true), ("ascii", |c| c.is_ascii()),
];

/// A class for a property name (`gc=`/`general_category=` and `Is` prefixes allowed), as
/// matched with case folding `fold`.
pub(super) fn prop(name: &str, fold: Fold, negated: bool) -> Option<Class> {
    let key = match name.split_once('=') {
        Some((k, v)) if matches!(k.to_ascii_lowercase().as_str(), "gc" | "general_category") => v,
        Some(_) => return None,
        None => name.strip_prefix("Is").unwrap_or(name),
    };
    let entry = |k: &str| {
        PROPS.iter().find(|(n, _)| {
            *n == k || (n.starts_with(char::is_lowercase) && n.eq_ignore_ascii_case(k))
        })
    };
    // Java: case-insensitive matching widens the case classes.
    let ci = fold != Fold::Exact;
    let key = match key {
        "Lower" | "Upper" if ci => "Alpha",
        "Lu" | "Ll" | "Lt" | "javaLowerCase" | "javaUpperCase" | "javaTitleCase" if ci => "LC",
        k => k,
    };
    let test = entry(key)?.1;
    Some(Class::new(false, vec![Item::Pred { test, negated }]))
}
