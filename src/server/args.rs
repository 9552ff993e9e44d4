//! [`Config`]: the `mock-server` command line.

use crate::mock::{Access, Clock, Latency, Scenario};
use crate::time::Timestamp;

/// The `--help` text.
pub const USAGE: &str = "\
mock-server: the session API's in-memory mock over HTTP

USAGE: mock-server [--port N] [--host ADDR] [--scenario FILE] [--clock system|virtual] [--seed N]
                   [--latency MS|MIN-MAX] [--now TIME] [--max-namespaces N]
                   [--allow-origin ORIGIN]... [--allow-host HOST]...

  --port N          port to listen on (default 8081; 0 picks a free one)
  --host ADDR       address to listen on (default 127.0.0.1)
  --scenario FILE   users and policy as scenario JSON (default: the built-in scenario)
  --clock KIND      `system` (default) or `virtual` (moved through /__mock/clock)
  --seed N          makes session ids, latency and fault draws deterministic
  --latency L       delay every answer: MS, or MIN-MAX for a seeded random delay
  --now TIME        where the virtual clock starts (RFC 3339; needs --clock virtual)
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
pub(super) const DEFAULT_PORT: u16 = 8081;

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on.
    pub host: String,
    /// The port (0: any free port).
    pub port: u16,
    /// Users and policy.
    pub scenario: Scenario,
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

impl Config {
    /// Reads the arguments (without the program name). `Ok(None)` means `--help`.
    ///
    /// # Errors
    ///
    /// What is wrong with the arguments, for the usage message: an unknown flag, a missing or
    /// unreadable value, a scenario file that does not read.
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Option<Config>, String> {
        let mut config = Config {
            host: "127.0.0.1".to_owned(),
            port: DEFAULT_PORT,
            scenario: crate::mock::default_scenario::default_scenario(),
            clock: Clock::SYSTEM,
            seed: None,
            latency: Latency::None,
            access: Access::open(),
            max_namespaces: crate::mock::namespaces::DEFAULT_MAX,
        };
        let (mut origins, mut hosts) = (Vec::new(), Vec::new());
        let mut now = None;
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            if flag == "--help" || flag == "-h" {
                return Ok(None);
            }
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--port" => {
                    let text = value()?;
                    config.port = text
                        .parse()
                        .map_err(|_| format!("--port: `{text}` is not a port number"))?;
                }
                "--host" => config.host = value()?,
                "--scenario" => {
                    let file = value()?;
                    let text = std::fs::read_to_string(&file)
                        .map_err(|err| format!("--scenario: cannot read {file}: {err}"))?;
                    config.scenario = Scenario::from_json(&text)
                        .map_err(|err| format!("--scenario {file}: {err}"))?;
                }
                "--clock" => {
                    config.clock = match value()?.as_str() {
                        "system" => Clock::SYSTEM,
                        "virtual" => Clock::virtual_now(),
                        other => {
                            return Err(format!(
                                "--clock: `{other}` is neither `system` nor `virtual`"
                            ))
                        }
                    }
                }
                "--seed" => {
                    let text = value()?;
                    config.seed = Some(
                        text.parse()
                            .map_err(|_| format!("--seed: `{text}` is not a whole number"))?,
                    );
                }
                "--latency" => config.latency = parse_latency(&value()?)?,
                "--now" => {
                    let text = value()?;
                    now = Some(Timestamp::parse(&text).map_err(|err| {
                        format!("--now: `{text}` is not an RFC 3339 time: {err}")
                    })?);
                }
                "--max-namespaces" => {
                    let text = value()?;
                    config.max_namespaces =
                        text.parse().ok().filter(|max| *max >= 1).ok_or_else(|| {
                            format!("--max-namespaces: `{text}` is not a whole number from 1")
                        })?;
                }
                "--allow-origin" => origins.push(value()?),
                "--allow-host" => hosts.push(value()?),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if let Some(now) = now {
            if !config.clock.is_virtual() {
                return Err("--now needs --clock virtual".to_owned());
            }
            config.clock = Clock::Virtual(now);
        }
        config.access = Access::local(&config.host);
        for origin in origins {
            config
                .access
                .allow_origin(&origin)
                .map_err(|err| format!("--allow-origin: {err}"))?;
        }
        for host in hosts {
            config
                .access
                .allow_host(&host)
                .map_err(|err| format!("--allow-host: {err}"))?;
        }
        Ok(Some(config))
    }
}

/// `250` (fixed) or `100-400` (a seeded random delay in that range, either order), in
/// milliseconds, bounded as every delay is ([`Latency::fixed`], [`Latency::between`]).
///
/// # Errors
/// Text that is not `MS` or `MIN-MAX`, or a delay out of range.
pub(super) fn parse_latency(text: &str) -> Result<Latency, String> {
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

    fn parse(args: &[&str]) -> Result<Option<Config>, String> {
        Config::from_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        let config = parse(&[]).unwrap().unwrap();
        assert_eq!((config.host.as_str(), config.port), ("127.0.0.1", 8081));
        assert_eq!(config.clock, Clock::SYSTEM);
        let config = parse(&["--port", "0", "--clock", "virtual", "--seed", "9"])
            .unwrap()
            .unwrap();
        assert_eq!((config.port, config.seed), (0, Some(9)));
        assert!(config.clock.is_virtual());
        assert!(parse(&["--help"]).unwrap().is_none());
    }

    #[test]
    fn errors_say_what_was_wrong() {
        assert!(parse(&["--port", "x"]).unwrap_err().contains("not a port"));
        assert!(parse(&["--port"]).unwrap_err().contains("needs a value"));
        assert!(parse(&["--clock", "fast"]).unwrap_err().contains("fast"));
        assert!(parse(&["--scenario", "/nonexistent.json"])
            .unwrap_err()
            .contains("cannot read"));
        assert!(parse(&["--allow-origin", "evil.example"])
            .unwrap_err()
            .starts_with("--allow-origin: `evil.example`"));
        assert!(parse(&["--allow-host", "a/b"])
            .unwrap_err()
            .starts_with("--allow-host: `a/b`"));
        assert_eq!(
            parse(&["--now", "2026-12-01T09:00:00Z"]).unwrap_err(),
            "--now needs --clock virtual"
        );
        let config = parse(&["--now", "2026-12-01T09:00:00Z", "--clock", "virtual"])
            .unwrap()
            .unwrap();
        assert_eq!(config.clock.now().to_string(), "2026-12-01T09:00:00.000Z");
        assert!(parse(&["--now", "yesterday", "--clock", "virtual"])
            .unwrap_err()
            .contains("`yesterday`"));
        assert!(parse(&["--max-namespaces", "0"])
            .unwrap_err()
            .contains("--max-namespaces"));
        assert!(parse(&["--verbose"])
            .unwrap_err()
            .contains("unknown argument"));
    }
}
