import type {
  Context,
  IoTCustomAuthorizerEvent,
  IoTCustomAuthorizerResult,
  PolicyDocument,
} from "aws-lambda";
import { env } from "@/lib/env";
import { mayConnect, realtimeKey, verifyRealtimeToken } from "@/lib/realtime/token";

/**
 * The IoT Core custom authorizer of `sst.aws.Realtime` (sst.config.ts): checks the MQTT password
 * with the same `verifyRealtimeToken` as the local broker and turns its grant into an IoT policy.
 * Written out rather than through SST's `realtime.authorizer`, which cannot refuse a connection
 * (it always answers `isAuthenticated: true`).
 */
export function authorizeConnection(
  event: IoTCustomAuthorizerEvent,
  functionArn: string,
  authSecret: string,
  now = Date.now(),
): IoTCustomAuthorizerResult {
  const mqtt = event.protocolData.mqtt;
  const token = Buffer.from(mqtt?.password ?? "", "base64").toString("utf8");
  const grant = verifyRealtimeToken(realtimeKey(authSecret), token, now);
  if (!grant || !mqtt?.clientId || !mayConnect(grant, mqtt.clientId)) {
    return {
      isAuthenticated: false,
      principalId: "refused",
      disconnectAfterInSeconds: 300,
      refreshAfterInSeconds: 300,
      policyDocuments: [],
    };
  }
  const [, partition, , region, account] = functionArn.split(":");
  const arn = (kind: string, name: string) =>
    `arn:${partition}:iot:${region}:${account}:${kind}/${name}`;
  // IoT policies name topics with `*` where MQTT filters say `+`.
  const asResource = (filter: string) => filter.replaceAll("+", "*");
  const statements: PolicyDocument["Statement"] = [
    { Effect: "Allow", Action: "iot:Connect", Resource: arn("client", mqtt.clientId) },
  ];
  if (grant.subscribe.length > 0) {
    statements.push(
      {
        Effect: "Allow",
        Action: "iot:Subscribe",
        Resource: grant.subscribe.map((topic) => arn("topicfilter", topic)),
      },
      {
        Effect: "Allow",
        Action: "iot:Receive",
        Resource: grant.subscribe.map((topic) => arn("topic", topic)),
      },
    );
  }
  if (grant.publish.length > 0) {
    statements.push({
      Effect: "Allow",
      Action: "iot:Publish",
      Resource: grant.publish.map((filter) => arn("topic", asResource(filter))),
    });
  }
  // Cut the connection when the token lapses (IoT's floor is 300 s); the client reconnects
  // with a fresh token, which a revoked session cannot get.
  const remaining = Math.ceil((grant.expiresAt - now) / 1000);
  return {
    isAuthenticated: true,
    principalId: grant.principal,
    disconnectAfterInSeconds: Math.min(86_400, Math.max(300, remaining)),
    refreshAfterInSeconds: 300,
    policyDocuments: [{ Version: "2012-10-17", Statement: statements }],
  };
}

export async function handler(
  event: IoTCustomAuthorizerEvent,
  context: Context,
): Promise<IoTCustomAuthorizerResult> {
  const secret = env().authSecret;
  if (!secret) throw new Error("AUTH_SECRET is not set for the realtime authorizer");
  return authorizeConnection(event, context.invokedFunctionArn, secret);
}
