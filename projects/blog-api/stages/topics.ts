/**
 * The roadmap topics (`content/topics/<id>.md`) the blog-api's checks and stages point learners to.
 * Every id a stage names comes from here, so one test proves they all exist.
 */
export const TOPIC = {
  apiDesign: 'api-design',
  apiSecurity: 'api-security',
  authenticationVsAuthorization: 'authentication-vs-authorization',
  crossSiteScripting: 'cross-site-scripting',
  crudOperations: 'crud-operations',
  databaseIndexes: 'database-indexes',
  errorHandling: 'error-handling',
  httpStatusCodes: 'http-status-codes',
  inputValidation: 'input-validation',
  joinsAndRelationships: 'joins-and-relationships',
  json: 'json',
  owaspTopTen: 'owasp-top-ten',
  passwordHashing: 'password-hashing',
  performanceOptimization: 'performance-optimization',
  queryOptimization: 'query-optimization',
  restApis: 'rest-apis',
  signupAndLoginFlows: 'signup-and-login-flows',
  sqlInjection: 'sql-injection',
  threadsAndConcurrency: 'threads-and-concurrency',
  tokenAuthentication: 'token-authentication-jwt',
  transactionsAndAcid: 'transactions-and-acid',
} as const;
