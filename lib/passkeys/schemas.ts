import { z } from "zod";

/**
 * What the passkey actions accept. The WebAuthn answer itself arrives as the JSON that
 * @simplewebauthn/browser produced; here only its envelope is checked (size, id, type):
 * @simplewebauthn/server verifies every byte that matters, against the stored challenge.
 */

const challengeId = z.string().regex(/^[\w-]{16,64}$/, "This passkey request is not valid.");

/** The browser's answer, as a JSON string in a form field; a real one is a few kilobytes. */
const webAuthnAnswer = z
  .string()
  .max(64 * 1024, "This passkey answer is too large.")
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "This passkey answer is not valid." });
      return z.NEVER;
    }
  })
  .pipe(
    z.looseObject({
      id: z.string().regex(/^[\w-]{1,1400}$/),
      rawId: z.string(),
      type: z.literal("public-key"),
      response: z.looseObject({ clientDataJSON: z.string() }),
    }),
  );

export const passkeyNameField = z
  .string()
  .trim()
  .max(60, "Use at most 60 characters.")
  .regex(/^[^\p{Cc}]*$/u, "Remove control characters.");

export const addPasskeySchema = z.object({
  challengeId,
  response: webAuthnAnswer,
  name: passkeyNameField.optional().default(""),
});

export const removePasskeySchema = z.object({
  credentialId: z.string().regex(/^[\w-]{1,1400}$/, "This passkey does not exist."),
});

export const passkeySignInSchema = z.object({
  challengeId,
  response: webAuthnAnswer,
  callbackUrl: z.string().optional(),
});
