//! The parser and writer on their own, and the model encodings against serde's.

use super::*;
use crate::schema::tests::any_json;

fn parse(text: &str) -> Json {
    Json::parse(text).unwrap()
}

#[test]
fn values_round_trip() {
    let text = r#"{"a":[1,-2,true,false,null,"x"],"b":{"c":"é/\"\\\n\u0001"},"d":0.25,"e":-1.5}"#;
    let value = parse(text);
    assert_eq!(value.get("d"), Some(&Json::Float(0.25)));
    assert_eq!(
        value
            .get("b")
            .and_then(|b| b.get("c"))
            .and_then(Json::as_str),
        Some("é/\"\\\n\u{1}")
    );
    assert_eq!(parse(&value.to_string()), value);
    assert_eq!(
        value.to_string(),
        r#"{"a":[1,-2,true,false,null,"x"],"b":{"c":"é/\"\\\n\u0001"},"d":0.25,"e":-1.5}"#
    );
}

#[test]
fn numbers() {
    assert_eq!(parse("9223372036854775807"), Json::Int(i64::MAX));
    assert_eq!(parse("-0"), Json::Int(0));
    assert_eq!(parse("1e3").as_i64(), Some(1000));
    assert_eq!(parse("0.1").as_f64(), Some(0.1));
    assert_eq!(parse("12.5e-1").as_f64(), Some(1.25));
    assert_eq!(parse("0.000123").as_f64(), Some(0.000123));
    assert!(parse("9223372036854775808").as_f64().unwrap() > 9.2e18);
    assert_eq!(parse("1.0").as_i64(), Some(1));
    assert_eq!(parse("1.5").as_i64(), None);
    for (x, text) in [
        (0.25, "0.25"),
        (1.0, "1.0"),
        (0.0, "0.0"),
        (1.0 / 3.0, "0.3333333333333333"),
        (-2.5, "-2.5"),
        (0.9999999999, "0.9999999999"),
        (1e20, "1e20"),
        (-1.5e-300, "-1.5e-300"),
        (f64::NAN, "null"),
    ] {
        assert_eq!(Json::Float(x).to_string(), text);
    }
    // Out of range is refused, as serde_json does, rather than read as infinity.
    for big in ["1E400", "-1e309", "1.8e308"] {
        assert_eq!(
            Json::parse(big).unwrap_err().to_string(),
            "number out of range at byte 0"
        );
    }
    assert_eq!(parse("1e20").as_f64(), Some(1e20));
    assert_eq!(parse("1e20").as_i64(), None, "beyond an i64");
}

#[test]
fn strings_and_escapes() {
    assert_eq!(parse(r#""\ud83d\ude00 \u00e9""#), Json::Str("😀 é".into()));
    assert_eq!(Json::Str("tab\tq\"".into()).to_string(), r#""tab\tq\"""#);
    // Written as serde_json writes it: `\r`, `\n`, `\t`, `\"`, `\\` short, `\u00XX`
    // for the other control characters (serde_json also shortens `\b` and `\f`).
    for text in ["a\rb\nc", "\u{1}\u{1f}", "tab\t\"q\\"] {
        assert_eq!(
            Json::Str(text.into()).to_string(),
            serde_json::to_string(text).unwrap()
        );
    }
    // Every short escape JSON has, `\/` included.
    assert_eq!(
        parse(r#""\"\\\/\b\f\n\r\t""#),
        Json::Str("\"\\/\u{8}\u{c}\n\r\t".into())
    );
    for bad in [
        r#""\u+abc""#,
        r#""\u-abc""#,
        r#""\ud83d""#,
        r#""\x""#,
        "\"a\u{1}\"",
        r#""abc"#,
        r#""\u12""#,
    ] {
        assert!(Json::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn malformed_text_names_the_byte() {
    for (text, offset) in [
        ("", 0),
        ("{", 1),
        ("[1,]", 3),
        ("{\"a\" 1}", 5),
        ("01", 0),
        ("[1.]", 1),
        ("tru", 0),
        ("[1] x", 4),
        ("{\"a\":1,}", 7),
    ] {
        let err = Json::parse(text).unwrap_err();
        assert_eq!(err.offset, offset, "{text}: {err}");
    }
    // Arrays and objects alike, and mixed, count toward the depth.
    let deep = "[".repeat(200) + &"]".repeat(200);
    assert_eq!(Json::parse(&deep).unwrap_err().problem, "nested too deeply");
    let deep = r#"{"a":"#.repeat(200) + "1" + &"}".repeat(200);
    assert_eq!(Json::parse(&deep).unwrap_err().problem, "nested too deeply");
    let deep = r#"[{"a":"#.repeat(100) + "1" + &"}]".repeat(100);
    assert_eq!(Json::parse(&deep).unwrap_err().problem, "nested too deeply");
    let fits = r#"{"a":"#.repeat(127) + "1" + &"}".repeat(127);
    assert!(Json::parse(&fits).is_ok());
    assert!(Json::parse_bytes(b"\"\xff\"").is_err());
}

#[test]
fn objects_keep_order_and_compare_without_it() {
    let mut value = parse(r#"{"b":1,"a":2,"b":3}"#);
    assert_eq!(
        value.to_string(),
        r#"{"b":3,"a":2}"#,
        "the last duplicate wins, in place"
    );
    assert_eq!(value, parse(r#"{"a":2,"b":3}"#));
    assert_ne!(value, parse(r#"{"a":2,"b":3,"c":4}"#));
    value.set("c", Json::Null);
    assert_eq!(value.to_string(), r#"{"b":3,"a":2,"c":null}"#);
    let merged = value.merged(parse(r#"{"a":"x"}"#));
    assert_eq!(merged.get("a"), Some(&Json::from("x")));
}

proptest::proptest! {
    /// Any string survives our writer and parser, and serde_json reads our text the same.
    #[test]
    fn strings_round_trip_and_agree_with_serde_json(text in "\\PC*|[\\x00-\\x1f\"\\\\]*") {
        let written = Json::Str(text.clone()).to_string();
        proptest::prop_assert_eq!(Json::parse(&written).unwrap(), Json::Str(text.clone()));
        proptest::prop_assert_eq!(serde_json::from_str::<String>(&written).unwrap(), text.clone());
        let by_serde = serde_json::to_string(&text).unwrap();
        proptest::prop_assert_eq!(Json::parse(&by_serde).unwrap(), Json::Str(text));
    }

    /// Whole numbers are exact; other numbers read as serde_json reads them, within a few
    /// units in the last place.
    #[test]
    fn numbers_agree_with_serde_json(n in proptest::num::i64::ANY, x in -1e12f64..1e12) {
        proptest::prop_assert_eq!(Json::parse(&n.to_string()).unwrap(), Json::Int(n));
        let text = serde_json::to_string(&x).unwrap();
        let ours = Json::parse(&text).unwrap().as_f64().unwrap();
        proptest::prop_assert!((ours - x).abs() <= x.abs() * 1e-15, "{text}: {ours}");
    }
}

/// Our JSON and serde_json's as the same value: numbers compared as numbers.
fn same(ours: &Json, theirs: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Int(a), Value::Number(b)) => b.as_i64() == Some(*a),
        (Json::Float(a), Value::Number(b)) => b.as_f64() == Some(*a),
        (Json::Str(a), Value::String(b)) => a == b,
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Json::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(name, x)| b.get(name.as_ref()).is_some_and(|y| same(x, y)))
        }
        _ => false,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Differential, both directions: what serde_json writes we read as the same value;
    /// what we write serde_json reads as the same value.
    #[test]
    fn any_value_agrees_with_serde_json(value in any_json()) {
        let text = serde_json::to_string(&value).unwrap();
        let ours = Json::parse(&text).unwrap();
        proptest::prop_assert!(same(&ours, &value), "{} read as {}", text, ours);
        let written = ours.to_string();
        let again: serde_json::Value = serde_json::from_str(&written).unwrap();
        proptest::prop_assert!(same(&ours, &again), "{} read back as {}", written, again);
    }
}
