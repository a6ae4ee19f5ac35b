import "server-only";
import type { OutgoingMail } from "@/lib/mail/send";

/**
 * Every mail the app sends, as plain text plus a simple HTML copy of the same words: the
 * app's name, one link at most, no images, no tracking. Values are escaped into the HTML.
 */

const appName = "Jotboard";

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );
}

interface Parts {
  readonly to: string;
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly link?: { readonly label: string; readonly url: string };
  readonly after?: readonly string[];
}

function compose({ to, subject, paragraphs, link, after = [] }: Parts): OutgoingMail {
  const text = [
    ...paragraphs,
    ...(link ? [`${link.label}:\n${link.url}`] : []),
    ...after,
    `— ${appName}`,
  ].join("\n\n");
  const p = (value: string) => `<p>${escapeHtml(value)}</p>`;
  const html = [
    "<!doctype html>",
    `<html><body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem">`,
    `<h1 style="font-size: 1.25rem">${appName}</h1>`,
    ...paragraphs.map(p),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    ...after.map(p),
    "</body></html>",
  ].join("\n");
  return { to, subject: `${appName}: ${subject}`, text, html };
}

export function verifyEmailMail(to: string, url: string, expiresInHours: number): OutgoingMail {
  return compose({
    to,
    subject: "confirm your email address",
    paragraphs: [
      `Welcome to ${appName}. Your account is ready; confirm that this address is yours so you can reset your password if you ever forget it.`,
    ],
    link: { label: "Confirm this address", url },
    after: [
      `The link works for ${expiresInHours} hours. If you did not sign up, ignore this mail: nothing else happens.`,
    ],
  });
}

export function signUpAttemptMail(to: string, url: string, expiresInMinutes: number): OutgoingMail {
  return compose({
    to,
    subject: "someone tried to sign up with your address",
    paragraphs: [
      `Someone (perhaps you) tried to create a ${appName} account with this address, which already has one. No new account was made and nothing changed.`,
      "If it was you and you forgot your password, set a new one here:",
    ],
    link: { label: "Reset your password", url },
    after: [
      `The link works for ${expiresInMinutes} minutes, once. If it was not you, ignore this mail.`,
    ],
  });
}

export function resetPasswordMail(to: string, url: string, expiresInMinutes: number): OutgoingMail {
  return compose({
    to,
    subject: "reset your password",
    paragraphs: ["Someone (hopefully you) asked to reset the password of your account."],
    link: { label: "Choose a new password", url },
    after: [
      `The link works for ${expiresInMinutes} minutes, once. Setting a new password signs you out everywhere else. If you did not ask, ignore this mail: your password stays as it is.`,
    ],
  });
}

/** The answer to a reset asked for an address with no account: same moment, same inbox. */
export function noAccountMail(to: string, signUpUrl: string): OutgoingMail {
  return compose({
    to,
    subject: "password reset requested",
    paragraphs: [
      `Someone (perhaps you) asked to reset a ${appName} password for this address, but no account uses it. Perhaps you signed up with another address?`,
    ],
    link: { label: "Create an account", url: signUpUrl },
    after: ["If it was not you, ignore this mail."],
  });
}

export function confirmNewEmailMail(
  to: string,
  url: string,
  expiresInMinutes: number,
): OutgoingMail {
  return compose({
    to,
    subject: "confirm your new email address",
    paragraphs: [`Someone (hopefully you) asked to use this address for their ${appName} account.`],
    link: { label: "Use this address", url },
    after: [
      `The link works for ${expiresInMinutes} minutes, once. Until it is followed, the account keeps its old address. If you did not ask, ignore this mail.`,
    ],
  });
}

/** Sent to a new address that already has an account: the same moment as a confirmation. */
export function emailTakenMail(to: string): OutgoingMail {
  return compose({
    to,
    subject: "email change not possible",
    paragraphs: [
      `Someone asked to move another ${appName} account to this address, but this address already has an account, so nothing changed.`,
      "If it was you, sign in with this address instead, or delete one of the two accounts first.",
    ],
  });
}

export function emailChangedMail(to: string, newEmail: string): OutgoingMail {
  return compose({
    to,
    subject: "your email address was changed",
    paragraphs: [
      `The email address of your ${appName} account was changed to ${newEmail}. Mails about your account go there from now on.`,
      "If you did not do this, someone may have your password: sign in with the new address if you can and change your password, which signs out every session.",
    ],
  });
}
