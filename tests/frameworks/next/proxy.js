// Next.js 16's proxy (formerly middleware; the Node.js runtime): a session check before the
// page renders, here on the mock.
import { NextResponse } from "next/server";
import { SessionClient } from "session-client";
import { SessionApiMock } from "session-client/mock";

const client = new SessionClient({ mock: new SessionApiMock({ seed: 9 }) });

export async function proxy(request) {
  const missing = await client.getSession(request.nextUrl.searchParams.get("session") ?? "none").catch((err) => err);
  return NextResponse.json({ proxy: missing.code });
}

export const config = { matcher: "/gate" };
