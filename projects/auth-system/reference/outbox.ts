/** An email the server would have sent; in test mode GET /test/outbox shows them. */
export interface Email {
  to: string;
  kind: 'verify-email' | 'password-reset' | 'account-exists';
  subject: string;
  text: string;
  /** The link to follow, when the email has one: `…?token=<token>`. */
  link: string | null;
  sentAt: string;
}

// a real server hands emails to a mail service; this one keeps the last few per address for tests
const MAX_EMAILS_PER_ADDRESS = 20;

export function createOutbox() {
  const byAddress = new Map<string, Email[]>();
  return {
    send(email: Omit<Email, 'sentAt'>): void {
      const list = byAddress.get(email.to) ?? [];
      list.push({ ...email, sentAt: new Date().toISOString() });
      byAddress.set(email.to, list.slice(-MAX_EMAILS_PER_ADDRESS));
    },
    list(to: string): readonly Email[] {
      return byAddress.get(to) ?? [];
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
