// Runs on the server: with the package in devDependencies, adapter-node bundles it into
// build/server, away from node_modules.
import { SessionClient } from "session-client";
import { SessionApiMock } from "session-client/mock";

export async function load() {
  const mock = new SessionApiMock({ clock: "virtual", seed: 2 });
  const client = new SessionClient({ mock });
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  mock.advance(31 * 60_000);
  const later = await client.getSession(session.sessionId, false);
  return { text: `sveltekit: ${session.state} then ${later.state}` };
}
