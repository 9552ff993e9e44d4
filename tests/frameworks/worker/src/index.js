// A Cloudflare worker: the mock, and the client over HTTP when ?api= names a server.
import { SessionClient, SessionApiError } from "session-client";
import { SessionApiMock } from "session-client/mock";

export default {
  async fetch(request) {
    const api = new URL(request.url).searchParams.get("api");
    const mock = api ? undefined : new SessionApiMock({ clock: "virtual", seed: 8 });
    const client = api ? new SessionClient({ baseUrl: api }) : new SessionClient({ mock });
    const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
    mock?.advance(31 * 60_000);
    const later = await client.getSession(session.sessionId, false);
    const missing = await client.getSession("no-such-session").catch((err) => err);
    const code = missing instanceof SessionApiError ? missing.code : String(missing);
    return Response.json({ mode: client.isMock ? "mock" : "http", states: [session.state, later.state], error: code });
  },
};
