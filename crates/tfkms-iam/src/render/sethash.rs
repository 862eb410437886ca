//! The Terraform Plugin SDK v2 set order. The provider reads `principals`,
//! `not_principals` and `condition` as `*schema.Set`s, whose `List()` is
//! ordered by each member's hash code compared as a decimal *string*; the
//! hash is the CRC-32 (IEEE) of the SDK's serialization of the member. Only
//! the concatenation of same-type principals and same-key conditions shows
//! this order, but there it decides the output bytes.

/// CRC-32 with the IEEE polynomial, as Go's `crc32.ChecksumIEEE`. Written
/// here rather than pulled from a crate: it is a dozen lines, it only ever
/// hashes short strings, and tfkms-iam stays free of dependencies.
pub(crate) fn crc32_ieee(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The SDK's `hashcode.String`: on 64-bit platforms the CRC is never
/// negative once widened to `int`, so it is the CRC itself.
pub(crate) fn hash_code(serialized: &str) -> u32 {
    crc32_ieee(serialized.as_bytes())
}

/// Members in `schema.Set` order. A member whose hash code is already taken
/// is dropped, as the SDK does: identical members collapse, and so would two
/// distinct members whose CRCs collide (first one given wins).
pub(crate) fn set_order<T>(members: impl IntoIterator<Item = (u32, T)>) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    let mut keyed: Vec<(String, T)> = members
        .into_iter()
        .filter(|(code, _)| seen.insert(*code))
        .map(|(code, m)| (code.to_string(), m))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, m)| m).collect()
}

/// A set of strings in `schema.Set` order; a string member serializes as
/// itself followed by `;`.
pub(crate) fn string_set(items: &[String]) -> Vec<&str> {
    set_order(items.iter().map(|s| (string_member_hash(s), s.as_str())))
}

fn string_member_hash(s: &str) -> u32 {
    let mut buf = String::with_capacity(s.len() + 1);
    buf.push_str(s);
    buf.push(';');
    hash_code(&buf)
}

/// A `principals` block: attributes in name order (`identifiers` < `type`),
/// the identifier set in its own set order, each member `;`-terminated.
pub(crate) fn principals_block_hash(kind: &str, identifiers: &[&str]) -> u32 {
    let mut buf = String::from("identifiers:{");
    for id in identifiers {
        buf.push_str(id);
        buf.push(';');
    }
    buf.push_str("};type:");
    buf.push_str(kind);
    buf.push(';');
    hash_code(&buf)
}

/// A `condition` block: `test` < `values` < `variable`; `values` is a list,
/// so it keeps its given order and is bracketed with `(` `)`.
pub(crate) fn condition_block_hash(test: &str, variable: &str, values: &[String]) -> u32 {
    let mut buf = String::from("test:");
    buf.push_str(test);
    buf.push_str(";values:(");
    for v in values {
        buf.push_str(v);
        buf.push(';');
    }
    buf.push_str(");variable:");
    buf.push_str(variable);
    buf.push(';');
    hash_code(&buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_ieee_check_values() {
        assert_eq!(crc32_ieee(b""), 0);
        assert_eq!(crc32_ieee(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32_ieee(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn set_order_compares_hash_codes_as_decimal_strings() {
        // 1234 < 99 as strings; numerically it would be the other way round.
        let order = set_order([(99, "b"), (1234, "a"), (5, "c")]);
        assert_eq!(order, ["a", "c", "b"]);
        // A repeated hash code is one member: the first one given stays.
        assert_eq!(set_order([(7, "x"), (7, "y")]), ["x"]);
    }

    #[test]
    fn serializations_follow_the_sdk() {
        assert_eq!(
            principals_block_hash("AWS", &["arn:aws:iam::111111111111:root"]),
            hash_code("identifiers:{arn:aws:iam::111111111111:root;};type:AWS;")
        );
        assert_eq!(
            condition_block_hash("StringEquals", "s3:prefix", &["one/".into(), "two/".into()]),
            hash_code("test:StringEquals;values:(one/;two/;);variable:s3:prefix;")
        );
    }

    /// The provider's own acceptance tests pin these orders: the blocks
    /// `[111, 222]`, `[333]`, `[444]` concatenate differently per partition.
    #[test]
    fn provider_test_principal_orders() {
        for (partition, expected) in [
            ("aws", ["333", "444", "111,222"]),
            ("aws-us-gov", ["333", "111,222", "444"]),
        ] {
            let arn = |n: &str| format!("arn:{partition}:iam::{}:root", n.repeat(4));
            let blocks: Vec<Vec<String>> = vec![
                vec![arn("111"), arn("222")],
                vec![arn("333")],
                vec![arn("444")],
            ];
            let ordered = set_order(blocks.iter().map(|ids| {
                let ids_sorted = string_set(ids);
                (principals_block_hash("AWS", &ids_sorted), ids)
            }));
            let got: Vec<String> = ordered
                .iter()
                .map(|ids| {
                    ids.iter()
                        .map(|s| s[partition.len() + 10..][..3].to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect();
            assert_eq!(got, expected, "partition {partition}");
        }
    }
}
