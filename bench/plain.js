// The plain-JS side of the benchmark: the same session rules a test would hand-write, as an
// async API over a Map. Used directly (the "plain JS" column) and behind MSW's handlers.
const HOUR = 3_600_000;

export class PlainSessions {
  constructor(users, now = Date.parse("2026-11-28T12:00:00Z")) {
    this.users = new Map(users.map((u) => [u.uuid, u]));
    this.sessions = new Map();
    this.now = now;
    this.seq = 0;
  }

  advance(ms) {
    this.now += ms;
  }

  #id() {
    const n = (++this.seq).toString(16).padStart(12, "0");
    return `00000000-0000-4000-8000-${n}`;
  }

  #live(id) {
    const s = this.sessions.get(id);
    if (!s || Date.parse(s.expire) <= this.now) throw Object.assign(new Error("NOT_FOUND"), { status: 404 });
    return s;
  }

  async createSession({ userUuid, enable }) {
    const user = this.users.get(userUuid);
    if (!user) throw Object.assign(new Error("NOT_FOUND"), { status: 404 });
    const at = (ms) => new Date(this.now + ms).toISOString();
    const session = {
      sessionId: this.#id(), state: enable ? "ENABLED" : "NEW", created: at(0), suspend: at(HOUR), expire: at(12 * HOUR),
      user, enabledForEquisoftConnect: false, mobile: false, tokens: {},
    };
    this.sessions.set(session.sessionId, session);
    return view(session);
  }

  async getSession(id, keepAlive) {
    const s = this.#live(id);
    if (keepAlive) s.suspend = new Date(this.now + HOUR).toISOString();
    return view(s);
  }

  async setSessionSsoToken(id, tokenId, value) {
    this.#live(id).tokens[tokenId] = value;
  }

  async getSessionSsoToken(id, tokenId) {
    const value = this.#live(id).tokens[tokenId];
    if (value === undefined) throw Object.assign(new Error("NOT_FOUND"), { status: 404 });
    return { id: tokenId, value };
  }

  async impersonate(id, { userUuid }) {
    const s = this.#live(id);
    const target = this.users.get(userUuid);
    if (!target || s.actor) throw Object.assign(new Error("BAD_REQUEST"), { status: 400 });
    s.actor = s.user;
    s.user = target;
    return view(s);
  }

  async revertIdentity(id) {
    const s = this.#live(id);
    if (!s.actor) throw Object.assign(new Error("SESSION_NOT_IMPERSONATED"), { status: 400 });
    s.user = s.actor;
    delete s.actor;
    return view(s);
  }

  async deleteSession(id) {
    this.#live(id);
    this.sessions.delete(id);
  }

  async deleteExpiredSessions() {
    for (const [id, s] of this.sessions) if (Date.parse(s.expire) <= this.now) this.sessions.delete(id);
  }

  dump() {
    return JSON.stringify({ version: 1, seq: this.seq, now: this.now, sessions: [...this.sessions.values()] });
  }

  restore(text) {
    const dump = JSON.parse(text);
    this.seq = dump.seq;
    this.now = dump.now;
    this.sessions = new Map(dump.sessions.map((s) => [s.sessionId, s]));
  }
}

/** What a caller gets back: a copy without the internal token table. */
function view({ tokens, ...session }) {
  return session;
}
