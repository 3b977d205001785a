import type { AuditEvent } from '../api/types';

const EVENT_LABELS: Record<string, string> = {
  signup: 'Signed up',
  'login.succeeded': 'Logged in',
  'login.failed': 'Log-in failed',
  logout: 'Logged out',
  'token.created': 'Token created',
  'token.revoked': 'Token revoked',
  'role.changed': 'Role changed',
};

/** A plain label for an event type; types this page does not know yet show as they are. */
export function labelAuditEvent(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

const FAILURE_REASONS: Record<string, string> = {
  wrong_password: 'wrong password',
  unknown_email: 'no account with this email',
};

/** One short line from the event's data: "learner → mentor", "“Laptop CLI”", "ada@example.com: wrong password". */
export function describeAuditDetails(event: AuditEvent): string {
  const { data } = event;
  switch (event.type) {
    case 'role.changed': {
      const from = text(data.from);
      const to = text(data.to);
      return from && to ? `${from} → ${to}` : '';
    }
    case 'token.created':
    case 'token.revoked': {
      const name = text(data.name);
      return name ? `“${name}”` : '';
    }
    case 'login.failed': {
      const email = text(data.email);
      const reason = text(data.reason);
      const why = reason ? (FAILURE_REASONS[reason] ?? reason) : null;
      return [email, why].filter(Boolean).join(': ');
    }
    case 'signup': {
      const role = text(data.role);
      return role ? `as ${role}` : '';
    }
    default:
      return '';
  }
}
