//! `format` (fge `FormatProcessor` + the draft-v4 format dictionary of json-schema-validator
//! 2.2.x): strings only; the validator runs after all other keywords of the schema. Unknown
//! formats are ignored (fge logs a *warning*, `format attribute "%s" not supported`, which is
//! not an error and not listed).
//!
//! fge's draft-v4 dictionary (`DraftV4FormatAttributesDictionary`, `CommonFormatAttributesDictionary`,
//! `ExtraFormatsDictionary`) and what each attribute calls, reproduced here:
//!
//! | format | fge check | here |
//! |---|---|---|
//! | `date-time` | Joda `yyyy-MM-dd'T'HH:mm:ss[.S{1,3}]` + `appendTimeZoneOffset("Z", false, 2, 2)` | [`date_time()`] |
//! | `email` | `new javax.mail.internet.InternetAddress(s, true)` | [`email()`] |
//! | `hostname` | Guava `InternetDomainName.from(s)` | [`hostname`] |
//! | `ipv4`, `ipv6` | Guava `InetAddresses.forString(s).getAddress().length` 4 / 16 | [`ip`] |
//! | `uri` | `new java.net.URI(s)` (relative references are valid) | [`uri()`] |
//! | `regex` | Rhino regex compiles | `crate::regex` (ECMAScript) compiles |
//! | `base64` | length % 4 == 0, then at most two `=` stripped, then `[A-Za-z0-9+/]*` | [`base64`] |
//! | `md5`, `sha1`, `sha256`, `sha512` | hex string of 32/40/64/128 chars | [`hex`] |
//! | `mac` | `[A-Za-z0-9]{2}(?::[A-Za-z0-9]{2}){5}` (sic: not only hex) | [`mac`] |
//! | `uuid` | `java.util.UUID.fromString` (Java 8: five `-`-separated hex groups of any length that fit a `long`) | [`uuid`] |
//! | `json-pointer` | jackson-coreutils `JsonPointer` | [`json_pointer`] |
//!
//! One file per family: `date_time.rs`, `email.rs`, `network.rs` (host names and IP
//! addresses), `uri.rs`, `extra.rs` (the "extra" formats).
//!
//! Java specifics kept: lengths and indexes count UTF-16 units; `Character.digit` accepts
//! non-ASCII decimal digits (Guava's IP parser did, before Guava 26); an IPv4-mapped IPv6
//! address (`::ffff:1.2.3.4`) is an IPv4 address to `InetAddress.getByAddress`, so it passes
//! `ipv4` and fails `ipv6`.

mod date_time;
mod email;
mod extra;
mod network;
mod uri;

use crate::regex::{Dialect, Regex};
use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::STRING;
use date_time::date_time;
use email::email;
use extra::{base64, hex, json_pointer, mac, uuid};
use network::{hostname, ip};
use serde_json::Value;
use uri::uri;

/// A format attribute of fge's dictionary; `Hex` holds the digest's length in hex digits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attribute {
    DateTime,
    Email,
    Hostname,
    Ipv4,
    Ipv6,
    Uri,
    Regex,
    Base64,
    JsonPointer,
    Mac,
    Hex(usize),
    Uuid,
}

const NAMES: [(&str, Attribute); 15] = [
    ("date-time", Attribute::DateTime),
    ("email", Attribute::Email),
    ("hostname", Attribute::Hostname),
    ("ipv4", Attribute::Ipv4),
    ("ipv6", Attribute::Ipv6),
    ("uri", Attribute::Uri),
    ("regex", Attribute::Regex),
    ("base64", Attribute::Base64),
    ("json-pointer", Attribute::JsonPointer),
    ("mac", Attribute::Mac),
    ("md5", Attribute::Hex(32)),
    ("sha1", Attribute::Hex(40)),
    ("sha256", Attribute::Hex(64)),
    ("sha512", Attribute::Hex(128)),
    ("uuid", Attribute::Uuid),
];

pub(crate) struct Format(Attribute);

impl Keyword for Format {
    fn name(&self) -> &'static str {
        "format"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        let Some(s) = v.as_str() else { return true };
        match self.0 {
            Attribute::DateTime => date_time(s),
            Attribute::Email => email(s),
            Attribute::Hostname => hostname(s),
            Attribute::Ipv4 => ip(s) == Some(4),
            Attribute::Ipv6 => ip(s) == Some(16),
            Attribute::Uri => uri(s),
            Attribute::Regex => Regex::new(s, Dialect::EcmaScript).is_ok(),
            Attribute::Base64 => base64(s).is_ok(),
            Attribute::JsonPointer => json_pointer(s),
            Attribute::Mac => mac(s),
            Attribute::Hex(n) => hex(s, n).is_ok(),
            Attribute::Uuid => uuid(s),
        }
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        let s = v.as_str().unwrap_or_default();
        match self.0 {
            Attribute::DateTime => messages::date_time(s),
            Attribute::Email => messages::email(s),
            Attribute::Hostname => messages::hostname(s),
            Attribute::Ipv4 => messages::ipv4(s),
            Attribute::Ipv6 => messages::ipv6(s),
            Attribute::Uri => messages::uri(s),
            Attribute::Regex => messages::regex(s),
            Attribute::Base64 => match base64(s) {
                Err(None) => messages::base64_length(crate::java::length(s)),
                Err(Some((c, i))) => messages::base64_char(&c, i),
                Ok(()) => String::new(),
            },
            Attribute::JsonPointer => messages::json_pointer(s),
            Attribute::Mac => messages::mac(s),
            Attribute::Hex(n) => match hex(s, n) {
                Err(None) => messages::hex_length(crate::java::length(s), n),
                Err(Some((c, i))) => messages::hex_char(&c, i),
                Ok(()) => String::new(),
            },
            Attribute::Uuid => messages::uuid(s),
        }
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let Some(f) = s.map.get("format") else {
        return Ok(());
    };
    let Value::String(name) = f else {
        return Err(cx.wrong(
            s,
            &["format"],
            "a string naming a format (e.g. \"date-time\")",
            f,
        ));
    };
    if let Some((_, fmt)) = NAMES.iter().find(|(n, _)| n == name) {
        out.push(entry(STRING, Format(*fmt)));
    }
    Ok(())
}
