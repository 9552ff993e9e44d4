// A front-end bundled by Vite with no plugin: the package's .wasm must be found and loaded.
import init, { SessionClient, MockServer } from "session-client";

await init();
const client = new SessionClient({ mock: new MockServer({ seed: 1 }) });
const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
document.title = `session ${session.state}`;
