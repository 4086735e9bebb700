//! JSON Schema draft-04 validation as API Gateway performs it for request bodies ("models").
//!
//! API Gateway validates bodies with the Java library java-json-tools (fge)
//! json-schema-validator 2.2.x and shows the error messages to mapping templates as
//! `$context.error.validationErrorString`. This module reproduces that library: which
//! instances pass, which errors are reported, in which order, and the exact message text.
//!
//! ```text
//! let mut docs = Documents::new();                 // other models, by absolute URI
//! docs.insert("https://apigateway.amazonaws.com/restapis/abc/models/Tag", tag_schema);
//! let pet = Schema::compile(&pet_schema, "https://apigateway.amazonaws.com/restapis/abc/models/Pet", &docs)?;
//! match pet.validate_text(body) {                  // the body text, read once
//!     Err(_) => "Unknown error parsing request body",   // not JSON
//!     Ok(errors) if errors.is_empty() => ...,       // valid: nothing allocated
//!     Ok(errors) => Schema::validation_error_string(&errors),   // "[msg1, msg2]"
//! }
//! ```
//!
//! # Layout
//!
//! `compile.rs` turns the schema into the graph of `graph.rs` (one node per schema location, so
//! recursive schemas are finite; `$ref` nodes forward to their target), with one small struct
//! per keyword (`keywords/*.rs`, one file per keyword; `properties.rs` holds `properties`,
//! `patternProperties` and `additionalProperties`, `items.rs` holds `items` and
//! `additionalItems`), each compiled against the interface of `compiler.rs`. `resolver.rs`
//! resolves `$ref` and `id`; `instance/` reads the JSON text of an instance into a flat arena
//! (what Jackson accepts, see `instance/parse.rs`); `validate.rs` walks the graph over that
//! arena, carrying `report.rs`'s trail and report, and choosing the subschemas of elements and
//! members with `selectors.rs`; `messages.rs` holds fge's message templates and how their
//! arguments print; `number.rs` does exact decimal arithmetic on number text; `types.rs` names
//! the instance types; `metaschema.rs` bundles the draft-04 metaschema.
//!
//! Arrows point one way: `compile.rs` → `keywords/` → the shared leaves (`graph.rs`,
//! `compiler.rs`, `report.rs`, `selectors.rs`, `instance/`, `messages.rs`, `types.rs`), and
//! `validate.rs` → the same leaves; the graph holds keywords as `dyn Keyword`, so neither the
//! graph nor the walk names a keyword.
//!
//! # Fidelity to fge, and the evidence
//!
//! Sources read: java-json-tools/json-schema-validator at commit 1b99be48 (the 2.2.x line,
//! 2014) and json-schema-core's `ProcessingMessage`.
//!
//! * **Messages** — `messages.rs` holds every template of
//!   `src/main/resources/com/github/fge/jsonschema/validator/validation.properties` that draft-04
//!   uses. Arguments: `ProcessingMessage.putArgument` feeds them to `java.util.Formatter` once
//!   all are present; strings print raw (the instance string inside `minLength`'s quotes is not
//!   escaped), `int`s as decimals, `JsonNode`s as Jackson's compact `toString()` (`["a","b"]`,
//!   strings escaped as `CharTypes.appendQuoted`), `NodeType` as its lower-case name, a Java
//!   `List` as `[a, b]` (only the date-time formats). Per keyword, the argument choice and order
//!   come from the keyword's validator class, named in each `keywords/*.rs` header.
//! * **Number text** — fge reads JSON with jackson-coreutils' `JsonLoader`, whose mapper uses
//!   `USE_BIG_DECIMAL_FOR_FLOATS` and a node factory that strips trailing zeros; Jackson prints
//!   such nodes with `BigDecimal.toString()`. So an instance `1.50` prints `1.5`, `100.0` prints
//!   `1E+2`, `0.0000001` prints `1E-7`, integers as written. Keyword values of `minimum`,
//!   `maximum` and `multipleOf` go through fge's `NumericDigester`, which stores an integral
//!   value that fits a `long` as an integer node (`100.0` prints `100`). Integers print as
//!   written, whatever their size (`IntNode`, `LongNode`, `BigIntegerNode`); `-0` is the
//!   integer 0. Instance numbers are read from the text exactly (no rounding to `f64`).
//!   *Inference:* that API Gateway hands fge nodes read this way (it is the library's own
//!   loader); no captured API Gateway message with a decimal was found.
//! * **Types** — `NodeType.getNodeType`: a number written with a fraction or exponent is
//!   `number` even when integral (`1.0` fails `"type": "integer"`; the suite's optional
//!   `zeroTerminatedFloats.json` agrees). `"number"` also admits integers and lists `"integer"`
//!   among the allowed types (`DraftV4TypeDigester`); allowed types print in `NodeType` order.
//! * **Keyword order** — `ValidatorBuilder` collects a schema's keyword validators in a
//!   `TreeMap` (sorted by name: `additionalItems, additionalProperties, allOf, anyOf,
//!   dependencies, enum, maxItems, maxLength, maxProperties, maximum, minItems, minLength,
//!   minProperties, minimum, multipleOf, not, oneOf, pattern, required, type, uniqueItems`), and
//!   `FormatProcessor` appends `format` last. `SchemaDigester` keeps only the keywords whose
//!   digester supports the instance type (e.g. `required` only for objects).
//! * **Children, and when they are skipped** — `InstanceValidator.process` runs the keywords,
//!   then returns early if the (shared) report already holds an error, unless deep checking is
//!   on (API Gateway uses the default, off; *inference*). Otherwise it visits array elements by
//!   index and object members sorted by name (`Collections.sort`, Java `String` order). So:
//!   parent keywords are reported before children; once any error is reported, later
//!   siblings' own keywords still run but nothing below them does. Member schemas follow
//!   `ObjectSchemaSelector` (`properties`, then every matching `patternProperties` regex in
//!   sorted order, else `additionalProperties` if a schema) and `ArraySchemaSelector` (without
//!   `items`, an `additionalItems` schema applies to every element — an fge quirk kept here).
//! * **allOf / anyOf / oneOf / not** — each subschema is validated into a separate report; the
//!   keyword adds one message (`err.draftv4.allOf.fail` with matched/total,
//!   `err.common.schema.noMatch` with the count, `err.draftv4.oneOf.fail` with matched/total,
//!   `err.draftv4.not.fail`) and attaches the sub-reports as `reports`, which do not appear in
//!   the report's message list — API Gateway's string shows only the summary.
//!   `dependencies`, by contrast, validates schema dependencies into the *same* report, so their
//!   errors are listed.
//! * **Sorted arguments** — `required` and property-dependency names are sorted by their
//!   digesters; `additionalProperties` sorts the unwanted names (`Ordering.natural()`), all in
//!   Java `String.compareTo` order (UTF-16 units).
//! * **Report list** — [`Schema::validation_error_string`] joins the top-level error messages as
//!   `List.toString()` does (`[a, b]`). Evidence: a captured API Gateway execution log line,
//!   "Request body does not match model schema for content type application/json: [object has
//!   missing required properties (["body","subject","to"])]". fge's warnings (unknown `format`)
//!   are not errors and are left out (*inference*).
//! * **format** — the draft-v4 dictionary of 2.2.x, including its "extra" formats (`base64`,
//!   `json-pointer`, `mac`, `md5`, `sha1`, `sha256`, `sha512`, `uuid`) and `regex`; each is
//!   reimplemented from the Java code fge calls (Joda-Time for `date-time`, JavaMail
//!   `InternetAddress` for `email`, Guava `InternetDomainName` / `InetAddresses` for `hostname`
//!   / `ipv4` / `ipv6`, `java.net.URI` for `uri`, Java 8 `UUID.fromString`); see `format.rs`.
//!   These deliberately differ from the RFCs where the Java code does (relative URIs are
//!   `uri`s, `_` is allowed in host names, `date-time` takes at most 3 fraction digits, ...).
//!
//! # Beyond fge
//!
//! * References and `id` follow the draft-04 test suite (fge 2.2 handles some `id` cases
//!   differently): `id` changes the resolution scope; `id: "#name"` declares a
//!   location-independent anchor; a `$ref` replaces its schema (siblings, `id` included, are
//!   ignored); JSON pointer fragments are percent-decoded and `~0`/`~1`-unescaped; the draft-04
//!   metaschema is built in. Every reachable `$ref` is resolved when compiling (fge resolves
//!   lazily), and unresolvable ones are [`SchemaError`]s.
//! * Schema errors: keywords are checked as fge's syntax checkers and the draft-04 metaschema
//!   require (`"required": []`, `"minimum": "x"`, `"type": "integr"`, `exclusiveMinimum` without
//!   `minimum`, a `pattern` that is not a valid ECMA 262 regex, ...), each reported with its
//!   JSON pointer and a sentence on how to fix it. Unknown keywords are ignored; `$schema` is
//!   only checked to be a string (fge would switch to draft-03 for a draft-03 `$schema`).
//! * Validation loops: fge throws ("validation loop") when a schema is entered again for the
//!   same instance value; here that path fails, and [`Schema::validate`] reports
//!   `validation loop: schema "#<pointer>" visited twice for the same instance ...` where the
//!   report would list it (keyword `""`, schema pointer = that schema). Nesting deeper than 512
//!   schemas is handled the same way. (Without this, `{"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}`
//!   would take exponential time.)
//! * Regular expressions (`pattern`, `patternProperties`, `format: regex`) use `crate::regex`
//!   in ECMAScript mode (fge uses Rhino); a match that runs out of its step budget
//!   (`MatchError::Budget`) counts as "no match".
//!
//! # Known gaps
//!
//! * Keyword values come from the schema's `serde_json::Value`: integers beyond 64 bits and
//!   decimals with more than 17 significant digits in a *schema* are rounded to `f64` (the
//!   instance side is exact).
//! * The exact versions API Gateway runs of JavaMail, Guava and Joda are unknown; `email`
//!   follows JavaMail 1.4.4–1.5 `checkAddress`, the IP parsers Guava 16 (which fge 2.2.6 pins).
//! * How API Gateway reads the body before fge sees it is inferred: Jackson's defaults (see
//!   `instance/parse.rs`), nesting limited to [`MAX_NESTING`] (Jackson 2.15's default).
//! * `validate` and `is_valid` agree on validity; `is_valid` allocates nothing itself (the
//!   instance buffers and the regex engine's scratch space are reused per thread), except that
//!   `uniqueItems` on arrays of more than 32 elements builds a hash table.
//!   `Schema::is_valid(&Value)` / `validate(&Value)` print the value and read the text back.

mod compile;
mod compiler;
mod error;
mod graph;
mod instance;
mod keywords;
mod messages;
mod metaschema;
mod number;
mod report;
mod resolver;
mod selectors;
#[cfg(test)]
mod tests;
mod types;
mod validate;

pub use error::{SchemaError, ValidationError};
pub use graph::Schema;
pub use instance::{NotJson, MAX_NESTING};
pub use metaschema::DRAFT4 as DRAFT4_METASCHEMA;
pub use resolver::Documents;

use report::{Report, Trail};
use serde_json::Value;

impl Schema {
    /// Compiles `schema`. `base_uri`: the schema's own URI (for resolving relative `$ref`s and
    /// `id`s), e.g. `"https://apigateway.amazonaws.com/restapis/abc/models/Pet"`; `documents`:
    /// where `$ref`s to other documents point.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] when the schema (or a schema it refers to) is not valid draft-04, or a
    /// `$ref` cannot be resolved.
    pub fn compile(
        schema: &Value,
        base_uri: &str,
        documents: &Documents,
    ) -> Result<Schema, SchemaError> {
        let (nodes, root) = compile::compile(schema, base_uri, documents)?;
        Ok(Schema { nodes, root })
    }

    /// Whether the JSON `text` is a valid instance. Stops at the first failure.
    ///
    /// # Errors
    ///
    /// [`NotJson`] when the text is not JSON as Jackson reads it (or nests deeper than
    /// [`MAX_NESTING`]); API Gateway reports that as "Unknown error parsing request body".
    pub fn is_valid_text(&self, text: &str) -> Result<bool, NotJson> {
        self.with_text(text, MAX_NESTING, |v| {
            self.valid_at(self.root, v, &Trail::root())
        })
    }

    /// All errors for the JSON `text`, in fge's report order (empty when valid, and then
    /// nothing is allocated but the parse buffers, which are reused). Only the top-level
    /// report: errors inside `allOf`/`anyOf`/`oneOf`/`not` show as that keyword's one message.
    ///
    /// # Errors
    ///
    /// [`NotJson`] as for [`Schema::is_valid_text`].
    pub fn validate_text(&self, text: &str) -> Result<Vec<ValidationError>, NotJson> {
        self.with_text(text, MAX_NESTING, |v| self.errors(v))
    }

    /// Whether `instance` is valid (it is printed and read back as text; numbers keep their
    /// `serde_json` meaning: an `f64` is a `number`, an integer an `integer`).
    pub fn is_valid(&self, instance: &Value) -> bool {
        let text = serde_json::to_string(instance).unwrap_or_default();
        self.with_text(&text, usize::MAX, |v| {
            self.valid_at(self.root, v, &Trail::root())
        })
        .unwrap_or(false)
    }

    /// All errors for `instance`, as [`Schema::validate_text`] reports them for its JSON text.
    pub fn validate(&self, instance: &Value) -> Vec<ValidationError> {
        let text = serde_json::to_string(instance).unwrap_or_default();
        // `serde_json` prints JSON that reads back (no nesting limit here).
        self.with_text(&text, usize::MAX, |v| self.errors(v))
            .unwrap_or_default()
    }

    fn with_text<R>(
        &self,
        text: &str,
        max_nesting: usize,
        f: impl FnOnce(instance::Val) -> R,
    ) -> Result<R, NotJson> {
        let parsed = instance::Parsed::new(text, max_nesting)?;
        let doc = parsed.doc();
        Ok(f(doc.at(0)))
    }

    fn errors(&self, v: instance::Val) -> Vec<ValidationError> {
        let root = Trail::root();
        if self.valid_at(self.root, v, &root) {
            return Vec::new();
        }
        let mut out = Report::new();
        self.collect_at(self.root, v, &mut out, &root);
        out.errors
    }

    /// API Gateway's `$context.error.validationErrorString`: the messages in Java
    /// `List.toString()` form, `"[msg1, msg2]"`.
    pub fn validation_error_string(errors: &[ValidationError]) -> String {
        let mut s = String::from("[");
        for (i, e) in errors.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&e.message);
        }
        s.push(']');
        s
    }
}
