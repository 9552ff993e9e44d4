// What the tests of the packed package share (tests/package, tests/frameworks): packing it
// and installing the tarball in a scratch project, starting `npx session-client-mock` in
// its own process group and stopping it, a free port, and headless Chromium.
import { execFile, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const repo = new URL("../../", import.meta.url).pathname;

/** The environment of a tool run in a scratch project: no colours, and not a child of this
 *  test runner (Node's runner would report to us instead of printing). */
export const toolEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
delete toolEnv.NODE_TEST_CONTEXT;

/** Runs a command to its end; resolves to its standard output, or throws with both outputs. */
export function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: toolEnv, maxBuffer: 64 << 20, timeout: 300_000, ...options });
}

/** Packs pkg/ into `work` and installs the tarball into the project at `app` without saving it
 *  (the project's own dependencies stay as its lock has them). */
export function installPackage(work, app) {
  const tarball = run("npm", ["pack", join(repo, "pkg"), "--pack-destination", work, "--silent"], { cwd: work }).trim().split("\n").at(-1);
  run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", join(work, tarball)], { cwd: app });
}

/** Starts a long-running command in its own process group (so that it and every child it
 *  starts stop together) and resolves once a line of its output (either stream) matches
 *  `ready`, to `{ child, lines, errors, match }`: `lines` are its standard output's,
 *  `errors` its standard error's, as they come. */
export function start(command, args, { cwd, env = toolEnv, ready, timeoutMs = 60_000 }) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines = [];
  const errors = [];
  const all = () => [...lines, ...errors].join("\n");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop({ child });
      reject(new Error(`${command} ${args.join(" ")}: not ready after ${timeoutMs} ms:\n${all()}`));
    }, timeoutMs);
    const read = (stream, into) => {
      let buffered = "";
      stream.on("data", (chunk) => {
        buffered += chunk;
        let end;
        while ((end = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 1);
          into.push(line);
          const match = line.match(ready);
          if (match) {
            clearTimeout(timer);
            resolve({ child, lines, errors, match });
          }
        }
      });
    };
    read(child.stdout, lines);
    read(child.stderr, errors);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${all()}`));
    });
  });
}

/** Starts `npx session-client-mock --port 0 ARGS` in the project at `cwd`; resolves to
 *  `{ url, child, lines }`. */
export async function startMockServer(cwd, args = []) {
  const server = await start("npx", ["--no-install", "session-client-mock", "--port", "0", ...args], { cwd, ready: /^listening on (.*)$/ });
  return { ...server, url: server.match[1] };
}

/** Stops a started process's whole group with SIGTERM; resolves once every process of it
 *  has let go of its output (none is left running). */
export function stop({ child }) {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.stdout.on("close", resolve);
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve(); // already gone
    }
  });
}

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** How Debian's Chromium is launched here, with the flags this machine's closed network
 *  needs: for playwright-core, and (as JSON in `CHROMIUM_LAUNCH`) for the Playwright
 *  projects the tests run, whose configs read it. */
export const CHROMIUM_LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

/** Runs a Playwright project (`config`) with `@playwright/test` from the repository, in
 *  `cwd` with `env` (and CHROMIUM_LAUNCH), asynchronously: what it tests may be served from
 *  this very process. Resolves to its exit status and output. */
export function runPlaywright(config, { cwd, env = toolEnv, timeoutMs = 300_000 }) {
  const cli = join(repo, "node_modules/@playwright/test/cli.js");
  const options = { cwd, env: { ...env, CHROMIUM_LAUNCH: JSON.stringify(CHROMIUM_LAUNCH) }, maxBuffer: 64 << 20, timeout: timeoutMs };
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, "test", "-c", config], options, (err, stdout, stderr) => {
      resolve({ status: err ? (err.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** Headless Debian Chromium. */
export function launchChromium() {
  return chromium.launch(CHROMIUM_LAUNCH);
}
