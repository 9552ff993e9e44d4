// The server component's calls land in the test's own namespace: what the page's server
// made is in this test's mock, and nothing of the other test's, though both run at once.
import { test, expect } from "session-client/playwright";

test.use({ sessionMockServerOptions: { url: process.env.MOCK_URL } });

for (const name of ["first", "second"]) {
  test(`${name}: the server component's session is in this test's namespace only`, async ({ page, sessionMockServer }) => {
    const { mock, namespace } = sessionMockServer;
    const mine = await mock.client.createSession({ userUuid: "00000000-0000-4000-8000-000000000002" });
    await page.goto("/namespaced");
    const text = await page.locator("#namespaced").textContent();
    expect(text.startsWith(`${namespace}: `)).toBe(true);
    const rendered = text.slice(namespace.length + 2);
    // Give the other test time to make its own sessions while this one looks.
    await page.reload();
    const again = (await page.locator("#namespaced").textContent()).slice(namespace.length + 2);
    const held = (await mock.sessions()).map((s) => s.sessionId).sort();
    expect(held).toEqual([mine.sessionId, rendered, again].sort());
  });
}
