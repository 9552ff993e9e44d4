// A route handler over HTTP: the client only, against the server in SESSION_API_URL.
import { SessionClient, SessionApiError } from "session-client";

export const dynamic = "force-dynamic";

export async function GET() {
  const client = new SessionClient({ baseUrl: process.env.SESSION_API_URL });
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  const read = await client.getSession(session.sessionId, false);
  const missing = await client.getSession("no-such-session").catch((err) => err);
  return Response.json({ id: read.sessionId, state: read.state, error: missing instanceof SessionApiError ? missing.code : String(missing) });
}
