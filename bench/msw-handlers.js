// MSW 2 handlers doing the same state changes as PlainSessions, on a JS Map, for
// `setupWorker`: the way a front-end team mocks this API without session-client.
import { PlainSessions } from "./plain.js";

export function handlers(users) {
  const { http, HttpResponse } = globalThis.MockServiceWorker;
  const store = new PlainSessions(users);
  const answer = async (work, status = 200) => {
    try {
      const body = await work();
      return body === undefined ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(body, { status });
    } catch (err) {
      return HttpResponse.json({ message: err.message }, { status: err.status ?? 500 });
    }
  };
  const base = "/msw/sessions";
  return [
    http.post(base, async ({ request }) => answer(async () => store.createSession(await request.json()), 201)),
    http.get(`${base}/:id`, ({ params, request }) =>
      answer(() => store.getSession(params.id, new URL(request.url).searchParams.get("keepAlive") === "true"))),
    http.delete(`${base}/:id`, ({ params }) => answer(() => store.deleteSession(params.id))),
    http.put(`${base}/:id/tokens/:token`, async ({ params, request }) =>
      answer(async () => store.setSessionSsoToken(params.id, params.token, await request.text()))),
    http.get(`${base}/:id/tokens/:token`, ({ params }) => answer(() => store.getSessionSsoToken(params.id, params.token))),
    http.post(`${base}/:id/impersonate`, async ({ params, request }) =>
      answer(async () => store.impersonate(params.id, await request.json()))),
    http.post(`${base}/:id/revertIdentity`, ({ params }) => answer(() => store.revertIdentity(params.id))),
  ];
}
