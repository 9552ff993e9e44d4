/** Options of `registerMockServiceWorker`. */
export interface MockServiceWorkerOptions {
  /** The API's base URL whose requests the mock answers (default "/api"). */
  baseUrl?: string;
  /** Where mock-sw.js is served (default: beside the package). */
  scriptUrl?: string | URL;
  /** The pages it controls (default "/"; a scope above the script's folder needs the
   *  `Service-Worker-Allowed` header on mock-sw.js). */
  scope?: string;
  /** The mock's clock (default "system"). */
  clock?: "system" | "virtual";
  /** Makes session ids, latency and fault draws deterministic. */
  seed?: number;
  /** The IndexedDB key of the worker's state (default "session-client-sw"). */
  key?: string;
}

/** Registers the mock service worker; resolves once it controls the page. */
export declare function registerMockServiceWorker(options?: MockServiceWorkerOptions): Promise<ServiceWorkerRegistration>;
