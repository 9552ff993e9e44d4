// The session console: every call of the session API and every mock control, on the
// session-client package. Mock mode (the default) answers from an in-memory SessionApiMock;
// Real mode talks to a server over HTTP (scripts/demo starts mock-server for it).
// The console always offers Mock mode, so it loads the mock module too; an app would import
// it only in development (see the README).
import { SessionClient, SessionApiError } from "/pkg/index.js";
import { SessionApiMock } from "/pkg/mock.js";
import { mountMockPanel } from "/pkg/mock-panel.js";
import { SessionKeeper } from "/pkg/keeper.js";
import { mountSessionWarning } from "/pkg/keeper-warning.js";

const $ = (selector) => document.querySelector(selector);
const STORAGE_KEY = "session-console";
const DEFAULT_API = "http://127.0.0.1:8081";

const remembered = (() => {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") ?? {};
  } catch {
    return {}; // unreadable settings: start from the defaults
  }
})();
const settings = {
  mode: remembered.mode === "real" ? "real" : "mock",
  baseUrl: new URLSearchParams(location.search).get("api") ?? remembered.baseUrl ?? DEFAULT_API,
};
// The mock's state is written through to localStorage: a reload keeps the sessions.
const mock = new SessionApiMock({ clock: "virtual", persist: { storage: "localStorage", key: "session-console-mock" } });
let client = makeClient();
let users = [];
// Ids of the sessions this page created: Real mode lists these (a server has no "list" call).
const known = new Set(remembered.known ?? []);
let sessions = [];
let shown = ""; // the sessions last shown, as JSON (mock mode)
let selected = null;

function makeClient() {
  return new SessionClient(settings.mode === "mock" ? { baseUrl: settings.baseUrl, mock } : { baseUrl: settings.baseUrl });
}

function remember() {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...settings, known: [...known] }));
}

// ---- messages -------------------------------------------------------------------------

function showError(label, err) {
  const box = $("#error");
  $("#notice").hidden = true;
  box.hidden = false;
  if (err instanceof SessionApiError) {
    box.textContent = `${label} failed: ${err.status || "no response"} ${err.code} — ${err.description}`;
  } else {
    box.textContent = `${label} failed: ${err}`;
  }
  box.dataset.code = err?.code ?? "";
}

function showNotice(text) {
  $("#error").hidden = true;
  const box = $("#notice");
  box.hidden = false;
  box.textContent = text;
}

/** Runs one call; shows its error (nothing fails silently) and refreshes the view.
 *  Resolves to `{ ok: true, value }` or `{ ok: false }`. */
async function act(label, call) {
  try {
    const value = await call();
    showNotice(`${label}: done`);
    return { ok: true, value };
  } catch (err) {
    showError(label, err);
    return { ok: false };
  } finally {
    await refresh();
  }
}

// ---- time -----------------------------------------------------------------------------

function now() {
  return settings.mode === "mock" ? Date.parse(mock.now()) : Date.now();
}

function countdown(iso) {
  let left = Math.round((Date.parse(iso) - now()) / 1000);
  if (left <= 0) return "—";
  const days = Math.floor(left / 86400);
  left %= 86400;
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const pad = (n) => String(n).padStart(2, "0");
  return days ? `${days}d ${h}h ${pad(m)}m` : h ? `${h}h ${pad(m)}m ${pad(s)}s` : `${m}m ${pad(s)}s`;
}

// ---- data -----------------------------------------------------------------------------

async function loadUsers() {
  if (settings.mode === "mock") {
    users = mock.users();
  } else {
    try {
      const answer = await fetch(`${settings.baseUrl.replace(/\/$/, "")}/__mock/users`);
      if (!answer.ok) throw new Error(`status ${answer.status}`);
      users = await answer.json();
    } catch {
      users = mock.users(); // a real server has no directory endpoint: offer the default users
    }
  }
  const options = join(users.map((u) => html`<option value="${u.uuid}">${u.displayName} (${String(u.state).toLowerCase()}${u.agreement?.state === "REQUESTED" ? ", agreement requested" : ""})</option>`));
  $("#create-user").innerHTML = options;
  $("#impersonate-user").innerHTML = options;
}

async function refresh() {
  if (settings.mode === "mock") {
    sessions = mock.sessions();
    shown = JSON.stringify(sessions);
  } else {
    // One request per known session, all at once.
    const found = await Promise.all([...known].map(async (id) => {
      try {
        return [await client.getSession(id)];
      } catch (err) {
        if (err instanceof SessionApiError && err.code === "NOT_FOUND") known.delete(id);
        else return sessions.filter((s) => s.sessionId === id); // keep showing it through a passing failure
        return [];
      }
    }));
    sessions = found.flat();
    remember();
  }
  if (selected && !sessions.some((s) => s.sessionId === selected)) closeDetails();
  render();
}

// ---- rendering ------------------------------------------------------------------------

// Everything shown comes from a server in Real mode: markup is built only through `html`,
// which escapes every value put into it.
class Markup {
  constructor(text) {
    this.text = text;
  }
}

function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A template tag: each interpolated value is escaped unless it is `Markup` made here. */
function html(strings, ...values) {
  let text = strings[0];
  values.forEach((value, i) => {
    text += (value instanceof Markup ? value.text : escape(value ?? "")) + strings[i + 1];
  });
  return new Markup(text);
}

const join = (parts) => parts.map((part) => part.text).join("");

function badge(state) {
  const known = ["NEW", "ENABLED", "SUSPENDED", "EXPIRED"].includes(state);
  return html`<span class="badge ${known ? state : "other"}">${state}</span>`;
}

function render() {
  const rows = sessions.map((s) => html`
    <tr data-id="${s.sessionId}" class="${s.sessionId === selected ? "selected" : ""}">
      <td><code title="${s.sessionId}">${String(s.sessionId).slice(0, 8)}</code></td>
      <td>${s.user?.displayName}</td>
      <td>${s.actor ? s.actor.displayName : "—"}</td>
      <td class="state">${badge(s.state)}</td>
      <td class="suspend" data-at="${s.suspend}">${countdown(s.suspend)}</td>
      <td class="expire" data-at="${s.expire}">${countdown(s.expire)}</td>
      <td class="connect">${s.enabledForEquisoftConnect ? "✓" : "—"}</td>
      <td><button class="small" data-open="${s.sessionId}">Open</button>
          <button class="small danger" data-delete="${s.sessionId}">Delete</button></td>
    </tr>`);
  $("#sessions tbody").innerHTML = join(rows);
  $("#empty").hidden = sessions.length > 0;
  const current = sessions.find((s) => s.sessionId === selected);
  if (current && !$("#details-json").dataset.pinned) $("#details-json").textContent = JSON.stringify(current, null, 2);
}

function tickCountdowns() {
  for (const cell of document.querySelectorAll("td.suspend, td.expire")) cell.textContent = countdown(cell.dataset.at);
}

// The open session is kept alive while the user works here, with the package's warning
// before it ends (session-client/keeper): on the mock's clock in Mock mode, so the mock
// panel's clock brings the warning at once. `?keeper=off` turns it off (the end-to-end test
// of every other action does: the keeper's calls and dialog would mix into what it reads).
let keeping = null;
const keeperOff = new URLSearchParams(location.search).get("keeper") === "off";

function keep(id) {
  keeping?.keeper.stop();
  keeping?.warning.unmount();
  keeping = null;
  $("#keeper-status").textContent = keeperOff ? "off" : "reading";
  if (!id || keeperOff) return;
  const keeper = new SessionKeeper(client, id);
  const warning = mountSessionWarning(keeper, {
    onSignOut: () => closeDetails(),
    onSignIn: () => closeDetails(),
  });
  keeper.addEventListener("change", () => {
    const { phase, endsBy, ended } = keeper.status;
    $("#keeper-status").textContent = phase === "ended" ? `ended (${ended})` : `${phase}, ends by ${endsBy}`;
  });
  keeping = { keeper, warning };
}

function openDetails(id) {
  if (selected !== id) keep(id);
  selected = id;
  $("#details-card").hidden = false;
  $("#details-id").textContent = id;
  delete $("#details-json").dataset.pinned;
  render();
}

function closeDetails() {
  keep(null);
  selected = null;
  $("#details-card").hidden = true;
}

function showResult(value) {
  const box = $("#details-json");
  box.textContent = value === undefined ? "(no content)" : JSON.stringify(value, null, 2);
  box.dataset.pinned = "1";
}

// ---- mode -----------------------------------------------------------------------------

async function setMode(mode) {
  settings.mode = mode;
  settings.baseUrl = $("#base-url").value.trim() || DEFAULT_API;
  remember();
  client = makeClient();
  if (selected) keep(selected);
  document.body.classList.toggle("real", mode === "real");
  $(`#mode-${mode}`).checked = true;
  closeDetails();
  await loadUsers();
  await refresh();
}

// ---- wiring ---------------------------------------------------------------------------

$("#base-url").value = settings.baseUrl;
for (const radio of document.querySelectorAll("input[name=mode]")) {
  radio.addEventListener("change", () => setMode(radio.value).catch((err) => showError("Switch mode", err)));
}
$("#base-url").addEventListener("change", () => setMode(settings.mode).catch((err) => showError("Switch mode", err)));

$("#create-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const payload = { userUuid: form.get("userUuid"), enable: form.get("enable") === "on" };
  if (form.get("publicComputer")) payload.publicComputer = true;
  if (form.get("mobileDevice")) payload.mobileDevice = true;
  if (form.get("cookieDomain")) payload.cookieDomain = form.get("cookieDomain");
  if (form.get("ssoProvider") || form.get("ssoIdentifier")) {
    payload.sso = { provider: form.get("ssoProvider"), identifier: form.get("ssoIdentifier") };
  }
  const { ok, value: session } = await act("Create session", () => client.createSession(payload));
  if (ok) {
    known.add(session.sessionId);
    remember();
    await refresh();
    openDetails(session.sessionId);
  }
});

$("#sessions tbody").addEventListener("click", async (event) => {
  const open = event.target.closest("[data-open]");
  const remove = event.target.closest("[data-delete]");
  if (open) openDetails(open.dataset.open);
  if (remove) await act("Delete session", () => client.deleteSession(remove.dataset.delete));
});
$("#refresh").addEventListener("click", () => refresh());
$("#delete-expired").addEventListener("click", () => act("Delete expired sessions", () => client.deleteExpiredSessions()));
$("#delete-all").addEventListener("click", () => act("Delete all sessions", async () => {
  await client.deleteAllSessions();
  known.clear();
}));

$("#details-close").addEventListener("click", closeDetails);
const onSelected = (label, call) => async () => {
  if (!selected) return;
  const id = selected;
  const result = await act(label, () => call(id));
  if (result.ok && selected === id) showResult(result.value);
};
$("#act-get").addEventListener("click", onSelected("Get session", (id) => client.getSession(id, $("#keep-alive").checked)));
$("#act-enable").addEventListener("click", onSelected("Enable", (id) => client.enableSession(id)));
$("#act-connect").addEventListener("click", onSelected("Enable for Equisoft/Connect", (id) =>
  client.enableSessionForEquisoftConnect(id, { disableOldestSessions: $("#disable-oldest").checked })));
$("#act-impersonate").addEventListener("click", onSelected("Impersonate", (id) =>
  client.impersonate(id, { userUuid: $("#impersonate-user").value })));
$("#act-revert").addEventListener("click", onSelected("Revert identity", (id) => client.revertIdentity(id)));
$("#act-token-set").addEventListener("click", onSelected("Set SSO token", (id) =>
  client.setSessionSsoToken(id, $("#token-id").value, $("#token-value").value)));
$("#act-token-get").addEventListener("click", onSelected("Get SSO token", (id) => client.getSessionSsoToken(id, $("#token-id").value)));
$("#act-token-delete").addEventListener("click", onSelected("Delete SSO token", (id) => client.deleteSessionSsoToken(id, $("#token-id").value)));
$("#act-delete").addEventListener("click", onSelected("Delete session", (id) => client.deleteSession(id)));

// The mock's own controls (clock, faults, latency, journal, users, reset, dump) are the
// package's mock panel, inline; what it changes, the console reads again.
const panel = mountMockPanel(mock, { parent: $("#mock-panel"), storageKey: "session-console-panel" });
panel.element.addEventListener("change", () => {
  loadUsers().then(refresh).catch((err) => showError("Refresh", err));
});

// Other tabs of this origin share the persisted mock: what they change shows here within a
// second (their calls at once, through the mock's onRequest).
function followOtherTabs() {
  if (settings.mode !== "mock") return;
  const now = JSON.stringify(mock.sessions());
  if (now !== shown) refresh().catch((err) => showError("Refresh", err));
}
mock.onRequest(() => queueMicrotask(followOtherTabs));
setInterval(() => {
  followOtherTabs();
  tickCountdowns();
}, 1000);
await setMode(settings.mode).catch((err) => showError("Start", err));
document.body.dataset.ready = "true";
