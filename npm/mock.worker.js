// session-client/mock in workers (the "workerd" and "worker" conditions),
// loaded as index.worker.js loads the client.
import { initSync } from "./mock-manual.js";
import module from "./mock/session_client_mock_bg.wasm?module";

initSync({ module });

export * from "./mock-manual.js";
export { default } from "./mock-manual.js";
