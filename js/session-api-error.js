// The error every failed SessionClient call rejects with: a real `Error`, so stack traces,
// `instanceof Error` and error reporters work, carrying what the Rust side knows.
//
// One class per JS realm, whichever copy of this file runs first: the client and the mock
// are separate modules, each entry is one flat file carrying its own copy, and
// `err instanceof SessionApiError` must hold for an error from either.
const shared = Symbol.for("session-client.SessionApiError");

export const SessionApiError = (globalThis[shared] ??= define());

function define() {
  class SessionApiError extends Error {
    constructor(status, code, description, body, operation, retryable, cause) {
      const message = `${operation ? `${operation}: ` : ""}${code}${status ? ` (${status})` : ""}: ${description}`;
      super(message, cause === undefined ? undefined : { cause });
      this.name = "SessionApiError";
      this.status = status;
      this.code = code;
      this.description = description;
      this.body = body;
      this.operation = operation;
      this.retryable = retryable === true;
    }
  }
  // Its name survives minifiers that rename the class.
  return Object.defineProperty(SessionApiError, "name", { value: "SessionApiError" });
}

/** `causeName` and `causeMessage`: the error the platform reported (a NETWORK failure's
 *  fetch rejection), made again as `cause`. */
export function makeSessionApiError(status, code, description, body, operation, retryable, causeName, causeMessage) {
  let cause;
  if (causeName !== undefined) {
    cause = new Error(causeMessage);
    cause.name = causeName;
  }
  return new SessionApiError(status, code, description, body, operation, retryable, cause);
}
