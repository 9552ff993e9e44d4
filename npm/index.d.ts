export * from "./client/session_client.js";
export { default, default as init } from "./client/session_client.js";
