//! `$ref`: the schema is replaced by the schema the reference points to (draft-04 §7; fge's
//! `RefResolver` does the same), so its other members, `id` included, are ignored. The
//! reference resolves against the scope of the enclosing schemas. Targets are compiled like
//! any other location; `Compiler::link` then points the `$ref` node at the end of the chain.

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use serde_json::Value;

/// The node the schema forwards to, if it is a `$ref`.
pub(crate) fn compile(cx: &mut Compiler, s: &Ctx) -> Result<Option<u32>, SchemaError> {
    let Some(r) = s.map.get("$ref") else {
        return Ok(None);
    };
    let Value::String(r) = r else {
        return Err(cx.wrong(
            s,
            &["$ref"],
            "a string (a URI reference such as \"#/definitions/Pet\")",
            r,
        ));
    };
    let loc = cx
        .res
        .resolve_ref(s.base, r)
        .map_err(|m| cx.err(s, &["$ref"], m))?;
    Ok(Some(cx.node(loc, None)))
}
