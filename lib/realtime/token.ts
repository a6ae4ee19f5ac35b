import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Short-lived credentials for the live-update channel, verified by the same code in the local
 * broker (lib/realtime/local-broker.ts) and in the AWS IoT custom authorizer
 * (lib/realtime/authorizer.ts). A token is `base64url(claims).base64url(HMAC-SHA256)`, with a key
 * derived from AUTH_SECRET so it cannot stand in for a session. No `server-only` here: the
 * broker and the authorizer Lambda run outside Next.
 */

/** What a verified token allows: exact topics to subscribe to, topic filters to publish on. */
export interface RealtimeGrant {
  readonly principal: string;
  readonly subscribe: readonly string[];
  readonly publish: readonly string[];
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export const clientTokenTtlSeconds = 15 * 60;

const topicLevel = /^[\w.-]+$/;
const claimsSchema = z.object({
  v: z.literal(1),
  sub: z.string().regex(/^[A-Za-z0-9]{1,128}$/),
  s: z.array(z.string().max(256)).max(4),
  p: z.array(z.string().max(256)).max(4),
  exp: z.number().int().positive(),
});

/** The signing key, separate from Auth.js's own use of the secret. */
export function realtimeKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "", "jotboard realtime token v1", 32));
}

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

export function issueRealtimeToken(
  key: Buffer,
  grant: Omit<RealtimeGrant, "expiresAt">,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const claims = {
    v: 1,
    sub: grant.principal,
    s: grant.subscribe,
    p: grant.publish,
    exp: Math.floor(now / 1000) + ttlSeconds,
  };
  const payload = Buffer.from(JSON.stringify(claimsSchema.parse(claims))).toString("base64url");
  return `${payload}.${sign(key, payload)}`;
}

/** The grant of a genuine, unexpired token; null for anything else (never throws). */
export function verifyRealtimeToken(
  key: Buffer,
  token: string,
  now = Date.now(),
): RealtimeGrant | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: z.output<typeof claimsSchema>;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  if (claims.exp * 1000 <= now) return null;
  return {
    principal: claims.sub,
    subscribe: claims.s,
    publish: claims.p,
    expiresAt: claims.exp * 1000,
  };
}

/** The one topic a person's devices listen on; user ids are ULIDs, never MQTT wildcards. */
export function userTopic(topicPrefix: string, userId: string): string {
  if (!topicLevel.test(userId)) throw new Error("A user id cannot be a topic level");
  return `${topicPrefix}/users/${userId}`;
}

/** Every user topic under the prefix, for the server's publisher. */
export function allUsersTopicFilter(topicPrefix: string): string {
  return `${topicPrefix}/users/+`;
}

/** MQTT topic-filter matching (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const filterLevels = filter.split("/");
  const topicLevels = topic.split("/");
  for (let index = 0; index < filterLevels.length; index++) {
    const level = filterLevels[index];
    if (level === "#") return index === filterLevels.length - 1;
    if (index >= topicLevels.length) return false;
    if (level !== "+" && level !== topicLevels[index]) return false;
  }
  return filterLevels.length === topicLevels.length;
}

/** Client ids start with the principal, so nobody can take over (and cut off) another's id. */
export function mayConnect(grant: RealtimeGrant, clientId: string): boolean {
  return clientId.startsWith(`${grant.principal}-`) && /^[\w-]{1,128}$/.test(clientId);
}

/** A client may subscribe to exactly its granted topics: no wildcards, nobody else's. */
export function maySubscribe(grant: RealtimeGrant, topic: string): boolean {
  return grant.subscribe.includes(topic);
}

export function mayPublish(grant: RealtimeGrant, topic: string): boolean {
  if (topic.includes("+") || topic.includes("#")) return false;
  return grant.publish.some((filter) => topicMatches(filter, topic));
}
