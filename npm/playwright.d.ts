// session-client/playwright: Playwright's `test` with the session mock as fixtures.
import type { TestType, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions } from "@playwright/test";
import type { SessionClient } from "./index.js";
import type { SessionApiMock, SessionApiMockOptions } from "./mock.js";
import type { MockOverHttp } from "./mock-http.js";

export { expect } from "@playwright/test";

/** `test.use({ sessionMockOptions })`: where the app calls the API, and the mock's options. */
export interface SessionMockOptions extends Pick<SessionApiMockOptions, "clock" | "now" | "seed" | "scenario" | "latencyMs"> {
  /** The API's absolute base URL as the app calls it, such as "http://localhost:5173/api": every request under it is answered by the test's mock, and nothing else. */
  baseUrl?: string;
}

/** `test.use({ sessionMockServerOptions })` (per worker): the HTTP mock server to use. */
export interface SessionMockServerOptions {
  /** A server already running (Playwright's `webServer`, say); without it each worker starts `session-client-mock --port 0` with `args` on first use. */
  url?: string;
  /** The flags of the server a worker starts (default `["--clock", "virtual"]`). */
  args?: string[];
}

/** The test's SessionApiMock, with a SessionClient on it. */
export type SessionMockFixture = SessionApiMock & { client: SessionClient };

/** The test's own namespace on an HTTP mock server. */
export interface SessionMockServerFixture {
  /** The server's URL. */
  url: string;
  /** The namespace's name, also set as the `mock-namespace` cookie on the test's browser context. */
  namespace: string;
  /** SessionApiMock's controls over that namespace's `/__mock/` endpoints (async), and a client calling the API in it. */
  mock: MockOverHttp & { client: SessionClient };
}

export const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & {
    sessionMockOptions: SessionMockOptions;
    sessionMock: SessionMockFixture;
    sessionMockServer: SessionMockServerFixture;
  },
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & {
    sessionMockServerOptions: SessionMockServerOptions;
  }
>;
