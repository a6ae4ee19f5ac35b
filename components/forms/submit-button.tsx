"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

interface SubmitButtonProps {
  readonly children: ReactNode;
  readonly pendingLabel: string;
  readonly tone?: "primary" | "danger";
}

export function SubmitButton({ children, pendingLabel, tone = "primary" }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  const colours = tone === "danger" ? "bg-danger text-white" : "bg-accent text-accent-ink";
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`min-h-11 rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${colours}`}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
