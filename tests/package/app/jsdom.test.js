// @vitest-environment jsdom
// Vitest, jsdom environment, no setup file.
import { expect, test } from "vitest";
import { SessionClient, SessionApiError } from "session-client";
import { SessionApiMock, SessionApiError as MockError } from "session-client/mock";

test("the mock answers a client in Vitest's jsdom environment", async () => {
  expect(typeof window).toBe("object");
  const mock = new SessionApiMock({ clock: "virtual", seed: 2, persist: { storage: "localStorage", key: "vitest" } });
  const client = new SessionClient({ baseUrl: "/api" });
  client.useMock(mock);
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000002" });
  expect(session.state).toBe("ENABLED");
  expect(localStorage.getItem("vitest")).toContain(session.sessionId);
  mock.failNext({ operation: "getSession", status: 503 });
  const err = await client.getSession(session.sessionId).catch((e) => e);
  expect(err).toBeInstanceOf(SessionApiError);
  expect(err).toBeInstanceOf(MockError);
  expect(err.status).toBe(503);
});
