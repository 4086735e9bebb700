//! One file per keyword. Each keyword compiles from its schema member(s) into a small struct
//! implementing [`Keyword`](super::graph::Keyword); [`compile`] collects them in fge's order.
//!
//! Order (evidence: `ValidatorBuilder.process` puts the keyword validators in a
//! `Maps.newTreeMap()`, i.e. sorted by keyword name; `FormatProcessor` then appends the
//! `format` validator): `additionalItems, additionalProperties, allOf, anyOf, dependencies,
//! enum, maxItems, maxLength, maxProperties, maximum, minItems, minLength, minProperties,
//! minimum, multipleOf, not, oneOf, pattern, required, type, uniqueItems, format`.
//! A keyword only runs for the instance types its fge digester declares (`SchemaDigester`
//! keeps only the keywords whose digester supports the instance's `NodeType`).

pub(crate) mod all_of;
pub(crate) mod any_of;
pub(crate) mod bound;
pub(crate) mod dependencies;
pub(crate) mod enum_;
pub(crate) mod format;
pub(crate) mod items;
pub(crate) mod min_max_items;
pub(crate) mod min_max_length;
pub(crate) mod min_max_properties;
pub(crate) mod minimum_maximum;
pub(crate) mod multiple_of;
pub(crate) mod not;
pub(crate) mod one_of;
pub(crate) mod pattern;
pub(crate) mod properties;
pub(crate) mod ref_;
pub(crate) mod required;
pub(crate) mod type_;
pub(crate) mod unique_items;

use super::compiler::{Compiler, Ctx};
use super::error::SchemaError;
use super::graph::Entry;
use super::selectors::{Items, Props};
use bound::Bound;

/// A schema's keywords, its member and element subschemas, and the instance types its `type`
/// allows (`ANY` without `type`; `Schema::valid_at` checks it itself).
pub(crate) struct Compiled {
    pub kws: Vec<Entry>,
    pub props: Option<Box<Props>>,
    pub items: Option<Box<Items>>,
    pub types: u8,
}

/// Compiles the keywords of one (non-`$ref`) schema object.
pub(crate) fn compile(cx: &mut Compiler, s: &Ctx) -> Result<Compiled, SchemaError> {
    // Pushed in fge's order (keyword names sorted), so no sorting is needed.
    let mut kws = Vec::new();
    let items = items::compile(cx, s, &mut kws)?;
    let mut props = properties::compile(cx, s, &mut kws)?;
    all_of::compile(cx, s, &mut kws)?;
    any_of::compile(cx, s, &mut kws)?;
    dependencies::compile(cx, s, &mut kws)?;
    enum_::compile(cx, s, &mut kws)?;
    min_max_items::compile(cx, s, &mut kws, Bound::Max)?;
    min_max_length::compile(cx, s, &mut kws, Bound::Max)?;
    min_max_properties::compile(cx, s, &mut kws, Bound::Max)?;
    minimum_maximum::compile(cx, s, &mut kws, Bound::Max)?;
    min_max_items::compile(cx, s, &mut kws, Bound::Min)?;
    min_max_length::compile(cx, s, &mut kws, Bound::Min)?;
    min_max_properties::compile(cx, s, &mut kws, Bound::Min)?;
    minimum_maximum::compile(cx, s, &mut kws, Bound::Min)?;
    multiple_of::compile(cx, s, &mut kws)?;
    not::compile(cx, s, &mut kws)?;
    one_of::compile(cx, s, &mut kws)?;
    pattern::compile(cx, s, &mut kws)?;
    required::compile(cx, s, &mut kws, props.as_deref_mut())?;
    let types = type_::compile(cx, s, &mut kws)?;
    unique_items::compile(cx, s, &mut kws)?;
    format::compile(cx, s, &mut kws)?;
    Ok(Compiled {
        kws,
        props,
        items,
        types,
    })
}
