/** A mail as the local catcher keeps it (one JSON file each under the mail folder). */
export interface StoredMail {
  readonly id: string;
  readonly receivedAt: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
