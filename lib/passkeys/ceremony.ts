import type { ActionState, FormAction } from "@/lib/server/action-state";

/**
 * The browser half of a passkey ceremony, with its collaborators passed in (the two server
 * actions and the WebAuthn call), so the steps and their messages are plain functions a unit test
 * drives. Client code only: @simplewebauthn/browser is imported by the caller, on click.
 */

export interface CeremonySteps {
  /** Asks the server for options and a challenge id (`data: { challengeId, options }`). */
  readonly options: FormAction;
  /** Runs the authenticator with the server's options; resolves to its JSON answer. */
  readonly authenticate: (options: unknown) => Promise<unknown>;
  /** Sends the answer (with `challengeId`, `response` and the extra fields); may redirect. */
  readonly finish: FormAction;
  /** Extra form fields sent with the answer (a passkey's name, a callback URL). */
  readonly fields?: Readonly<Record<string, string>>;
}

function refused(message: string): ActionState {
  return { ok: false, message, fieldErrors: {} };
}

/** What a failed `navigator.credentials` call means to the person, by the DOMException's name. */
export function describeWebAuthnError(error: unknown, kind: "add" | "sign-in"): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") {
    return kind === "add"
      ? "No passkey was added: the request was cancelled or timed out."
      : "Passkey sign-in was cancelled or timed out.";
  }
  if (name === "InvalidStateError") {
    return "This device already holds a passkey for your account.";
  }
  if (name === "NotSupportedError" || name === "WebAuthnNotSupportedError") {
    return "This browser cannot use passkeys.";
  }
  if (name === "SecurityError") return "Passkeys cannot be used at this address.";
  return kind === "add" ? "No passkey was added. Try again." : "Passkey sign-in failed. Try again.";
}

function ceremonyOf(state: ActionState): { challengeId: string; options: unknown } | undefined {
  const data = state.ok ? state.data : undefined;
  const challengeId = data?.challengeId;
  if (typeof challengeId !== "string" || typeof data?.options !== "object") return undefined;
  return { challengeId, options: data.options };
}

export async function runCeremony(steps: CeremonySteps, kind: "add" | "sign-in") {
  const started = await steps.options(null, new FormData());
  if (!started.ok) return started;
  const ceremony = ceremonyOf(started);
  if (!ceremony) return refused("The server's answer could not be read; reload the page.");
  let answer: unknown;
  try {
    answer = await steps.authenticate(ceremony.options);
  } catch (error) {
    return refused(describeWebAuthnError(error, kind));
  }
  const form = new FormData();
  form.set("challengeId", ceremony.challengeId);
  form.set("response", JSON.stringify(answer));
  for (const [name, value] of Object.entries(steps.fields ?? {})) form.set(name, value);
  return steps.finish(null, form);
}
