//! [`CommandLine`]: the mock servers' flags and usage text, read once for both servers:
//! `mock-server` (Rust) and `npx session-client-mock` (Node, through the mock module's
//! `SessionApiMock.fromCommandLine`). Parsed with lexopt; the scenario file is read by the
//! caller, which has the file system.

use lexopt::prelude::*;

use super::access::Access;
use super::clock::Clock;
use super::engine::MockOptions;
use super::faults::Latency;
use super::namespaces;
use super::scenario::Scenario;
use crate::time::Timestamp;

/// The flags and what each does, as `--help` prints them under the usage line.
const FLAGS: &str = "
  --port N          port to listen on (default 8081; 0 picks a free one)
  --host ADDR       address to listen on (default 127.0.0.1)
  --scenario FILE   users and policy as scenario JSON (default: the built-in scenario)
  --clock KIND      `system` (default: real time, which /__mock/clock can move) or
                    `virtual` (only moved through /__mock/clock)
  --now TIME        where the virtual clock starts (RFC 3339; needs --clock virtual)
  --seed N          makes session ids, latency and fault draws deterministic
  --latency L       delay every answer: MS, or MIN-MAX for a seeded random delay
  --max-namespaces N  isolated mocks kept, one a name given by the X-Mock-Namespace header
                    or the mock-namespace cookie (default 1000; past it the least recently
                    used goes)
  --allow-origin O  let pages on origin O (scheme://host[:port]) call it too, besides
                    localhost, 127.0.0.1 and [::1] on any port; `*`: every page (repeatable)
  --allow-host H    answer requests naming host H too, besides loopback ones and --host;
                    `.example.test` also allows its subdomains (repeatable)
  --help            this text
";

/// The default port.
pub const DEFAULT_PORT: u16 = 8081;

/// The `--help` text of the server called `program`.
pub fn usage(program: &str) -> String {
    let indent = " ".repeat("USAGE: ".len() + program.len() + 1);
    format!(
        "{program}: the session API's in-memory mock over HTTP\n\n\
         USAGE: {program} [--port N] [--host ADDR] [--scenario FILE] [--clock system|virtual]\n\
         {indent}[--now TIME] [--seed N] [--latency MS|MIN-MAX] [--max-namespaces N]\n\
         {indent}[--allow-origin ORIGIN]... [--allow-host HOST]...\n{FLAGS}"
    )
}

/// What a server's command line asked for.
#[derive(Debug, Clone)]
pub struct CommandLine {
    /// The address to listen on.
    pub host: String,
    /// The port (0: any free port).
    pub port: u16,
    /// The scenario file to read (`None`: the built-in scenario).
    pub scenario_file: Option<String>,
    /// Where time comes from.
    pub clock: Clock,
    /// The id seed.
    pub seed: Option<u64>,
    /// Latency of every answer.
    pub latency: Latency,
    /// Which pages and hosts it answers: loopback ones and `host`, then those allowed.
    pub access: Access,
    /// How many namespaces it keeps.
    pub max_namespaces: usize,
}

impl CommandLine {
    /// Reads the arguments (without the program name). `Ok(None)` means `--help`.
    ///
    /// # Errors
    ///
    /// What is wrong, for the usage message, naming the flag: an unknown one, a missing or
    /// unreadable value, `--now` without `--clock virtual`.
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Option<CommandLine>, String> {
        let mut line = CommandLine {
            host: "127.0.0.1".to_owned(),
            port: DEFAULT_PORT,
            scenario_file: None,
            clock: Clock::SYSTEM,
            seed: None,
            latency: Latency::None,
            access: Access::open(),
            max_namespaces: namespaces::DEFAULT_MAX,
        };
        let (mut origins, mut hosts, mut now) = (Vec::new(), Vec::new(), None);
        let mut parser = lexopt::Parser::from_args(args);
        while let Some(arg) = parser.next().map_err(|err| err.to_string())? {
            let flag = match arg {
                Long(name) => format!("--{name}"),
                Short(c) => format!("-{c}"),
                Value(value) => {
                    return Err(format!("unknown argument `{}`", value.to_string_lossy()))
                }
            };
            if flag == "--help" || flag == "-h" {
                return Ok(None);
            }
            let mut value = || -> Result<String, String> {
                parser
                    .value()
                    .map_err(|_| format!("{flag} needs a value"))?
                    .into_string()
                    .map_err(|_| format!("{flag}: the value is not text"))
            };
            match flag.as_str() {
                "--port" => {
                    let text = value()?;
                    line.port = text
                        .parse()
                        .map_err(|_| format!("--port: `{text}` is not a port number"))?;
                }
                "--host" => line.host = value()?,
                "--scenario" => line.scenario_file = Some(value()?),
                "--clock" => {
                    line.clock = match value()?.as_str() {
                        "system" => Clock::SYSTEM,
                        "virtual" => Clock::virtual_now(),
                        other => {
                            return Err(format!(
                                "--clock: `{other}` is neither `system` nor `virtual`"
                            ))
                        }
                    }
                }
                "--now" => {
                    let text = value()?;
                    now = Some(Timestamp::parse(&text).map_err(|err| {
                        format!("--now: `{text}` is not an RFC 3339 time: {err}")
                    })?);
                }
                "--seed" => {
                    let text = value()?;
                    line.seed = Some(
                        text.parse()
                            .map_err(|_| format!("--seed: `{text}` is not a whole number"))?,
                    );
                }
                "--latency" => line.latency = parse_latency(&value()?)?,
                "--max-namespaces" => {
                    let text = value()?;
                    line.max_namespaces =
                        text.parse().ok().filter(|max| *max >= 1).ok_or_else(|| {
                            format!("--max-namespaces: `{text}` is not a whole number from 1")
                        })?;
                }
                "--allow-origin" => origins.push(value()?),
                "--allow-host" => hosts.push(value()?),
                _ => return Err(format!("unknown argument `{flag}`")),
            }
        }
        if let Some(now) = now {
            if !line.clock.is_virtual() {
                return Err("--now needs --clock virtual".to_owned());
            }
            line.clock = Clock::Virtual(now);
        }
        line.access = Access::local(&line.host);
        for origin in origins {
            line.access
                .allow_origin(&origin)
                .map_err(|err| format!("--allow-origin: {err}"))?;
        }
        for host in hosts {
            line.access
                .allow_host(&host)
                .map_err(|err| format!("--allow-host: {err}"))?;
        }
        Ok(Some(line))
    }

    /// The mock's options, the scenario file read by `read_file` (the caller has the file
    /// system; its error is what went wrong, such as the OS's message).
    ///
    /// # Errors
    ///
    /// `--scenario: cannot read FILE: ...`, or `--scenario FILE: ...` when its text is not a
    /// scenario.
    pub fn options(
        &self,
        read_file: impl FnOnce(&str) -> Result<String, String>,
    ) -> Result<MockOptions, String> {
        let scenario = match &self.scenario_file {
            Some(file) => {
                let text = read_file(file)
                    .map_err(|err| format!("--scenario: cannot read {file}: {err}"))?;
                Scenario::from_json(&text).map_err(|err| format!("--scenario {file}: {err}"))?
            }
            None => super::default_scenario::default_scenario(),
        };
        Ok(MockOptions {
            scenario,
            clock: self.clock,
            seed: self.seed,
            latency: self.latency,
            access: self.access.clone(),
            namespaces: Some(self.max_namespaces),
            ..MockOptions::default()
        })
    }
}

/// `250` (fixed) or `100-400` (a seeded random delay in that range, either order), in
/// milliseconds, bounded as every delay is ([`Latency::fixed`], [`Latency::between`]).
///
/// # Errors
/// Text that is not `MS` or `MIN-MAX`, or a delay out of range.
fn parse_latency(text: &str) -> Result<Latency, String> {
    let number = |part: &str| {
        part.trim()
            .parse::<i64>()
            .map_err(|_| format!("--latency: `{text}` is not MS or MIN-MAX in milliseconds"))
    };
    match text.split_once('-') {
        None => Latency::fixed(number(text)?),
        Some((min, max)) => Latency::between(number(min)?, number(max)?),
    }
    .map_err(|err| format!("--latency: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<CommandLine>, String> {
        CommandLine::parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        let line = parse(&[]).unwrap().unwrap();
        assert_eq!((line.host.as_str(), line.port), ("127.0.0.1", 8081));
        assert_eq!(line.clock, Clock::SYSTEM);
        assert_eq!(line.max_namespaces, 1000);
        let line = parse(&["--port", "0", "--clock", "virtual", "--seed", "9"])
            .unwrap()
            .unwrap();
        assert_eq!((line.port, line.seed), (0, Some(9)));
        assert!(line.clock.is_virtual());
        assert!(parse(&["--help"]).unwrap().is_none());
        assert!(parse(&["-h"]).unwrap().is_none());
        let line = parse(&["--port=0", "--latency", "5-10"]).unwrap().unwrap();
        assert_eq!(line.port, 0);
        let line = parse(&["--now", "2026-12-01T09:00:00Z", "--clock", "virtual"])
            .unwrap()
            .unwrap();
        assert_eq!(line.clock.now().to_string(), "2026-12-01T09:00:00.000Z");
    }

    #[test]
    fn errors_say_what_was_wrong() {
        let err = |args: &[&str]| parse(args).unwrap_err();
        assert!(err(&["--port", "x"]).contains("not a port"));
        assert!(err(&["--port"]).contains("--port needs a value"));
        assert!(err(&["--clock", "fast"]).contains("fast"));
        assert!(err(&["--verbose"]).contains("unknown argument `--verbose`"));
        assert!(err(&["stray"]).contains("unknown argument `stray`"));
        assert_eq!(
            err(&["--now", "2026-12-01T09:00:00Z"]),
            "--now needs --clock virtual"
        );
        assert!(err(&["--now", "yesterday", "--clock", "virtual"]).contains("`yesterday`"));
        assert!(err(&["--max-namespaces", "0"]).contains("--max-namespaces"));
        assert!(
            err(&["--allow-origin", "evil.example"]).starts_with("--allow-origin: `evil.example`")
        );
        assert!(err(&["--allow-host", "a/b"]).starts_with("--allow-host: `a/b`"));
    }

    /// docs/servers.md's table of flags ("The mock server over HTTP") lists exactly the usage's.
    #[test]
    fn the_readme_lists_the_flags_of_the_usage() {
        let readme = include_str!("../../docs/servers.md");
        let flags = |text: &str, prefix: &str| {
            let mut found: Vec<String> = text
                .lines()
                .filter_map(|line| line.strip_prefix(prefix))
                .filter_map(|rest| rest.split([' ', '`']).next())
                .filter(|flag| flag.starts_with("--"))
                .map(str::to_owned)
                .collect();
            found.sort();
            found
        };
        let mut documented = flags(readme, "| `");
        documented.retain(|flag| flag != "--help");
        let mut usage = flags(&usage("x"), "  ");
        usage.retain(|flag| flag != "--help");
        assert_eq!(documented, usage);
    }

    #[test]
    fn the_usage_names_the_program_and_every_flag() {
        let text = usage("mock-server");
        assert!(text.starts_with("mock-server: the session API's in-memory mock over HTTP"));
        for flag in [
            "--port",
            "--host",
            "--scenario",
            "--clock",
            "--now",
            "--seed",
            "--latency",
            "--max-namespaces",
            "--allow-origin",
            "--allow-host",
            "--help",
        ] {
            assert!(text.contains(&format!("\n  {flag} ")), "{flag}");
        }
        let other = usage("session-client-mock");
        assert!(
            other.contains("\n                           [--now TIME]"),
            "{other}"
        );
    }
}
