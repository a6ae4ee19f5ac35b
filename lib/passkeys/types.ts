/** A passkey as the settings list shows it: never the key material. Importable anywhere. */
export interface PasskeyListItem {
  readonly credentialId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
}
