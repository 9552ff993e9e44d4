//! `mock-server`: the session API's in-memory mock over HTTP. See `mock-server --help`.

use std::process::ExitCode;

use session_client::server::{run, usage, Config};

fn main() -> ExitCode {
    match Config::from_args(std::env::args().skip(1)) {
        Ok(Some(config)) => match run(config) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("mock-server: {err}");
                ExitCode::FAILURE
            }
        },
        Ok(None) => {
            print!("{}", usage());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("mock-server: {err}\n\n{}", usage());
            ExitCode::from(2)
        }
    }
}
