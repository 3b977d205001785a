/**
 * The roadmap topics (`content/topics/<id>.md`) the chat project's checks and stages point learners to.
 * Every id a stage names comes from here, so one test proves they all exist.
 */
export const TOPIC = {
  apiSecurity: 'api-security',
  authenticationVsAuthorization: 'authentication-vs-authorization',
  cors: 'cors',
  http: 'http',
  httpStatusCodes: 'http-status-codes',
  inputValidation: 'input-validation',
  json: 'json',
  passwordHashing: 'password-hashing',
  performanceOptimization: 'performance-optimization',
  rateLimiting: 'rate-limiting',
  realTimeCommunication: 'real-time-communication',
  restApis: 'rest-apis',
  signupAndLoginFlows: 'signup-and-login-flows',
  threadsAndConcurrency: 'threads-and-concurrency',
  tokenAuthentication: 'token-authentication-jwt',
  transactionsAndAcid: 'transactions-and-acid',
  websockets: 'websockets',
} as const;

export type TopicId = (typeof TOPIC)[keyof typeof TOPIC];
