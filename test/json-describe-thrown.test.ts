import { describe, expect, it } from "vitest";
import { describeThrown } from "../src/json/describe-thrown.js";

describe("describeThrown", () => {
  it("words an Error by its message and any other value as a string", () => {
    expect(describeThrown(new TypeError("boom"), "fallback")).toBe("boom");
    expect(describeThrown("plain", "fallback")).toBe("plain");
    expect(describeThrown(42, "fallback")).toBe("42");
    expect(describeThrown(undefined, "fallback")).toBe("undefined");
    expect(describeThrown(Symbol("s"), "fallback")).toBe("Symbol(s)");
  });

  it("answers the fallback instead of throwing again for values that cannot be shown", () => {
    const throwingToString = {
      toString() {
        throw new Error("no");
      },
    };
    const error = new Error("x");
    Object.defineProperty(error, "message", {
      get() {
        throw new Error("getter");
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(describeThrown(throwingToString, "fallback")).toBe("fallback");
    expect(describeThrown(error, "fallback")).toBe("fallback");
    expect(describeThrown(proxy, "fallback")).toBe("fallback");
    expect(describeThrown(Object.create(null), "fallback")).toBe("fallback");
  });
});
