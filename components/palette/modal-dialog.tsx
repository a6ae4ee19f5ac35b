"use client";

import { type ReactNode, useLayoutEffect, useRef } from "react";

/**
 * A native modal `<dialog>` shown while mounted: the browser traps focus, makes the page inert
 * and turns Escape into a close request, which goes to `onClose` (the owner decides).
 */
export function ModalDialog({
  label,
  labelledBy,
  onClose,
  className = "",
  children,
}: {
  readonly label?: string;
  readonly labelledBy?: string;
  readonly onClose: () => void;
  readonly className?: string;
  readonly children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const mounted = useRef(false);

  // Layout effects: it closes before React removes it, so the page is not left inert.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    mounted.current = true;
    if (!element.open) element.showModal();
    return () => {
      // Its close event comes later: by then this dialog is no one's business.
      mounted.current = false;
      element.close();
    };
  }, []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys close it through onCancel (Escape).
    <dialog
      ref={dialog}
      aria-label={label}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // The browser may close it without a cancel event (Escape without a user activation).
      onClose={() => {
        if (mounted.current) onClose();
      }}
      // A click on the backdrop lands on the dialog itself (Escape is the browser's cancel).
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className={`mx-auto mt-[12vh] w-[calc(100%-2rem)] rounded-xl border border-line bg-surface text-ink shadow-xl backdrop:bg-black/40 ${className}`}
    >
      {children}
    </dialog>
  );
}
