// The error every failed SessionClient call rejects with: a real `Error`, so stack traces,
// `instanceof Error` and error reporters work, carrying what the Rust side knows.
export class SessionApiError extends Error {
  constructor(status, code, description, body) {
    super(`${code}${status ? ` (${status})` : ""}: ${description}`);
    this.name = "SessionApiError";
    this.status = status;
    this.code = code;
    this.description = description;
    this.body = body;
  }
}

export function makeSessionApiError(status, code, description, body) {
  return new SessionApiError(status, code, description, body);
}
