//! The mock's JSON parser under arbitrary bytes: no panic; what it reads it writes back to
//! text it reads as the same value; and it reads what serde_json reads (within its nesting
//! limit), refusing what serde_json refuses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use session_client::mock::json::Json;

fuzz_target!(|data: &[u8]| {
    let ours = Json::parse_bytes(data);
    let theirs = serde_json::from_slice::<serde_json::Value>(data);
    if let Ok(value) = &ours {
        let written = value.to_string();
        assert_eq!(Json::parse(&written).as_ref(), Ok(value), "{written}");
        assert!(serde_json::from_str::<serde_json::Value>(&written).is_ok(), "{written}");
    }
    // serde_json stops at 128 levels; ours has its own limit: compare only shallow text.
    let shallow = data.iter().filter(|b| **b == b'[' || **b == b'{').count() < 100;
    if shallow {
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?} vs {:?}", ours.err(), theirs.err());
    }
});
