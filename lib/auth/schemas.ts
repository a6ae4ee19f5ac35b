import { z } from "zod";

/** No control characters: they break display and hide in logs. */
const printable = /^[^\p{Cc}]*$/u;

export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."));

export const newPasswordField = z
  .string({ error: "Choose a password." })
  .min(8, "Use at least 8 characters.")
  .max(256, "Use at most 256 characters.");

/** Any length accepted at sign-in: an old account's password must still work. */
export const passwordField = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(256, "Use at most 256 characters.");

export const displayNameField = z
  .string()
  .trim()
  .max(80, "Use at most 80 characters.")
  .regex(printable, "Remove control characters.");

export const signUpSchema = z.object({
  email: emailField,
  password: newPasswordField,
  displayName: displayNameField.optional().default(""),
  callbackUrl: z.string().optional(),
});

export const signInSchema = z.object({
  email: emailField,
  password: passwordField,
  callbackUrl: z.string().optional(),
});

export const displayNameSchema = z.object({ displayName: displayNameField });

export const changePasswordSchema = z
  .object({
    currentPassword: passwordField,
    newPassword: newPasswordField,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ.",
  });

export const confirmWithPasswordSchema = z.object({ password: passwordField });

// Any origin would do: callback URLs are resolved against it only to see where they lead.
const appOrigin = "http://jotboard.invalid";

/**
 * Only same-site paths: an open redirect after sign-in would be a phishing aid. The value is
 * parsed as a browser would (tabs and newlines dropped, backslashes read as slashes, `%2e` and dot segments
 * resolved) and kept only if it stays on this origin and its path cannot read as `//host`.
 */
export function safeCallbackUrl(value: string | undefined, fallback = "/"): string {
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value, appOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== appOrigin || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
