import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Forgot your password?</h1>
        <p className="text-muted">
          Give your account's email address and we will mail you a link to choose a new password.
        </p>
      </div>
      <ForgotPasswordForm />
    </section>
  );
}
