// A script that uses both modules (and the client over HTTP when SESSION_API_URL is set):
// run as it is by Bun and Deno, and bundled by esbuild and Rollup, then run by Node from
// another folder, with nothing of the package beside the bundle.
import { SessionClient, SessionApiError } from "session-client";
import { SessionApiMock } from "session-client/mock";

const mock = new SessionApiMock({ clock: "virtual", seed: 6 });
const client = new SessionClient({ mock });
const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
mock.advance(31 * 60_000);
const later = await client.getSession(session.sessionId, false);
const missing = await client.getSession("no-such-session").catch((err) => err);
const api = globalThis.process?.env?.SESSION_API_URL ?? globalThis.Deno?.env.get("SESSION_API_URL");
const overHttp = api ? (await new SessionClient({ baseUrl: api }).createSession({ userUuid: "00000000-0000-4000-8000-000000000001" })).state : "skipped";
console.log(`both modules: ${session.state} then ${later.state}, ${missing instanceof SessionApiError ? missing.code : missing}, http ${overHttp}`);
