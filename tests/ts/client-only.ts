// The client-only entry: the same client, no mock in its declarations.
import init, { SessionClient, SessionApiError, type Session } from "session-client/client";
// @ts-expect-error: the client-only entry has no MockServer
import { MockServer } from "session-client/client";

async function main(): Promise<void> {
  await init();
  const client = new SessionClient({ baseUrl: "https://accounts.example.com/api" });
  const session: Session = await client.getSession("id");
  // @ts-expect-error: no mock toggles in the client-only entry
  client.useMock();
  console.log(session, SessionApiError, MockServer);
}

void main;
