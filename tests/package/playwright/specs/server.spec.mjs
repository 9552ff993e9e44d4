// sessionMockServer: each test its own namespace on one HTTP mock server (started by the
// fixture for the worker), named by a cookie on the test's browser context.
import { test, expect } from "session-client/playwright";

const ADMIN = "00000000-0000-4000-8000-000000000001";

for (const n of [1, 2, 3]) {
  test(`namespace ${n}: only this test's sessions, clock and faults`, async ({ page, sessionMockServer }) => {
    const { mock, namespace, url } = sessionMockServer;
    const made = [];
    for (let i = 0; i < n; i++) made.push((await mock.client.createSession({ userUuid: ADMIN })).sessionId);
    expect((await mock.sessions()).map((s) => s.sessionId).sort()).toEqual(made.sort());
    // The browser context carries the namespace: its requests reach the same mock.
    const seen = await (await page.request.get(`${url}/__mock/sessions`)).json();
    expect(seen.map((s) => s.sessionId).sort()).toEqual(made.sort());
    const cookies = await page.context().cookies(url);
    expect(cookies.find((c) => c.name === "mock-namespace")?.value).toBe(namespace);
    await mock.advance(31 * 60_000);
    expect((await mock.client.getSession(made[0])).state).toBe("SUSPENDED");
    await mock.failNext({ status: 503 });
    await expect(mock.client.getSession(made[0])).rejects.toMatchObject({ status: 503 });
  });
}
