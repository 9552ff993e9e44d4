// session-client/keeper: a session keeper on a SessionClient.
import type { Session, SessionClient } from "./index.js";

export interface SessionKeeperOptions {
  /** Warn this long before the session would end (default 120000: 2 minutes). */
  warnBeforeMs?: number;
  /** At most one keep-alive per interval, and only after activity (default 60000). */
  keepAliveEveryMs?: number;
  /** "document" (default in a page): pointerdown, keydown, wheel, touchstart and focus count; "manual": only `activity()`. */
  activity?: "document" | "manual";
  /** "shared" (default in a page): one keeper per session for all tabs of the origin; "alone". */
  tabs?: "shared" | "alone";
}

/** How a session ended: its state, deleted, or unknown to the server. */
export type SessionEnd = "SUSPENDED" | "EXPIRED" | "DELETED" | "NOT_FOUND";

export interface SessionKeeperStatus {
  phase: "active" | "warning" | "ended";
  /** The session as the last answer gave it (undefined before the first). */
  session?: Session;
  /** The session's `suspend` or `expire`, whichever comes first. */
  endsAt?: Date;
  endsBy?: "suspend" | "expire";
  /** Milliseconds to `endsAt` on the server's (or the mock's) clock. */
  msLeft?: number;
  /** Whether this tab sends the keep-alives. */
  leader: boolean;
  ended?: SessionEnd;
}

export interface SessionKeeperEventMap {
  change: CustomEvent<SessionKeeperStatus>;
  warning: CustomEvent<SessionKeeperStatus>;
  ended: CustomEvent<{ state: SessionEnd; session?: Session }>;
  error: CustomEvent<{ error: unknown }>;
}

export declare class SessionKeeper extends EventTarget {
  /** Throws a TypeError naming a bad argument. */
  constructor(client: SessionClient, sessionId: string, options?: SessionKeeperOptions);
  /** Resolves once the first read of the session (no keep-alive) is done. */
  readonly ready: Promise<void>;
  readonly status: SessionKeeperStatus;
  /** Counts as the user's activity (in every tab). */
  activity(): void;
  /** Keeps the session alive now; resolves to the Session. */
  extend(): Promise<Session>;
  /** Reads the session again (no keep-alive) and updates the status. */
  check(): Promise<Session | undefined>;
  /** Timers, listeners and leadership released. */
  stop(): void;
  addEventListener<K extends keyof SessionKeeperEventMap>(type: K, listener: (event: SessionKeeperEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SessionKeeperEventMap>(type: K, listener: (event: SessionKeeperEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}
