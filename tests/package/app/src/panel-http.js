// The mock panel steering a mock server over HTTP (`?api=` its URL), as an app pointed at
// `npx session-client-mock` mounts it.
import { mountMockPanel } from "session-client/mock/panel";

const baseUrl = new URLSearchParams(location.search).get("api");
mountMockPanel({ baseUrl }, { open: true, storageKey: null, pollMs: 200 });
document.title = "panel ready";
