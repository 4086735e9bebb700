//! A small backtracking regular-expression engine with `java.util.regex` semantics (API Gateway
//! selection patterns, Velocity `matches`/`replaceAll`/`replaceFirst`/`split`) and, with
//! [`Dialect::EcmaScript`], ECMAScript syntax (JSON Schema `pattern`).
//!
//! Texts are matched char by char (Unicode scalar values); all offsets are byte offsets.
//! Matching runs on an explicit backtracking stack with a step budget, so a catastrophic pattern
//! such as `(a+)+b` returns [`MatchError::Budget`](error::MatchError::Budget) instead of hanging. The stack and capture
//! vectors are reused per thread, and simple anchored patterns (`^[A-Z]{3}-[0-9]{4}$`) are
//! decided in one pass where that is exact (`anchored.rs`).
//!
//! Supported: literals and escapes (`\t \n \r \f \a \e \0oct \xhh \x{h..} \uhhhh \cX`, `\Q..\E`),
//! `.`, classes with ranges, negation, Java unions `[a[b]]` and intersections `[a-z&&[^aeiou]]`,
//! `\d \D \w \W \s \S \h \H \v \V \R`, `\p{..}`/`\P{..}` (POSIX, `java*`, general categories
//! L Lu Ll Lt N Nd P Z Zs Zl Zp Cc, `IsAlphabetic` etc.; Unicode ones approximated with Rust's
//! `char` methods), anchors `^ $ \b \B \A \z \Z \G`, groups (capturing, `(?:)`, `(?<name>)`,
//! lookahead, lookbehind of any length, atomic `(?>)`), inline flags `(?imsxudU-imsxudU)` and
//! `(?i:..)`, greedy/lazy/possessive quantifiers, alternation, back references `\n` `\k<name>`.
//! ECMAScript: the same minus the Java-only constructs, Annex B leniencies (`{` and unknown
//! escapes are literal, `\8`, legacy octal), `\u{..}` and `\p{..}` as with the `u` flag.
//!
//! Not supported: scripts/blocks in `\p{..}` (`IsLatin`, `InGreek`), `\X`, `\N{..}`, `\b{g}`,
//! canonical equivalence, lone surrogates.
//!
//! Known differences from Java: captures always come from the successful path (Java sometimes
//! keeps groups set inside failed negative lookarounds or abandoned loop iterations); after an
//! empty iteration a quantified group always stops (Java's `Loop` rule; some of Java's internal
//! fast paths differ); Java's lookbehind length check is approximated, and lookbehinds whose
//! estimate overflows in Java (`(?<=a+b+)`) work here. From ECMAScript: lookbehind bodies run
//! forwards trying the shortest start first, so captures inside them can differ. `replace_*` and
//! `split` use Java's rules in both dialects.
//!
//! Layout, arrows pointing one way: `parse.rs` (with the `\p{..}` table in `property.rs` and
//! Java's lookbehind check in `lookbehind.rs`) builds the syntax tree of `ast.rs`; `compile.rs` turns the tree into the program that `exec.rs` runs
//! (and `anchored.rs` where it is exact); `pattern.rs` is the compiled [`Regex`] and
//! `replace.rs` its Java `replace*`/`split`. Case folding is `fold.rs`, the errors `error.rs`.

mod anchored;
mod ast;
mod compile;
mod error;
mod exec;
mod fold;
mod lookbehind;
mod parse;
mod pattern;
mod property;
mod replace;
#[cfg(test)]
mod tests;

pub use ast::Dialect;
pub use pattern::Regex;
