//! One YAML document: its prologue, its root node, and nothing after it.

use serde_json::Value;

use super::error::YamlError;
use super::nodes::NodeContext;
use super::scanner::{DuplicateKeys, Parser};

const ONE_DOC: &str = "only one YAML document is supported; remove the second document";

/// Parses one YAML document into a JSON value.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    parse_with(text, DuplicateKeys::Refuse).map(|(value, _)| value)
}

/// Parses one YAML document into a JSON value, a key written twice in one
/// mapping taking its last value; with where each duplicate is.
pub fn parse_last_wins(text: &str) -> Result<(Value, Vec<YamlError>), YamlError> {
    parse_with(text, DuplicateKeys::LastWins)
}

fn parse_with(text: &str, duplicates: DuplicateKeys) -> Result<(Value, Vec<YamlError>), YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut p = Parser {
        chars: text.chars().collect(),
        duplicates,
        ..Parser::default()
    };
    if let Some(j) = p
        .chars
        .iter()
        .position(|&c| c < ' ' && c != '\t' && c != '\n')
    {
        let msg = format!(
            "the control character U+{:04X} is not allowed in YAML; write it as an escape in a double-quoted string",
            p.chars[j] as u32
        );
        return Err(p.error_at(j, &msg));
    }
    // Prologue: comments, `%` directives and an optional `---`.
    while let Some((j, ind, _)) = p.next_line(p.cursor)? {
        p.cursor = j;
        if p.chars[j] == '%' {
            p.skip_line();
            continue;
        }
        if ind < 0 && p.chars[j] == '-' {
            p.cursor += 3;
        }
        break;
    }
    let v = p.node(-1, NodeContext::ENTRY)?;
    p.expect_line_end()?;
    let replaced = std::mem::take(&mut p.replaced);
    match p.next_line(p.cursor)? {
        None => Ok((v, replaced)),
        Some((j, -1, _)) if p.chars[j] == '.' => match p.next_line(j + 3)? {
            None => Ok((v, replaced)),
            Some((k, ..)) => Err(p.error_at(k, ONE_DOC)),
        },
        Some((j, -1, _)) => Err(p.error_at(j, ONE_DOC)),
        Some((j, ..)) => Err(p.error_at(
            j,
            "this line does not fit the indentation of the lines above it; align it with the entries it belongs to",
        )),
    }
}
