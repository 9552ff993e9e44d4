// Loads the console. If it cannot start (the package is not built, its wasm does not load),
// the page says so instead of staying blank.
import("./app.js").catch((err) => {
  const box = document.querySelector("#error");
  box.hidden = false;
  box.textContent = `The console could not start: ${err?.message ?? err}. Run scripts/demo, which builds the package first.`;
});
