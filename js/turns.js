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
// back. Each turn has its own channel, closed once its message arrives: an open port keeps
// Node's, Bun's and Deno's process alive, and Deno's stays open even when unref'd. It is held
// here until then: a port nothing references may be collected with its listener, and its
// message then never arrives. Where MessageChannel is missing, or throws when touched
// (Next.js's edge sandbox), the turn is a setTimeout, and importing the mock never fails.
let held = null;

function schedule(task) {
  let channel;
  try {
    channel = new MessageChannel();
  } catch {
    return setTimeout(task, 0);
  }
  held = channel;
  channel.port1.onmessage = () => {
    channel.port1.close();
    held = null;
    task();
  };
  channel.port2.postMessage(0);
}

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
