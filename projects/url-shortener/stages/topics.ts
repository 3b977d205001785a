/**
 * The roadmap topics (`content/topics/<id>.md`) the url-shortener's checks and stages point learners to.
 * Every id a stage names comes from here, so one test proves they all exist.
 */
export const TOPIC = {
  apiDesign: 'api-design',
  crossSiteScripting: 'cross-site-scripting',
  crudOperations: 'crud-operations',
  databaseIndexes: 'database-indexes',
  errorHandling: 'error-handling',
  http: 'http',
  httpHeaders: 'http-headers',
  httpStatusCodes: 'http-status-codes',
  inputValidation: 'input-validation',
  json: 'json',
  owaspTopTen: 'owasp-top-ten',
  performanceOptimization: 'performance-optimization',
  queryOptimization: 'query-optimization',
  restApis: 'rest-apis',
  securityHeaders: 'security-headers',
  sqlBasics: 'sql-basics',
  sqlInjection: 'sql-injection',
  threadsAndConcurrency: 'threads-and-concurrency',
  transactionsAndAcid: 'transactions-and-acid',
  whatIsAnApi: 'what-is-an-api',
} as const;

export type TopicId = (typeof TOPIC)[keyof typeof TOPIC];
