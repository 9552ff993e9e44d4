// Gives the event loop a turn during long runs of mock requests (src/wasm/mock_fetch.rs).
// Most mock answers resolve as promise reactions, with no task between them: code that
// awaits mock calls one after another (a test loop, or an onRequest listener that calls the
// client for every request it is told of) would otherwise keep timers, I/O and rendering
// waiting until it ends. Past LIMIT requests since the event loop last had a turn, a
// request waits for its next turn before it is answered: one task per LIMIT requests.

const LIMIT = 1000;
let requests = 0;
let turn = null;

// The turn is a message on a channel of our own: no clamp (setTimeout's nested timers wait
// 4 ms), and no test's fake timers (which replace setTimeout and setImmediate) can hold it
// back. The channel is held here, both ports: a port nothing references may be collected
// with its listener, and its messages then never arrive. In Node the port keeps the
// process alive only while a turn is due (ref/unref). Without MessageChannel, setTimeout.
const channel = typeof MessageChannel === "function" ? new MessageChannel() : null;
const tasks = [];
if (channel) {
  channel.port1.onmessage = () => {
    channel.port1.unref?.();
    tasks.shift()();
  };
  channel.port1.unref?.();
}
const schedule = channel
  ? (task) => {
      tasks.push(task);
      channel.port1.ref?.();
      channel.port2.postMessage(0);
    }
  : (task) => setTimeout(task, 0);

/** Counts a request. Returns undefined, or a promise of the event loop's next turn when
 *  the request must wait for it. */
export function turnIfDue() {
  if (turn === null) {
    turn = new Promise((resolve) =>
      schedule(() => {
        turn = null;
        requests = 0;
        resolve();
      }),
    );
  }
  requests += 1;
  return requests > LIMIT ? turn : undefined;
}
