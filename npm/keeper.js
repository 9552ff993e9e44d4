// session-client/keeper: keeps a session alive while the user is active, warns before it
// ends, says when it has ended, once for all the app's tabs. The server decides: the end is
// the session's `suspend` or `expire` as the last answer gave it, on the server's clock (the
// answers' `Date`), or on the mock's clock when the client uses a mock with a virtual clock.
const MINUTE = 60_000;
const ACTIVITY = ["pointerdown", "keydown", "wheel", "touchstart", "focus"];
/** Elements whose events are never the user's activity: the mock's tools, the warning. */
const NOT_ACTIVITY = new Set(["SESSION-MOCK-PANEL", "SESSION-EXPIRY-WARNING"]);
/** A late timer (sleep, a background tab) by more than this re-reads the session first. */
const LATE_MS = 2000;
/** A wall-clock timer waits at most this long, then looks again. */
const MAX_WAIT_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPTIONS = ["warnBeforeMs", "keepAliveEveryMs", "activity", "tabs"];
let toldAlone = false;

const fail = (message) => {
  throw new TypeError(`SessionKeeper: ${message}`);
};
const positive = (name, value) => (Number.isFinite(value) && value > 0 ? value : fail(`\`${name}\` must be a positive number of milliseconds, got ${String(value)}`));

export class SessionKeeper extends EventTarget {
  #client;
  #id;
  #warnBefore;
  #every;
  #mock; // a mock with a virtual clock: the keeper runs on its time
  #skew = 0; // the server's clock minus this machine's, from the answers' Date
  #session;
  #phase = "active";
  #ended;
  #warned; // the deadline the warning fired for
  #leader = false;
  #active = false; // activity since the last keep-alive
  #lastSent = -Infinity;
  #failures = 0;
  #retryAt = -Infinity; // after a failure, nothing is sent again before
  #checking = false;
  #timer;
  #due = Infinity; // when the timer is for (the keeper's clock)
  #undo = [];
  #channel;
  #stopped = false;

  constructor(client, sessionId, options = {}) {
    super();
    if (!client || typeof client.getSession !== "function" || typeof client.use !== "function") fail("`client` must be a SessionClient");
    if (typeof sessionId !== "string" || !UUID.test(sessionId)) fail(`\`sessionId\` must be a session's UUID, got ${JSON.stringify(sessionId)}`);
    if (options === null || typeof options !== "object") fail("`options` must be an object");
    for (const key of Object.keys(options)) if (!OPTIONS.includes(key)) fail(`\`${key}\` is not an option (the options: ${OPTIONS.join(", ")})`);
    const inPage = typeof document !== "undefined";
    const { warnBeforeMs = 2 * MINUTE, keepAliveEveryMs = MINUTE, activity = inPage ? "document" : "manual", tabs = inPage ? "shared" : "alone" } = options;
    this.#client = client;
    this.#id = sessionId.toLowerCase();
    this.#warnBefore = positive("warnBeforeMs", warnBeforeMs);
    this.#every = positive("keepAliveEveryMs", keepAliveEveryMs);
    if (activity !== "document" && activity !== "manual") fail(`\`activity\` must be "document" or "manual", got ${JSON.stringify(activity)}`);
    if (tabs !== "shared" && tabs !== "alone") fail(`\`tabs\` must be "shared" or "alone", got ${JSON.stringify(tabs)}`);
    if (activity === "document" && !inPage) fail('`activity: "document"` needs a document; use "manual" and call activity()');

    const mock = client.isMock ? client.mock : undefined;
    if (mock?.isVirtualClock && typeof mock.onClock === "function") {
      this.#mock = mock;
      this.#undo.push(mock.onClock(() => this.#look()));
    }
    // Every answer of a call on this session, from anywhere in the app, updates the keeper.
    this.#undo.push(client.use({ onResponse: (answer) => this.#observe(answer).catch(() => {}) }));
    if (activity === "document") {
      // Focus coming back from the warning (its relatedTarget) is no activity either.
      const seen = (event) => {
        if (!NOT_ACTIVITY.has(event.relatedTarget?.tagName) && !event.composedPath().some((node) => NOT_ACTIVITY.has(node.tagName))) this.activity();
      };
      for (const type of ACTIVITY) document.addEventListener(type, seen, { capture: true, passive: true });
      this.#undo.push(() => ACTIVITY.forEach((type) => document.removeEventListener(type, seen, { capture: true })));
    }
    if (inPage) {
      const wake = () => void this.check().catch(() => {});
      const visible = () => document.visibilityState === "visible" && wake();
      document.addEventListener("visibilitychange", visible);
      addEventListener("pageshow", wake);
      addEventListener("online", wake);
      this.#undo.push(() => {
        document.removeEventListener("visibilitychange", visible);
        removeEventListener("pageshow", wake);
        removeEventListener("online", wake);
      });
    }
    this.#leader = tabs === "alone" || !this.#share();
    /** Resolves once the first read of the session (no keep-alive) is done. */
    this.ready = this.check().then(
      () => undefined,
      () => undefined,
    );
  }

  /** `{ phase, session, endsAt, endsBy, msLeft, leader, ended? }`. */
  get status() {
    const session = this.#session;
    const by = session && this.#endsBy();
    const endsAt = session ? new Date(session[by]) : undefined;
    const status = { phase: this.#phase, session, endsAt, endsBy: by, msLeft: endsAt ? Math.max(0, endsAt - this.#now()) : undefined, leader: this.#leader };
    if (this.#ended) status.ended = this.#ended;
    return status;
  }

  /** Counts as the user's activity (in every tab). */
  activity() {
    if (this.#ended || this.#stopped) return;
    if (!this.#leader) return this.#channel?.postMessage({ activity: true });
    this.#active = true;
    this.#plan();
  }

  /** Keeps the session alive now ("Stay signed in"); resolves to the Session. */
  async extend() {
    this.#active = false;
    this.#lastSent = this.#now();
    return this.#client.getSession(this.#id, true);
  }

  /** Reads the session again (no keep-alive) and updates the status. */
  async check() {
    if (this.#ended || this.#stopped) return this.#session;
    try {
      return await this.#client.getSession(this.#id, false);
    } catch (error) {
      if (error?.status !== 404) this.#failed(error);
      throw error;
    }
  }

  /** Timers, listeners and leadership released. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    for (const undo of this.#undo.splice(0)) undo();
    this.#channel?.close();
  }

  /** Which of the session's times comes first. */
  #endsBy() {
    return Date.parse(this.#session.expire) <= Date.parse(this.#session.suspend) ? "expire" : "suspend";
  }

  #now() {
    return this.#mock ? Date.parse(this.#mock.now()) : Date.now() + this.#skew;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** One tab leads (Web Locks), the others follow its status (BroadcastChannel); false
   *  where either is missing (each tab then keeps alone). */
  #share() {
    if (typeof BroadcastChannel !== "function" || !globalThis.navigator?.locks) {
      if (!toldAlone) console.info("session-client: Web Locks or BroadcastChannel are missing here; each tab keeps its session alive alone");
      toldAlone = true;
      return false;
    }
    const name = `session-client-keeper:${this.#id}`;
    const channel = (this.#channel = new BroadcastChannel(name));
    channel.onmessage = ({ data }) => {
      if (this.#stopped) return;
      if (data.activity && this.#leader) {
        this.#active = true;
        this.#plan();
      } else if (data.session) this.#update(data.session, false);
      else if (data.ended) this.#end(data.ended, false);
    };
    const abort = new AbortController();
    navigator.locks
      .request(name, { signal: abort.signal }, () => {
        if (this.#stopped) return;
        this.#leader = true;
        this.#emit("change", this.status);
        this.#plan();
        return new Promise((release) => this.#undo.push(release));
      })
      .catch(() => {});
    this.#undo.push(() => abort.abort());
    return true;
  }

  /** An answer of the client: its `Date` corrects the clock; one about this session updates
   *  the status. */
  async #observe({ request, response, operation }) {
    const path = new URL(request.url).pathname.toLowerCase();
    if (this.#stopped || !path.includes(`/sessions/${this.#id}`) || path.includes("/tokens/")) return;
    const date = Date.parse(response.headers.get("date"));
    // A Date says whole seconds: only a larger difference is the server's.
    if (!this.#mock && date && Math.abs(date + 500 - Date.now() - this.#skew) > LATE_MS) this.#skew = date + 500 - Date.now();
    if (response.status === 404) return this.#end("NOT_FOUND");
    if (operation === "deleteSession" && response.ok) return this.#end("DELETED");
    if (!response.ok || operation === "deleteSessionSsoToken") return;
    const session = await response.clone().json().catch(() => undefined);
    if (session?.sessionId?.toLowerCase() === this.#id) this.#update(session);
  }

  #update(session, tell = true) {
    if (this.#ended || this.#stopped) return;
    this.#session = session;
    this.#failures = 0;
    this.#retryAt = -Infinity;
    if (session.state === "SUSPENDED" || session.state === "EXPIRED") return this.#end(session.state, tell);
    if (tell) this.#channel?.postMessage({ session });
    this.#plan(true);
  }

  #end(state, tell = true) {
    if (this.#ended || this.#stopped) return;
    this.#ended = state;
    this.#phase = "ended";
    clearTimeout(this.#timer);
    if (tell) this.#channel?.postMessage({ ended: state });
    this.#emit("change", this.status);
    this.#emit("ended", { state, session: this.#session });
  }

  #failed(error) {
    if (this.#stopped || this.#ended) return;
    this.#emit("error", { error });
    // Tried again after a backoff (1 s, doubling, at most the keep-alive interval); a
    // keep-alive that failed is still owed.
    this.#failures++;
    this.#retryAt = this.#now() + Math.min(1000 * 2 ** (this.#failures - 1), this.#every);
    this.#active ||= this.#lastSent > -Infinity;
    this.#plan();
  }

  /** Decides the phase from the clock, sends a keep-alive that is due, and sets the timer
   *  for the next thing to happen. */
  #plan(changed = false) {
    if (this.#ended || this.#stopped || !this.#session) return;
    const now = this.#now();
    const end = Date.parse(this.#session[this.#endsBy()]);
    if (now >= end) {
      // The server decides: another tab may have kept it alive.
      if (this.#checking) return;
      if (now < this.#retryAt) return this.#wait(this.#retryAt);
      this.#checking = true;
      this.check()
        .catch(() => {})
        .finally(() => {
          this.#checking = false;
          this.#plan();
        });
      return;
    }
    const phase = now >= end - this.#warnBefore ? "warning" : "active";
    if (phase !== this.#phase || changed) {
      this.#phase = phase;
      this.#emit("change", this.status);
    }
    if (phase === "warning" && this.#warned !== end) {
      this.#warned = end;
      this.#emit("warning", this.status);
    }
    let next = phase === "active" ? end - this.#warnBefore : end;
    if (this.#leader && this.#active) {
      const at = this.#failures ? this.#retryAt : this.#lastSent + this.#every;
      if (now >= at) return void this.#keepAlive();
      next = Math.min(next, at);
    }
    this.#wait(next);
  }

  async #keepAlive() {
    this.#active = false;
    this.#lastSent = this.#now();
    try {
      await this.#client.getSession(this.#id, true);
    } catch (error) {
      if (error?.status !== 404) this.#failed(error);
    }
  }

  /** Looks again at `at` on the keeper's clock: on the mock's clock, when it gets there. */
  #wait(at) {
    this.#due = at;
    if (this.#mock) return;
    clearTimeout(this.#timer);
    const wait = Math.min(Math.max(0, at - this.#now()), MAX_WAIT_MS);
    const planned = Date.now() + wait;
    this.#timer = setTimeout(() => {
      if (Date.now() - planned > LATE_MS) this.check().catch(() => {});
      else this.#look();
    }, wait);
    this.#timer.unref?.();
  }

  #look() {
    if (this.#now() >= this.#due || !this.#mock) this.#plan();
  }
}
