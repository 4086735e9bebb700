//! The ids API Gateway gives each request, derived from the host's seed so
//! that the core stays deterministic.

/// The ids of one request: `$context.requestId` (`x-amzn-RequestId`),
/// `$context.extendedRequestId` (`x-amz-apigw-id`) and the X-Ray trace id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestIds {
    pub request_id: String,
    pub extended_request_id: String,
    pub trace_id: String,
}

impl RequestIds {
    /// Derives the ids from the request's seed and time.
    pub fn derive(seed: u64, time_epoch_ms: u64) -> RequestIds {
        let mut rng = SplitMix64(seed);
        let a = rng.next().to_be_bytes();
        let b = rng.next().to_be_bytes();
        let mut uuid = [0u8; 16];
        uuid[..8].copy_from_slice(&a);
        uuid[8..].copy_from_slice(&b);
        uuid[6] = (uuid[6] & 0x0f) | 0x40; // version 4
        uuid[8] = (uuid[8] & 0x3f) | 0x80; // RFC 4122 variant
        let request_id = format_uuid(&uuid);

        // Eleven bytes print as sixteen base64 characters ending in one `=`,
        // the shape of API Gateway's extended request ids.
        let c = rng.next().to_be_bytes();
        let d = rng.next().to_be_bytes();
        let mut ext = [0u8; 11];
        ext[..8].copy_from_slice(&c);
        ext[8..].copy_from_slice(&d[..3]);
        let extended_request_id = base64(&ext);

        let e = rng.next();
        let f = rng.next() as u32;
        let trace_id = format!("Root=1-{:08x}-{:016x}{:08x}", time_epoch_ms / 1000, e, f);
        RequestIds {
            request_id,
            extended_request_id,
            trace_id,
        }
    }
}

/// A small, well-mixed generator (Steele, Lea and Flood's SplitMix64); it
/// only spreads the host's seed, randomness comes from the host.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn format_uuid(b: &[u8; 16]) -> String {
    let hex = |range: std::ops::Range<usize>| -> String {
        b[range].iter().map(|x| format!("{x:02x}")).collect()
    };
    format!(
        "{}-{}-{}-{}-{}",
        hex(0..4),
        hex(4..6),
        hex(6..8),
        hex(8..10),
        hex(10..16)
    )
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 section 4).
pub(crate) fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        out.push(BASE64[(n >> 18) as usize & 63] as char);
        out.push(BASE64[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            BASE64[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            BASE64[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_aws_shapes_and_depend_only_on_the_seed() {
        let ids = RequestIds::derive(42, 1_764_070_280_000);
        assert_eq!(ids, RequestIds::derive(42, 1_764_070_280_000));
        assert_ne!(ids.request_id, RequestIds::derive(43, 0).request_id);
        let r = &ids.request_id;
        assert_eq!(r.len(), 36);
        assert_eq!(&r[14..15], "4");
        assert!(matches!(&r[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(ids.extended_request_id.len(), 16);
        assert!(ids.extended_request_id.ends_with('=') && !ids.extended_request_id.ends_with("=="));
        assert!(ids.trace_id.starts_with("Root=1-69259388-"));
        assert_eq!(ids.trace_id.len(), "Root=1-".len() + 8 + 1 + 24);
    }

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), output, "input {input:?}");
        }
    }
}
