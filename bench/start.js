// The start benchmark's page script (bench/start.html, and bench/start-preload.html, which
// preloads the client's wasm): from the script's start to the first answer. ?client=1: import
// the client module and make the first call over HTTP (?api=URL); ?mock=1: on the mock (the
// mock module as well); ?fetch=1: the same call with plain `fetch`, no package.
const params = new URLSearchParams(location.search);
window.scriptStartMs = performance.now();
const id = "00000000-0000-4000-8000-00000000abcd";
if (params.has("fetch")) {
  const answer = await fetch(`${params.get("api")}/sessions/${id}`);
  await answer.json();
} else {
  const { SessionClient } = await import("/pkg/index.js");
  window.importedMs = performance.now();
  let client;
  if (params.has("mock")) {
    const { SessionApiMock } = await import("/pkg/mock.js");
    client = new SessionClient({ mock: new SessionApiMock() });
  } else {
    client = new SessionClient({ baseUrl: params.get("api") });
  }
  await client.getSession(id).catch((err) => {
    if (err.status !== 404) throw err;
  });
}
window.firstCallMs = performance.now();
