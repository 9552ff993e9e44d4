// Recipe: Vitest in the node environment, a fresh mock for each test (a test fixture), no
// setup file. docs/testing.md points to this file.
import { expect, test as base } from "vitest";
import { SessionClient } from "session-client";
import { SessionApiMock } from "session-client/mock";

const test = base.extend({
  // Each test gets its own mock on a virtual clock, and a client on it.
  mock: async ({}, use) => {
    const mock = new SessionApiMock({ clock: "virtual", now: "2026-12-01T09:00:00Z", seed: 1 });
    await use(mock);
    mock.free();
  },
  client: async ({ mock }, use) => {
    await use(new SessionClient({ mock }));
  },
});

test("a session suspends after 31 idle minutes", async ({ mock, client }) => {
  const { sessionId } = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  mock.advance(31 * 60_000);
  expect((await client.getSession(sessionId)).state).toBe("SUSPENDED");
});

test("each test starts from an empty mock", ({ mock }) => {
  expect(mock.sessions()).toEqual([]);
  expect(mock.now()).toBe("2026-12-01T09:00:00.000Z");
});

test("a fault for the next call", async ({ mock, client }) => {
  mock.failNext({ operation: "createSession", status: 503 });
  await expect(client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" })).rejects.toMatchObject({ status: 503, retryable: true });
});
