import type { components } from './openapi';

type Schemas = components['schemas'];

export type User = Schemas['User'];
export type Role = Schemas['Role'];
export type SessionInfo = Schemas['SessionInfo'];
export type ApiToken = Schemas['ApiToken'];
export type CreatedToken = Schemas['CreatedToken'];
export type AuditEvent = Schemas['AuditEvent'];

export const ROLES = ['learner', 'mentor', 'admin'] as const satisfies readonly Role[];
