// Vite: the README's development-only mock import, exactly.
import { makeClient, run } from "./app.js";

const client = makeClient();
if (import.meta.env.DEV) {
  const { MockServer } = await import("session-client/mock");
  client.useMock(new MockServer({ clock: "virtual" }));
}
await run(client);
