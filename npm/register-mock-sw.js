// Registers the mock service worker (mock-sw.js, beside this file) and resolves once it
// controls the page, so the next fetch under `baseUrl` is answered by the mock.
export async function registerMockServiceWorker(options = {}) {
  if (!("serviceWorker" in navigator)) throw new Error("service workers are not available here");
  const script = new URL(options.scriptUrl ?? new URL("./mock-sw.js", import.meta.url), location.href);
  script.searchParams.set("base", new URL(options.baseUrl ?? "/api", location.href).href);
  if (options.clock) script.searchParams.set("clock", options.clock);
  if (options.seed !== undefined) script.searchParams.set("seed", String(options.seed));
  if (options.key) script.searchParams.set("key", options.key);
  const registration = await navigator.serviceWorker.register(script, { type: "module", scope: options.scope ?? "/" });
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  }
  return registration;
}
