//! The native HTTP mock server (feature `server`): the [`Mock`] core behind a real socket.
//!
//! A thin binding: every answer, CORS and the body limit included, comes from
//! [`Mock::exchange`]; this adds only what a socket needs: honouring injected delays and
//! network failures, one log line per request, and a clean stop on Ctrl-C or SIGTERM.
//! `npx session-client-mock` (the npm package's Node server) binds the same core the same way.

mod args;
mod http;

pub use args::{Config, USAGE};

use std::sync::{Arc, Mutex};

use crate::mock::{Mock, MockOptions};

/// Starts the server and runs until Ctrl-C or SIGTERM. Prints `listening on http://HOST:PORT`
/// (the real port when `--port 0` was given) once it accepts connections.
///
/// # Errors
///
/// The I/O error when the address cannot be bound or the runtime cannot start.
pub fn run(config: Config) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
        let mock = Mock::new(MockOptions {
            scenario: config.scenario,
            clock: config.clock,
            seed: config.seed,
            latency: config.latency,
        });
        let app = http::app(Arc::new(Mutex::new(mock)));
        println!("listening on http://{}", listener.local_addr()?);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        println!("stopped");
        Ok(())
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
