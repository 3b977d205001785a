/**
 * The roadmap topics (`content/topics/<id>.md`) the auth-system's checks and stages point learners to.
 * Every id a stage names comes from here, so one test proves they all exist.
 */
export const TOPIC = {
  apiSecurity: 'api-security',
  authenticationVsAuthorization: 'authentication-vs-authorization',
  http: 'http',
  httpStatusCodes: 'http-status-codes',
  json: 'json',
  owaspTopTen: 'owasp-top-ten',
  passwordHashing: 'password-hashing',
  rateLimiting: 'rate-limiting',
  roleBasedAccessControl: 'role-based-access-control',
  sessionAuthentication: 'session-authentication',
  signupAndLoginFlows: 'signup-and-login-flows',
  tokenAuthentication: 'token-authentication-jwt',
} as const;
