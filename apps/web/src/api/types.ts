import type { components } from './openapi';

type Schemas = components['schemas'];

export type User = Schemas['User'];
export type Role = Schemas['Role'];
export type SessionInfo = Schemas['SessionInfo'];
export type ApiToken = Schemas['ApiToken'];
export type CreatedToken = Schemas['CreatedToken'];
export type AuditEvent = Schemas['AuditEvent'];

export type RoadmapView = Schemas['RoadmapView'];
export type TopicDetail = Schemas['TopicDetail'];
export type PageSummary = Schemas['PageSummary'];
export type PageDetail = Schemas['PageDetail'];
export type MyProgress = Schemas['MyProgress'];
export type ProgressEntry = Schemas['ProgressEntry'];
export type ProgressStatus = Schemas['ProgressStatus'];
export type ProgressSummary = Schemas['ProgressSummary'];
export type StageProgress = Schemas['StageProgress'];
export type NextTopic = Schemas['NextTopic'];
export type ProgressTimeline = Schemas['ProgressTimeline'];
export type ProgressActivity = Schemas['ProgressActivity'];
export type TimelinePoint = Schemas['TimelinePoint'];
export type ProgressDocument = Schemas['ProgressDocument'];
export type ImportResult = Schemas['ImportResult'];

export const ROLES = ['learner', 'mentor', 'admin'] as const satisfies readonly Role[];

export type ProjectSummary = Schemas['ProjectSummary'];
export type ProjectDetail = Schemas['ProjectDetail'];
export type ProjectStage = Schemas['ProjectStage'];
export type SubmissionSummary = Schemas['SubmissionSummary'];
export type Submission = Schemas['Submission'];
export type SubmissionStatus = Schemas['SubmissionStatus'];
