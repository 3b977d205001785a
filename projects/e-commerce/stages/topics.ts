/**
 * The roadmap topics (`content/topics/<id>.md`) the e-commerce checks and stages point learners to.
 * Every id a stage names comes from here, so one test proves they all exist.
 */
export const TOPIC = {
  apiDesign: 'api-design',
  apiSecurity: 'api-security',
  authenticationVsAuthorization: 'authentication-vs-authorization',
  crudOperations: 'crud-operations',
  databaseIndexes: 'database-indexes',
  hashingAlgorithms: 'hashing-algorithms',
  http: 'http',
  httpHeaders: 'http-headers',
  httpStatusCodes: 'http-status-codes',
  inputValidation: 'input-validation',
  json: 'json',
  messageQueues: 'message-queues',
  owaspTopTen: 'owasp-top-ten',
  passwordHashing: 'password-hashing',
  performanceOptimization: 'performance-optimization',
  queryOptimization: 'query-optimization',
  restApis: 'rest-apis',
  roleBasedAccessControl: 'role-based-access-control',
  signupAndLoginFlows: 'signup-and-login-flows',
  sqlBasics: 'sql-basics',
  sqlInjection: 'sql-injection',
  threadsAndConcurrency: 'threads-and-concurrency',
  tokenAuthentication: 'token-authentication-jwt',
  transactionsAndAcid: 'transactions-and-acid',
  variablesAndDataTypes: 'variables-and-data-types',
} as const;

export type TopicId = (typeof TOPIC)[keyof typeof TOPIC];
