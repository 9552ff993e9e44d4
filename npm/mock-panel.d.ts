import type { SessionApiMock } from "./mock.js";

/** Where the floating panel docks. */
export type MockPanelCorner = "bottom-right" | "bottom-left" | "top-left" | "top-right";

/** What `mountMockPanel` steers: an in-page mock, or a mock server (`npx session-client-mock`,
 *  `mock-server`) or the service worker, through `/__mock/` under `baseUrl`. */
export type MockPanelTarget = SessionApiMock | { baseUrl: string };

export interface MockPanelOptions {
  /** Where it docks until the developer moves it (then it remembers). Default `"bottom-right"`. */
  corner?: MockPanelCorner;
  /** Whether it starts open (until the developer opens or closes it). Default: closed when
   *  floating, open when inline. */
  open?: boolean;
  /** An element to place it in, inline, instead of floating over the page. */
  parent?: Element;
  /** The `localStorage` key where it remembers its corner and whether it is open; `null`
   *  remembers nothing. Default `"session-mock-panel"`. */
  storageKey?: string | null;
  /** Over HTTP, how often it asks the server again, in ms (100 or more). Default 1000. */
  pollMs?: number;
}

export interface MockPanel {
  /** The `<session-mock-panel>` element (its shadow root is open). It dispatches a
   *  `change` event after each control the developer used that changed the mock: an app
   *  can read again what it shows. */
  element: HTMLElement;
  /** Removes the panel and stops its timers and listeners. */
  unmount(): void;
}

/**
 * Adds the mock panel (`<session-mock-panel>`) to the page: sessions with live countdowns,
 * the clock, faults and latency, the journal of requests, users, reset, dump and restore.
 * Development only: import it where the mock is imported, behind the same check. Throws a
 * `TypeError` for a target or an option it cannot use.
 */
export function mountMockPanel(target: MockPanelTarget, options?: MockPanelOptions): MockPanel;
