//! The mock's JSON: serde_json's [`Value`] (fields kept in order) and serde's derives. A
//! value from outside is checked first (`schema::check`, whose error names the path:
//! `users[1].services[0].serviceName: ...`), then read by serde ([`read`]).

use serde::de::DeserializeOwned;
pub use serde_json::Value;

use crate::schema::JsonView;

/// How `value` reads in an error message: `the string "x"`, `a number`...
pub fn describe(value: &Value) -> String {
    JsonView::describe(&value)
}

/// `value` as an `i64` when it is a whole number, `2.0` and `2e3` included (JSON does not
/// tell them apart, and neither does the schema checker).
pub fn whole(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| {
        let x = value.as_f64()?;
        (x.fract() == 0.0 && x.abs() < 9.0e18).then_some(x as i64)
    })
}

/// `value` with each whole number written as a float (`2.0`) made an integer: the schema
/// accepts it where an integer goes, and serde then reads it as one.
fn whole_numbers_as_ints(value: Value) -> Value {
    match value {
        Value::Number(_) => whole(&value).map_or(value, Value::from),
        Value::Array(items) => Value::Array(items.into_iter().map(whole_numbers_as_ints).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(name, v)| (name, whole_numbers_as_ints(v)))
                .collect(),
        ),
        other @ (Value::Null | Value::Bool(_) | Value::String(_)) => other,
    }
}

/// `value`, which the schema has checked, read by `T`'s serde derive. The schema takes a
/// whole number written as a float (`1800000.0`) where an integer goes; serde would not, so
/// those are made integers first.
///
/// # Errors
///
/// What serde reports: only what the schema does not check (a value out of a type's range).
pub fn read<T: DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    T::deserialize(whole_numbers_as_ints(value))
}

/// `base` with each field of `over` set over it (both objects; otherwise `over`).
pub fn merged(base: Value, over: Value) -> Value {
    match (base, over) {
        (Value::Object(mut fields), Value::Object(given)) => {
            fields.extend(given);
            Value::Object(fields)
        }
        (_, over) => over,
    }
}

/// Pairs of strings written as a JSON object, in their order (`serialize_with`).
///
/// # Errors
///
/// What the serializer returns.
pub fn pairs_as_object<S: serde::Serializer>(
    pairs: &[(String, String)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(name, value)| (name, value)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn whole_floats_become_integers_and_others_stay() {
        let value = json!({ "a": 2.0, "b": [1.5, 3.0], "c": { "d": -4.0 }, "e": "2.0" });
        assert_eq!(
            whole_numbers_as_ints(value),
            json!({ "a": 2, "b": [1.5, 3], "c": { "d": -4 }, "e": "2.0" })
        );
        assert!(whole_numbers_as_ints(json!(2.0)).is_i64());
    }

    #[test]
    fn merged_sets_the_given_fields_over_the_base_in_its_order() {
        let both = merged(json!({ "a": 1, "b": 2 }), json!({ "b": 3, "c": 4 }));
        assert_eq!(both, json!({ "a": 1, "b": 3, "c": 4 }));
        let keys: Vec<&String> = both.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(merged(json!({ "a": 1 }), json!([1])), json!([1]));
    }

    #[test]
    fn values_describe_themselves_as_the_checker_does() {
        assert_eq!(describe(&json!("x")), "the string \"x\"");
        assert_eq!(describe(&json!(1)), "a number");
        assert_eq!(describe(&json!({})), "an object");
    }
}
