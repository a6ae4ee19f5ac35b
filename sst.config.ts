/// <reference path="./.sst/platform/config.d.ts" />

// Provisions Jotboard on AWS from the same definitions the local cloud uses (lib/db/schema.ts).
export default $config({
  app(input) {
    return {
      name: "jotboard",
      home: "aws",
      removal: input?.stage === "production" || input?.stage === "prod" ? "retain" : "remove",
      protect: input?.stage === "production" || input?.stage === "prod",
    };
  },
  async run() {
    const { bucketDefinition, tableDefinitions } = await import("./lib/db/schema");
    const { siteAddresses } = await import("./lib/site-addresses");

    const tables = Object.fromEntries(
      Object.entries(tableDefinitions).map(([name, definition]) => [
        name,
        new sst.aws.Dynamo(name, {
          fields: definition.fields,
          primaryIndex: definition.primaryIndex,
          globalIndexes: Object.fromEntries(
            Object.entries(definition.globalIndexes).map(([indexName, index]) => [
              indexName,
              {
                hashKey: index.hashKey,
                ...("rangeKey" in index && { rangeKey: index.rangeKey }),
                projection:
                  typeof index.projection === "string" ? index.projection : [...index.projection],
              },
            ]),
          ),
          ttl: definition.ttl,
          ...("stream" in definition && { stream: definition.stream }),
        }),
      ]),
    );

    // Browsers upload to the bucket only from the site's origins, with the app's defaults.
    const { origins: siteOrigins } = siteAddresses(
      {
        appUrl: process.env.JOTBOARD_APP_URL || undefined,
        origins: process.env.JOTBOARD_ORIGINS?.split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      },
      "aws",
    );

    const { cors, uploadPrefix, abandonedUploadExpiryDays } = bucketDefinition;
    const bucket = new sst.aws.Bucket(bucketDefinition.name, {
      cors: {
        allowOrigins: siteOrigins ?? ["*"],
        allowMethods: [...cors.allowMethods],
        allowHeaders: [...cors.allowHeaders],
        exposeHeaders: [...cors.exposeHeaders],
        maxAge: `${cors.maxAgeSeconds} seconds`,
      },
    });
    // Presigned PUTs land under the upload prefix; confirmed files are copied out of it, so
    // whatever stays there (abandoned, or written again after confirmation) expires.
    new aws.s3.BucketLifecycleConfiguration("AttachmentsLifecycle", {
      bucket: bucket.name,
      rules: [
        {
          id: "expire-abandoned-uploads",
          status: "Enabled",
          filter: { prefix: uploadPrefix },
          expiration: { days: abandonedUploadExpiryDays },
        },
        {
          id: "abort-incomplete-multipart-uploads",
          status: "Enabled",
          filter: { prefix: uploadPrefix },
          abortIncompleteMultipartUpload: { daysAfterInitiation: abandonedUploadExpiryDays },
        },
      ],
    });

    const authSecret = new sst.Secret("AuthSecret");

    // Live updates (lib/realtime): IoT Core MQTT over WSS. Browsers sign in with a short-lived
    // token from the app, checked by the same code as the local broker; the app and the expiry
    // handlers publish data-less pokes (the link grants iot:Publish). One IoT endpoint serves
    // the whole account and region, so topics start with app and stage.
    const realtime = new sst.aws.Realtime("Realtime", {
      authorizer: {
        handler: "lib/realtime/authorizer.handler",
        environment: { JOTBOARD_CLOUD: "aws", AUTH_SECRET: authSecret.value },
      },
    });
    const realtimeEnvironment = {
      JOTBOARD_REALTIME_ENDPOINT: realtime.endpoint,
      JOTBOARD_REALTIME_AUTHORIZER: realtime.authorizer,
      JOTBOARD_REALTIME_TOPIC_PREFIX: `${$app.name}/${$app.stage}`,
    };

    // TTL deletes expired trashed notes and tasks from DynamoDB; these subscribers remove the
    // notes' files from S3, keep the users' trash counters equal to the items and poke the
    // owners' devices.
    const ttlRemovals = {
      filters: [
        {
          eventName: ["REMOVE"],
          userIdentity: { type: ["Service"], principalId: ["dynamodb.amazonaws.com"] },
        },
      ],
    };
    const expiryHandler = (name: string) => ({
      handler: `lib/streams/expired-items-handler.${name}`,
      link: [...Object.values(tables), bucket, realtime],
      environment: { JOTBOARD_CLOUD: "aws", ...realtimeEnvironment },
    });
    tables.Notes.subscribe("NotesExpiry", expiryHandler("notes"), ttlRemovals);
    tables.Tasks.subscribe("TasksExpiry", expiryHandler("tasks"), ttlRemovals);

    // Mail (lib/mail): SES sends as this identity (an address or a domain, verified by SES;
    // a new SES account sends only to verified addresses until production access is granted).
    // Links in mails use JOTBOARD_APP_URL, the site's public address (a custom domain), never a
    // request's Host header.
    const mailSender = process.env.JOTBOARD_MAIL_SENDER;
    if (!mailSender) {
      throw new Error("Set JOTBOARD_MAIL_SENDER (an email address or a domain SES may send from)");
    }
    const email = new sst.aws.Email("Email", { sender: mailSender });

    // The per-address sign-in limit needs an address no client can forge. Lambda function URLs
    // keep only the first X-Forwarded-For entry, which the client writes, so CloudFront's own
    // view of the viewer goes in a header of ours, over any the client sent.
    const clientAddressHeader = "x-jotboard-client-address";
    const site = new sst.aws.Nextjs("Web", {
      link: [...Object.values(tables), bucket, authSecret, realtime, email],
      edge: {
        viewerRequest: {
          injection: `event.request.headers["${clientAddressHeader}"] = { value: event.viewer.ip };`,
        },
      },
      // Only CloudFront may invoke the server function, or that header could be sent directly.
      protection: "oac-with-edge-signing",
      environment: {
        JOTBOARD_CLOUD: "aws",
        AUTH_SECRET: authSecret.value,
        // CloudFront forwards the original host; Auth.js must trust it behind the proxy.
        AUTH_TRUST_HOST: "true",
        JOTBOARD_CLIENT_ADDRESS_HEADER: clientAddressHeader,
        JOTBOARD_APP_URL: process.env.JOTBOARD_APP_URL ?? "",
        ...realtimeEnvironment,
        // Passkeys are bound to these origins (lib/passkeys/relying-party.ts); unset, to the
        // origin of JOTBOARD_APP_URL (lib/env.ts), and with neither they are refused on AWS.
        ...(process.env.JOTBOARD_ORIGINS && { JOTBOARD_ORIGINS: process.env.JOTBOARD_ORIGINS }),
      },
    });

    return { url: site.url, bucket: bucket.name };
  },
});
