import type { DataFactory } from '../data/data-factory';
import type { HttpClient } from '../http/types';
import {
  probeCorsReflection,
  probeLoginBruteForce,
  probeMassAssignment,
  probeObjectAuthorisation,
} from './access';
import { probeBrokenAuthentication } from './authentication';
import { forgeJwts, probeJwtForgery } from './jwt';
import { probeResponseHygiene, probeSecretsInResponses } from './secrets';
import { probeSqlInjection } from './sql-injection';
import type { Probes } from './types';
import { probeStoredXss } from './xss';

/** The probes bound to a check's client and data factory (what `ctx.probes` is). */
export function createProbes({ http, data }: { http: HttpClient; data: DataFactory }): Probes {
  return {
    forgeJwts: (token, tamper) => forgeJwts(token, tamper),
    jwtForgery: (options) => probeJwtForgery(options),
    sqlInjection: (options) => probeSqlInjection(options, data),
    storedXss: (options) => probeStoredXss(options, data),
    objectAuthorisation: (options) => probeObjectAuthorisation(options),
    massAssignment: (options) => probeMassAssignment(options),
    corsReflection: (options) => probeCorsReflection(options, http, data),
    loginBruteForce: (options) => probeLoginBruteForce(options),
    secretsInResponses: (responses) => probeSecretsInResponses(responses),
    brokenAuthentication: (options) => probeBrokenAuthentication(options),
    responseHygiene: (options) => probeResponseHygiene(options),
  };
}
