//! Scenario and dump loading under arbitrary text: an error or a value, never a panic;
//! what loads writes back to text that loads to the same thing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use session_client::mock::{Mock, Scenario};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(scenario) = Scenario::from_json(text) {
        let again = Scenario::from_json(&scenario.to_value().to_string()).expect("reloads");
        assert_eq!(again, scenario);
    }
    if let Ok(dump) = serde_json::from_str::<serde_json::Value>(text) {
        let mut mock = Mock::default();
        if mock.restore(&dump).is_ok() {
            let mut again = Mock::default();
            again.restore(&mock.dump()).expect("its own dump restores");
            assert_eq!(again.sessions(), mock.sessions());
        }
    }
});
