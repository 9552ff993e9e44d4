// A small app as a front-end team writes it: the client always, the mock only in
// development. The title tells the test which one answered: "mock ENABLED" or "http ENABLED".
import { SessionClient, SessionApiError } from "session-client";

const ADMIN = "00000000-0000-4000-8000-000000000001";

export function makeClient() {
  const api = new URLSearchParams(location.search).get("api") ?? "/api";
  return new SessionClient({ baseUrl: api });
}

export async function run(client) {
  try {
    const session = await client.createSession({ userUuid: ADMIN });
    const missing = await client.getSession("no-such-session").catch((err) => err);
    const typed = missing instanceof SessionApiError && missing.code === "NOT_FOUND";
    document.title = `${client.isMock ? "mock" : "http"} ${session.state}${typed ? "" : " (untyped error)"}`;
    showChecks(client, session.sessionId);
  } catch (err) {
    document.title = `failed ${err?.code ?? ""} ${err?.message ?? err}`;
  }
}

/** The page's "Check session" button reads the app's session again and shows what came
 *  back: its state, or the error's code and status (the mock panel's test steers the mock
 *  and reads the effect here). */
function showChecks(client, sessionId) {
  const button = document.getElementById("check");
  const out = document.getElementById("out");
  if (!button || !out) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    out.textContent = "checking";
    try {
      out.textContent = (await client.getSession(sessionId)).state;
    } catch (err) {
      out.textContent = `${err.code} ${err.status}`;
    }
  });
}
