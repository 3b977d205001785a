/**
 * @groundwork/grader: runs a project's stages against a learner's running server.
 * See README.md for how to write a stage and a check.
 */

// Security probes (also on `ctx.probes`).
export {
  decodeBase32,
  readTotpParameters,
  type TotpParameters,
  totpCode,
  totpStep,
} from './auth/totp';
// Authoring: suites, stages, checks, verdicts and expectations.
export type { CheckContext, CheckLogger, RunInfo } from './authoring/context';
export {
  type Check,
  defineCheck,
  defineStage,
  defineSuite,
  type Stage,
  type StageKind,
  type Suite,
} from './authoring/define';
export {
  describeStatus,
  type ExpectOptions,
  expectContentType,
  expectHeader,
  expectJson,
  expectJsonField,
  expectNoHeader,
  expectRedirect,
  expectStatus,
  expectThat,
  REDIRECT_STATUSES,
  readPath,
} from './authoring/expect';
export {
  describeValue,
  type Expected,
  findMismatch,
  is,
  type Matcher,
  type Mismatch,
} from './authoring/matchers';
export type { RunState } from './authoring/run-state';
export { expectMatchesSchema, type JsonSchema } from './authoring/schema';
export { isTargetError, MissingStateError, TargetError } from './authoring/target-error';
export { type Failure, fail, inconclusive, pass, skip, type Verdict } from './authoring/verdict';
// Test data.
export { createDataFactory, type DataFactory } from './data/data-factory';
// Fuzzing: values from a JSON Schema (e.g. an OpenAPI contract's), valid and hostile.
export { readPointer, resolveSchema, type SchemaObject } from './fuzz/resolve-schema';
export { arbitraryFromSchema, type SchemaArbitraryOptions } from './fuzz/schema-arbitrary';
export {
  HOSTILE_NUMBERS,
  hostileStrings,
  mutationFromSchema,
  type SchemaMutationOptions,
  withHostileText,
} from './fuzz/schema-mutation';
// HTTP.
export {
  type ClosableHttpClient,
  createHttpClient,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  HttpTransport,
  type HttpTransportOptions,
} from './http/client';
export { quoteShellArgument, renderCurl } from './http/curl';
export { ExchangeError } from './http/exchange-error';
export type { HttpClient, HttpMethod, HttpRequestInit, HttpRequestOptions, HttpResponse } from './http/types';
// Load.
export { callAt } from './load/call-at';
export { type FanOutRunOptions, runFanOut } from './load/fan-out';
export {
  describeFanOutProblems,
  describeLoadProblems,
  judgeLatency,
  type LatencyBudget,
} from './load/judge';
export { createLoadRunner, type LoadRunnerOptions } from './load/load-runner';
export type { MeasurementValidity } from './load/measurement';
export type {
  FanOutOptions,
  FanOutResult,
  LatencySummary,
  LoadErrorKind,
  LoadOptions,
  LoadResult,
  LoadRunner,
} from './load/types';
// Target policy.
export { type AddressClass, classifyAddress, METADATA_ADDRESSES } from './policy/address-class';
export {
  defaultSocketConnector,
  type SocketConnectOptions,
  type SocketConnector,
} from './policy/pinned-connect';
export { isPolicyRefusal, PolicyRefusal } from './policy/policy-refusal';
export {
  type AddressVerdict,
  createTargetPolicy,
  type ResolvedAddress,
  type ResolvedTarget,
  type Resolver,
  TargetPolicy,
  type TargetPolicyOptions,
} from './policy/target-policy';
export type { TargetPolicyMode } from './policy/types';
export { isJwtShaped, listCredentialVariants } from './probes/authentication';
export { forgeJwts } from './probes/jwt';
export { type FoundSecret, findSecrets, type SecretKind } from './probes/secrets';
export { findDatabaseErrorText, SQL_INJECTION_PAIRS } from './probes/sql-injection';
export type {
  BrokenAuthenticationOptions,
  CredentialVariant,
  ForbiddenValue,
  ForgedJwt,
  ObjectAuthorisationOptions,
  OtherAccountAttempt,
  Probes,
  ResponseHygieneOptions,
} from './probes/types';
export { createXssMarker, judgeXssReflection, type XssJudgement } from './probes/xss';
// Reporters.
export { createPalette, type Palette, shouldUseColor } from './reporters/colour';
export { renderJsonReport } from './reporters/json.reporter';
export { escapeXml, renderJUnitReport } from './reporters/junit.reporter';
export {
  createTerminalReporter,
  type TerminalReporter,
  type TerminalReporterOptions,
} from './reporters/terminal.reporter';
export type { TopicTitleLookup } from './reporters/topic-title';
// Running.
export { sleep } from './runner/deadline';
export { type GradingRun, type RunOptions, runSuite, selectStages } from './runner/run-suite';
export type { WaitForTargetOptions } from './runner/wait-for-target';
// Test users (projects with accounts).
export {
  defineTestUsers,
  type TestCredentials,
  type TestUser,
  type TestUsers,
  type TestUsersSpec,
} from './users/test-users';
export type {
  WsClient,
  WsConnection,
  WsConnectOptions,
  WsMessage,
  WsTranscriptEntry,
  WsWaitOptions,
} from './ws/types';
// WebSocket.
export { renderWebsocat, type WebsocatInput } from './ws/websocat';
export {
  type ClosableWsClient,
  createWsClient,
  MAX_OPEN_CONNECTIONS,
  type WsClientOptions,
} from './ws/ws-client';
export { WsError, type WsErrorKind } from './ws/ws-error';
