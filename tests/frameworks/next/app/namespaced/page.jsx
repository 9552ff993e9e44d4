// A server component over HTTP that passes on the test's mock namespace: in development and
// tests, the client's `headers` function forwards the incoming request's `mock-namespace`
// cookie as `X-Mock-Namespace` (README, "Testing with Playwright").
import { cookies } from "next/headers";
import { SessionClient } from "session-client";

export const dynamic = "force-dynamic";

export default async function Page() {
  const namespace = (await cookies()).get("mock-namespace")?.value;
  const client = new SessionClient({
    baseUrl: process.env.SESSION_API_URL,
    headers: () => (namespace ? { "X-Mock-Namespace": namespace } : {}),
  });
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  return <p id="namespaced">{`${namespace ?? "no namespace"}: ${session.sessionId}`}</p>;
}
