import { LocalTime } from "@/components/app-shell/local-time";
import { AddPasskeyForm } from "@/components/settings/add-passkey-form";
import { RemovePasskeyButton } from "@/components/settings/remove-passkey-button";
import type { PasskeyListItem } from "@/lib/passkeys/types";

/** The person's passkeys: name, when added, when last used; add one, remove one. */
export function PasskeysSection({ passkeys }: { readonly passkeys: readonly PasskeyListItem[] }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        A passkey signs you in with this device’s screen lock, a phone or a security key, without
        typing your email or password.
      </p>
      {passkeys.length === 0 ? (
        <p className="text-sm text-muted">No passkeys yet.</p>
      ) : (
        <ul aria-label="Your passkeys" className="divide-y divide-line">
          {passkeys.map((passkey) => (
            <li
              key={passkey.credentialId}
              className="flex flex-wrap items-start justify-between gap-3 py-3"
            >
              <div className="space-y-0.5">
                <p className="font-medium">{passkey.name}</p>
                <p className="text-xs text-muted">
                  Added <LocalTime iso={passkey.createdAt} />
                  {" · "}
                  {passkey.lastUsedAt ? (
                    <>
                      Last used <LocalTime iso={passkey.lastUsedAt} />
                    </>
                  ) : (
                    "Never used"
                  )}
                </p>
              </div>
              <RemovePasskeyButton credentialId={passkey.credentialId} name={passkey.name} />
            </li>
          ))}
        </ul>
      )}
      <AddPasskeyForm />
    </div>
  );
}
