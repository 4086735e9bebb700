//! Plain serde DTOs that cross the JS boundary, camelCase, bodies as bytes.
//!
//! `wasm.rs` only converts JS values to and from these; every conversion
//! rule lives here and is tested natively. `gateway` carries what a
//! gateway's requests exchange, `tooling` what the template and schema
//! tools (`renderTemplate`, `compileSchema`, `validate`) do.

mod gateway;
mod tooling;

#[cfg(target_arch = "wasm32")]
pub use gateway::{
    route_spans_utf16, CallResultDto, CorsOptionsDto, FunctionDto, OptionsDto, RequestDto,
    ResourceDto, StepDto, TestInvokeDto, METHODS,
};
#[cfg(target_arch = "wasm32")]
pub use tooling::{
    compile_schema, render_template, validate_text, TemplateErrorDto, TemplateInputDto,
};

use serde::{Deserialize, Serialize};

/// Bytes that cross as a `Uint8Array` (and as a list of numbers in JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes (a Uint8Array), a string, or a list of numbers")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Bytes, E> {
                Ok(Bytes(v.as_bytes().to_vec()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Bytes, E> {
                Ok(Bytes(Vec::new()))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Bytes, E> {
                Ok(Bytes(Vec::new()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Bytes, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(b) = seq.next_element::<u8>()? {
                    out.push(b);
                }
                Ok(Bytes(out))
            }
        }
        d.deserialize_byte_buf(Visitor)
    }
}
