// A route handler on the mock.
import { SessionClient, SessionApiError } from "session-client";
import { SessionApiMock } from "session-client/mock";

export const dynamic = "force-dynamic";

export async function GET() {
  const client = new SessionClient({ mock: new SessionApiMock({ seed: 3 }) });
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  const missing = await client.getSession("no-such-session").catch((err) => err);
  return Response.json({ state: session.state, error: missing instanceof SessionApiError ? missing.code : String(missing) });
}
