// The bad-input matrix (tests/browser/matrix.rs): each case is a call or a constructor with
// input a real app may pass by mistake. Every one must end in a SessionApiError with the
// expected code (thrown or rejected), and afterwards the client and the mock must still
// answer: a panic would poison the wasm module, so a working call after each case shows
// that none happened.

const deep = (levels) => {
  let value = "leaf";
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};
const bigString = "x".repeat(1 << 20);

/** The calls of one client, each with bad input, and the code each must end with. */
export function callCases(client, id) {
  const payload = { userUuid: "00000000-0000-4000-8000-000000000001" };
  const args = [
    ["uuid: a number", () => client.getSession(42)],
    ["uuid: null", () => client.getSession(null)],
    ["uuid: an object", () => client.getSession({})],
    ["uuid: an array", () => client.getSession([id])],
    ["uuid: a symbol", () => client.getSession(Symbol("id"))],
    ["uuid: a BigInt", () => client.getSession(10n)],
    ["uuid: ..", () => client.getSession("..")],
    ["uuid: .", () => client.deleteSession(".")],
    ["uuid: empty", () => client.deleteSession("")],
    ["uuid: a lone surrogate", () => client.getSession("a\ud800")],
    ["tokenId: a symbol", () => client.getSessionSsoToken(id, Symbol())],
    ["token value: a number", () => client.setSessionSsoToken(id, "t", 42)],
    ["token value: a lone surrogate", () => client.setSessionSsoToken(id, "t", "\udc00")],
    ["keepAlive: a string", () => client.getSession(id, "yes")],
    ["payload: missing", () => client.createSession()],
    ["payload: null", () => client.createSession(null)],
    ["payload: a string", () => client.createSession(JSON.stringify(payload))],
    ["payload: an array", () => client.createSession([payload])],
    ["payload: no userUuid", () => client.createSession({ enable: true })],
    ["payload: userUuid a number", () => client.createSession({ userUuid: 5 })],
    ["payload: userUuid a BigInt", () => client.createSession({ userUuid: 5n })],
    ["payload: an extra field", () => client.createSession({ ...payload, admin: true })],
    ["payload: a __proto__ key", () => client.createSession(JSON.parse(`{"__proto__": {"x": 1}, "userUuid": "${payload.userUuid}"}`))],
    ["payload: a constructor key", () => client.createSession({ ...payload, constructor: "Object" })],
    ["payload: nested 10,000 deep", () => client.createSession({ ...payload, sso: { provider: deep(10_000), identifier: "i" } })],
    ["payload: a huge array", () => client.createSession({ ...payload, cookieDomain: Array.from({ length: 100_000 }, (_, i) => i) })],
    ["payload: enable a string", () => client.createSession({ ...payload, enable: "yes" })],
    ["impersonate: empty payload", () => client.impersonate(id, {})],
    ["enable: an object body", () => client.enableSession(id, {})],
    ["connect: a mistyped flag", () => client.enableSessionForEquisoftConnect(id, { disableOldestSessions: "yes" })],
    ["revert: an object body", () => client.revertIdentity(id, {})],
    ["delete all: options a string", () => client.deleteAllSessions("now")],
    ["delete token: tokenId a symbol", () => client.deleteSessionSsoToken(id, Symbol())],
    ["opts: a number", () => client.deleteExpiredSessions(5)],
    ["opts: an array", () => client.deleteExpiredSessions([])],
    ["opts: an unknown key", () => client.deleteExpiredSessions({ timeout: 5 })],
    ["timeoutMs: negative", () => client.getSession(id, false, { timeoutMs: -1 })],
    ["timeoutMs: NaN", () => client.getSession(id, false, { timeoutMs: NaN })],
    ["timeoutMs: Infinity", () => client.getSession(id, false, { timeoutMs: Infinity })],
    ["timeoutMs: too large", () => client.getSession(id, false, { timeoutMs: 1e12 })],
    ["timeoutMs: fractional", () => client.getSession(id, false, { timeoutMs: 1.5 })],
    ["signal: not an AbortSignal", () => client.getSession(id, false, { signal: { aborted: true } })],
    ["headers: an array", () => client.getSession(id, false, { headers: [["a", "b"]] })],
    ["headers: a number value", () => client.getSession(id, false, { headers: { "X-A": 1 } })],
    ["headers: a name with a space", () => client.getSession(id, false, { headers: { "X A": "v" } })],
    ["headers: a non-ASCII name", () => client.getSession(id, false, { headers: { "X-Ä": "v" } })],
    ["headers: a value with CRLF", () => client.getSession(id, false, { headers: { "X-A": "v\r\nX-B: w" } })],
    ["headers: a value beyond Latin-1", () => client.getSession(id, false, { headers: { "X-A": "☃" } })],
  ].map(([name, run]) => [name, run, "INVALID_ARGUMENT"]);
  const aborted = AbortSignal.abort();
  return [
    ...args,
    ["signal: already aborted", () => client.getSession(id, false, { signal: aborted }), "ABORTED"],
    // Over the servers' 64 KiB target limit: 414 in both modes (with CORS over HTTP, its
    // preflight let through for a DELETE), so UNEXPECTED_STATUS, not a network error.
    ["uuid: 1 MB", () => client.getSession(bigString), "UNEXPECTED_STATUS"],
    ["uuid: 1 MB, preflighted", () => client.deleteSession(bigString), "UNEXPECTED_STATUS"],
  ];
}

/** Clients built with bad options: each must throw. */
export function constructorCases(SessionClient) {
  return [
    ["baseUrl: javascript:", () => new SessionClient({ baseUrl: "javascript:alert(1)" })],
    ["baseUrl: relative", () => new SessionClient({ baseUrl: "api/v1" })],
    ["baseUrl: empty", () => new SessionClient({ baseUrl: "" })],
    ["baseUrl: ftp:", () => new SessionClient({ baseUrl: "ftp://files.example" })],
    ["baseUrl: with a query", () => new SessionClient({ baseUrl: "https://a.example/api?v=1" })],
    ["baseUrl: a number", () => new SessionClient({ baseUrl: 8080 })],
    ["options: a string", () => new SessionClient("https://a.example")],
    ["options: an unknown key", () => new SessionClient({ baseUrl: "/api", timeout: 5 })],
    ["mock: true", () => new SessionClient({ mock: true })],
    ["mock: an object without handleRequest", () => new SessionClient({ mock: {} })],
    ["credentials: unknown", () => new SessionClient({ baseUrl: "/api", credentials: "always" })],
  ].map(([name, run]) => [name, run, "INVALID_ARGUMENT"]);
}

/** A SessionApiMock's methods with bad input: each must throw and leave the mock as it was. */
export function mockCases(mock, SessionApiMock) {
  return [
    ["SessionApiMock: an unknown option", () => new SessionApiMock({ clok: "virtual" })],
    ["SessionApiMock: a bad scenario", () => new SessionApiMock({ scenario: { users: [{ uuid: "not-a-uuid" }] } })],
    ["SessionApiMock: scenario not JSON", () => new SessionApiMock({ scenario: "{" })],
    ["SessionApiMock: now out of range", () => new SessionApiMock({ clock: "virtual", now: 1e300 })],
    ["SessionApiMock: latency too long", () => new SessionApiMock({ latencyMs: 1e9 })],
    ["setNow: text that is no time", () => mock.setNow("yesterday")],
    ["setNow: out of range", () => mock.setNow(1e300)],
    ["advance: negative", () => mock.advance(-1)],
    ["advance: NaN", () => mock.advance(NaN)],
    ["advance: 1e300", () => mock.advance(1e300)],
    ["advance: a string", () => mock.advance("5")],
    ["failRate: 2", () => mock.failRate(2, { status: 500 })],
    ["failRate: a bad fault", () => mock.failRate(0.5, { status: 200 })],
    ["failNext: an unknown operation", () => mock.failNext({ operation: "nope" })],
    ["failNext: a string", () => mock.failNext("boom")],
    ["addUser: a duplicate", () => mock.addUser({ uuid: "00000000-0000-4000-8000-000000000001" })],
    ["addUser: no uuid", () => mock.addUser({ displayName: "x" })],
    ["updateUser: unknown", () => mock.updateUser("00000000-0000-4000-8000-0000000000ff", { state: "DISABLED" })],
    ["restore: not a dump", () => mock.restore({ format: "nope" })],
    ["restore: not JSON", () => mock.restore("{")],
    ["loadScenario: a bad service", () => mock.loadScenario({ users: [{ uuid: "00000000-0000-4000-8000-0000000000aa", services: [{ serviceName: "X" }] }] })],
    ["onRequest: not a function", () => mock.onRequest("nope")],
    ["setLatency: negative", () => mock.setLatency(-5)],
    ["handleRequest: no target", () => mock.handleRequest({ method: "GET" })],
  ].map(([name, run]) => [name, run, "INVALID_ARGUMENT"]);
}

/** Adds `count` users to `mock` one by one (a test seeding a directory), then a duplicate of
 *  the last, which must be refused. Resolves to the directory's size and that refusal's code. */
export function addManyUsers(mock, count) {
  const uuid = (i) => `10000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
  for (let i = 0; i < count; i++) mock.addUser({ uuid: uuid(i), displayName: `user ${i}` });
  let duplicate = null;
  try {
    mock.addUser({ uuid: uuid(count - 1) });
  } catch (err) {
    duplicate = err?.name === "SessionApiError" ? err.code : String(err);
  }
  return { users: mock.users().length, duplicate };
}

/** Answers a client must refuse as DECODE (2xx) or map by status, given by a fake mock:
 *  resolves to the cases and a client on that fake (for the health check). */
export function answerCases(SessionClient) {
  const fake = { next: [200, ""], handleRequest: async () => ({ status: fake.next[0], headers: {}, body: fake.next[1] }) };
  const client = new SessionClient({ mock: fake });
  const session = (fields) => JSON.stringify({ sessionId: "s", state: "ENABLED", created: "2026-11-28T12:00:00.000Z", suspend: "2026-11-28T12:30:00.000Z", expire: "2026-11-29T00:00:00.000Z", enabledForEquisoftConnect: false, mobile: false, user: {}, ...fields });
  const answers = [
    ["answer: not JSON", 200, "<html>oops</html>", "DECODE"],
    ["answer: truncated JSON", 200, '{"sessionId": "s", "sta', "DECODE"],
    ["answer: wrong-typed", 200, session({ state: 5 }), "DECODE"],
    ["answer: a bad date", 200, session({ created: "yesterday" }), "DECODE"],
    ["answer: 10 MB", 200, `"${"x".repeat(10_000_000)}"`, "DECODE"],
    ["answer: nested 100,000 deep", 200, "[".repeat(100_000) + "]".repeat(100_000), "DECODE"],
    ["answer: 204 where a Session is due", 204, "", "DECODE"],
    ["answer: HTML with 500", 500, "<h1>error</h1>", "UNEXPECTED_STATUS"],
    ["answer: a status out of range", 42, "", "NETWORK"],
  ];
  const cases = answers.map(([name, status, body, code]) => [name, () => {
    fake.next = [status, body];
    return client.getSession("s");
  }, code]);
  const healthy = async () => {
    fake.next = [200, JSON.stringify({ id: "t", value: "v" })];
    if ((await client.getSessionSsoToken("s", "t")).value !== "v") throw new Error("wrong answer");
  };
  return { cases, healthy };
}

/** Runs `cases` ([name, run, code or codes]); after each, `healthy()` must still work.
 *  Resolves to the failures, as text. */
export async function runCases(cases, healthy, sent) {
  const failures = [];
  for (const [name, run, expected] of cases) {
    const codes = Array.isArray(expected) ? expected : [expected];
    const before = sent?.();
    let outcome;
    try {
      const value = await run();
      outcome = `resolved to ${String(value)?.slice(0, 60)}`;
    } catch (err) {
      outcome = err?.name === "SessionApiError" && codes.includes(err.code) ? null : `${err?.name} ${err?.code}: ${err?.message}`;
    }
    if (outcome) failures.push(`${name}: ${outcome}`);
    // A call refused before it is sent (a bad argument, an already aborted signal) must
    // send nothing.
    if (sent && codes.every((code) => code === "INVALID_ARGUMENT" || code === "ABORTED") && sent() !== before) {
      failures.push(`${name}: refused, yet ${sent() - before} request(s) went out`);
    }
    try {
      await healthy();
    } catch (err) {
      failures.push(`${name}: not usable afterwards: ${err?.message ?? err}`);
      break;
    }
  }
  return failures;
}
