// Run on its own (SPECS=bad): options the fixtures do not understand fail the test before
// its body runs, naming them.
import { test } from "session-client/playwright";

test.describe("a relative baseUrl", () => {
  test.use({ sessionMockOptions: { baseUrl: "/api" } });
  test("is refused", async ({ sessionMock }) => {
    console.log("the body ran", sessionMock);
  });
});

test.describe("an unknown option", () => {
  test.use({ sessionMockOptions: { baseUrl: "http://127.0.0.1:1/api", clocks: "virtual" } });
  test("is refused", async ({ sessionMock }) => {
    console.log("the body ran", sessionMock);
  });
});
