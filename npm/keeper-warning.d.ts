// session-client/keeper/warning: the keeper's accessible warning dialog.
import type { SessionKeeper } from "./keeper.js";

export interface SessionWarningText {
  /** The heading while the session still lives; `time` is M:SS. */
  warning?: (time: string) => string;
  detail?: string;
  stay?: string;
  signOut?: string;
  ended?: string;
  endedDetail?: string;
  signIn?: string;
  /** What screen readers hear at intervals; `time` is "N minutes" or "N seconds". */
  announce?: (time: string) => string;
}

export interface SessionWarningOptions {
  /** "Sign out" was chosen (the element also dispatches a `signout` event). */
  onSignOut?: () => void;
  /** "Sign in again" was chosen, after the session ended. */
  onSignIn?: () => void;
  /** Replaces any of the texts. */
  text?: SessionWarningText;
  /** Where the element goes (default `document.body`). */
  parent?: HTMLElement;
}

/** Adds a `<session-expiry-warning>` for `keeper`. */
export function mountSessionWarning(keeper: SessionKeeper, options?: SessionWarningOptions): { element: HTMLElement; unmount(): void };
