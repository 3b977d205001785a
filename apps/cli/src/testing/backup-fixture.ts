// Data that a backup must keep, written and read back through a running server's API as users would.
import assert from 'node:assert/strict';
import { runSuite } from '@groundwork/grader';
import { findProject } from '@groundwork/projects';

const PASSWORD = 'correct horse battery';
const TOPICS = ['how-the-internet-works', 'client-server-architecture'] as const;

/** What the API shows of every user: who they are, their progress entries and their submissions. */
export type Snapshot = Record<
  string,
  { name: string; role: string; progress: string[]; submissions: string[] }
>;

type Session = { cookie: string; csrfToken: string };

async function sessionFrom(response: Response): Promise<Session> {
  assert.ok(response.ok, `${response.status} ${await response.clone().text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  return { cookie, csrfToken };
}

function post(url: string, body: unknown, session?: Session, method = 'POST') {
  return fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
    },
    body: JSON.stringify(body),
  });
}

/**
 * Signs up two learners on the server at `url`; each sets progress on two topics and uploads a graded
 * report of the url-shortener reference. Returns what the API then shows.
 */
export async function populate(url: string, emailTag: string): Promise<Snapshot> {
  const project = findProject('url-shortener');
  assert.ok(project);
  const reference = await project.startReference({ port: 0 });
  try {
    for (const [index, name] of ['Ada', 'Grace'].entries()) {
      const email = `${name.toLowerCase()}-${emailTag}@example.com`;
      const session = await sessionFrom(
        await post(`${url}/api/auth/signup`, { email, password: PASSWORD, name }),
      );
      for (const [position, topic] of TOPICS.entries()) {
        const status = position === 0 ? 'done' : 'learning';
        const set = await post(
          `${url}/api/progress/topics/${topic}`,
          { status, note: `${name}'s note ${index}` },
          session,
          'PUT',
        );
        assert.equal(set.status, 200, await set.text());
      }
      const report = await runSuite(project.suite, { target: reference.url, stages: ['health'] }).report;
      const uploaded = await post(`${url}/api/submissions/upload`, { report }, session);
      assert.equal(uploaded.status, 201, await uploaded.text());
    }
  } finally {
    await reference.close();
  }
  return readBack(url, emailTag);
}

/** Logs in as each user `populate` created and reads what the API shows them. */
export async function readBack(url: string, emailTag: string): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const name of ['Ada', 'Grace']) {
    const email = `${name.toLowerCase()}-${emailTag}@example.com`;
    const session = await sessionFrom(await post(`${url}/api/auth/login`, { email, password: PASSWORD }));
    const get = async (path: string) => {
      const response = await fetch(`${url}${path}`, { headers: { cookie: session.cookie } });
      assert.equal(response.status, 200, await response.clone().text());
      return response.json();
    };
    const me = (await get('/api/me')) as { name: string; role: string };
    const progress = (await get('/api/progress')) as {
      entries: { topicId: string; status: string; note: string | null }[];
    };
    const submissions = (await get('/api/submissions')) as {
      items: { id: string; project: string; status: string }[];
    };
    snapshot[email] = {
      name: me.name,
      role: me.role,
      progress: progress.entries.map((entry) => `${entry.topicId} ${entry.status} ${entry.note}`).sort(),
      submissions: submissions.items.map((item) => `${item.id} ${item.project} ${item.status}`).sort(),
    };
  }
  return snapshot;
}
