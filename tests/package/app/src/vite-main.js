// Vite: the README's development-only mock import, exactly.
import { makeClient, run } from "./app.js";

const client = makeClient();
if (import.meta.env.DEV) {
  const { SessionApiMock } = await import("session-client/mock");
  client.useMock(new SessionApiMock({ clock: "virtual" }));
}
await run(client);
