//! `$ref` and `id` resolution (draft-04 §7): RFC 3986 reference resolution, the documents a
//! schema may point into, the `id`s they declare, and JSON pointers (with `~0`/`~1` and
//! percent-decoding of the fragment).
//!
//! Scope rules follow the draft-04 test suite: an `id` changes the resolution scope of its
//! schema and everything below it; an `id` with a fragment (`"#foo"`, `"b.json#foo"`) names a
//! location-independent anchor; a schema with a `$ref` is replaced by its target, so its own
//! `id` and other members are ignored; `id`s are only looked for in schema positions (not in
//! `enum`, `default` or unknown keywords).

use super::metaschema;
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::HashMap;

/// Where a schema's `$ref`s may point: documents by absolute URI (remote documents supplied by
/// the caller). The draft-04 metaschema (`http://json-schema.org/draft-04/schema#`) is built in.
#[derive(Debug, Default)]
pub struct Documents {
    map: IndexMap<String, Value>,
}

impl Documents {
    /// No documents (the draft-04 metaschema is always available).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the document at `uri`; a fragment in `uri` is ignored.
    pub fn insert(&mut self, uri: &str, document: Value) {
        self.map.insert(split_fragment(uri).0.to_string(), document);
    }

    /// The document stored at `uri` (without fragment).
    pub fn get(&self, uri: &str) -> Option<&Value> {
        self.map.get(uri)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// A schema location: a document (index into [`Resolver::docs`]) and a JSON pointer into it
/// (escaped form, as in a URI fragment after percent-decoding).
#[derive(Clone, Debug)]
pub(crate) struct Loc {
    pub doc: u32,
    pub ptr: String,
}

/// What a member of a schema object holds, for walking schema positions only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Schema,
    SchemaMap,
    SchemaArray,
    /// `items`: a schema or an array of schemas.
    SchemaOrArray,
    /// `dependencies`: schemas or arrays of names.
    DepMap,
    Other,
}

pub(crate) fn slot(key: &str) -> Slot {
    match key {
        "additionalItems" | "additionalProperties" | "not" => Slot::Schema,
        "properties" | "patternProperties" | "definitions" => Slot::SchemaMap,
        "allOf" | "anyOf" | "oneOf" => Slot::SchemaArray,
        "items" => Slot::SchemaOrArray,
        "dependencies" => Slot::DepMap,
        _ => Slot::Other,
    }
}

/// Whether a schema object is a reference (then everything else in it is ignored).
pub(crate) fn is_ref(m: &serde_json::Map<String, Value>) -> bool {
    matches!(m.get("$ref"), Some(Value::String(_)))
}

pub(crate) struct Resolver<'a> {
    /// Loaded documents: absolute URI (without fragment) and content. Document 0 is the root.
    pub docs: Vec<(String, &'a Value)>,
    supplied: &'a Documents,
    all_loaded: bool,
    /// Names → index into `locs`: a URI without fragment for documents and `id`s without a
    /// fragment, `uri#name` for `id`s with a plain-name fragment.
    names: HashMap<String, u32>,
    locs: Vec<Loc>,
}

impl<'a> Resolver<'a> {
    pub fn new(root: &'a Value, base_uri: &str, supplied: &'a Documents) -> Self {
        let mut r = Resolver {
            docs: Vec::new(),
            supplied,
            all_loaded: false,
            names: HashMap::new(),
            locs: Vec::new(),
        };
        r.load(split_fragment(base_uri).0, root);
        r
    }

    fn load(&mut self, uri: &str, v: &'a Value) -> Loc {
        let doc = self.docs.len() as u32;
        self.docs.push((uri.to_string(), v));
        let loc = Loc {
            doc,
            ptr: String::new(),
        };
        self.name(uri.to_string(), loc.clone());
        self.index(doc, v, &mut String::new(), uri);
        loc
    }

    /// Registers a name unless already taken (the first declaration wins).
    fn name(&mut self, name: String, loc: Loc) {
        if !self.names.contains_key(&name) {
            self.names.insert(name, self.locs.len() as u32);
            self.locs.push(loc);
        }
    }

    fn lookup(&self, name: &str) -> Option<Loc> {
        self.names.get(name).map(|&i| self.locs[i as usize].clone())
    }

    /// Registers the `id`s of the schema at `v` and below.
    fn index(&mut self, doc: u32, v: &Value, ptr: &mut String, base: &str) {
        let Value::Object(m) = v else { return };
        if is_ref(m) {
            return;
        }
        let mut scope = None;
        if let Some(Value::String(id)) = m.get("id") {
            let abs = resolve(base, id);
            let (uri, frag) = split_fragment(&abs);
            let loc = Loc {
                doc,
                ptr: ptr.clone(),
            };
            match frag {
                Some(f) if !f.is_empty() => self.name(format!("{uri}#{f}"), loc),
                _ => self.name(uri.to_string(), loc),
            }
            scope = Some(abs);
        }
        let base = scope.as_deref().unwrap_or(base);
        for (k, sub) in m {
            let len = ptr.len();
            push_token(ptr, k);
            match (slot(k), sub) {
                (Slot::Schema | Slot::SchemaOrArray, Value::Object(_)) => {
                    self.index(doc, sub, ptr, base)
                }
                (Slot::SchemaMap | Slot::DepMap, Value::Object(o)) => {
                    for (k2, s2) in o {
                        let l2 = ptr.len();
                        push_token(ptr, k2);
                        self.index(doc, s2, ptr, base);
                        ptr.truncate(l2);
                    }
                }
                (Slot::SchemaArray | Slot::SchemaOrArray, Value::Array(a)) => {
                    for (i, s2) in a.iter().enumerate() {
                        let l2 = ptr.len();
                        push_token(ptr, &i.to_string());
                        self.index(doc, s2, ptr, base);
                        ptr.truncate(l2);
                    }
                }
                _ => {}
            }
            ptr.truncate(len);
        }
    }

    /// The location a URI without fragment names, loading the document if needed.
    fn resource(&mut self, uri: &str) -> Option<Loc> {
        if let Some(l) = self.lookup(uri) {
            return Some(l);
        }
        if let Some(v) = self.supplied.get(uri) {
            return Some(self.load(uri, v));
        }
        if uri == metaschema::URI {
            return Some(self.load(uri, metaschema::value()));
        }
        if !self.all_loaded {
            // An `id` inside a supplied document may name it.
            self.all_loaded = true;
            let all: Vec<(&'a str, &'a Value)> = self.supplied.iter().collect();
            for (u, v) in all {
                if !self.docs.iter().any(|(d, _)| d == u) {
                    self.load(u, v);
                }
            }
            return self.lookup(uri);
        }
        None
    }

    pub fn value(&self, loc: &Loc) -> Option<&'a Value> {
        let root = self.docs.get(loc.doc as usize)?.1;
        if loc.ptr.is_empty() {
            Some(root)
        } else {
            root.pointer(&loc.ptr)
        }
    }

    /// Resolves `reference` against `base` to a location holding a JSON value.
    pub fn resolve_ref(&mut self, base: &str, reference: &str) -> Result<Loc, String> {
        let target = resolve(base, reference);
        let (uri, frag) = split_fragment(&target);
        let frag = percent_decode(frag.unwrap_or("")).ok_or_else(|| {
            format!("\"$ref\": \"{reference}\" has a fragment that is not valid percent-encoded UTF-8; escape it as RFC 3986 requires")
        })?;
        let loc = if frag.is_empty() || frag.starts_with('/') {
            let Some(res) = self.resource(uri) else {
                return Err(format!("\"$ref\": \"{reference}\" points to \"{uri}\", which is no known document (nor an \"id\" in one); refer to another model of the API (#/components/schemas/Name), or give the validator that document"));
            };
            Loc {
                doc: res.doc,
                ptr: res.ptr + &frag,
            }
        } else {
            let _ = self.resource(uri);
            match self.lookup(&format!("{uri}#{frag}")) {
                Some(l) => l,
                None => {
                    return Err(format!("\"$ref\": \"{reference}\" names \"#{frag}\", but no schema declares \"id\": \"#{frag}\" in \"{uri}\"; declare it or use a JSON pointer fragment"));
                }
            }
        };
        if self.value(&loc).is_none() {
            return Err(format!("\"$ref\": \"{reference}\" points to nothing: \"{}\" has no \"{}\"; fix the JSON pointer (escape \"/\" as ~1 and \"~\" as ~0)", uri, loc.ptr));
        }
        Ok(loc)
    }

    /// The resolution scope in effect for the schema at `loc` (before its own `id`).
    pub fn base_at(&self, loc: &Loc) -> String {
        let (uri, root) = &self.docs[loc.doc as usize];
        let mut base = uri.clone();
        let (mut v, mut pos) = (*root, Slot::Schema);
        for tok in tokens(&loc.ptr) {
            if pos == Slot::Schema {
                if let Value::Object(m) = v {
                    if is_ref(m) {
                        pos = Slot::Other;
                    } else if let Some(Value::String(id)) = m.get("id") {
                        base = resolve(&base, id);
                    }
                }
            }
            let next = match v {
                Value::Object(m) => m.get(tok.as_str()),
                Value::Array(a) => tok.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            };
            let Some(next) = next else { break };
            pos = match pos {
                Slot::Schema => match slot(&tok) {
                    Slot::Schema => Slot::Schema,
                    Slot::SchemaOrArray if next.is_object() => Slot::Schema,
                    Slot::SchemaArray | Slot::SchemaOrArray => Slot::SchemaArray,
                    Slot::SchemaMap | Slot::DepMap => Slot::SchemaMap,
                    Slot::Other => Slot::Other,
                },
                Slot::SchemaMap | Slot::SchemaArray => Slot::Schema,
                _ => Slot::Other,
            };
            v = next;
        }
        base
    }

    /// How errors name a location: the pointer for the root document, `uri#pointer` otherwise.
    pub fn display(&self, doc: u32, ptr: &str) -> String {
        if doc == 0 {
            ptr.to_string()
        } else {
            format!("{}#{}", self.docs[doc as usize].0, ptr)
        }
    }
}

/// Appends `/token` to a JSON pointer, escaping `~` and `/`.
pub(crate) fn push_token(ptr: &mut String, token: &str) {
    ptr.push('/');
    for c in token.chars() {
        match c {
            '~' => ptr.push_str("~0"),
            '/' => ptr.push_str("~1"),
            c => ptr.push(c),
        }
    }
}

/// The unescaped tokens of a JSON pointer.
fn tokens(ptr: &str) -> impl Iterator<Item = String> + '_ {
    ptr.split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
}

pub(crate) fn split_fragment(uri: &str) -> (&str, Option<&str>) {
    match uri.find('#') {
        Some(i) => (&uri[..i], Some(&uri[i + 1..])),
        None => (uri, None),
    }
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let (b, mut out, mut i) = (s.as_bytes(), Vec::with_capacity(s.len()), 0);
    while i < b.len() {
        if b[i] == b'%' {
            let h = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

struct UriParts<'s> {
    scheme: Option<&'s str>,
    authority: Option<&'s str>,
    path: &'s str,
    query: Option<&'s str>,
    fragment: Option<&'s str>,
}

fn parse(s: &str) -> UriParts<'_> {
    let (rest, fragment) = split_fragment(s);
    let (mut rest, query) = match rest.find('?') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let mut scheme = None;
    if let Some(i) = rest.find(':') {
        let c = &rest[..i];
        let ok = c.starts_with(|c: char| c.is_ascii_alphabetic())
            && c.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if ok {
            scheme = Some(c);
            rest = &rest[i + 1..];
        }
    }
    let (authority, path) = match rest.strip_prefix("//") {
        Some(r) => {
            let end = r.find('/').unwrap_or(r.len());
            (Some(&r[..end]), &r[end..])
        }
        None => (None, rest),
    };
    UriParts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

/// RFC 3986 §5.2 reference resolution (non-strict: a relative base stays relative).
pub(crate) fn resolve(base: &str, reference: &str) -> String {
    let r = parse(reference);
    let b = parse(base);
    let (scheme, authority, path, query);
    if r.scheme.is_some() {
        (scheme, authority, path, query) = (r.scheme, r.authority, remove_dots(r.path), r.query);
    } else {
        scheme = b.scheme;
        if r.authority.is_some() {
            (authority, path, query) = (r.authority, remove_dots(r.path), r.query);
        } else {
            authority = b.authority;
            if r.path.is_empty() {
                path = b.path.to_string();
                query = r.query.or(b.query);
            } else {
                query = r.query;
                path = if r.path.starts_with('/') {
                    remove_dots(r.path)
                } else if b.authority.is_some() && b.path.is_empty() {
                    remove_dots(&format!("/{}", r.path))
                } else {
                    match b.path.rfind('/') {
                        Some(i) => remove_dots(&format!("{}{}", &b.path[..=i], r.path)),
                        None => remove_dots(r.path),
                    }
                };
            }
        }
    }
    let mut out = String::new();
    if let Some(s) = scheme {
        out.push_str(s);
        out.push(':');
    }
    if let Some(a) = authority {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = r.fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn remove_dots(input: &str) -> String {
    fn pop(out: &mut String) {
        let at = out.rfind('/').unwrap_or(0);
        out.truncate(at);
    }
    let mut out = String::new();
    let mut i = input;
    while !i.is_empty() {
        if let Some(r) = i.strip_prefix("../").or_else(|| i.strip_prefix("./")) {
            i = r;
        } else if i.starts_with("/./") {
            i = &i[2..];
        } else if i == "/." {
            i = "/";
        } else if i.starts_with("/../") {
            i = &i[3..];
            pop(&mut out);
        } else if i == "/.." {
            i = "/";
            pop(&mut out);
        } else if i == "." || i == ".." {
            i = "";
        } else {
            let skip = usize::from(i.starts_with('/'));
            let end = i[skip..].find('/').map_or(i.len(), |e| e + skip);
            out.push_str(&i[..end]);
            i = &i[end..];
        }
    }
    out
}
