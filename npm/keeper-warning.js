// session-client/keeper/warning: a ready-made, accessible warning for a SessionKeeper. A
// <session-expiry-warning> element (open shadow root, its own few styles: none taken from the
// page or given to it) that shows an alertdialog at the keeper's `warning` ("Your session ends
// in M:SS", Stay signed in / Sign out) and at `ended` ("Your session has ended", Sign in
// again). Focus moves into the dialog and back; the time left is announced at intervals, not
// every second.
const TAG = "session-expiry-warning";
const TEXT = {
  warning: (time) => `Your session ends in ${time}`,
  detail: "You have been inactive. Stay signed in to keep working.",
  stay: "Stay signed in",
  signOut: "Sign out",
  ended: "Your session has ended",
  endedDetail: "Sign in again to continue.",
  signIn: "Sign in again",
  announce: (time) => `Your session ends in ${time}`,
};
const STYLE = `:host{position:fixed;inset:0;z-index:2147483646;display:grid;place-items:center;background:rgb(0 0 0/.45);font:16px/1.4 system-ui,sans-serif}
[role=alertdialog]{background:#fff;color:#1b1b1b;max-width:26rem;margin:1rem;padding:1.25rem 1.5rem;border-radius:8px;box-shadow:0 8px 30px rgb(0 0 0/.3)}
h2{margin:0 0 .5rem;font-size:1.25rem}p{margin:0 0 1rem}
button{font:inherit;padding:.5rem 1rem;margin-right:.5rem;border-radius:4px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
button+button{background:#fff;color:#1d4ed8}button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

/** `ms` as M:SS. */
const clock = (ms) => {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};
/** The spoken time: minutes while more than one is left, then seconds. */
const spoken = (ms) => {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  return s > 60 ? `${Math.ceil(s / 60)} minutes` : `${s} seconds`;
};

/** Adds the warning for `keeper` to `options.parent` (default `document.body`); returns
 *  `{ element, unmount }`. Options: `onSignOut`, `onSignIn`, `text` (any of TEXT's entries),
 *  `parent`. */
export function mountSessionWarning(keeper, options = {}) {
  if (!keeper || typeof keeper.extend !== "function" || !("status" in keeper)) throw new TypeError("mountSessionWarning: `keeper` must be a SessionKeeper");
  const text = { ...TEXT, ...options.text };
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: "open" });
  host.hidden = true;
  let returnTo = null;
  let ticker;
  let lastSpoken;

  const render = () => {
    const { phase, msLeft } = keeper.status;
    const ended = phase === "ended";
    const heading = ended ? text.ended : text.warning(clock(msLeft));
    root.querySelector("h2").textContent = heading;
    if (!ended) {
      // Spoken each minute, then at 30 and 10 seconds (moj-frontend's timeout warning).
      const s = Math.ceil(msLeft / 1000);
      const mark = s > 60 ? Math.ceil(s / 60) * 60 : s > 30 ? 60 : s > 10 ? 30 : 10;
      if (mark !== lastSpoken) {
        lastSpoken = mark;
        root.querySelector(".sr").textContent = text.announce(spoken(msLeft));
      }
    }
  };

  const show = (ended) => {
    const actions = ended ? [[text.signIn, () => options.onSignIn?.()]] : [
      [text.stay, () => keeper.extend().catch(() => {})],
      [text.signOut, () => {
        host.dispatchEvent(new CustomEvent("signout", { bubbles: true }));
        options.onSignOut?.();
        hide();
      }],
    ];
    root.innerHTML = `<style>${STYLE}</style><div role="alertdialog" aria-modal="true" aria-labelledby="t" aria-describedby="d"><h2 id="t"></h2><p id="d"></p><div class="sr" aria-live="assertive"></div><div class="actions"></div></div>`;
    root.querySelector("#d").textContent = ended ? text.endedDetail : text.detail;
    const buttons = actions.map(([label, act]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.onclick = act;
      return button;
    });
    root.querySelector(".actions").append(...buttons);
    lastSpoken = undefined;
    render();
    if (host.hidden) returnTo = document.activeElement;
    host.hidden = false;
    buttons[0].focus();
    clearInterval(ticker);
    if (!ended) ticker = setInterval(render, 1000);
  };

  const hide = () => {
    clearInterval(ticker);
    if (host.hidden) return;
    // Focus goes back while the dialog still holds it: the keeper sees it come from here.
    returnTo?.focus?.();
    returnTo = null;
    host.hidden = true;
    root.innerHTML = "";
  };

  // Tab stays inside the dialog.
  root.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const buttons = [...root.querySelectorAll("button")];
    const at = buttons.indexOf(root.activeElement);
    event.preventDefault();
    buttons[(at + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length].focus();
  });

  const onWarning = () => show(false);
  const onEnded = () => show(true);
  const onChange = () => {
    const { phase } = keeper.status;
    if (phase === "active") hide();
    else if (!host.hidden && phase === "warning") render();
  };
  keeper.addEventListener("warning", onWarning);
  keeper.addEventListener("ended", onEnded);
  keeper.addEventListener("change", onChange);
  (options.parent ?? document.body).append(host);
  if (keeper.status.phase === "warning") show(false);
  else if (keeper.status.phase === "ended") show(true);
  return {
    element: host,
    unmount() {
      hide();
      keeper.removeEventListener("warning", onWarning);
      keeper.removeEventListener("ended", onEnded);
      keeper.removeEventListener("change", onChange);
      host.remove();
    },
  };
}
