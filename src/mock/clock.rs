//! [`Clock`]: where the mock's time comes from.

use crate::time::Timestamp;

/// The mock's clock: the system clock, or a virtual one that only moves when told to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The machine's real time, moved by `offset_ms` (a set time or an advance moves the
    /// offset: the clock runs in real time from there).
    System {
        /// Milliseconds added to the machine's time.
        offset_ms: i64,
    },
    /// A time that tests set and advance.
    Virtual(Timestamp),
}

impl Clock {
    /// The machine's real time, unmoved.
    pub const SYSTEM: Clock = Clock::System { offset_ms: 0 };

    /// A virtual clock that starts at the current system time.
    pub fn virtual_now() -> Self {
        Clock::Virtual(system_now())
    }

    /// The current time.
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System { offset_ms } => system_now().add_millis(*offset_ms),
            Clock::Virtual(now) => *now,
        }
    }

    /// Sets the time to `now`: a virtual clock is there, a system clock runs on from it.
    pub fn set(&mut self, now: Timestamp) {
        *self = match self {
            Clock::Virtual(_) => Clock::Virtual(now),
            Clock::System { .. } => Clock::System {
                offset_ms: now.as_millis() - system_now().as_millis(),
            },
        };
    }

    /// Whether this is a virtual clock.
    pub fn is_virtual(&self) -> bool {
        matches!(self, Clock::Virtual(_))
    }

    /// `"system"` or `"virtual"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Clock::System { .. } => "system",
            Clock::Virtual(_) => "virtual",
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn system_now() -> Timestamp {
    use std::time::{SystemTime, UNIX_EPOCH};
    let ms = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    };
    Timestamp::from_millis(ms)
}

#[cfg(target_arch = "wasm32")]
fn system_now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64)
}
