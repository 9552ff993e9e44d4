//! CORS on the answers hyper gives by itself.
//!
//! hyper answers a request it cannot parse before any handler runs: `414` for a target over
//! 64 KiB, `431` for a head over its buffer. Those answers carry no CORS headers, so a
//! browser on another origin would see a network error where the in-browser mock answers.
//! hyper has no hook for them, so [`Guarded`] sits between hyper and the socket: it keeps the
//! CORS-related headers of the request being read, and when hyper writes one of its own two
//! answers (fixed bytes: the server turns off the `date` header and vectored writes), it
//! writes the same status with the core's CORS headers ([`Access::cors_headers`]) instead. A
//! preflight for such a request is let through (`204`), so that the browser sends the request
//! itself and reads its status.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::mock::{Access, MockRequest};

/// hyper's own answers, byte for byte, with the status line each stands for.
const HYPER_ANSWERS: [(&[u8], &str); 2] = [
    (
        b"HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
        "414 URI Too Long",
    ),
    (
        b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
        "431 Request Header Fields Too Large",
    ),
];

/// The request headers kept: those the core's CORS answer depends on.
const KEPT: [&str; 3] = [
    "origin",
    "access-control-request-method",
    "access-control-request-headers",
];

/// Header lines longer than this are not kept (a real `Origin` is a scheme, host and port).
const MAX_LINE: usize = 4096;

/// A socket whose hyper-made answers get CORS headers.
#[derive(Debug)]
pub(super) struct Guarded<S> {
    inner: S,
    head: HeadScanner,
    /// Whether the next write starts a new answer (the last one was written whole).
    at_answer_start: bool,
    /// An answer of ours replacing one of hyper's: the bytes, how many are written, and how
    /// many of hyper's bytes it stands for.
    replacing: Option<(Vec<u8>, usize, usize)>,
}

impl<S> Guarded<S> {
    /// `access`: the server's, which decides the CORS headers of hyper's answers too.
    pub(super) fn new(inner: S, access: Access) -> Self {
        Guarded {
            inner,
            head: HeadScanner {
                access,
                ..HeadScanner::default()
            },
            at_answer_start: true,
            replacing: None,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Guarded<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        ready!(Pin::new(&mut this.inner).poll_read(cx, buf))?;
        this.head
            .scan(buf.filled().get(before..).unwrap_or_default());
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Guarded<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replacing.is_none() && this.at_answer_start {
            if let Some((hyper, status)) = HYPER_ANSWERS.iter().find(|(a, _)| buf.starts_with(a)) {
                this.replacing = Some((this.head.answer(status), 0, hyper.len()));
            }
            // What was read so far belongs to the request this answers.
            this.head.kept.clear();
        }
        if let Some((bytes, written, stands_for)) = &mut this.replacing {
            while let Some(rest) = bytes.get(*written..).filter(|rest| !rest.is_empty()) {
                let n = ready!(Pin::new(&mut this.inner).poll_write(cx, rest))?;
                if n == 0 {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                *written += n;
            }
            let stands_for = *stands_for;
            this.replacing = None;
            return Poll::Ready(Ok(stands_for));
        }
        let n = ready!(Pin::new(&mut this.inner).poll_write(cx, buf))?;
        this.at_answer_start = n == buf.len();
        Poll::Ready(Ok(n))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// Reads bytes in pieces, line by line, keeping the [`KEPT`] headers' values.
#[derive(Debug, Default)]
struct HeadScanner {
    /// The line being read (up to [`MAX_LINE`] bytes), and whether it was longer.
    line: Vec<u8>,
    overlong: bool,
    /// The kept headers seen since the last answer.
    kept: Vec<(String, String)>,
    /// Who is granted CORS.
    access: Access,
}

impl HeadScanner {
    fn scan(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if byte == b'\n' {
                self.end_line();
            } else if self.line.len() < MAX_LINE {
                self.line.push(byte);
            } else {
                self.overlong = true;
            }
        }
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        if std::mem::take(&mut self.overlong) {
            return;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return;
        };
        let (name, value) = line.split_at(colon);
        let Some(name) = KEPT
            .iter()
            .find(|kept| name.eq_ignore_ascii_case(kept.as_bytes()))
        else {
            return;
        };
        let value = value.get(1..).unwrap_or_default().trim_ascii();
        // Only plain visible ASCII is echoed back.
        if let Ok(value) = std::str::from_utf8(value) {
            if value.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
                self.kept.retain(|(n, _)| n != name);
                self.kept.push(((*name).to_owned(), value.to_owned()));
            }
        }
    }

    /// The answer to send instead of hyper's `status`: the same status with the core's CORS
    /// headers for the kept ones, or a preflight's `204` when the request was one.
    fn answer(&self, status: &str) -> Vec<u8> {
        let request = MockRequest {
            method: if self
                .kept
                .iter()
                .any(|(n, _)| n == "access-control-request-method")
            {
                "OPTIONS".to_owned()
            } else {
                "GET".to_owned()
            },
            headers: self.kept.clone(),
            ..MockRequest::default()
        };
        let status = if request.method == "OPTIONS" {
            "204 No Content"
        } else {
            status
        };
        let mut answer = format!("HTTP/1.1 {status}\r\nconnection: close\r\n");
        if status != "204 No Content" {
            answer.push_str("content-length: 0\r\n");
        }
        for (name, value) in self.access.cors_headers(&request) {
            answer.push_str(&format!("{name}: {value}\r\n"));
        }
        answer.push_str("\r\n");
        answer.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer_to(head: &[u8], status: &str) -> String {
        let mut scanner = HeadScanner::default();
        scanner.scan(head);
        String::from_utf8(scanner.answer(status)).unwrap()
    }

    #[test]
    fn the_origin_is_echoed_whatever_the_pieces_and_case() {
        let head =
            b"GET /x HTTP/1.1\r\nHost: a\r\nORIGIN:  http://localhost:5173 \r\nAccept: */*\r\n\r\n";
        for split in 0..head.len() {
            let mut scanner = HeadScanner::default();
            let (a, b) = head.split_at(split);
            scanner.scan(a);
            scanner.scan(b);
            let answer = String::from_utf8(scanner.answer("414 URI Too Long")).unwrap();
            assert!(
                answer.starts_with("HTTP/1.1 414 URI Too Long\r\n"),
                "{answer}"
            );
            assert!(
                answer.contains("\r\naccess-control-allow-origin: http://localhost:5173\r\n"),
                "{split}: {answer}"
            );
            assert!(answer.ends_with("\r\n\r\n"), "{answer}");
        }
    }

    #[test]
    fn only_headers_named_origin_count() {
        let answer = answer_to(
            b"GET /origin:x HTTP/1.1\r\nx-origin: http://a\r\nreferer: http://b/origin: c\r\n\r\n",
            "431 Request Header Fields Too Large",
        );
        assert!(!answer.contains("access-control"), "{answer}");
        assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
    }

    #[test]
    fn a_preflight_is_let_through_with_the_core_headers() {
        let answer = answer_to(
            b"OPTIONS /long HTTP/1.1\r\nOrigin: http://a\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n",
            "414 URI Too Long",
        );
        assert!(
            answer.starts_with("HTTP/1.1 204 No Content\r\n"),
            "{answer}"
        );
        assert!(
            answer.contains("access-control-allow-methods: GET, POST"),
            "{answer}"
        );
        assert!(
            answer.contains("access-control-allow-headers: content-type\r\n"),
            "{answer}"
        );
    }
}
