import type { ProjectFault } from '../kit/project';

/**
 * Bugs that `startReference({ fault })` switches on in the reference solution. Each one is a mistake
 * learners really make; the check named here must fail on it, and no other stage may fail.
 * In the reference code each fault is one branch, found by searching for its id.
 */
export const FAULTS = [
  {
    id: 'health-returns-503',
    stage: 'health',
    check: 'health-ok',
    description: 'GET /health answers 503 Service Unavailable while the server is up.',
  },
  {
    id: 'signup-returns-hash',
    stage: 'sign-up',
    check: 'signup-accepted',
    description: 'POST /auth/signup answers the new user row, password hash included.',
  },
  {
    id: 'password-min-length-missing',
    stage: 'sign-up',
    check: 'signup-password-policy',
    description: 'Any password is accepted, however short.',
  },
  {
    id: 'password-composition-required',
    stage: 'sign-up',
    check: 'signup-password-policy',
    description:
      'Passwords must mix upper case, lower case, digits and symbols, so a long passphrase of words is refused.',
  },
  {
    id: 'common-passwords-allowed',
    stage: 'sign-up',
    check: 'signup-common-password-refused',
    description: 'Passwords are never compared with the list of common passwords.',
  },
  {
    id: 'signup-reveals-existing-email',
    stage: 'sign-up',
    check: 'signup-no-enumeration',
    description:
      'Signing up with an email in use answers 400 "An account already uses this email." instead of the usual 202.',
  },
  {
    id: 'verification-email-missing',
    stage: 'email-verification',
    check: 'verification-email-sent',
    description: 'Sign-up creates the account but never sends the verification email.',
  },
  {
    id: 'unverified-can-log-in',
    stage: 'email-verification',
    check: 'unverified-login-refused',
    description: 'Log-in never looks at whether the email was verified.',
  },
  {
    id: 'verification-reusable',
    stage: 'email-verification',
    check: 'verification-single-use',
    description: 'A verification link is never marked used, so it works again and again.',
  },
  {
    id: 'verification-never-expires',
    stage: 'email-verification',
    check: 'verification-expires',
    description: 'A verification link has an expiry date that is never compared with the clock.',
  },
  {
    id: 'access-token-unusable',
    stage: 'log-in',
    check: 'login-issues-tokens',
    description: 'Access tokens are signed with one key and verified with another, so none is ever accepted.',
  },
  {
    id: 'refresh-cookie-not-httponly',
    stage: 'log-in',
    check: 'refresh-cookie-flags',
    description: 'The refresh cookie is set without HttpOnly, so any script on the page can read it.',
  },
  {
    id: 'access-token-never-expires',
    stage: 'log-in',
    check: 'access-token-short-lived',
    description: 'Access tokens carry an exp claim, but verification ignores it.',
  },
  {
    id: 'refresh-not-rotated',
    stage: 'refresh-rotation',
    check: 'refresh-rotates',
    description: 'POST /auth/refresh gives a new access token but keeps the same refresh token forever.',
  },
  {
    id: 'refresh-reuse-undetected',
    stage: 'refresh-rotation',
    check: 'refresh-reuse-revokes-family',
    description:
      'A used refresh token is refused, but presenting it leaves the rest of its family alive: a thief who rotated first keeps the session.',
  },
  {
    id: 'logout-keeps-session',
    stage: 'log-out',
    check: 'logout-revokes-session',
    description: 'POST /auth/logout clears the cookie but leaves the session and its refresh token alive.',
  },
  {
    id: 'logout-all-only-current',
    stage: 'log-out',
    check: 'logout-everywhere',
    description: 'POST /auth/logout-all ends only the session that asked.',
  },
  {
    id: 'forgot-reveals-unknown-email',
    stage: 'password-reset',
    check: 'reset-no-enumeration',
    description: 'POST /auth/password/forgot answers 404 for an email with no account.',
  },
  {
    id: 'reset-token-reusable',
    stage: 'password-reset',
    check: 'reset-single-use',
    description: 'A reset link is never marked used, so it can set the password again later.',
  },
  {
    id: 'reset-never-expires',
    stage: 'password-reset',
    check: 'reset-expires',
    description: 'A reset link has an expiry date that is never compared with the clock.',
  },
  {
    id: 'reset-keeps-sessions',
    stage: 'password-reset',
    check: 'reset-revokes-sessions',
    description: 'Resetting the password leaves every signed-in session alive, the attacker’s included.',
  },
  {
    id: 'totp-confirm-accepts-any-code',
    stage: 'two-factor',
    check: 'totp-enrolment',
    description: 'Enrolment is confirmed with any six digits, so a mistyped secret locks the user out.',
  },
  {
    id: 'totp-not-enforced',
    stage: 'two-factor',
    check: 'totp-required-at-login',
    description: 'Two-factor is switched on, but log-in never asks for the code.',
  },
  {
    id: 'totp-code-reusable',
    stage: 'two-factor',
    check: 'totp-code-single-use',
    description: 'A TOTP code is accepted as often as it is sent within its 30 seconds.',
  },
  {
    id: 'recovery-code-reusable',
    stage: 'two-factor',
    check: 'recovery-code-single-use',
    description: 'Recovery codes are checked but never crossed off.',
  },
  {
    id: 'sessions-list-all-users',
    stage: 'sessions',
    check: 'sessions-listed',
    description: "GET /auth/sessions lists every user's sessions, not the caller's.",
  },
  {
    id: 'session-revoke-ignores-owner',
    stage: 'sessions',
    check: 'session-revoke-one',
    description:
      'DELETE /auth/sessions/{id} revokes by id alone, so anyone signed in can end anyone’s session.',
  },
  {
    id: 'admin-route-open-to-users',
    stage: 'roles',
    check: 'admin-only-route',
    description: 'GET /admin/users checks that the caller is signed in, but not that the caller is an admin.',
  },
  {
    id: 'signup-accepts-role',
    stage: 'roles',
    check: 'no-self-promotion',
    description: 'POST /auth/signup copies role from the body, so anyone can sign up as an admin.',
  },
  {
    id: 'no-login-lockout',
    stage: 'rate-limits',
    check: 'login-lockout',
    description: 'Failed log-ins are never counted.',
  },
  {
    id: 'lockout-no-retry-after',
    stage: 'rate-limits',
    check: 'login-lockout',
    description: 'A locked account answers 429, but without a Retry-After header.',
  },
  {
    id: 'no-reset-rate-limit',
    stage: 'rate-limits',
    check: 'reset-rate-limit',
    description: 'POST /auth/password/forgot sends an email on every request, without a limit.',
  },
  {
    id: 'no-totp-rate-limit',
    stage: 'rate-limits',
    check: 'totp-rate-limit',
    description: 'Wrong TOTP codes are never counted, so a million guesses cover every code.',
  },
  {
    id: 'login-reveals-unknown-email',
    stage: 'security',
    check: 'login-no-enumeration',
    description:
      'An unknown email answers "No account uses this email." while a wrong password answers another message.',
  },
  {
    id: 'login-fast-path-unknown-email',
    stage: 'security',
    check: 'login-timing',
    description:
      'An unknown email is refused at once, without hashing the password, so it answers far faster than a wrong password.',
  },
  {
    id: 'jwt-signature-unchecked',
    stage: 'security',
    check: 'jwt-tampering',
    description: 'Access tokens are decoded, not verified: an edited payload with any signature is accepted.',
  },
  {
    id: 'jwt-alg-none-accepted',
    stage: 'security',
    check: 'jwt-tampering',
    description: 'A token whose header says "alg": "none" is accepted without a signature.',
  },
  {
    id: 'access-token-in-query-accepted',
    stage: 'security',
    check: 'token-in-url-refused',
    description:
      'An access token in ?access_token= is accepted, so tokens end up in logs and browser history.',
  },
  {
    id: 'me-returns-password-hash',
    stage: 'security',
    check: 'response-hygiene',
    description: 'GET /me answers the whole user row, password hash and TOTP secret included.',
  },
] as const satisfies readonly ProjectFault[];

export type FaultId = (typeof FAULTS)[number]['id'];

export function isFaultId(value: string): value is FaultId {
  return FAULTS.some((fault) => fault.id === value);
}
