//! [`Timestamp`]: an instant with millisecond precision, written as RFC 3339.
//!
//! The API's `date-time` fields are RFC 3339 strings with an offset. This module reads any
//! offset and fraction, and always writes UTC with milliseconds (`2026-11-28T12:00:00.000Z`).
//! It is deliberately tiny: no calendar crate enters the wasm build.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_TIMESTAMP: &str = "/** An RFC 3339 date-time, such as `2026-11-28T12:00:00.000Z`. */\nexport type Timestamp = string;";

/// Milliseconds in one second, minute, hour and day.
const MS_PER_SECOND: i64 = 1_000;
const MS_PER_MINUTE: i64 = 60 * MS_PER_SECOND;
const MS_PER_HOUR: i64 = 60 * MS_PER_MINUTE;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// An instant: milliseconds since 1970-01-01T00:00:00Z.
///
/// Serialized as an RFC 3339 string in UTC; deserialized from RFC 3339 with any offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

/// Why a string is not an RFC 3339 date-time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not an RFC 3339 date-time ({reason})")]
pub struct TimestampError {
    input: String,
    reason: &'static str,
}

impl Timestamp {
    /// The earliest instant that can be written in RFC 3339 (`0000-01-01T00:00:00.000Z`).
    pub const MIN: Timestamp = Timestamp(-62_167_219_200_000);
    /// The latest instant that can be written in RFC 3339 (`9999-12-31T23:59:59.999Z`).
    pub const MAX: Timestamp = Timestamp(253_402_300_799_999);

    /// The instant `ms` milliseconds after the Unix epoch, if it is a whole number within
    /// [`Self::MIN`]..=[`Self::MAX`] (years 0000 to 9999).
    pub fn from_millis_checked(ms: f64) -> Option<Self> {
        let whole = ms.is_finite() && ms.fract() == 0.0;
        (whole && (Self::MIN.0 as f64..=Self::MAX.0 as f64).contains(&ms))
            .then_some(Timestamp(ms as i64))
    }

    /// The instant `ms` milliseconds after the Unix epoch, clamped to [`Self::MIN`]..=[`Self::MAX`].
    pub fn from_millis(ms: i64) -> Self {
        Timestamp(ms.clamp(Self::MIN.0, Self::MAX.0))
    }

    /// Milliseconds since the Unix epoch.
    pub fn as_millis(self) -> i64 {
        self.0
    }

    /// This instant moved by `ms` milliseconds (negative moves back), clamped to the range.
    pub fn add_millis(self, ms: i64) -> Self {
        Self::from_millis(self.0.saturating_add(ms))
    }

    /// Parses an RFC 3339 date-time such as `2026-11-28T12:00:00Z` or
    /// `2026-11-28T07:00:00.5-05:00`. Digits past milliseconds are dropped.
    ///
    /// # Errors
    ///
    /// A [`TimestampError`] saying what does not read: the shape, a field out of range (a 30
    /// February included), or a year outside 0000 to 9999.
    pub fn parse(input: &str) -> Result<Self, TimestampError> {
        let fail = |reason| TimestampError {
            input: input.to_owned(),
            reason,
        };
        // Slice patterns, not indexes: nothing here can panic, whatever the input.
        let Some((head, rest)) = input.as_bytes().split_first_chunk::<19>() else {
            return Err(fail("too short"));
        };
        let [y0, y1, y2, y3, b'-', mo0, mo1, b'-', d0, d1, b'T' | b't' | b' ', h0, h1, b':', mi0, mi1, b':', s0, s1] =
            *head
        else {
            return Err(fail("expected YYYY-MM-DDTHH:MM:SS"));
        };
        let num = |digits: &[u8]| -> Result<i64, TimestampError> {
            digits.iter().try_fold(0, |n, d| {
                if d.is_ascii_digit() {
                    Ok(n * 10 + i64::from(d - b'0'))
                } else {
                    Err(fail("expected digits"))
                }
            })
        };
        let (year, month, day) = (num(&[y0, y1, y2, y3])?, num(&[mo0, mo1])?, num(&[d0, d1])?);
        let (hour, minute, second) = (num(&[h0, h1])?, num(&[mi0, mi1])?, num(&[s0, s1])?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(fail("no such date"));
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(fail("no such time of day"));
        }

        let (millis, rest) = match rest.split_first() {
            Some((b'.', fraction)) => {
                let count = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
                let Some((digits, rest)) = fraction.split_at_checked(count) else {
                    return Err(fail("empty fraction"));
                };
                if digits.is_empty() {
                    return Err(fail("empty fraction"));
                }
                // Milliseconds: the first three digits, the rest dropped.
                let mut millis = 0;
                for place in 0..3 {
                    millis = millis * 10 + digits.get(place).map_or(0, |d| i64::from(d - b'0'));
                }
                (millis, rest)
            }
            _ => (0, rest),
        };
        let offset_ms = match *rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), oh0, oh1, b':', om0, om1] => {
                let (oh, om) = (num(&[oh0, oh1])?, num(&[om0, om1])?);
                if oh > 23 || om > 59 {
                    return Err(fail("no such offset"));
                }
                let offset = oh * MS_PER_HOUR + om * MS_PER_MINUTE;
                if sign == b'-' {
                    -offset
                } else {
                    offset
                }
            }
            _ => return Err(fail("expected `Z` or an offset like `+02:00`")),
        };

        let local = days_from_civil(year, month, day) * MS_PER_DAY
            + hour * MS_PER_HOUR
            + minute * MS_PER_MINUTE
            + second * MS_PER_SECOND
            + millis;
        let instant = local - offset_ms;
        if !(Self::MIN.0..=Self::MAX.0).contains(&instant) {
            // `0000-01-01T00:00:00+01:00` is in the year -1: no clamping to a wrong instant.
            return Err(fail("outside the years 0000 to 9999 in UTC"));
        }
        Ok(Timestamp(instant))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(MS_PER_DAY);
        let in_day = self.0.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        if (0..=9999).contains(&year) {
            // By hand: this runs for every timestamp of every answer the mock writes.
            let mut text = *b"0000-00-00T00:00:00.000Z";
            let mut put = |at: usize, width: usize, mut n: i64| {
                for i in (at..at + width).rev() {
                    if let Some(digit) = text.get_mut(i) {
                        *digit = b'0' + (n % 10) as u8;
                    }
                    n /= 10;
                }
            };
            put(0, 4, year);
            put(5, 2, month);
            put(8, 2, day);
            put(11, 2, in_day / MS_PER_HOUR);
            put(14, 2, in_day % MS_PER_HOUR / MS_PER_MINUTE);
            put(17, 2, in_day % MS_PER_MINUTE / MS_PER_SECOND);
            put(20, 3, in_day % MS_PER_SECOND);
            return f.write_str(std::str::from_utf8(&text).unwrap_or_default());
        }
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
            in_day / MS_PER_HOUR,
            in_day % MS_PER_HOUR / MS_PER_MINUTE,
            in_day % MS_PER_MINUTE / MS_PER_SECOND,
            in_day % MS_PER_SECOND
        )
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            Timestamp(1_795_867_200_000).to_string(),
            "2026-11-28T12:00:00.000Z"
        );
        assert_eq!(
            Timestamp(951_868_799_123).to_string(),
            "2000-02-29T23:59:59.123Z"
        );
        assert_eq!(Timestamp(-1).to_string(), "1969-12-31T23:59:59.999Z");
        assert_eq!(Timestamp::MIN.to_string(), "0000-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::MAX.to_string(), "9999-12-31T23:59:59.999Z");
    }

    #[test]
    fn parses_offsets_and_fractions() {
        let noon = Timestamp(1_795_867_200_000);
        assert_eq!(Timestamp::parse("2026-11-28T12:00:00Z"), Ok(noon));
        assert_eq!(Timestamp::parse("2026-11-28t12:00:00z"), Ok(noon));
        assert_eq!(Timestamp::parse("2026-11-28T07:00:00-05:00"), Ok(noon));
        assert_eq!(Timestamp::parse("2026-11-28T13:30:00+01:30"), Ok(noon));
        assert_eq!(
            Timestamp::parse("2026-11-28T12:00:00.5Z"),
            Ok(noon.add_millis(500))
        );
        assert_eq!(
            Timestamp::parse("2026-11-28T12:00:00.123456789Z"),
            Ok(noon.add_millis(123))
        );
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in [
            "",
            "2026-11-28",
            "2026-11-28T12:00:00",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T12:00:00.Z",
            "2026-11-28T12:00:00+0100",
            "2026/11/28T12:00:00Z",
            "２026-11-28T12:00:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn serde_uses_the_string_form() {
        let json = serde_json::to_string(&Timestamp(0)).unwrap();
        assert_eq!(json, "\"1970-01-01T00:00:00.000Z\"");
        let back: Timestamp = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Timestamp(0));
        assert!(serde_json::from_str::<Timestamp>("\"yesterday\"").is_err());
    }

    /// A date-time as `time` reads RFC 3339, in our milliseconds (its fraction truncated as
    /// ours is), or `None` when `time` refuses it.
    fn by_time(text: &str) -> Option<i64> {
        let parsed =
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                .ok()?;
        Some((parsed.unix_timestamp_nanos().div_euclid(1_000_000)) as i64)
    }

    #[test]
    fn leap_days_and_the_ends_of_the_range_agree_with_time() {
        for text in [
            "2024-02-29T12:00:00Z",
            "2000-02-29T00:00:00.999Z",
            "1900-02-28T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "0000-02-29T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "9999-12-31T23:59:59.999999999Z",
            "1969-12-31T23:59:59.9995Z",
        ] {
            assert_eq!(
                Timestamp::parse(text).map(Timestamp::as_millis).ok(),
                by_time(text),
                "{text}"
            );
        }
        for bad in [
            "1900-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-00:01",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "accepted {bad}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Differential: any date-time text in RFC 3339's shape, valid or not (day 31 of a
        /// short month, hour 24, odd offsets, 0 to 12 fraction digits), is accepted by us
        /// exactly when `time` accepts it and its instant is within our range, and then at
        /// the same millisecond.
        #[test]
        fn parsing_agrees_with_time(
            year in 0u32..=9999,
            month in 1u32..=12,
            day in 1u32..=31,
            hour in 0u32..=24,
            minute in 0u32..=59,
            second in 0u32..=59,
            fraction in "([0-9]{1,12})?",
            offset in prop_oneof![Just("Z".to_owned()), "[+-](0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]"],
        ) {
            let dot = if fraction.is_empty() { "" } else { "." };
            let text = format!(
                "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{dot}{fraction}{offset}"
            );
            let theirs = by_time(&text)
                .filter(|ms| (Timestamp::MIN.0..=Timestamp::MAX.0).contains(ms));
            prop_assert_eq!(Timestamp::parse(&text).map(Timestamp::as_millis).ok(), theirs, "{}", text);
        }

        /// Differential: our calendar writes every instant as `time` computes it.
        #[test]
        fn formatting_agrees_with_time(ms in Timestamp::MIN.0..=Timestamp::MAX.0) {
            let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap();
            let expected = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                at.year(),
                u8::from(at.month()),
                at.day(),
                at.hour(),
                at.minute(),
                at.second(),
                at.millisecond()
            );
            prop_assert_eq!(Timestamp(ms).to_string(), expected);
        }

        #[test]
        fn display_then_parse_round_trips(ms in Timestamp::MIN.0..=Timestamp::MAX.0) {
            let t = Timestamp(ms);
            prop_assert_eq!(Timestamp::parse(&t.to_string()), Ok(t));
        }

        #[test]
        fn days_and_dates_agree(days in -719_528i64..2_932_896) {
            let (y, m, d) = civil_from_days(days);
            prop_assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            prop_assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
