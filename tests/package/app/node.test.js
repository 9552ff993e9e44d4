// Vitest, node environment, no setup file: both modules load at import.
import { expect, test } from "vitest";
import { SessionClient, SessionApiError } from "session-client";
import { MockServer, SessionApiMock } from "session-client/mock";

test("the mock answers a client in Vitest's node environment", async () => {
  const mock = new SessionApiMock({ clock: "virtual", now: "2026-11-28T12:00:00Z", seed: 1 });
  const client = new SessionClient({ mock });
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  expect(session.suspend).toBe("2026-11-28T12:30:00.000Z");
  mock.advance(31 * 60_000);
  expect((await client.getSession(session.sessionId)).state).toBe("SUSPENDED");
  const err = await client.deleteSession("nope").catch((e) => e);
  expect(err).toBeInstanceOf(SessionApiError);
  expect(err.code).toBe("NOT_FOUND");
  expect(typeof window).toBe("undefined");
});

test("the class's name until 0.2, MockServer, is the same class", () => {
  expect(MockServer).toBe(SessionApiMock);
  expect(new MockServer()).toBeInstanceOf(SessionApiMock);
});
