import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

/**
 * A platform authenticator in software, for service tests: it makes an ES256 discoverable
 * credential with "none" attestation and signs assertions over the bytes WebAuthn specifies,
 * with the origin a browser would write. The browser path is tested for real in e2e (Chromium's
 * virtual authenticator); this lets vitest reach every refusal of the server's checks.
 */
const b64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

export interface SoftCredential {
  readonly id: string;
  userHandle: string;
  counter: number;
}

export function softAuthenticator(origin: string) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const rpIdHash = sha256(new URL(origin).hostname);
  const credentialId = randomBytes(16);
  const credential: SoftCredential = { id: b64(credentialId), userHandle: "", counter: 0 };

  function clientData(type: string, challenge: string, at = origin) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: at, crossOrigin: false }));
  }

  return {
    credential,
    /** Answers `navigator.credentials.create()` with the server's options. */
    register(options: { challenge: string; user: { id: string } }, at = origin) {
      credential.userHandle = options.user.id;
      const coseKey = new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x as string, "base64url")],
        [-3, Buffer.from(jwk.y as string, "base64url")],
      ]);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const authData = Buffer.concat([
        rpIdHash,
        Buffer.from([0x45]), // user present, user verified, attested credential data
        Buffer.alloc(4), // counter 0
        Buffer.alloc(16), // AAGUID
        idLength,
        credentialId,
        Buffer.from(isoCBOR.encode(coseKey)),
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]) as Parameters<typeof isoCBOR.encode>[0],
      );
      return {
        id: credential.id,
        rawId: credential.id,
        type: "public-key",
        response: {
          clientDataJSON: b64(clientData("webauthn.create", options.challenge, at)),
          attestationObject: b64(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
    /** Answers `navigator.credentials.get()`; `counter` overrides the next signature count. */
    authenticate(options: { challenge: string }, extra: { at?: string; counter?: number } = {}) {
      credential.counter = extra.counter ?? credential.counter + 1;
      const count = Buffer.alloc(4);
      count.writeUInt32BE(credential.counter);
      const authData = Buffer.concat([rpIdHash, Buffer.from([0x05]), count]);
      const data = clientData("webauthn.get", options.challenge, extra.at ?? origin);
      const signature = sign("sha256", Buffer.concat([authData, sha256(data)]), privateKey);
      return {
        id: credential.id,
        rawId: credential.id,
        type: "public-key",
        response: {
          clientDataJSON: b64(data),
          authenticatorData: b64(authData),
          signature: b64(signature),
          userHandle: credential.userHandle,
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
  };
}
