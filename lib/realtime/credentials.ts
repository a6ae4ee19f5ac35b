import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  clientTokenTtlSeconds,
  issueRealtimeToken,
  realtimeKey,
  userTopic,
} from "@/lib/realtime/token";

/** What a signed-in browser needs to listen for its person's pokes. */
export interface RealtimeCredentials {
  /** The broker's WebSocket address (IoT Core's names its custom authorizer). */
  readonly url: string;
  readonly clientId: string;
  readonly token: string;
  /** The one topic it may subscribe to; it may publish nowhere. */
  readonly topic: string;
  /** Epoch milliseconds: fetch new credentials before then. */
  readonly expiresAt: number;
}

export function realtimeCredentials(userId: string, now = Date.now()): RealtimeCredentials {
  const config = env().realtime;
  if (!config?.secret) throw new AppError("unavailable", "Live updates are not available here.");
  const topic = userTopic(config.topicPrefix, userId);
  const token = issueRealtimeToken(
    realtimeKey(config.secret),
    { principal: userId, subscribe: [topic], publish: [] },
    clientTokenTtlSeconds,
    now,
  );
  return {
    url:
      config.kind === "local"
        ? config.url
        : `wss://${config.endpoint}/mqtt?x-amz-customauthorizer-name=${encodeURIComponent(config.authorizer)}`,
    clientId: `${userId}-${randomBytes(6).toString("hex")}`,
    token,
    topic,
    expiresAt: now + clientTokenTtlSeconds * 1000,
  };
}
