import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "@/lib/auth/client-address";

describe("clientAddressFrom", () => {
  // What the app's server (scripts/serve.ts) passes on: the client's headers, then the peer.
  const forged = (xff: string, peer: string) =>
    new Headers({ "x-forwarded-for": `${xff}, ${peer}`, "x-real-ip": xff });

  it("with no proxy in front, is the socket's address whatever the client sends", () => {
    const direct = { trustedProxyHops: 0 };
    for (const xff of ["1.2.3.4", "5.6.7.8, 9.9.9.9", "unknown", " "]) {
      expect(clientAddressFrom(forged(xff, "198.51.100.7"), direct)).toBe("198.51.100.7");
    }
  });

  it("behind trusted proxies, is the entry they appended, never one the client wrote", () => {
    const oneProxy = { trustedProxyHops: 1 };
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2" });
    expect(clientAddressFrom(headers, oneProxy)).toBe("203.0.113.5");
    // Fewer entries than trusted hops: the request skipped the proxies; one shared bucket.
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "10.0.0.2" }), oneProxy)).toBe(
      "unknown",
    );
  });

  it("reads a configured edge header, and X-Real-IP only when it is the one configured", () => {
    const headers = new Headers({
      "x-real-ip": "1.2.3.4",
      "x-jotboard-client-address": "2001:db8::1",
    });
    expect(
      clientAddressFrom(headers, { header: "x-jotboard-client-address", trustedProxyHops: 0 }),
    ).toBe("2001:db8::1");
    expect(clientAddressFrom(headers, { trustedProxyHops: 0 })).toBe("unknown");
    expect(clientAddressFrom(headers, { header: "x-real-ip", trustedProxyHops: 0 })).toBe(
      "1.2.3.4",
    );
  });
});
