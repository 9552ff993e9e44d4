// A server component on the mock: rendered on the server (at request time), so the page's
// HTML carries what the mock answered.
import { SessionClient } from "session-client";
import { SessionApiMock } from "session-client/mock";

export const dynamic = "force-dynamic";

export default async function Page() {
  const mock = new SessionApiMock({ clock: "virtual", seed: 7 });
  const client = new SessionClient({ mock });
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  mock.advance(31 * 60_000);
  const later = await client.getSession(session.sessionId, false);
  return <p id="server">{`server component: ${session.state} then ${later.state}`}</p>;
}
