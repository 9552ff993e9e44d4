//! Percent-encoding of URL path segments (the client) and its decoding (the mock).
//!
//! Two small functions rather than the `percent-encoding` crate: the client needs one fixed
//! set (everything but RFC 3986's unreserved characters), and the crate's tables and
//! iterators cost more wasm than this whole module.

/// The upper-case hex digit of `n & 15`.
fn hex_digit(n: u8) -> char {
    let n = n & 15;
    char::from(if n < 10 { b'0' + n } else { b'A' + n - 10 })
}

/// Appends `text` to `out` with every byte outside RFC 3986's unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) percent-encoded, so it stays one path segment whatever it holds.
pub fn encode_segment(text: &str, out: &mut String) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte));
        }
    }
}

/// The bytes of `text` with each `%XX` decoded; a `%` not followed by two hex digits is
/// kept as it is.
pub fn decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|&b| char::from(b).to_digit(16));
        match (byte, hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

/// [`decode`]d text, with invalid UTF-8 replaced by `U+FFFD`.
pub fn decode_lossy(text: &str) -> String {
    String::from_utf8_lossy(&decode(text)).into_owned()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn encodes_all_but_unreserved() {
        let mut out = String::new();
        encode_segment("aZ0-._~ /?#%é", &mut out);
        assert_eq!(out, "aZ0-._~%20%2F%3F%23%25%C3%A9");
    }

    proptest::proptest! {
        /// The same as the `percent-encoding` crate with the same set, both ways.
        #[test]
        fn agrees_with_the_percent_encoding_crate(text in "\\PC{0,40}") {
            use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
            const SET: &percent_encoding::AsciiSet =
                &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
            let mut ours = String::new();
            encode_segment(&text, &mut ours);
            proptest::prop_assert_eq!(&ours, &utf8_percent_encode(&text, SET).to_string());
            proptest::prop_assert_eq!(decode(&ours), text.as_bytes());
            let all = utf8_percent_encode(&text, NON_ALPHANUMERIC).to_string();
            proptest::prop_assert_eq!(decode_lossy(&all), text);
        }
    }

    #[test]
    fn decodes_and_keeps_stray_percents() {
        assert_eq!(decode("a%2Fb%c3%a9"), "a/bé".as_bytes());
        assert_eq!(decode("100%"), b"100%");
        assert_eq!(decode("%zz%4"), b"%zz%4");
        assert_eq!(decode_lossy("%FF"), "\u{FFFD}");
    }
}
