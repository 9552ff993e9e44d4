//! `SessionApiMock.fromCommandLine` and `SessionApiMock.usage`: the Node server
//! (`npx session-client-mock`) reads its flags with the Rust server's parser
//! ([`CommandLine`]), so both take the same flags, say the same errors and print the same
//! usage.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::invalid;
use super::mock_class::SessionApiMock;
use crate::mock::cli::{self, CommandLine};
use crate::mock::Mock;

#[wasm_bindgen]
impl SessionApiMock {
    /// The `--help` text of the mock server called `program`.
    pub fn usage(program: &str) -> String {
        cli::usage(program)
    }

    /// A server's mock from its command line (`argv` without the program's name):
    /// `{ mock, host, port }`, or `{ help: true }` for `--help`. `readFile(path)` returns a
    /// scenario file's text. Throws `INVALID_ARGUMENT` whose description says what is wrong,
    /// naming the flag.
    #[wasm_bindgen(js_name = fromCommandLine, unchecked_return_type = "{ mock: SessionApiMock; host: string; port: number } | { help: true }")]
    pub fn from_command_line(
        #[wasm_bindgen(unchecked_param_type = "string[]")] argv: Array,
        #[wasm_bindgen(js_name = readFile, unchecked_param_type = "(path: string) => string")]
        read_file: Function,
    ) -> Result<Object, JsValue> {
        let args = argv.iter().map(|arg| arg.as_string().unwrap_or_default());
        let answer = Object::new();
        let set = |key: &str, value: JsValue| Reflect::set(&answer, &key.into(), &value).map(drop);
        let Some(line) = CommandLine::parse(args).map_err(invalid)? else {
            set("help", true.into())?;
            return Ok(answer);
        };
        let options = line
            .options(|file| {
                let read = read_file
                    .call1(&JsValue::NULL, &file.into())
                    .map_err(|err| {
                        Reflect::get(&err, &"message".into())
                            .ok()
                            .and_then(|message| message.as_string())
                            .unwrap_or_default()
                    })?;
                Ok(read.as_string().unwrap_or_default())
            })
            .map_err(invalid)?;
        set(
            "mock",
            SessionApiMock::start(Mock::new(options), None).into(),
        )?;
        set("host", line.host.into())?;
        set("port", line.port.into())?;
        Ok(answer)
    }
}
