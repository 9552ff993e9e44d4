//! [`Config`]: `mock-server`'s command line ([`CommandLine`], which the Node server reads
//! too) with its scenario file read.

use crate::mock::cli::{self, CommandLine};
use crate::mock::MockOptions;

/// The `--help` text.
pub fn usage() -> String {
    cli::usage("mock-server")
}

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on.
    pub host: String,
    /// The port (0: any free port).
    pub port: u16,
    /// The mock: scenario, clock, seed, latency, access and namespaces.
    pub options: MockOptions,
}

impl Config {
    /// Reads the arguments (without the program name). `Ok(None)` means `--help`.
    ///
    /// # Errors
    ///
    /// What is wrong with the arguments, for the usage message: an unknown flag, a missing or
    /// unreadable value, a scenario file that does not read.
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Option<Config>, String> {
        let Some(line) = CommandLine::parse(args)? else {
            return Ok(None);
        };
        let options =
            line.options(|file| std::fs::read_to_string(file).map_err(|err| err.to_string()))?;
        Ok(Some(Config {
            options,
            host: line.host,
            port: line.port,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_file_is_read_or_named() {
        let parse = |args: &[&str]| Config::from_args(args.iter().map(|s| s.to_string()));
        assert!(parse(&["--scenario", "/nonexistent.json"])
            .unwrap_err()
            .contains("--scenario: cannot read /nonexistent.json"));
        let file = std::env::temp_dir().join("mock-server-args-test.json");
        std::fs::write(&file, r#"{"policy": {"idleTimeoutMs": 1}}"#).unwrap();
        let path = file.to_string_lossy().into_owned();
        let config = parse(&["--scenario", &path]).unwrap().unwrap();
        assert_eq!(config.options.scenario.policy.idle_timeout_ms, 1);
        std::fs::write(&file, "[]").unwrap();
        assert!(parse(&["--scenario", &path])
            .unwrap_err()
            .starts_with(&format!("--scenario {path}:")));
    }
}
