// The users a route fuzz sends requests as, each seeded with data that carries a unique marker, so a
// response that shows one user's data to another can be spotted by its text alone.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { emptyReport } from './grading-fixture';
import { type Caller, callerFrom, type TestApp } from './test-app';

export type Role = 'learner' | 'mentor' | 'admin';
export type MarkerKind = 'name' | 'token' | 'note' | 'submission';

/** Besides its owner, who may see each kind of data: the exceptions the access rules make. */
const SEEN_BY: Record<MarkerKind, readonly Role[]> = {
  name: ['admin'], // the users list and the audit log
  token: ['admin'], // token names appear in the audit log
  note: [],
  submission: ['mentor', 'admin'],
};

export const SEEDED_TOPIC = 'http';
const PASSWORD = 'a long enough password';

export type Persona = {
  key: string;
  role: Role;
  caller: Caller;
  /** A personal access token's secret, for bearer requests. */
  secret: string;
  tokenId: string;
  markers: Record<MarkerKind, string>;
  submissionIds: string[];
};

function markersFor(key: string): Record<MarkerKind, string> {
  const id = randomBytes(5).toString('hex');
  return {
    name: `name${key}${id}`,
    token: `token${key}${id}`,
    note: `note${key}${id}`,
    submission: `submission${key}${id}`,
  };
}

async function call(app: FastifyInstance, options: InjectOptions) {
  const response = await app.inject(options);
  if (response.statusCode >= 300) throw new Error(`seeding failed: ${response.statusCode} ${response.body}`);
  return response;
}

/** Signs a persona up (the first one becomes the admin), gives it its role and seeds its data. */
export async function createPersona(
  t: TestApp,
  key: string,
  role: Role,
  admin: Persona | undefined,
): Promise<Persona> {
  const markers = markersFor(key);
  const signup = await call(t.app, {
    method: 'POST',
    url: '/api/auth/signup',
    payload: { email: `${markers.name}@example.com`, password: PASSWORD, name: markers.name },
  });
  const persona: Persona = {
    key,
    role,
    caller: callerFrom(signup),
    secret: '',
    tokenId: '',
    markers,
    submissionIds: [],
  };
  if (admin && role !== 'learner') await restoreRole(t, persona, admin);
  await renewToken(t, persona);
  await seedNote(t, persona);
  const headers = persona.caller.writeHeaders;
  const queued = await call(t.app, {
    method: 'POST',
    url: '/api/submissions',
    headers,
    payload: { project: 'url-shortener', url: `http://127.0.0.1:9/${markers.submission}` },
  });
  const report = { ...emptyReport(), target: { url: `http://127.0.0.1:9/${markers.submission}` } };
  const uploaded = await call(t.app, {
    method: 'POST',
    url: '/api/submissions/upload',
    headers,
    payload: { report },
  });
  persona.submissionIds.push(queued.json().id, uploaded.json().id);
  return persona;
}

export async function restoreRole(t: TestApp, persona: Persona, admin: Persona) {
  await call(t.app, {
    method: 'PATCH',
    url: `/api/admin/users/${persona.caller.user.id}`,
    headers: admin.caller.writeHeaders,
    payload: { role: persona.role },
  });
}

export async function renewToken(t: TestApp, persona: Persona) {
  const created = await call(t.app, {
    method: 'POST',
    url: '/api/tokens',
    headers: persona.caller.writeHeaders,
    payload: { name: persona.markers.token },
  });
  persona.secret = created.json().secret;
  persona.tokenId = created.json().token.id;
}

export async function seedNote(t: TestApp, persona: Persona) {
  await call(t.app, {
    method: 'PUT',
    url: `/api/progress/topics/${SEEDED_TOPIC}`,
    headers: persona.caller.writeHeaders,
    payload: { status: 'learning', note: persona.markers.note },
  });
}

export async function logIn(t: TestApp, persona: Persona) {
  const response = await call(t.app, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: persona.caller.user.email, password: PASSWORD },
  });
  persona.caller = callerFrom(response);
}

/** The markers of other personas that `viewer` (undefined: an anonymous caller) must never be shown. */
export function forbiddenMarkers(personas: readonly Persona[], viewer: Persona | undefined) {
  const found: { marker: string; owner: string; kind: MarkerKind }[] = [];
  for (const owner of personas) {
    if (owner === viewer) continue;
    for (const [kind, marker] of Object.entries(owner.markers) as [MarkerKind, string][]) {
      if (viewer && SEEN_BY[kind].includes(viewer.role)) continue;
      found.push({ marker, owner: owner.key, kind });
    }
  }
  return found;
}
