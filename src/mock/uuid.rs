//! UUIDs as the mock needs them, with the `uuid` crate: random version 4 ids as text, the
//! canonical form of a UUID given in any of its usual spellings, and the 128 bits of one in
//! that form (the store's keys).

use uuid::Uuid;

/// The lower-case hyphenated text of `uuid`, written without the formatting machinery.
fn text(uuid: Uuid) -> String {
    uuid.hyphenated()
        .encode_lower(&mut Uuid::encode_buffer())
        .to_owned()
}

/// The lower-case hyphenated text of a UUID's 16 bytes.
pub(super) fn format(bytes: [u8; 16]) -> String {
    text(Uuid::from_bytes(bytes))
}

/// The 128 bits of `text` if it is a canonical UUID (lower-case, hyphenated), the only
/// form the mock makes: the store keys sessions by them. Read here, on every call's
/// lookups, rather than by `Uuid::try_parse` with its other spellings (measurably slower);
/// the tests hold it to the crate.
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
pub(super) fn v4(random: [u8; 16]) -> String {
    text(uuid::Builder::from_random_bytes(random).into_uuid())
}

/// `text` as a canonical UUID (lower-case, hyphenated), or `None` when it is not a UUID.
/// Accepted: hyphenated, 32 hex digits, `{…}` braces and `urn:uuid:`, in any letter case.
pub fn canonical(text: &str) -> Option<String> {
    if canonical_bits(text).is_some() {
        return Some(text.to_owned());
    }
    Uuid::try_parse(text).ok().map(self::text)
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
        assert_eq!(
            canonical_bits(canonical_form),
            Some(0x0f1e2d3c_4b5a_4697_8a8b_9c0d1e2f3a4b)
        );
        assert_eq!(canonical_bits("0F1E2D3C-4B5A-4697-8A8B-9C0D1E2F3A4B"), None);
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
            assert_eq!(canonical_bits(text), None, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn canonical_bits_agree_with_the_uuid_crate(bytes: [u8; 16], upper: bool) {
            let uuid = Uuid::from_bytes(bytes);
            let hyphenated = format(bytes);
            proptest::prop_assert_eq!(canonical_bits(&hyphenated), Some(uuid.as_u128()));
            let other = if upper { hyphenated.to_uppercase() } else { uuid.simple().to_string() };
            proptest::prop_assert_eq!(canonical_bits(&other), None);
            proptest::prop_assert_eq!(canonical(&other), Some(hyphenated));
        }
    }

    #[test]
    fn v4_sets_version_and_variant() {
        let id = v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }
}
