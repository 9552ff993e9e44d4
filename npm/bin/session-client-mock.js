#!/usr/bin/env node
// npx session-client-mock: the session API's in-memory mock over HTTP, from Node, with the
// flags (read by the same parser), control endpoints (/__mock/...), access, CORS, namespaces,
// body limit and log lines of the Rust `mock-server`. A thin binding: every answer comes from
// SessionApiMock.handleRequest, the same core the in-page mock and the service worker use.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { SessionApiMock } from "../mock.node.js";

/** The request headers the core reads (content type, the namespace, then access and CORS). */
const FORWARDED = ["content-type", "accept", "x-mock-namespace", "cookie", "host", "origin", "access-control-request-headers"];

// The flags, their errors and the usage text are the Rust server's (src/mock/cli.rs).
const USAGE = SessionApiMock.usage("session-client-mock");
let config;
try {
  config = SessionApiMock.fromCommandLine(process.argv.slice(2), (file) => readFileSync(file, "utf8"));
} catch (err) {
  process.stderr.write(`session-client-mock: ${err.description ?? err.message}\n\n${USAGE}`);
  process.exit(2);
}
if (config.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const { mock } = config;

const limit = SessionApiMock.bodyLimit();

/** The body's text, cut one byte past the limit: the core refuses any body over it. */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      if (size > limit) return; // drained, not kept
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on("end", () => resolve(Buffer.concat(chunks).subarray(0, limit + 1).toString("utf8")));
    req.on("error", reject);
  });
}

/** The most a request head may take, as in the Rust server (hyper's buffer there). */
const MAX_HEAD_BYTES = 1 << 20;

const server = createServer({ maxHeaderSize: MAX_HEAD_BYTES }, async (req, res) => {
  const started = performance.now();
  req.socket.corsAsked = {}; // the next request's headers start here
  const path = req.url.split("?")[0];
  const headers = {};
  for (const name of FORWARDED) if (typeof req.headers[name] === "string") headers[name] = req.headers[name];
  // The client going away ends a latency or an injected delay.
  const gone = new AbortController();
  res.on("close", () => gone.abort());
  let status;
  try {
    const body = await readBody(req);
    const answer = await mock.handleRequest({ method: req.method, target: req.url, headers, body: body || undefined, signal: gone.signal });
    status = answer.status;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.status === 204 ? undefined : answer.body);
  } catch (err) {
    if (err?.code === "ABORTED") return; // nobody is listening any more
    status = 0;
    if (err?.code !== "NETWORK") console.error(`session-client-mock: ${err?.message ?? err}`);
    req.socket.destroy(); // an injected network failure: the connection drops
  } finally {
    if (status !== undefined) console.log(`${req.method} ${path} ${status} ${(performance.now() - started).toFixed(1)}ms`);
  }
});

// Node answers a head over the limit before the handler runs. So that a browser on another
// origin reads that 431 as it reads the Rust server's, each connection keeps the CORS headers
// of the request being read, and the answer carries the core's CORS headers for them (a
// preflight is let through with 204, so that the browser sends the request and reads its status).
const CORS_ASKED = /^(origin|access-control-request-method|access-control-request-headers):[ \t]*([ -~]*?)[ \t]*\r?$/i;
const MAX_LINE = 4096;
server.on("connection", (socket) => {
  socket.corsAsked = {};
  let line = "";
  let overlong = false;
  socket.on("data", (chunk) => {
    const pieces = chunk.toString("latin1").split("\n");
    for (let i = 0; i < pieces.length; i++) {
      if (!overlong) line += pieces[i];
      if (line.length > MAX_LINE) [line, overlong] = ["", true];
      if (i === pieces.length - 1) break; // this line goes on in the next chunk
      const asked = !overlong && CORS_ASKED.exec(line);
      if (asked) socket.corsAsked[asked[1].toLowerCase()] = asked[2];
      [line, overlong] = ["", false];
    }
  });
});

server.on("clientError", (err, socket) => {
  if (!socket.writable || socket.answered) return socket.destroy();
  socket.answered = true;
  if (err.code !== "HPE_HEADER_OVERFLOW") return socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
  const headers = socket.corsAsked ?? {};
  const preflight = "access-control-request-method" in headers;
  const cors = mock.corsHeaders({ method: preflight ? "OPTIONS" : "GET", target: "/", headers });
  const head = [preflight ? "HTTP/1.1 204 No Content" : "HTTP/1.1 431 Request Header Fields Too Large", "connection: close"];
  if (!preflight) head.push("content-length: 0");
  for (const [name, value] of Object.entries(cors)) head.push(`${name}: ${value}`);
  socket.end(`${head.join("\r\n")}\r\n\r\n`);
});

server.on("error", (err) => {
  process.stderr.write(`session-client-mock: ${err.message}\n`);
  process.exit(1);
});

server.listen(config.port, config.host, () => {
  const { address, port } = server.address();
  for (const note of mock.accessNotes(address === "0.0.0.0" || address === "::")) console.error(`session-client-mock: ${note}`);
  const host = address.includes(":") ? `[${address}]` : address;
  console.log(`listening on http://${host}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => {
      console.log("stopped");
      process.exit(0);
    });
    server.closeAllConnections();
  });
}
