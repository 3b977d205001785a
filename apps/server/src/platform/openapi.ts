import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ERROR_CATALOGUE } from './errors/catalogue';

export const DOCS_PREFIX = '/docs';

const errorTable = Object.entries(ERROR_CATALOGUE)
  .map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${spec.title} |`)
  .join('\n');

const DESCRIPTION = `The Groundwork API: accounts, access tokens, the roadmap, progress and grading.

**Authentication.** The web app uses an HttpOnly session cookie; writes made with it must send the CSRF token
(cookie \`gw_csrf\`) in the \`X-CSRF-Token\` header. Scripts and the CLI send a personal access token as
\`Authorization: Bearer <token>\`.

**Access rules.** Each operation's \`x-access\` says who may call it: \`public\`, \`optional\` (anyone; a
signed-in caller also gets their own data), \`user\` (any signed-in user), \`mentor\` (mentors and admins)
or \`admin\`.

**Errors** are RFC 9457 problem documents (\`application/problem+json\`) with a stable \`code\`:

| code | status | title |
|---|---|---|
${errorTable}
`;

/**
 * Generates the OpenAPI 3.1 document from the zod route schemas, including each route's access rule,
 * and serves interactive docs at /docs.
 */
export async function registerOpenApi(
  app: FastifyInstance,
  options: { version: string; serveUi: boolean; sessionCookie: string },
) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Groundwork API', version: options.version, description: DESCRIPTION },
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: options.sessionCookie,
            description:
              'The HttpOnly session cookie set at sign-up and log-in: `__Host-gw_session` on an instance served ' +
              'over HTTPS (PUBLIC_URL https://…), `gw_session` otherwise. Writes made with it also send the ' +
              'CSRF token in `X-CSRF-Token`.',
          },
          bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal access token (gwp_…).' },
        },
      },
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      const access = input.route.config?.access ?? 'public';
      const schema = transformed.schema as Record<string, unknown>;
      schema['x-access'] = access;
      // an empty requirement means "or no credentials at all"
      if (access === 'optional') schema.security = [{}, { sessionCookie: [] }, { bearerToken: [] }];
      else if (access !== 'public') schema.security = [{ sessionCookie: [] }, { bearerToken: [] }];
      return transformed;
    },
    transformObject: jsonSchemaTransformObject,
  });
  if (options.serveUi) {
    // no staticCSP: the document CSP from security-headers.ts applies, and it works over plain http on localhost
    await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: false });
  }
}
