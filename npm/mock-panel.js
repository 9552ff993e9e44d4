// session-client/mock/panel: the mock's tools inside the developer's own app. A
// <session-mock-panel> element (open shadow root, its own styles, none taken from the page
// or given to it) that shows the mock's sessions, clock, faults, journal and users and
// steers them: an in-page SessionApiMock through its methods, or a mock server or the
// service worker through `/__mock/` under a base URL. Development only: nothing imports it
// but an app's own development code, so a production bundle carries none of it.

import { mockOverHttp } from "./mock-http.js";

const TAG = "session-mock-panel";
const CORNERS = ["bottom-right", "bottom-left", "top-left", "top-right"];
const MINUTE = 60_000;
const ADVANCES = [
  ["Advance 5 minutes", 5 * MINUTE],
  ["Advance 1 hour", 60 * MINUTE],
  ["Advance 1 day", 24 * 60 * MINUTE],
];
/** The journal shows the newest entries only. */
const JOURNAL_ROWS = 200;

/** What the panel asks of a mock, the same whichever way it is reached. */
function inPage(mock) {
  const api = async (method, target) => {
    const answer = await mock.handleRequest({ method, target, headers: {} });
    if (answer.status >= 300) throw new Error(`${method} ${target}: ${answer.status} ${describe(answer.body)}`);
  };
  return {
    where: "this page's mock",
    clock: async () => ({ now: mock.now() }),
    /** What the open panel shows, read at once (over HTTP: in one request). */
    overview: async ({ reveal }) => ({ now: mock.now(), sessions: mock.sessions(), users: mock.users(), requests: mock.requests({ reveal }) }),
    advance: async (ms) => mock.advance(ms),
    setNow: async (at) => mock.setNow(at),
    failNext: async (fault) => mock.failNext(fault),
    failRate: async (probability, fault) => mock.failRate(probability, fault),
    setLatency: async (ms) => mock.setLatency(ms),
    clearFaults: async () => mock.clearFaults(),
    clearRequests: async () => mock.clearRequests(),
    updateUser: async (uuid, patch) => mock.updateUser(uuid, patch),
    addUser: async (user) => mock.addUser(user),
    deleteSession: (id) => api("DELETE", `/sessions/${encodeURIComponent(id)}`),
    reset: async () => mock.reset(),
    dump: async () => mock.dump(),
    restore: async (dump) => mock.restore(dump),
    /** Calls `changed` after each request the mock answers; returns the removal. */
    watch: (changed) => mock.onRequest(changed),
  };
}

/** The same over HTTP: `/__mock/` under `baseUrl` (mock-http.js). */
function overHttp(baseUrl, pollMs) {
  const http = mockOverHttp(baseUrl);
  return {
    ...http,
    deleteSession: (id) => http.api("DELETE", `/sessions/${encodeURIComponent(id)}`),
    // No `watch`: a server tells nobody of its requests, so the panel reads again every
    // `pollMs` instead of each second.
    pollMs,
  };
}

/** An error body's description, or its text. */
function describe(body) {
  try {
    const payload = JSON.parse(body);
    return payload.description ?? payload.message ?? body;
  } catch {
    return body ?? "";
  }
}

/** An element: `h("button", { type: "button", onclick }, "text", child...)`. Text is set as
 *  text, never as markup: what a server sends cannot inject any. */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name in node && name !== "role" && !name.includes("-")) node[name] = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

/** "3h 04m", "4m 05s", or "—" when `at` has passed. */
function countdown(at, now) {
  let left = Math.round((Date.parse(at) - now) / 1000);
  if (!(left > 0)) return "—";
  const days = Math.floor(left / 86400);
  left %= 86400;
  const hours = Math.floor(left / 3600);
  const pad = (n) => String(n).padStart(2, "0");
  const minutes = pad(Math.floor((left % 3600) / 60));
  if (days) return `${days}d ${hours}h ${minutes}m`;
  return hours ? `${hours}h ${minutes}m` : `${Math.floor(left / 60)}m ${pad(left % 60)}s`;
}

const STYLE = `
:host { all: initial; position: fixed; z-index: 2147483647; display: block; max-width: calc(100vw - 24px);
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; }
:host([data-corner="bottom-right"]) { right: 12px; bottom: 12px; }
:host([data-corner="bottom-left"]) { left: 12px; bottom: 12px; }
:host([data-corner="top-left"]) { left: 12px; top: 12px; }
:host([data-corner="top-right"]) { right: 12px; top: 12px; }
:host([inline]) { position: static; max-width: none; }
* { box-sizing: border-box; font: inherit; color: inherit; }
.panel { background: #fff; border: 1px solid #8c959f; border-radius: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 18%); width: 34rem; max-width: 100%; }
:host([inline]) .panel { width: auto; box-shadow: none; }
.bar { display: flex; align-items: center; gap: 8px; padding: 6px 8px; background: #f3f4f6; border-radius: 8px; }
.bar .now { flex: 1; font-variant-numeric: tabular-nums; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.body { max-height: min(70vh, 40rem); overflow: auto; padding: 0 10px 10px; }
:host([inline]) .body { max-height: none; }
h2 { font-size: 13px; font-weight: 700; margin: 12px 0 6px; }
section { border-top: 1px solid #d0d7de; }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 4px 0; }
label { display: inline-flex; align-items: center; gap: 4px; }
button { cursor: pointer; border: 1px solid #6e7781; border-radius: 6px; background: #fff; padding: 3px 8px; min-height: 26px; }
button:hover { background: #eef1f4; }
button.primary { background: #0b57d0; border-color: #0b57d0; color: #fff; }
button.danger { color: #a40e26; border-color: #a40e26; }
button:focus-visible, input:focus-visible, select:focus-visible, .scroll:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
input, select { border: 1px solid #6e7781; border-radius: 4px; padding: 2px 4px; background: #fff; min-height: 26px; }
input[type="number"] { width: 5.5rem; }
input[type="checkbox"] { min-height: auto; }
.scroll { max-height: 12rem; overflow: auto; border: 1px solid #d0d7de; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #eaeef2; white-space: nowrap; font-variant-numeric: tabular-nums; }
th { background: #f6f8fa; position: sticky; top: 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
td code { display: inline-block; max-width: 11rem; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; }
td.actions { white-space: normal; }
.status { margin: 8px 0 0; min-height: 1.4em; }
.status.error { color: #a40e26; }
.empty { color: #57606a; padding: 4px 6px; margin: 0; }
.ok { color: #1a7f37; }
.failed { color: #a40e26; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** The element's class: a host for the panel's shadow root. */
class SessionMockPanel extends HTMLElement {}

/**
 * Adds the mock panel to the page and returns `{ element, unmount() }`. `target`: a
 * `SessionApiMock` (from `session-client/mock`), or `{ baseUrl }` for a mock server or the
 * service worker, steered through `/__mock/` under it. Options: `corner` (where it docks
 * first), `open` (whether it starts open), `parent` (an element to place it in, inline,
 * instead of floating over the page), `storageKey` (where it remembers its corner and
 * whether it is open; `null` to remember nothing), `pollMs` (over HTTP, how often it asks
 * again; 1000).
 */
export function mountMockPanel(target, options = {}) {
  if (typeof document === "undefined") throw new Error("mountMockPanel needs a page (document is not defined)");
  const mock = target && typeof target.handleRequest === "function" ? inPage(target) : null;
  if (!mock && typeof target?.baseUrl !== "string") {
    throw new TypeError("mountMockPanel(target): target must be a SessionApiMock or { baseUrl: string }");
  }
  const { parent, pollMs = 1000, storageKey = "session-mock-panel" } = options ?? {};
  const refuse = (what, value) => {
    throw new TypeError(`mountMockPanel: ${what}, got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`);
  };
  if (options?.corner !== undefined && !CORNERS.includes(options.corner)) refuse(`options.corner must be one of ${CORNERS.join(", ")}`, options.corner);
  if (parent !== undefined && !(parent instanceof Element)) refuse("options.parent must be an element", parent);
  if (!(Number.isFinite(pollMs) && pollMs >= 100)) refuse("options.pollMs must be a number of milliseconds, 100 or more", pollMs);
  if (storageKey !== null && typeof storageKey !== "string") refuse("options.storageKey must be a string or null", storageKey);
  const driver = mock ?? overHttp(target.baseUrl, pollMs);
  if (!customElements.get(TAG)) customElements.define(TAG, SessionMockPanel);

  const stored = (() => {
    try {
      return (storageKey && JSON.parse(localStorage.getItem(storageKey) ?? "{}")) || {};
    } catch {
      return {}; // unreadable: start from the options
    }
  })();
  const view = {
    open: stored.open ?? options?.open ?? Boolean(parent),
    corner: CORNERS.includes(stored.corner) ? stored.corner : (options?.corner ?? CORNERS[0]),
    filter: "",
    reveal: false,
  };
  const remember = () => {
    try {
      if (storageKey) localStorage.setItem(storageKey, JSON.stringify({ open: view.open, corner: view.corner }));
    } catch {
      // storage refused (private mode, quota): the panel still works, it just forgets
    }
  };

  const element = document.createElement(TAG);
  if (parent) element.setAttribute("inline", "");
  const root = element.attachShadow({ mode: "open" });
  const id = (name) => `session-mock-panel-${name}`;

  // ---- the parts that change --------------------------------------------------------
  const now = h("span", { className: "now" });
  const status = h("p", { className: "status", role: "status" });
  const sessionsBody = h("tbody");
  const journalBody = h("tbody");
  const usersBody = h("tbody");
  const noSessions = h("p", { className: "empty" }, "No session.");
  const noRequests = h("p", { className: "empty" }, "No request yet.");

  const state = { now: Date.now(), sessions: [], users: [], requests: [] };

  const say = (text, error = false) => {
    status.textContent = text;
    status.classList.toggle("error", error);
  };
  /** Runs one action; says what happened (a failure is shown, never lost), refreshes, and
   *  tells the page: a `change` event on the element after each control that succeeded. */
  const act = async (label, work) => {
    try {
      await work();
      say(`${label}: done`);
      element.dispatchEvent(new Event("change"));
    } catch (err) {
      say(`${label} failed: ${err?.description ?? err?.message ?? err}`, true);
    }
    await refresh();
  };

  // ---- the controls -----------------------------------------------------------------
  const field = (label, input) => h("label", {}, label, input);
  const setAt = h("input", { type: "datetime-local", step: "1", name: "now" });
  const faultStatus = h("input", { type: "number", min: "100", max: "599", value: "503", name: "status" });
  const faultCode = h("input", { name: "code", placeholder: "SERVER_ERROR", size: 14 });
  const faultDescription = h("input", { name: "description", size: 14 });
  const faultNetwork = h("input", { type: "checkbox", name: "network" });
  const rate = h("input", { type: "number", min: "0", max: "1", step: "0.05", value: "0.5", name: "rate" });
  const latency = h("input", { type: "number", min: "0", value: "0", name: "latency" });
  const filter = h("input", { type: "search", name: "filter", oninput: () => ((view.filter = filter.value), renderJournal()) });
  const reveal = h("input", {
    type: "checkbox",
    name: "reveal",
    onchange: () => ((view.reveal = reveal.checked), refresh()),
  });
  const newName = h("input", { name: "displayName", required: true, size: 12 });
  const newEmail = h("input", { type: "email", name: "email", size: 16 });
  // Opened by the "Upload dump" button: out of sight and out of the tab order.
  const upload = h("input", {
    type: "file",
    accept: "application/json,.json",
    className: "visually-hidden",
    tabIndex: -1,
    "aria-label": "Dump file",
    onchange: () => {
      const file = upload.files?.[0];
      upload.value = "";
      if (file) act("Restore", async () => driver.restore(await file.text()));
    },
  });

  const fault = () => {
    if (faultNetwork.checked) return { network: true };
    const made = { status: Number(faultStatus.value) };
    if (faultCode.value.trim()) made.code = faultCode.value.trim();
    if (faultDescription.value.trim()) made.description = faultDescription.value.trim();
    return made;
  };
  const download = async () => {
    const dump = await driver.dump();
    const link = h("a", {
      href: URL.createObjectURL(new Blob([JSON.stringify(dump, null, 2)], { type: "application/json" })),
      download: `session-mock-${state.now ? new Date(state.now).toISOString().replace(/[:.]/g, "-") : "dump"}.json`,
    });
    root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const section = (name, ...content) =>
    h("section", { "aria-labelledby": id(name.toLowerCase()) }, h("h2", { id: id(name.toLowerCase()) }, name), ...content);
  const scroll = (label, ...content) => h("div", { className: "scroll", tabIndex: 0, role: "group", "aria-label": label }, ...content);
  const button = (label, onclick, props = {}) => h("button", { type: "button", onclick, ...props }, label);

  const toggle = button("Session mock", () => setOpen(!view.open), { "aria-expanded": "false", "aria-controls": id("body"), className: "primary" });
  const dock = button("Move", () => {
    view.corner = CORNERS[(CORNERS.indexOf(view.corner) + 1) % CORNERS.length];
    element.dataset.corner = view.corner;
    remember();
  }, { title: "Move the panel to the next corner", "aria-label": "Move to the next corner" });

  const body = h("div", { className: "body", id: id("body") },
    status,
    section("Clock",
      h("div", { className: "row" }, ...ADVANCES.map(([label, ms]) => button(label, () => act(label, () => driver.advance(ms))))),
      h("div", { className: "row" }, field("Time", setAt),
        button("Set time", () => act("Set time", () => {
          if (!setAt.value) throw new Error("choose a date and time first");
          return driver.setNow(new Date(setAt.value).toISOString());
        })))),
    section("Faults",
      h("div", { className: "row" }, field("Status", faultStatus), field("Code", faultCode)),
      h("div", { className: "row" }, field("Description", faultDescription), field(faultNetwork, "Network failure")),
      h("div", { className: "row" },
        button("Fail next call", () => act("Fail next call", () => driver.failNext(fault())), { className: "primary" }),
        button("Clear faults", () => act("Clear faults", () => driver.clearFaults()))),
      h("div", { className: "row" }, field("Failure rate", rate),
        button("Set failure rate", () => act("Set failure rate", () => driver.failRate(Number(rate.value), fault())))),
      h("div", { className: "row" }, field("Latency (ms)", latency),
        button("Set latency", () => act("Set latency", () => driver.setLatency(Number(latency.value)))))),
    section("Sessions",
      scroll("Sessions table",
        h("table", {},
          h("thead", {}, h("tr", {}, ...["Session", "State", "User", "Actor", "Suspends in", "Expires in", ""].map((t) => h("th", { scope: "col" }, t)))),
          sessionsBody),
        noSessions)),
    section("Requests",
      h("div", { className: "row" }, field("Filter", filter), field(reveal, "Reveal secrets"),
        button("Clear requests", () => act("Clear requests", () => driver.clearRequests()))),
      scroll("Requests list",
        h("table", {},
          h("thead", {}, h("tr", {}, ...["Time", "Operation", "Request", "Status", "ms"].map((t) => h("th", { scope: "col" }, t)))),
          journalBody),
        noRequests)),
    section("Users",
      scroll("Users table",
        h("table", {},
          h("thead", {}, h("tr", {}, ...["User", "State", "Agreement", ""].map((t) => h("th", { scope: "col" }, t)))),
          usersBody)),
      h("form", {
        className: "row",
        onsubmit: (event) => {
          event.preventDefault();
          const user = { uuid: crypto.randomUUID(), displayName: newName.value.trim() };
          if (newEmail.value.trim()) user.email = newEmail.value.trim();
          act("Add user", async () => {
            await driver.addUser(user);
            newName.value = newEmail.value = "";
          });
        },
      }, field("Name", newName), field("Email", newEmail), h("button", { type: "submit" }, "Add user"))),
    section("State",
      h("div", { className: "row" },
        button("Reset mock", () => act("Reset mock", () => driver.reset()), { className: "danger" }),
        button("Download dump", () => act("Download dump", download)),
        button("Upload dump", () => upload.click()),
        upload)));

  // A constructed style sheet, not a <style> element: a page's Content-Security-Policy
  // without 'unsafe-inline' styles still lets it in.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  root.adoptedStyleSheets = [sheet];
  root.append(h("div", { className: "panel", role: parent ? "region" : "complementary", "aria-label": "Session mock" },
    h("div", { className: "bar" }, toggle, now, parent ? undefined : dock), body));

  // ---- rendering ----------------------------------------------------------------------
  const setOpen = (open) => {
    view.open = open;
    body.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    remember();
    if (open) refresh();
  };

  const renderSessions = () => {
    sessionsBody.replaceChildren(...state.sessions.map((s) => h("tr", {},
      h("td", {}, h("code", { title: s.sessionId }, String(s.sessionId).slice(0, 8))),
      h("td", {}, s.state),
      h("td", {}, s.user?.displayName ?? s.user?.uuid ?? ""),
      h("td", {}, s.actor?.displayName ?? "—"),
      h("td", {}, countdown(s.suspend, state.now)),
      h("td", {}, countdown(s.expire, state.now)),
      h("td", {}, button("Delete", () => act("Delete session", () => driver.deleteSession(s.sessionId)), {
        className: "danger",
        "aria-label": `Delete session ${s.sessionId}`,
      })))));
    noSessions.hidden = state.sessions.length > 0;
  };
  const renderJournal = () => {
    const words = view.filter.toLowerCase();
    const shown = state.requests
      .filter((e) => !words || `${e.operation ?? ""} ${e.method} ${e.path} ${e.status}`.toLowerCase().includes(words))
      .slice(-JOURNAL_ROWS)
      .reverse();
    journalBody.replaceChildren(...shown.map((e) => h("tr", { title: [e.requestBody, e.responseBody].filter(Boolean).join("\n→ ") || undefined },
      h("td", {}, String(e.time).slice(11, 19)),
      h("td", {}, e.operation ?? "—"),
      h("td", {}, h("code", { title: `${e.method} ${e.path}` }, `${e.method} ${e.path}`)),
      h("td", { className: e.status >= 200 && e.status < 400 ? "ok" : "failed" }, e.status || "network"),
      h("td", {}, e.durationMs))));
    noRequests.hidden = shown.length > 0;
  };
  const renderUsers = () => {
    usersBody.replaceChildren(...state.users.map((u) => {
      const disabled = u.state === "DISABLED";
      const requested = u.agreement?.state === "REQUESTED";
      const name = u.displayName || u.email || u.uuid;
      return h("tr", {},
        h("td", { title: u.email || undefined }, name),
        h("td", {}, u.state),
        h("td", {}, u.agreement?.state ?? ""),
        h("td", { className: "actions" },
          button(disabled ? "Enable" : "Disable", () => act(`${disabled ? "Enable" : "Disable"} ${name}`,
            () => driver.updateUser(u.uuid, { state: disabled ? "ENABLED" : "DISABLED" })), { "aria-label": `${disabled ? "Enable" : "Disable"} ${name}` }),
          " ",
          button(requested ? "Accept agreement" : "Require agreement", () => act(`${requested ? "Accept" : "Require"} agreement of ${name}`,
            () => driver.updateUser(u.uuid, { agreement: { state: requested ? "ACCEPTED" : "REQUESTED" } })), {
            "aria-label": `${requested ? "Accept agreement of" : "Require agreement of"} ${name}`,
          })));
    }));
  };
  const renderClock = () => {
    now.textContent = `Mock time ${new Date(state.now).toISOString().replace("T", " ").slice(0, 19)} UTC`;
  };

  /** Reads everything again (the clock alone while closed) and shows it. */
  let reading = null;
  let again = false;
  async function refresh() {
    if (reading) {
      again = true; // one more read after this one, not one per caller
      return reading;
    }
    reading = (async () => {
      try {
        if (!view.open) {
          state.now = Date.parse((await driver.clock()).now);
          renderClock();
          return;
        }
        // Everything at once (over HTTP one request a poll, not four lines in a server's log).
        const all = await driver.overview({ reveal: view.reveal });
        [state.now, state.sessions, state.users, state.requests] = [Date.parse(all.now), all.sessions, all.users, all.requests];
        renderClock();
        renderSessions();
        renderUsers();
        renderJournal();
      } catch (err) {
        say(`Reading ${driver.where} failed: ${err?.description ?? err?.message ?? err}`, true);
      }
    })();
    await reading;
    reading = null;
    if (again) {
      again = false;
      await refresh();
    }
  }

  // After the app's calls (in the page: a burst of calls is one refresh), and every second
  // so that countdowns run and a system clock moves (over HTTP: every `pollMs`).
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      refresh();
    }, 50);
  };
  const unwatch = driver.watch?.(soon);
  const tick = setInterval(refresh, driver.pollMs ?? 1000);
  const onKey = (event) => {
    if (event.key === "Escape" && view.open && !parent) {
      setOpen(false);
      toggle.focus();
    }
  };
  root.addEventListener("keydown", onKey);

  element.dataset.corner = view.corner;
  setOpen(view.open);
  (parent ?? document.body).append(element);
  refresh();

  return {
    element,
    /** Removes the panel and stops everything it runs. */
    unmount() {
      clearInterval(tick);
      unwatch?.();
      element.remove();
    },
  };
}
