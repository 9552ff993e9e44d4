// webpack and esbuild: the same development-only import, behind NODE_ENV.
import { makeClient, run } from "./app.js";

const client = makeClient();
if (process.env.NODE_ENV !== "production") {
  const { SessionApiMock } = await import("session-client/mock");
  client.useMock(new SessionApiMock({ clock: "virtual" }));
}
await run(client);
