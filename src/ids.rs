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
        let extended_request_id = crate::http::base64_encode(&ext);

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

impl RequestIds {
    /// The `X-Amzn-Trace-Id` header value of a response from a called
    /// integration: the trace id, not sampled.
    pub fn sampled_trace(&self) -> String {
        format!("{};Sampled=0", self.trace_id)
    }

    /// Another UUID derived from this request's, for the ids other services
    /// give it (the Lambda invocation's request id, `n` = 1).
    pub fn derived_id(&self, n: u64) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ n;
        for b in self.request_id.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        let mut rng = SplitMix64(h);
        let mut uuid = [0u8; 16];
        uuid[..8].copy_from_slice(&rng.next().to_be_bytes());
        uuid[8..].copy_from_slice(&rng.next().to_be_bytes());
        uuid[6] = (uuid[6] & 0x0f) | 0x40;
        uuid[8] = (uuid[8] & 0x3f) | 0x80;
        format_uuid(&uuid)
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

/// SHA-256 (FIPS 180-4) of `data`, as lower-case hex: the
/// `X-Amz-Content-Sha256` of a signed request.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    let mut out = String::with_capacity(64);
    for word in h {
        out.push_str(&format!("{word:08x}"));
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
    fn sha256_matches_fips_vectors() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }
}
