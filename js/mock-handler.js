// The client's side of the seam to a mock (src/wasm/transport.rs): the request goes to
// `handler.handleRequest` as a plain object, the answer comes back as [status, body]. Done
// in JS because it is only JS objects, and the client's wasm stays smaller for it.

/** Whether `value` can be a client's mock: an object with `handleRequest`. */
export function isMockHandler(value) {
  return typeof value?.handleRequest === "function";
}

/** Resolves to [status, body]; rejects with the text of what went wrong. `headers` holds
 *  names and values in turn. */
export async function callMock(handler, method, target, headers, body, signal) {
  const request = { method, target, headers: {}, signal };
  for (let i = 0; i + 1 < headers.length; i += 2) request.headers[headers[i]] = headers[i + 1];
  if (body !== undefined) request.body = body;
  let response;
  try {
    response = await handler.handleRequest(request);
  } catch (err) {
    throw String(err?.description ?? err?.message ?? err);
  }
  const status = response?.status;
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    throw "the mock's handleRequest did not resolve to { status, headers, body }";
  }
  return [status, typeof response.body === "string" ? response.body : ""];
}
