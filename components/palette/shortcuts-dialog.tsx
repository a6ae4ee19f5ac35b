"use client";

import { Fragment } from "react";
import { ModalDialog } from "@/components/palette/modal-dialog";
import { shortcuts } from "@/lib/keyboard/shortcuts";

/** Every keyboard shortcut, opened with `?` or from the palette. */
export function ShortcutsDialog({ onClose }: { readonly onClose: () => void }) {
  return (
    <ModalDialog labelledBy="shortcuts-title" onClose={onClose} className="max-w-md p-5">
      <div className="flex items-center gap-3">
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="ml-auto min-h-11 rounded-md px-3 text-sm font-medium text-muted hover:bg-canvas hover:text-ink"
        >
          Close
        </button>
      </div>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {shortcuts.map((shortcut) => (
          <Fragment key={shortcut.command}>
            <dt className="whitespace-nowrap">
              {shortcut.keys.map((key, index) => (
                <Fragment key={key}>
                  {index > 0 && <span className="text-muted"> then </span>}
                  <kbd className="rounded border border-line bg-canvas px-1.5 py-0.5 font-mono text-xs">
                    {key}
                  </kbd>
                </Fragment>
              ))}
            </dt>
            <dd>{shortcut.description}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="mt-4 text-sm text-muted">
        Shortcuts wait while you type in a field. Escape closes a dialog.
      </p>
    </ModalDialog>
  );
}
