// The files of a new project. Each renders from the project's names: { slug, identifier, title }.

const index = ({ slug, identifier, title }) => `import { defineProject } from '../kit/define-project';
import { FAULTS } from './faults';
import { ${identifier}Suite } from './stages';

export const ${identifier} = defineProject({
  slug: '${slug}',
  title: '${title}',
  summary: 'Describe in one sentence what a learner builds in this project.',
  suite: ${identifier}Suite,
  faults: FAULTS,
  // loaded on demand so listing projects does not load the reference's server
  startReference: async (options) => (await import('./reference/server')).startReference(options),
});
`;

const stagesIndex = ({ slug, identifier, title }) => `import { defineSuite } from '@groundwork/grader';
import { healthStage } from '../../kit/checks/health';

/** The ${slug} stages, in the order spec.md presents them. */
export const ${identifier}Suite = defineSuite({
  project: { slug: '${slug}', title: '${title}' },
  readinessPath: '/health',
  stages: [healthStage({ topics: ['http', 'json'] })],
});
`;

const faults = () => `import type { ProjectFault } from '../kit/project';

/**
 * Bugs that \`startReference({ fault })\` switches on in the reference solution. Each one is a mistake
 * learners really make; the check named here must fail on it, and no other stage may fail.
 */
export const FAULTS = [
  {
    id: 'health-returns-503',
    stage: 'health',
    check: 'health-ok',
    description: 'GET /health answers 503 Service Unavailable while the server is up.',
  },
] as const satisfies readonly ProjectFault[];

export type FaultId = (typeof FAULTS)[number]['id'];

export function isFaultId(value: string): value is FaultId {
  return FAULTS.some((fault) => fault.id === value);
}
`;

const referenceServer = ({ slug }) => `import Fastify from 'fastify';
import type { ReferenceOptions, RunningReference } from '../../kit/project';
import { listenReference } from '../../kit/reference/listen';
import { FAULTS, isFaultId } from '../faults';

/**
 * Starts the ${slug} reference solution on 127.0.0.1 (a free port unless \`port\` is given), optionally
 * with one of the faults from ../faults.ts switched on.
 * @example const reference = await startReference({ fault: 'health-returns-503' });
 */
export async function startReference(options: ReferenceOptions = {}): Promise<RunningReference> {
  const { port = 0, host = '127.0.0.1', fault, logger = false } = options;
  if (fault !== undefined && !isFaultId(fault)) {
    throw new Error(\`Unknown ${slug} fault "\${fault}". Known: \${FAULTS.map((one) => one.id).join(', ')}.\`);
  }
  const app = Fastify({ logger });
  app.get('/health', async (_request, reply) => {
    if (fault === 'health-returns-503') return reply.code(503).send({ status: 'unavailable' });
    return { status: 'ok' };
  });
  return listenReference(app, { port, host });
}
`;

const spec = ({ title }) => `# ${title}

Say what the learner builds, for whom, and what they will have learnt when every stage passes.

Run your server, then grade it: \`npx groundwork test <slug> --url http://localhost:8080\`.

## Stage 1: Health check (\`health\`)

\`GET /health\` answers \`200 OK\` with the JSON object \`{"status": "ok"}\` while the server is up.

**The grader checks**

- \`health-ok\`: \`GET /health\` answers 200 with \`Content-Type: application/json\` and \`"status": "ok"\`.

**Tips.** Keep the health route cheap: it is called often.

**Learn:** [HTTP](topic:http), [JSON](topic:json).
`;

const openapi = ({ title }) => `openapi: 3.1.0
info:
  title: ${title}
  version: 1.0.0
paths:
  /health:
    get:
      operationId: getHealth
      summary: Whether the server is up
      responses:
        "200":
          description: The server is up.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Health"
components:
  schemas:
    Health:
      type: object
      required: [status]
      properties:
        status:
          const: ok
`;

const proof = ({ slug }) => `import { proveProject } from '../kit/proof/prove-project';

proveProject('${slug}');
`;

export const templates = {
  'index.ts': index,
  'proof.test.ts': proof,
  'stages/index.ts': stagesIndex,
  'faults.ts': faults,
  'reference/server.ts': referenceServer,
  'spec.md': spec,
  'openapi.yaml': openapi,
};
