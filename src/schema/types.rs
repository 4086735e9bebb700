//! The instance types, fge's `NodeType`s, as bits: a keyword keeps the set of types it applies
//! to as a mask, and every instance node has one bit.

pub(crate) const NULL: u8 = 1;
pub(crate) const BOOLEAN: u8 = 2;
pub(crate) const INTEGER: u8 = 4;
pub(crate) const NUMBER: u8 = 8;
pub(crate) const STRING: u8 = 16;
pub(crate) const ARRAY: u8 = 32;
pub(crate) const OBJECT: u8 = 64;
pub(crate) const NUMERIC: u8 = INTEGER | NUMBER;
pub(crate) const ANY: u8 = 127;

/// fge's `NodeType` name of a type bit. A number written with a fraction or exponent is a
/// `number` even when integral (`1.0`), as Jackson reads it into a `DecimalNode`.
pub(crate) fn type_name(ty: u8) -> &'static str {
    match ty {
        NULL => "null",
        BOOLEAN => "boolean",
        INTEGER => "integer",
        NUMBER => "number",
        STRING => "string",
        ARRAY => "array",
        _ => "object",
    }
}
