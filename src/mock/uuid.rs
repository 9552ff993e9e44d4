//! UUIDs as the mock needs them: random version 4 ids as text, and the canonical form of a
//! UUID given in any of its usual spellings. (Two functions do not need the `uuid` crate,
//! whose formatting machinery would otherwise ship in the wasm.)

/// The lower-case hex digit of `n & 15`.
fn hex_digit(n: u8) -> char {
    let n = n & 15;
    char::from(if n < 10 { b'0' + n } else { b'a' + n - 10 })
}

/// The lower-case hyphenated text of a UUID's 16 bytes.
pub(super) fn format(bytes: [u8; 16]) -> String {
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.into_iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(hex_digit(byte >> 4));
        out.push(hex_digit(byte));
    }
    out
}

/// The 128 bits of `text` if it is a canonical UUID (lower-case, hyphenated), the only
/// form the mock makes: the store keys sessions by them, and [`canonical`] answers the
/// common case with it, without decoding other spellings.
pub(super) fn canonical_bits(text: &str) -> Option<u128> {
    if text.len() != 36 {
        return None;
    }
    let mut n = 0u128;
    for (i, b) in text.bytes().enumerate() {
        let digit = match (i, b) {
            (8 | 13 | 18 | 23, b'-') => continue,
            (8 | 13 | 18 | 23, _) => return None,
            (_, b'0'..=b'9') => b - b'0',
            (_, b'a'..=b'f') => b - b'a' + 10,
            _ => return None,
        };
        n = n << 4 | u128::from(digit);
    }
    Some(n)
}

/// A version 4 (random) UUID made of `random` bytes: the version and variant bits are set,
/// the other 122 bits are kept.
pub(super) fn v4(mut random: [u8; 16]) -> String {
    random[6] = (random[6] & 0x0f) | 0x40;
    random[8] = (random[8] & 0x3f) | 0x80;
    format(random)
}

/// `text` as a canonical UUID (lower-case, hyphenated), or `None` when it is not a UUID.
/// Accepted: hyphenated, 32 hex digits, `{…}` braces and `urn:uuid:`, in any letter case.
pub fn canonical(text: &str) -> Option<String> {
    if canonical_bits(text).is_some() {
        return Some(text.to_owned());
    }
    let text = text
        .strip_prefix("urn:uuid:")
        .or_else(|| text.strip_prefix('{')?.strip_suffix('}'))
        .unwrap_or(text);
    let digits: Vec<u8> = match text.len() {
        32 => text.bytes().collect(),
        36 => {
            let bytes = text.as_bytes();
            if [8, 13, 18, 23].iter().any(|&i| bytes.get(i) != Some(&b'-')) {
                return None;
            }
            text.bytes().filter(|&b| b != b'-').collect()
        }
        _ => return None,
    };
    let mut bytes = [0u8; 16];
    for (i, pair) in digits.chunks(2).enumerate() {
        let [high, low] = *pair else {
            return None;
        };
        let (high, low) = (
            char::from(high).to_digit(16)?,
            char::from(low).to_digit(16)?,
        );
        *bytes.get_mut(i)? = (high * 16 + low) as u8;
    }
    (digits.len() == 32).then(|| format(bytes))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_uuid_agree() {
        let canonical_form = "0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b";
        for text in [
            canonical_form,
            "0F1E2D3C-4B5A-4697-8A8B-9C0D1E2F3A4B",
            "0f1e2d3c4b5a46978a8b9c0d1e2f3a4b",
            "{0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b}",
            "urn:uuid:0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b",
        ] {
            assert_eq!(canonical(text).as_deref(), Some(canonical_form), "{text}");
        }
    }

    #[test]
    fn non_uuids_are_refused() {
        for text in [
            "",
            "not-a-uuid",
            "0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4",
            "0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4bb",
            "0f1e2d3c+4b5a-4697-8a8b-9c0d1e2f3a4b",
            "0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4g",
            "0f1e2d3c4b5a46978a8b9c0d1e2f3a4é",
            // 36 hex digits: the length of a hyphenated UUID, with a digit where each
            // hyphen goes.
            "0f1e2d3c04b5a0469708a8b09c0d1e2f3a4b",
        ] {
            assert_eq!(canonical(text), None, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_uuid_crate(bytes: [u8; 16]) {
            let reference = ::uuid::Uuid::from_bytes(bytes);
            let text = format(bytes);
            proptest::prop_assert_eq!(&text, &reference.hyphenated().to_string());
            let simple = reference.simple().to_string().to_uppercase();
            proptest::prop_assert_eq!(canonical(&simple), Some(text));
            let v4 = ::uuid::Uuid::parse_str(&v4(bytes)).unwrap();
            proptest::prop_assert_eq!(v4, ::uuid::Builder::from_random_bytes(bytes).into_uuid());
        }
    }

    #[test]
    fn v4_sets_version_and_variant() {
        let id = v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }
}
