//! What Java does that Rust does not, written once. API Gateway runs on
//! Java: Velocity renders mapping templates, Jayway evaluates JSONPath,
//! fge validates with Jackson's JSON, and the execution log prints Java
//! maps. Matching its bytes means matching `String.hashCode` and
//! `compareTo` (over UTF-16), `Double.toString`, `BigDecimal`, Jackson's
//! string escaping and `HashMap`'s iteration order; every engine that
//! needs one of them calls it here.

mod big_decimal;
mod hash_map;
mod json;
mod number;
mod string;

pub(crate) use big_decimal::{BigDecimal, OwnedBigDecimal};
pub(crate) use hash_map::iteration_order;
pub(crate) use json::write_string;
pub(crate) use number::double_to_string;
pub(crate) use string::{compare, compare_to, hash_code, length};
