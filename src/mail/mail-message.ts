/** A mail as eGEC composes it, before a transport turns it into MIME. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** Complete on its own: a client whose mail program shows only text loses nothing. */
  readonly text: string;
  /** Complete on its own, no remote images. */
  readonly html: string;
}

/** What a transport reports; failures are outcomes, not exceptions. */
export type DeliveryResult =
  | { readonly ok: true; readonly messageId: string; readonly response: string }
  | { readonly ok: false; readonly permanent: boolean; readonly error: string };

export interface MailTransport {
  send(message: MailMessage): Promise<DeliveryResult>;
  close(): Promise<void>;
}
