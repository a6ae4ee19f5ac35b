import "server-only";
import { randomBytes } from "node:crypto";
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { clientAddress } from "@/lib/auth/client-address";
import type { SessionUser } from "@/lib/auth/session";
import {
  addPasskey,
  consumeChallenge,
  deletePasskey,
  getPasskey,
  listPasskeys,
  type PasskeySummary,
  passkeyLimit,
  recordPasskeyUse,
  saveChallenge,
} from "@/lib/db/passkeys-repository";
import type { Database } from "@/lib/db/runtime";
import { getUser, type User } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { assertWithinRateLimit } from "@/lib/server/rate-limits";

/**
 * Passkeys (issue 15 §5): adding one in settings (registration), signing in with one
 * (authentication, for visitors: the Auth.js "passkey" provider calls `verifyPasskeySignIn`),
 * listing and removing them. Every ceremony answers a challenge the server stored and takes back
 * once; the origin and RP ID come from the request, checked against the allowed origins.
 */

/** Long enough to find the authenticator and touch it; a stored challenge lives as long. */
const ceremonyMs = 5 * 60_000;

export interface Ceremony<T> {
  readonly challengeId: string;
  readonly options: T;
}

function newChallengeId(): string {
  return randomBytes(18).toString("base64url");
}

function expiry(now: Date): Date {
  return new Date(now.getTime() + ceremonyMs);
}

/** A passkey's user handle is the user id's bytes: the sign-in answer names its account. */
function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(userId);
}

function userIdOfHandle(handle: string | undefined): string | undefined {
  if (!handle) return undefined;
  const userId = Buffer.from(handle, "base64url").toString("utf8");
  return /^[\w-]{1,64}$/.test(userId) ? userId : undefined;
}

export async function startPasskeyRegistration(
  db: Database,
  user: SessionUser,
  headers: Headers,
  now = new Date(),
): Promise<Ceremony<PublicKeyCredentialCreationOptionsJSON>> {
  const rp = relyingParty(headers);
  const existing = await listPasskeys(db, user.userId);
  if (existing.length >= passkeyLimit) {
    throw new AppError("conflict", `You have ${passkeyLimit} passkeys; remove one to add another.`);
  }
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.displayName || user.email,
    userID: userHandleOf(user.userId),
    attestationType: "none",
    timeout: ceremonyMs,
    // The authenticator refuses a second passkey for this account instead of replacing it.
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: [...passkey.transports],
    })),
    // Discoverable, so signing in needs no email: the passkey names its account itself.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const challengeId = newChallengeId();
  await saveChallenge(
    db,
    challengeId,
    { challenge: options.challenge, purpose: "register", subjectUserId: user.userId },
    expiry(now),
  );
  return { challengeId, options };
}

const registrationRefused = () =>
  new AppError("invalid", "This passkey could not be added. Try again.");

export async function finishPasskeyRegistration(
  db: Database,
  user: SessionUser,
  headers: Headers,
  input: { challengeId: string; response: unknown; name: string },
  now = new Date(),
): Promise<PasskeySummary> {
  const rp = relyingParty(headers);
  const stored = await consumeChallenge(
    db,
    input.challengeId,
    { purpose: "register", subjectUserId: user.userId },
    now,
  );
  if (!stored) {
    throw new AppError("invalid", "This passkey request has expired. Try again.");
  }
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: stored.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
  } catch {
    throw registrationRefused();
  }
  if (!verification.verified) throw registrationRefused();
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  const passkey = {
    userId: user.userId,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: credential.transports ?? [],
    name: input.name || defaultName(credentialDeviceType === "multiDevice"),
    createdAt: now.toISOString(),
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
  };
  await addPasskey(db, passkey);
  return { credentialId: passkey.credentialId, name: passkey.name, createdAt: passkey.createdAt };
}

function defaultName(synced: boolean): string {
  return synced ? "Synced passkey" : "Passkey on this device";
}

export async function listPasskeySummaries(
  db: Database,
  userId: string,
): Promise<PasskeySummary[]> {
  return (await listPasskeys(db, userId)).map(({ credentialId, name, createdAt, lastUsedAt }) => ({
    credentialId,
    name,
    createdAt,
    ...(lastUsedAt && { lastUsedAt }),
  }));
}

/** Removes one of the person's own passkeys; anyone else's id reads as a missing one. */
export async function removePasskey(
  db: Database,
  userId: string,
  credentialId: string,
): Promise<void> {
  if (!(await deletePasskey(db, userId, credentialId))) {
    throw new AppError("not_found", "This passkey does not exist.");
  }
}

/** Options for a visitor's sign-in: no account named (discoverable passkeys name themselves). */
export async function startPasskeySignIn(
  db: Database,
  headers: Headers,
  now = new Date(),
): Promise<Ceremony<PublicKeyCredentialRequestOptionsJSON>> {
  // Each costs a stored challenge: limited per client address before anything is written.
  await assertWithinRateLimit(db, "passkeySignIns", clientAddress(headers));
  const rp = relyingParty(headers);
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    userVerification: "required",
    timeout: ceremonyMs,
  });
  const challengeId = newChallengeId();
  await saveChallenge(
    db,
    challengeId,
    { challenge: options.challenge, purpose: "authenticate" },
    expiry(now),
  );
  return { challengeId, options };
}

/**
 * The account a sign-in answer proves, or undefined: an unknown, used or expired challenge, a
 * passkey that was removed (or never was), a bad signature, a counter that went backwards (a
 * cloned authenticator) or lost a race with another sign-in all end the same way.
 */
export async function verifyPasskeySignIn(
  db: Database,
  headers: Headers,
  input: { challengeId: string; response: unknown },
  now = new Date(),
): Promise<User | undefined> {
  const rp = relyingParty(headers);
  const response = input.response as AuthenticationResponseJSON;
  const stored = await consumeChallenge(db, input.challengeId, { purpose: "authenticate" }, now);
  if (!stored) return undefined;
  const userId = userIdOfHandle(response.response?.userHandle);
  if (!userId) return undefined;
  const passkey = await getPasskey(db, userId, response.id);
  if (!passkey) return undefined;
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: stored.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransport[],
      },
    });
  } catch {
    return undefined;
  }
  if (!verification.verified) return undefined;
  const recorded = await recordPasskeyUse(db, passkey, {
    counter: verification.authenticationInfo.newCounter,
    backedUp: verification.authenticationInfo.credentialBackedUp,
    at: now,
  });
  if (!recorded) return undefined;
  return getUser(db, userId);
}
