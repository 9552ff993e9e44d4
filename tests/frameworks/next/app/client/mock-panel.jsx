"use client";
// A client component: the client module always, the mock by a dynamic import, in the
// browser only (the effect does not run on the server).
import { useEffect, useState } from "react";
import { SessionClient } from "session-client";

export default function MockPanel() {
  const [text, setText] = useState("loading");
  useEffect(() => {
    (async () => {
      const { SessionApiMock } = await import("session-client/mock");
      const client = new SessionClient({ mock: new SessionApiMock({ seed: 5 }) });
      const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
      setText(`client component: ${client.isMock ? "mock" : "http"} ${session.state}`);
    })().catch((err) => setText(`failed: ${err?.code ?? ""} ${err?.message ?? err}`));
  }, []);
  return <p id="client">{text}</p>;
}
