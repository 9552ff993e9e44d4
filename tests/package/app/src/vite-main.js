// Vite: the README's (quick start) development-only mock import and its panel, exactly.
import { makeClient, run } from "./app.js";

const client = makeClient();
if (import.meta.env.DEV) {
  const { SessionApiMock } = await import("session-client/mock");
  const { mountMockPanel } = await import("session-client/mock/panel");
  const mock = new SessionApiMock({ clock: "virtual" });
  client.useMock(mock);
  mountMockPanel(mock);
}
await run(client);
