//! [`JsonText`]: JSON text read just far enough for [`check`](super::check).
//!
//! The client checks an answer's text against its table here, in wasm, and then hands the
//! text to JS's `JSON.parse` once; walking the parsed JS value field by field instead
//! crossed the wasm boundary about a thousand times a `Session`. The reader is strict
//! (RFC 8259, as `JSON.parse` is) and borrows the text: a string is unescaped only when a
//! check reads it, and a number is converted only when a table needs its value.

use std::borrow::Cow;

use super::{JsonView, Shape};

/// How deep arrays and objects may nest; deeper text is refused rather than risking the
/// stack (no answer of the API comes near it).
const MAX_DEPTH: usize = 128;

/// A JSON value read from text, borrowing it.
#[derive(Debug)]
pub enum JsonText<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(&'a str),
    /// A string, as written between its quotes (escapes kept).
    Str(&'a str),
    /// An array.
    Array(Vec<JsonText<'a>>),
    /// An object's fields in order, each name as written between its quotes.
    Object(Vec<(&'a str, JsonText<'a>)>),
}

impl<'a> JsonText<'a> {
    /// Reads `text`, which must be one JSON value (whitespace around it allowed); `None`
    /// when it is not JSON.
    pub fn parse(text: &'a str) -> Option<JsonText<'a>> {
        let mut reader = Reader { text, at: 0 };
        let value = reader.value(0)?;
        reader.space();
        (reader.at == text.len()).then_some(value)
    }
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips `byte` (after whitespace) if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    /// Skips the bytes `bytes` match from here; whether there were any.
    fn skip(&mut self, bytes: impl Fn(u8) -> bool) -> bool {
        let start = self.at;
        while self.peek().is_some_and(&bytes) {
            self.at += 1;
        }
        self.at > start
    }

    fn since(&self, start: usize) -> Option<&'a str> {
        self.text.get(start..self.at)
    }

    fn value(&mut self, depth: usize) -> Option<JsonText<'a>> {
        self.space();
        let start = self.at;
        let word = |reader: &mut Self, word: &str, value| {
            let found =
                reader.text.as_bytes().get(start..start + word.len()) == Some(word.as_bytes());
            reader.at += word.len();
            found.then_some(value)
        };
        match self.peek()? {
            b'{' | b'[' if depth == MAX_DEPTH => None,
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                if self.eat(b'}') {
                    return Some(JsonText::Object(fields));
                }
                loop {
                    self.space();
                    let name = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    fields.push((name, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Some(JsonText::Object(fields));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(JsonText::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Some(JsonText::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'"' => self.string().map(JsonText::Str),
            b't' => word(self, "true", JsonText::Bool(true)),
            b'f' => word(self, "false", JsonText::Bool(false)),
            b'n' => word(self, "null", JsonText::Null),
            _ => self.number().map(JsonText::Number),
        }
    }

    /// A string from its opening quote: what is between the quotes.
    fn string(&mut self) -> Option<&'a str> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.at += 1;
        let start = self.at;
        loop {
            // Runs of plain characters are skipped in one scan: most of an answer.
            let rest = self.text.as_bytes().get(self.at..)?;
            self.at += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            match self.peek()? {
                b'"' => {
                    let raw = self.since(start);
                    self.at += 1;
                    return raw;
                }
                b'\\' => {
                    self.at += 1;
                    match self.peek()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 1,
                        b'u' => {
                            self.at += 1;
                            for _ in 0..4 {
                                if !self.peek()?.is_ascii_hexdigit() {
                                    return None;
                                }
                                self.at += 1;
                            }
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as written.
    fn number(&mut self) -> Option<&'a str> {
        let start = self.at;
        self.at += usize::from(self.peek() == Some(b'-'));
        if self.peek() == Some(b'0') {
            self.at += 1;
        } else if !self.skip(|b| b.is_ascii_digit()) {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.skip(|b| b.is_ascii_digit()) {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            self.at += usize::from(matches!(self.peek(), Some(b'+' | b'-')));
            if !self.skip(|b| b.is_ascii_digit()) {
                return None;
            }
        }
        self.since(start)
    }
}

/// A string as written (escapes and all) as the text it stands for; a lone surrogate
/// becomes U+FFFD (only checks and messages read this).
fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.as_bytes().contains(&b'\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let hex4 = |chars: &mut std::str::Chars<'_>| {
        (0..4).try_fold(0u32, |n, _| Some(n * 16 + chars.next()?.to_digit(16)?))
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let unit = hex4(&mut chars).unwrap_or(0xFFFD);
                let mut ahead = chars.clone();
                let pair = (0xD800..0xDC00).contains(&unit) && ahead.next() == Some('\\');
                match (pair && ahead.next() == Some('u'))
                    .then(|| hex4(&mut ahead))
                    .flatten()
                    .filter(|low| (0xDC00..0xE000).contains(low))
                {
                    Some(low) => {
                        chars = ahead;
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    }
                    None => char::from_u32(unit),
                }
                .unwrap_or('\u{FFFD}')
            }
            Some(other) => other,
            None => '\\',
        });
    }
    Cow::Owned(out)
}

/// A number as written, as the `f64` `JSON.parse` makes of it: a whole number of up to
/// 18 characters converts exactly here; any other asks the platform's correctly rounded
/// parse (JS's `parseFloat` in wasm, which links no float parser into the module).
fn number(raw: &str) -> f64 {
    if raw.len() <= 18
        && !raw.as_bytes().contains(&b'.')
        && !raw.bytes().any(|b| b == b'e' || b == b'E')
    {
        let digits = raw.bytes().filter(u8::is_ascii_digit);
        let n = digits.fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        return if raw.as_bytes().first() == Some(&b'-') {
            -(n as f64)
        } else {
            n as f64
        };
    }
    #[cfg(target_arch = "wasm32")]
    return js_sys::parse_float(raw);
    #[cfg(not(target_arch = "wasm32"))]
    raw.parse().unwrap_or(f64::NAN)
}

impl<'a> JsonView for &JsonText<'a> {
    fn shape(&self) -> Shape<'_, Self> {
        match self {
            JsonText::Null => Shape::Null,
            JsonText::Bool(_) => Shape::Bool,
            JsonText::Number(raw) => Shape::Number(number(raw)),
            JsonText::Str(raw) => Shape::Str(unescape(raw)),
            JsonText::Array(items) => Shape::Array(items.iter().collect()),
            JsonText::Object(_) => Shape::Object,
        }
    }

    /// The last field named `name`, as `JSON.parse` keeps the last of duplicates.
    fn field(&self, name: &str) -> Option<Self> {
        let JsonText::Object(fields) = self else {
            return None;
        };
        fields
            .iter()
            .rev()
            .find(|(raw, _)| {
                *raw == name || (raw.as_bytes().contains(&b'\\') && unescape(raw) == name)
            })
            .map(|(_, value)| value)
    }

    fn keys(&self) -> Vec<String> {
        match self {
            JsonText::Object(fields) => fields
                .iter()
                .map(|(raw, _)| unescape(raw).into_owned())
                .collect(),
            JsonText::Null
            | JsonText::Bool(_)
            | JsonText::Number(_)
            | JsonText::Str(_)
            | JsonText::Array(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::*;
    use crate::schema::tests::any_json;

    /// `value` as this reader reads it, each number through its own `number()`, as a
    /// serde_json value to compare with serde_json's (through [`numbers_as_f64`]).
    fn to_value(value: &JsonText<'_>) -> Value {
        match value {
            JsonText::Null => Value::Null,
            JsonText::Bool(b) => Value::Bool(*b),
            JsonText::Number(raw) => Value::from(number(raw)),
            JsonText::Str(raw) => Value::String(unescape(raw).into_owned()),
            JsonText::Array(items) => Value::Array(items.iter().map(to_value).collect()),
            JsonText::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(name, v)| (unescape(name).into_owned(), to_value(v)))
                    .collect(),
            ),
        }
    }

    /// `value` with every number as the f64 it stands for (what JS and this reader hold).
    fn numbers_as_f64(value: Value) -> Value {
        match value {
            Value::Number(n) => Value::from(n.as_f64().unwrap()),
            Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
            Value::Object(fields) => Value::Object(
                fields
                    .into_iter()
                    .map(|(name, v)| (name, numbers_as_f64(v)))
                    .collect(),
            ),
            other @ (Value::Null | Value::Bool(_) | Value::String(_)) => other,
        }
    }

    #[test]
    fn strict_like_json_parse() {
        for bad in [
            "",
            "tru",
            "nul",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "+1",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "\"\\x\"",
            "\"\\u12g4\"",
            "\"\t\"",
            "[1] 2",
            "'a'",
            "NaN",
            "\"",
        ] {
            assert!(JsonText::parse(bad).is_none(), "{bad:?} was accepted");
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(JsonText::parse(&deep).is_none());
        let value = JsonText::parse(r#" {"a\u0062": "\ud83d\ude00\n", "a": -0.5e+2} "#).unwrap();
        let value = &value;
        assert!(value.field("ab").is_some(), "an escaped name matches");
        assert!(matches!(value.field("ab").unwrap().shape(), Shape::Str(s) if s == "😀\n"));
        assert!(matches!(value.field("a").unwrap().shape(), Shape::Number(n) if n == -50.0));
    }

    #[test]
    fn whole_numbers_read_exactly() {
        for n in [
            0i64,
            -1,
            42,
            9_007_199_254_740_993,
            -999_999_999_999_999_999,
            i64::MAX,
        ] {
            let text = n.to_string();
            assert_eq!(number(&text), text.parse::<f64>().unwrap(), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every value serde_json writes, compact or pretty, reads back as the same value.
        #[test]
        fn any_value_agrees_with_serde_json(value in any_json(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let read = JsonText::parse(&text);
            prop_assert!(read.is_some(), "{} was refused", text);
            prop_assert_eq!(to_value(read.as_ref().unwrap()), numbers_as_f64(value));
        }

        /// The reader's own conversion of a number's text (a fast path for short integers,
        /// then the platform's parser) gives the f64 Rust's correctly rounded parse gives:
        /// on integers of any length up to 25 digits, and on every f64 as serde writes it.
        #[test]
        fn numbers_convert_as_rust_parses_them(digits in "-?(0|[1-9][0-9]{0,24})", float in any::<f64>()) {
            prop_assert_eq!(number(&digits), digits.parse::<f64>().unwrap(), "{}", digits);
            if float.is_finite() {
                let text = serde_json::to_string(&float).unwrap();
                prop_assert_eq!(number(&text), text.parse::<f64>().unwrap(), "{}", text);
            }
        }

        /// Any text made of JSON's pieces is accepted exactly when serde_json accepts it
        /// (leaving out what serde_json refuses and `JSON.parse` accepts: numbers beyond
        /// the f64 range and lone surrogates).
        #[test]
        fn acceptance_agrees_with_serde_json(text in "[\\[\\]{}:, \"\\\\a-f0-9.eE+\\-ntrulsu]{0,24}") {
            let theirs = serde_json::from_str::<Value>(&text);
            let out_of_range = theirs.as_ref().is_err_and(|err| err.to_string().contains("out of range"));
            let surrogate = theirs.as_ref().is_err_and(|err| err.to_string().contains("surrogate"));
            if !out_of_range && !surrogate {
                prop_assert_eq!(JsonText::parse(&text).is_some(), theirs.is_ok(), "{}", text);
            }
        }
    }
}
