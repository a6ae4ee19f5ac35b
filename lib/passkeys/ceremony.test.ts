import { describe, expect, it } from "vitest";
import { type CeremonySteps, describeWebAuthnError, runCeremony } from "@/lib/passkeys/ceremony";
import type { ActionState } from "@/lib/server/action-state";

const options = { challenge: "abc", rpId: "localhost" };

function steps(overrides: Partial<CeremonySteps> = {}): CeremonySteps & { sent: FormData[] } {
  const sent: FormData[] = [];
  return {
    sent,
    options: async () => ({ ok: true, data: { challengeId: "challenge-1234567890", options } }),
    authenticate: async (given) => ({ id: "cred", answered: given }),
    finish: async (_state, form) => {
      sent.push(form);
      return { ok: true, message: "done" };
    },
    ...overrides,
  };
}

describe("runCeremony", () => {
  it("passes the server's options to the authenticator and its answer back with the challenge", async () => {
    const run = steps({ fields: { name: "Laptop" } });
    expect(await runCeremony(run, "add")).toEqual({ ok: true, message: "done" });
    const form = run.sent[0] as FormData;
    expect(form.get("challengeId")).toBe("challenge-1234567890");
    expect(JSON.parse(String(form.get("response")))).toEqual({ id: "cred", answered: options });
    expect(form.get("name")).toBe("Laptop");
  });

  it("stops at a refusal of the options, sending nothing", async () => {
    const refusal: ActionState = { ok: false, message: "Too many", fieldErrors: {} };
    const run = steps({ options: async () => refusal });
    expect(await runCeremony(run, "sign-in")).toBe(refusal);
    expect(run.sent).toEqual([]);
  });

  it("turns a cancelled authenticator into a plain message, sending nothing", async () => {
    const cancelled = new DOMException(
      "The operation either timed out or was not allowed.",
      "NotAllowedError",
    );
    const run = steps({
      authenticate: async () => {
        throw cancelled;
      },
    });
    expect(await runCeremony(run, "sign-in")).toMatchObject({
      ok: false,
      message: "Passkey sign-in was cancelled or timed out.",
    });
    expect(run.sent).toEqual([]);
  });

  it("refuses options it cannot read", async () => {
    const run = steps({ options: async () => ({ ok: true }) });
    expect(await runCeremony(run, "add")).toMatchObject({ ok: false });
  });
});

describe("describeWebAuthnError", () => {
  it("names the usual failures", () => {
    const named = (name: string) => new DOMException("x", name);
    expect(describeWebAuthnError(named("InvalidStateError"), "add")).toMatch(/already holds/);
    expect(describeWebAuthnError(named("NotAllowedError"), "add")).toMatch(/No passkey was added/);
    expect(describeWebAuthnError(new Error("?"), "sign-in")).toBe(
      "Passkey sign-in failed. Try again.",
    );
  });
});
