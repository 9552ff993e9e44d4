// A mock server's controls over HTTP, as SessionApiMock's methods (async).
import type { Session, User } from "./index.js";
import type { MockDump, MockFault, MockRequestEntry, MockScenario, MockUser } from "./mock.js";

/** SessionApiMock's controls over `/__mock/` under a base URL; a refusal rejects with a SessionApiError. */
export interface MockOverHttp {
  /** The base URL it steers. */
  readonly where: string;
  now(): Promise<string>;
  clock(): Promise<{ now: string; clock: "system" | "virtual" }>;
  advance(ms: number): Promise<string>;
  setNow(at: string | number): Promise<void>;
  sessions(): Promise<Session[]>;
  users(): Promise<User[]>;
  addUser(user: MockUser): Promise<User>;
  updateUser(uuid: string, patch: Partial<User>): Promise<User>;
  loadScenario(scenario: MockScenario | string): Promise<void>;
  failNext(fault: MockFault): Promise<void>;
  failRate(probability: number, fault?: MockFault | null): Promise<void>;
  clearFaults(): Promise<void>;
  setLatency(latency: number | [number, number]): Promise<void>;
  requests(options?: { reveal?: boolean } | null): Promise<MockRequestEntry[]>;
  clearRequests(): Promise<void>;
  /** What a tool shows of the mock, in one request. */
  overview(options?: { reveal?: boolean } | null): Promise<{ now: string; clock: "system" | "virtual"; sessions: Session[]; users: User[]; requests: MockRequestEntry[] }>;
  reset(): Promise<void>;
  dump(): Promise<MockDump>;
  restore(dump: MockDump | object | string): Promise<void>;
  /** An API request (not a control): its JSON answer. */
  api(method: string, path: string, body?: unknown): Promise<unknown>;
}

/** The controls of the mock server at `baseUrl`; `headers` go with each request (`X-Mock-Namespace`). */
export function mockOverHttp(baseUrl: string, options?: { headers?: Record<string, string> }): MockOverHttp;
