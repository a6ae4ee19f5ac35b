import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Env } from "@/lib/env";

export interface DynamoConfig {
  readonly region: string;
  /** Set for DynamoDB Local; unset on AWS. */
  readonly endpoint?: string;
}

// DynamoDB Local accepts any credentials; fixed ones keep a developer's AWS profile out of it.
const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };

// DynamoDB Local's listener has a backlog of 50: a burst of new connections from the SDK's
// 50-socket pool (twice over with parallel test files) overflowed it on a busy machine, the
// kernel dropped SYNs, and the 1 s retransmit met the 1 s connect timeout. Locally, fewer
// kept-alive sockets and a timeout that outlasts one retransmit; a stopped server is still
// refused at once.
const localHandler = {
  connectionTimeout: 3_000,
  requestTimeout: 5_000,
  httpAgent: { keepAlive: true, maxSockets: 16 },
};

/**
 * A document client that fails fast: when DynamoDB is unreachable a request should end in a
 * clear 503 within seconds rather than hang on the SDK's long default retries.
 */
export function createDocumentClient(config: DynamoConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    maxAttempts: 3,
    requestHandler: config.endpoint
      ? localHandler
      : { connectionTimeout: 1_000, requestTimeout: 5_000 },
    ...(config.endpoint && { endpoint: config.endpoint, credentials: localCredentials }),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

export function dynamoConfigFromEnv(config: Env): DynamoConfig {
  return { region: config.region, endpoint: config.dynamoEndpoint };
}
