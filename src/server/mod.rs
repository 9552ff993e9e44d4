//! The native HTTP mock server (feature `server`): the [`Mock`] core behind a real socket.
//!
//! A thin binding: every answer, access, CORS and the body limit included, comes from
//! [`Mock::exchange`]; this adds only what a socket needs: honouring injected delays and
//! network failures, one log line per request, a clean stop on Ctrl-C or SIGTERM, and CORS
//! headers on the two answers HTTP parsing gives before the mock sees a request (a target
//! over 64 KiB: `414`; a request head over 1 MiB: `431`), so that a browser on another
//! origin reads those statuses instead of a network error.
//! `npx session-client-mock` (the npm package's Node server) binds the same core the same way.

mod args;
mod http;
mod io;

pub use args::{usage, Config};

use std::sync::{Arc, Mutex};

use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;

use crate::mock::Mock;

/// The most a request head (request line and headers) may take: far beyond what a browser
/// sends, while a target over 64 KiB is refused by hyper's parser whatever this is.
pub const MAX_HEAD_BYTES: usize = 1 << 20;

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
        let access = config.options.access.clone();
        for note in access.start_notes(listener.local_addr()?.ip().is_unspecified()) {
            eprintln!("mock-server: {note}");
        }
        let mock: http::Shared = Arc::new(Mutex::new(Mock::new(config.options)));
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .max_buf_size(MAX_HEAD_BYTES)
            .max_headers(1000)
            // One buffer a write, and no `date`: hyper's own answers are then fixed bytes
            // that `io::Guarded` can recognise.
            .writev(false)
            .auto_date_header(false);
        let graceful = GracefulShutdown::new();
        println!("listening on http://{}", listener.local_addr()?);
        let stop = shutdown_signal();
        tokio::pin!(stop);
        loop {
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(err) => {
                        eprintln!("mock-server: accept failed: {err}");
                        continue;
                    }
                },
                () = &mut stop => break,
            };
            let mock = Arc::clone(&mock);
            let service = service_fn(move |request| http::handle(Arc::clone(&mock), request));
            let connection = builder.serve_connection(
                TokioIo::new(io::Guarded::new(stream, access.clone())),
                service,
            );
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                // A connection's own failure (a reset, a parse error already answered) ends
                // only that connection.
                let _ = connection.await;
            });
        }
        graceful.shutdown().await;
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
