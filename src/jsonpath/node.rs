//! Jayway's value nodes (`ValueNode`): what a filter makes of a path's result or a literal, and
//! how its relational operators (`EvaluatorFactory`) compare them.

use serde_json::Value;
use std::borrow::Cow;
use std::cmp::Ordering;

use super::ast::{Literal, Op};
use super::number::from_json_number;
use super::parse::{looks_like_path, parse_json_literal};
use crate::java::{BigDecimal, OwnedBigDecimal};

/// Jayway's value-node kinds: what a filter compares.
#[derive(Clone, Debug)]
pub(super) enum Node<'a> {
    /// A path that selected nothing.
    Undefined,
    Null,
    Bool(bool),
    Number(OwnedBigDecimal),
    String(Cow<'a, str>),
    /// An array or object.
    Json(Cow<'a, Value>),
    Regex {
        pattern: &'a str,
        flags: &'a str,
    },
    /// A list element Jayway would turn into a path or JSON node: equal to nothing.
    Incomparable,
}

/// Why an evaluation stopped, after Jayway's exception classes.
#[derive(Debug)]
pub(super) enum Failure {
    /// `PathNotFoundException`: a definite path found nothing.
    NotFound,
    /// `InvalidPathException`: in a filter, the item is rejected.
    Invalid,
    /// Any other exception: the whole read fails.
    Fatal,
}

impl<'a> Node<'a> {
    pub(super) fn from_value(value: Cow<'a, Value>) -> Node<'a> {
        match value {
            Cow::Borrowed(Value::String(s)) => Node::String(Cow::Borrowed(s)),
            Cow::Owned(Value::String(s)) => Node::String(Cow::Owned(s)),
            _ => match &*value {
                Value::Null => Node::Null,
                Value::Bool(b) => Node::Bool(*b),
                Value::Number(n) => Node::Number(from_json_number(n)),
                _ => Node::Json(value),
            },
        }
    }

    pub(super) fn from_literal(literal: &'a Literal) -> Node<'a> {
        match literal {
            Literal::Null => Node::Null,
            Literal::Bool(b) => Node::Bool(*b),
            Literal::Number(n) => Node::Number(n.clone()),
            Literal::String(s) => Node::String(Cow::Borrowed(s)),
            Literal::Json(value) => Node::Json(Cow::Borrowed(value)),
        }
    }

    /// Jayway `ValueNode.toValueNode` for a list element.
    fn from_list_element(value: &'a Value) -> Result<Node<'a>, Failure> {
        Ok(match value {
            Value::String(s) => {
                let text = s.trim();
                let brackets =
                    |open, close| text.len() > 1 && text.starts_with(open) && text.ends_with(close);
                let json = (brackets('[', ']') || brackets('{', '}'))
                    && parse_json_literal(text).is_some();
                if looks_like_path(text) || json {
                    Node::Incomparable
                } else {
                    Node::String(Cow::Borrowed(s))
                }
            }
            Value::Array(_) | Value::Object(_) => return Err(Failure::Fatal),
            _ => Node::from_value(Cow::Borrowed(value)),
        })
    }

    /// Jayway `asValueListNode`: the elements of an array, `None` for an object, `Invalid` for
    /// anything else.
    fn as_list(&self) -> Result<Option<Vec<Node<'_>>>, Failure> {
        match self {
            Node::Json(json) => json
                .as_array()
                .map(|items| items.iter().map(Node::from_list_element).collect())
                .transpose(),
            _ => Err(Failure::Invalid),
        }
    }

    /// `equals` of Jayway's value nodes: numbers and numeric strings compare as BigDecimal.
    fn equals(&self, other: &Node) -> bool {
        match (self, other) {
            (Node::Json(x), Node::Json(y)) => x == y,
            (Node::Number(x), Node::Number(y)) => x.value() == y.value(),
            (Node::Number(x), Node::String(s)) => {
                BigDecimal::parse(s).is_some_and(|y| x.value() == y)
            }
            (Node::String(x), Node::String(y)) => x == y,
            (Node::String(x), Node::Number(y)) => **x == y.value().to_java_string(),
            (Node::Bool(x), Node::Bool(y)) => x == y,
            (Node::Null, Node::Null) => true,
            _ => false,
        }
    }

    /// The text a regex filter matches against.
    fn regex_text(&self) -> String {
        match self {
            Node::String(s) => s.to_string(),
            Node::Number(n) => n.value().to_java_string(),
            Node::Bool(b) => b.to_string(),
            _ => String::new(),
        }
    }
}

/// Jayway's `=~`: Java's `Pattern.compile(pattern, flags).matcher(text).matches()`, with `i` for
/// case-insensitivity and the other flags ignored.
fn regex_matches(pattern: &str, flags: &str, text: &str) -> bool {
    let pattern = if flags.contains('i') {
        format!("(?i){pattern}")
    } else {
        pattern.to_string()
    };
    crate::regex::Regex::new(&pattern, crate::regex::Dialect::Java)
        .ok()
        .and_then(|re| re.full_match(text).ok())
        .unwrap_or(false)
}

/// Jayway's relational evaluators (`EvaluatorFactory`).
pub(super) fn relation_holds(left: Node, op: Op, right: Node) -> Result<bool, Failure> {
    let ordered = |want: fn(Ordering) -> bool| match (&left, &right) {
        (Node::Number(a), Node::Number(b)) => want(a.value().cmp(&b.value())),
        (Node::String(a), Node::String(b)) => want(a.encode_utf16().cmp(b.encode_utf16())),
        _ => false,
    };
    let same_kind = std::mem::discriminant(&left) == std::mem::discriminant(&right);
    let typed_equal = same_kind && left.equals(&right);
    let any_equal = |xs: &[Node], ys: &[Node]| xs.iter().any(|x| ys.iter().any(|y| x.equals(y)));
    Ok(match op {
        Op::Equal => left.equals(&right),
        Op::NotEqual => !left.equals(&right),
        Op::TypedEqual => typed_equal,
        Op::TypedNotEqual => !typed_equal,
        Op::Less => ordered(Ordering::is_lt),
        Op::LessOrEqual => ordered(Ordering::is_le),
        Op::Greater => ordered(Ordering::is_gt),
        Op::GreaterOrEqual => ordered(Ordering::is_ge),
        Op::In | Op::NotIn => {
            let found = right
                .as_list()?
                .is_some_and(|items| items.iter().any(|x| left.equals(x)));
            found == (op == Op::In)
        }
        Op::SubsetOf | Op::AnyOf | Op::NoneOf => {
            // Jayway converts the right operand first, so its failure is the one reported
            let (Some(rights), Some(lefts)) = (right.as_list()?, left.as_list()?) else {
                return Ok(false);
            };
            match op {
                Op::SubsetOf => lefts
                    .iter()
                    .all(|x| any_equal(std::slice::from_ref(x), &rights)),
                Op::AnyOf => any_equal(&lefts, &rights),
                _ => !any_equal(&lefts, &rights), // NoneOf
            }
        }
        Op::Size => {
            let Node::Number(size) = &right else {
                return Ok(false);
            };
            let want = size.value().integer_part();
            match &left {
                Node::String(s) => s.encode_utf16().count() as i64 == want,
                Node::Json(json) => json.as_array().map_or(-1, |a| a.len() as i64) == want,
                _ => false,
            }
        }
        Op::Empty => {
            let empty = match &left {
                Node::String(s) => s.is_empty(),
                Node::Json(json) => json.as_array().ok_or(Failure::Fatal)?.is_empty(),
                _ => return Ok(false),
            };
            let Node::Bool(want) = right else {
                return Err(Failure::Invalid);
            };
            empty == want
        }
        Op::Contains => match (&left, &right) {
            (Node::String(a), Node::String(b)) => a.contains(&**b),
            (Node::Json(_), _) => left
                .as_list()?
                .is_some_and(|items| items.iter().any(|x| right.equals(x))),
            _ => false,
        },
        Op::Exists => match (&left, &right) {
            (Node::Bool(a), Node::Bool(b)) => a == b,
            (Node::Bool(_), _) | (_, Node::Bool(_)) => return Err(Failure::Invalid),
            _ => return Err(Failure::Fatal),
        },
        Op::RegexMatch => {
            let ((Node::Regex { pattern, flags }, text) | (text, Node::Regex { pattern, flags })) =
                (&left, &right)
            else {
                return Ok(false);
            };
            match text {
                Node::Regex { .. } => false,
                Node::Json(json) if json.is_array() => text
                    .as_list()?
                    .unwrap_or_default()
                    .iter()
                    .any(|x| regex_matches(pattern, flags, &x.regex_text())),
                _ => regex_matches(pattern, flags, &text.regex_text()),
            }
        }
        // Jayway cannot build their right operand from a filter written as text
        Op::All | Op::Type | Op::Matches => return Err(Failure::Invalid),
    })
}
