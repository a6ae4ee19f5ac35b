import { z } from "zod";
import { emailField, newPasswordField, passwordField } from "@/lib/auth/schemas";

/** The forms of issue 15 §2–4: forgot password, reset password, change of email. */

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({
    token: z.string().max(100),
    newPassword: newPasswordField,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ.",
  });

export const changeEmailSchema = z.object({
  newEmail: emailField,
  password: passwordField,
});
