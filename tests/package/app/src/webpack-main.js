// webpack and esbuild: the same development-only import, behind NODE_ENV.
import { makeClient, run } from "./app.js";

const client = makeClient();
if (process.env.NODE_ENV !== "production") {
  const { SessionApiMock } = await import("session-client/mock");
  const { mountMockPanel } = await import("session-client/mock/panel");
  const mock = new SessionApiMock({ clock: "virtual" });
  client.useMock(mock);
  mountMockPanel(mock);
}
await run(client);
