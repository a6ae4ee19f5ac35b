import { realtimeCredentials } from "@/lib/realtime/credentials";
import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";

/** Credentials for the live-update channel: the caller's own topic, for 15 minutes. */
export const GET = withUserRoute({ query: noQuerySchema }, async ({ user }) =>
  realtimeCredentials(user.userId),
);
