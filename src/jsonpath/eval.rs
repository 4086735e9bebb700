//! Jayway's evaluation: path tokens walking a document (`PathToken.evaluate`), the deep scan with
//! its remembered array indexes, filters (`PredicatePathToken`) and the functions (`PathFunction`).

use serde_json::{Map, Value};
use std::borrow::Cow;
use std::cell::RefCell;

use super::ast::{
    Aggregate, Argument, Filter, Function, JsonPath, Operand, PathRoot, Segment, Selected,
};
use super::node::{relation_holds, Failure, Node};
use super::number::json_number_to_java_string;

/// How deep evaluation follows a document; deeper nodes are not visited.
const MAX_DEPTH: usize = 128;

/// Evaluates `path` against `root` as Jayway's `read` does; whatever makes Jayway throw selects
/// [`Selected::Missing`].
pub(super) fn select<'a>(path: &JsonPath, root: &'a Value) -> Selected<'a> {
    let evaluator = Evaluator {
        root,
        scan_indexes: RefCell::new(Vec::new()),
    };
    evaluator
        .evaluate(path, root, Properties::Optional, 0)
        .unwrap_or(Selected::Missing)
}

/// Whether a missing property fails the path (Jayway's `Option.REQUIRE_PROPERTIES`, which existence
/// checks in filters use).
#[derive(Clone, Copy, PartialEq)]
enum Properties {
    Optional,
    Required,
}

/// One `read` of a document: the root that `$` paths start from, and the state Jayway keeps in
/// its path tokens while it runs.
struct Evaluator<'a> {
    root: &'a Value,
    /// Jayway's mutable `upstreamArrayIndex` of path tokens, by segment address.
    scan_indexes: RefCell<Vec<(usize, i64)>>,
}

/// One evaluation of a path (Jayway's `EvaluationContext`), collecting what it selects.
struct Walk<'e, 'a, 'p> {
    evaluator: &'e Evaluator<'a>,
    path: &'p JsonPath,
    properties: Properties,
    selected: Vec<Cow<'a, Value>>,
}

/// Java `String.valueOf` of a document value (`None` for null).
fn string_value_of(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(json_number_to_java_string(n)),
        _ => Some(value.to_string()),
    }
}

impl<'a> Evaluator<'a> {
    fn evaluate(
        &self,
        path: &JsonPath,
        start: &'a Value,
        properties: Properties,
        depth: usize,
    ) -> Result<Selected<'a>, Failure> {
        let mut walk = Walk {
            evaluator: self,
            path,
            properties,
            selected: Vec::new(),
        };
        walk.step(0, start, depth)?;
        match path.is_definite() {
            true => walk
                .selected
                .pop()
                .map(Selected::One)
                .ok_or(Failure::NotFound),
            false => Ok(Selected::Many(walk.selected)),
        }
    }

    /// The array index the deep scan last remembered in `segment`, or -1.
    fn scan_index(&self, segment: &Segment) -> i64 {
        let key = segment as *const Segment as usize;
        let indexes = self.scan_indexes.borrow();
        indexes.iter().find(|e| e.0 == key).map_or(-1, |e| e.1)
    }

    fn set_scan_index(&self, segment: &Segment, index: i64) {
        let key = segment as *const Segment as usize;
        let mut indexes = self.scan_indexes.borrow_mut();
        match indexes.iter_mut().find(|e| e.0 == key) {
            Some(entry) => entry.1 = index,
            None => indexes.push((key, index)),
        }
    }

    /// Jayway `PredicatePathToken.accept`: InvalidPathException rejects the item, other failures
    /// propagate.
    fn accepts(&self, filter: &Filter, item: &'a Value, depth: usize) -> Result<bool, Failure> {
        match self.holds(filter, item, depth) {
            Err(Failure::Fatal) => Err(Failure::Fatal),
            result => Ok(result.unwrap_or(false)),
        }
    }

    fn holds(&self, filter: &Filter, item: &'a Value, depth: usize) -> Result<bool, Failure> {
        Ok(match filter {
            Filter::Or(alternatives) => {
                for alternative in alternatives {
                    if self.holds(alternative, item, depth)? {
                        return Ok(true);
                    }
                }
                false
            }
            Filter::And(conditions) => {
                for condition in conditions {
                    if !self.holds(condition, item, depth)? {
                        return Ok(false);
                    }
                }
                true
            }
            Filter::Not(inner) => !self.holds(inner, item, depth)?,
            // Jayway checks existence against the item, even for `$` paths
            Filter::Exists(path) => {
                match self.evaluate(path, item, Properties::Required, depth + 1) {
                    Ok(_) => true,
                    Err(Failure::NotFound) => false,
                    Err(failure) => return Err(failure),
                }
            }
            Filter::Relation(left, op, right) => relation_holds(
                self.operand(left, item, depth)?,
                *op,
                self.operand(right, item, depth)?,
            )?,
        })
    }

    fn operand<'s>(
        &self,
        operand: &'s Operand,
        item: &'a Value,
        depth: usize,
    ) -> Result<Node<'s>, Failure>
    where
        'a: 's,
    {
        Ok(match operand {
            Operand::Path(path, root) => {
                let start = match root {
                    PathRoot::Document => self.root,
                    PathRoot::Item => item,
                };
                match self.evaluate(path, start, Properties::Optional, depth + 1) {
                    // keys() gives Jayway a Set, which filters cannot convert
                    Ok(Selected::One(value))
                        if value.is_array()
                            && matches!(
                                path.segments.last(),
                                Some(Segment::Function(Function::Keys, _))
                            ) =>
                    {
                        return Err(Failure::Fatal)
                    }
                    Ok(Selected::One(value)) => Node::from_value(value),
                    Ok(Selected::Many(values)) => Node::Json(Cow::Owned(Value::Array(
                        values.into_iter().map(Cow::into_owned).collect(),
                    ))),
                    Ok(Selected::Missing) | Err(Failure::NotFound) => Node::Undefined,
                    Err(failure) => return Err(failure),
                }
            }
            Operand::Literal(literal) => Node::from_literal(literal),
            Operand::Regex { pattern, flags } => Node::Regex { pattern, flags },
        })
    }

    /// Calls `each` with every function argument (paths are evaluated against the document).
    fn for_each_argument(
        &self,
        arguments: &[Argument],
        depth: usize,
        mut each: impl FnMut(&Value),
    ) -> Result<(), Failure> {
        for argument in arguments {
            match argument {
                Argument::Json(value) => each(value),
                Argument::Path(path) => {
                    match self.evaluate(path, self.root, Properties::Optional, depth + 1)? {
                        Selected::One(value) => each(&value),
                        Selected::Many(values) => each(&Value::Array(
                            values.into_iter().map(Cow::into_owned).collect(),
                        )),
                        Selected::Missing => return Err(Failure::NotFound),
                    }
                }
            }
        }
        Ok(())
    }

    fn call_function(
        &self,
        function: Function,
        arguments: &[Argument],
        node: &'a Value,
        depth: usize,
    ) -> Result<Cow<'a, Value>, Failure> {
        let array = node.as_array();
        Ok(Cow::Owned(match function {
            Function::Length => {
                let inner = match arguments.first() {
                    Some(Argument::Path(path)) => {
                        match self.evaluate(path, node, Properties::Optional, depth + 1)? {
                            Selected::Many(values) => Some(values.len()),
                            Selected::One(value) => value.as_array().map(Vec::len),
                            Selected::Missing => None,
                        }
                    }
                    _ => None,
                };
                match (inner, node) {
                    (Some(n), _) => Value::from(n),
                    (_, Value::Array(a)) => Value::from(a.len()),
                    (_, Value::Object(o)) => Value::from(o.len()),
                    _ => Value::Null,
                }
            }
            Function::Keys => match node {
                Value::Object(o) => o.keys().map(|k| Value::String(k.clone())).collect(),
                _ => Value::Null,
            },
            Function::First | Function::Last | Function::Index => {
                let mut target = match function {
                    Function::First => Some(0),
                    Function::Last => Some(-1),
                    _ => None,
                };
                let int = |v: &Value| {
                    v.as_i64()
                        .and_then(|i| i32::try_from(i).ok())
                        .map(i64::from)
                };
                self.for_each_argument(arguments, depth, |v| {
                    let found = match v {
                        Value::Array(a) => a.iter().find_map(int),
                        v => int(v),
                    };
                    target = target.or(found);
                })?;
                let (Some(items), Some(target)) = (array, target) else {
                    return Err(Failure::Fatal);
                };
                // Jayway's negative index must land above 0
                let k = if target >= 0 {
                    target
                } else {
                    items.len() as i64 + target
                };
                return match items.get(k as usize) {
                    Some(v) if target >= 0 || k > 0 => Ok(Cow::Borrowed(v)),
                    _ => Err(Failure::Fatal),
                };
            }
            Function::Concat => {
                let mut text: String = array
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                self.for_each_argument(arguments, depth, |v| match v {
                    Value::Array(a) => text.extend(a.iter().filter_map(string_value_of)),
                    v => text.extend(string_value_of(v)),
                })?;
                Value::String(text)
            }
            Function::Append => {
                let Some(items) = array else {
                    return Ok(Cow::Borrowed(node));
                };
                let mut items = items.clone();
                self.for_each_argument(arguments, depth, |v| items.push(v.clone()))?;
                Value::Array(items)
            }
            Function::Aggregate(aggregate) => {
                let mut numbers: Vec<f64> = array
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_f64)
                    .collect();
                self.for_each_argument(arguments, depth, |v| match v {
                    Value::Array(a) => numbers.extend(a.iter().filter_map(Value::as_f64)),
                    v => numbers.extend(v.as_f64()),
                })?;
                if numbers.is_empty() {
                    return Err(Failure::Fatal);
                }
                let (sum, n) = (numbers.iter().sum::<f64>(), numbers.len() as f64);
                Value::from(match aggregate {
                    Aggregate::Sum => sum,
                    Aggregate::Avg => sum / n,
                    Aggregate::Min => numbers
                        .iter()
                        .fold(f64::MAX, |m, &x| if m > x { x } else { m }),
                    // Jayway starts from Double.MIN_VALUE (4.9E-324): all-negative input yields that
                    Aggregate::Max => {
                        numbers
                            .iter()
                            .fold(f64::from_bits(1), |m, &x| if m < x { x } else { m })
                    }
                    Aggregate::Stddev => {
                        let squares = numbers.iter().map(|x| x * x).sum::<f64>();
                        (squares / n - sum * sum / n / n).sqrt()
                    }
                })
            }
        }))
    }
}

impl<'a> Walk<'_, 'a, '_> {
    fn is_last(&self, i: usize) -> bool {
        i + 1 == self.path.segments.len()
    }

    /// Applies segment `i` to `node`.
    fn step(&mut self, i: usize, node: &'a Value, depth: usize) -> Result<(), Failure> {
        let Some(segment) = self.path.segments.get(i) else {
            self.selected.push(Cow::Borrowed(node));
            return Ok(());
        };
        let (path, last) = (self.path, self.is_last(i));
        let fail_if_definite = |failure| {
            if path.definite_before(i) {
                Err(failure)
            } else {
                Ok(())
            }
        };
        if depth > MAX_DEPTH {
            return Ok(());
        }
        match (segment, node) {
            (Segment::Properties(names), Value::Object(object)) if names.len() > 1 && last => {
                let mut merged = Map::new();
                for name in names {
                    match object.get(name) {
                        Some(v) => merged.insert(name.clone(), v.clone()),
                        None if self.properties == Properties::Required => {
                            return Err(Failure::NotFound)
                        }
                        None => None,
                    };
                }
                self.selected.push(Cow::Owned(Value::Object(merged)));
            }
            (Segment::Properties(names), Value::Object(object)) => {
                for name in names {
                    self.property(i, object, name, depth)?;
                }
            }
            (Segment::Wildcard, Value::Object(object)) => {
                for name in object.keys() {
                    self.property(i, object, name, depth)?;
                }
            }
            (Segment::Wildcard, Value::Array(items)) => {
                for k in 0..items.len() {
                    self.element(i, items, k as i64, depth)?;
                }
            }
            (Segment::Indexes(indexes), Value::Array(items)) => {
                for &k in indexes {
                    self.element(i, items, k as i64, depth)?;
                }
            }
            (&Segment::Slice { from, to }, Value::Array(items)) => {
                // Jayway: [from:] and [:to] wrap negatives, [from:to] leaves them to the index lookup
                let len = items.len() as i64;
                let wrap = |x: i32| if x < 0 { len + x as i64 } else { x as i64 };
                let range = match (from, to) {
                    (Some(from), None) => wrap(from).max(0)..len,
                    (None, Some(to)) => 0..wrap(to).min(len),
                    (from, to) => from.unwrap_or(0) as i64..(to.unwrap_or(0) as i64).min(len),
                };
                for k in range {
                    self.element(i, items, k, depth)?;
                }
            }
            (Segment::Properties(_) | Segment::Indexes(_) | Segment::Slice { .. }, _) => {
                return fail_if_definite(Failure::NotFound)
            }
            (Segment::Wildcard, _) => {}
            // `$..fn()`: Jayway throws IllegalStateException
            (Segment::DeepScan, _) if last => return Err(Failure::Fatal),
            (Segment::DeepScan, _) => return self.scan(i + 1, node, depth + 1),
            (Segment::Filter(filter), Value::Object(_)) => {
                if self.evaluator.accepts(filter, node, depth)? {
                    return self.element(i, std::slice::from_ref(node), 0, depth);
                }
            }
            (Segment::Filter(filter), Value::Array(items)) => {
                for (k, item) in items.iter().enumerate() {
                    if self.evaluator.accepts(filter, item, depth)? {
                        self.element(i, items, k as i64, depth)?;
                    }
                }
            }
            (Segment::Filter(_), _) => return fail_if_definite(Failure::Invalid),
            (Segment::Function(function, arguments), _) => {
                let value = self
                    .evaluator
                    .call_function(*function, arguments, node, depth)?;
                self.selected.push(value);
            }
        }
        Ok(())
    }

    /// Property `name` of `object`, for segment `i`.
    fn property(
        &mut self,
        i: usize,
        object: &'a Map<String, Value>,
        name: &str,
        depth: usize,
    ) -> Result<(), Failure> {
        let (path, last) = (self.path, self.is_last(i));
        let required = self.properties == Properties::Required
            || (!last && path.definite_before(i) && path.segments[i].is_definite());
        match object.get(name) {
            None if required => Err(Failure::NotFound),
            None => Ok(()),
            Some(v) if last => {
                // Jayway keeps a leaf reached through a deep-scanned array element only if the token
                // before the leaf is that element's index
                let n = path.segments.len();
                let previous_index = match &path.segments[..n - 1] {
                    [.., Segment::Indexes(x)] if x.len() == 1 => x[0] as i64,
                    _ => -2,
                };
                let remembered = self.evaluator.scan_index(&path.segments[i]);
                if remembered == -1 || remembered == previous_index {
                    self.selected.push(Cow::Borrowed(v));
                }
                Ok(())
            }
            Some(v) => self.step(i + 1, v, depth + 1),
        }
    }

    /// Element `k` of `items` (negative counts from the end), for segment `i`.
    fn element(
        &mut self,
        i: usize,
        items: &'a [Value],
        k: i64,
        depth: usize,
    ) -> Result<(), Failure> {
        let k = if k < 0 { items.len() as i64 + k } else { k };
        match usize::try_from(k).ok().and_then(|k| items.get(k)) {
            Some(v) if self.is_last(i) => self.selected.push(Cow::Borrowed(v)),
            Some(v) => return self.step(i + 1, v, depth + 1),
            None => {}
        }
        Ok(())
    }

    /// Jayway `ScanPathToken.walk`: pre-order; segment `t` (the one after `..`) applies to each
    /// matching node.
    fn scan(&mut self, t: usize, node: &'a Value, depth: usize) -> Result<(), Failure> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let (segment, last) = (&self.path.segments[t], self.is_last(t));
        let matches = match (segment, node) {
            // several names match any object, except at the end where all must be present
            (Segment::Properties(names), Value::Object(object)) => {
                (names.len() != 1 && !last) || names.iter().all(|k| object.contains_key(k))
            }
            (Segment::Indexes(_) | Segment::Slice { .. }, Value::Array(_))
            | (Segment::Wildcard, _) => true,
            (Segment::Filter(filter), Value::Object(_) | Value::Array(_)) => {
                self.evaluator.accepts(filter, node, depth)?
            }
            _ => false,
        };
        match node {
            Value::Object(object) => {
                if matches {
                    self.step(t, node, depth)?;
                }
                for v in object.values() {
                    self.scan(t, v, depth + 1)?;
                }
            }
            Value::Array(items) => {
                if matches && last {
                    self.step(t, node, depth)?;
                } else if matches {
                    // Jayway skips the token and applies the next one to every element,
                    // remembering the element's index in that next token
                    for (k, v) in items.iter().enumerate() {
                        self.evaluator
                            .set_scan_index(&self.path.segments[t + 1], k as i64);
                        self.step(t + 1, v, depth + 1)?;
                    }
                }
                for v in items {
                    self.scan(t, v, depth + 1)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
