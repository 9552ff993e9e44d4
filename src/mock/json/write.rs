//! [`Json::write`]: a value as compact JSON text.

use std::fmt::{self, Write};

use super::Json;

impl Json {
    /// Appends the value as compact JSON to `out`.
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Float(x) => write_float(*x, out),
            Json::Str(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (name, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(name, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    /// The value as compact JSON bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::new();
        self.write(&mut out);
        out.into_bytes()
    }
}

impl fmt::Display for Json {
    /// Compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let mut plain = 0; // start of the run of characters that need no escape
    for (i, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // Escaped bytes are ASCII, so these bounds are character boundaries.
        out.push_str(s.get(plain..i).unwrap_or_default());
        plain = i + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

/// A float with up to nine decimals (`0.25`, `1.0`, `0.333333333`); whole values beyond
/// 2^53 as integers; `null` when not finite, as JSON has no NaN or infinity. The mock only
/// writes floats for fault probabilities, where nine decimals are exact enough, and this
/// keeps the float-printing machinery of `core::fmt` out of the wasm.
fn write_float(x: f64, out: &mut String) {
    if !x.is_finite() {
        out.push_str("null");
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    let x = x.abs();
    if x >= 9_007_199_254_740_992.0 {
        let _ = write!(out, "{}", x as u64);
        return;
    }
    let mut whole = x.trunc() as u64;
    let mut nanos = ((x - x.trunc()) * 1e9).round() as u64;
    if nanos == 1_000_000_000 {
        whole += 1;
        nanos = 0;
    }
    let _ = write!(out, "{whole}.");
    let mut digits = [b'0'; 9];
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (nanos % 10) as u8;
        nanos /= 10;
    }
    let len = digits.iter().rposition(|&d| d != b'0').map_or(1, |i| i + 1);
    out.push_str(std::str::from_utf8(&digits[..len]).unwrap_or("0"));
}
