import { defineProject } from '../kit/define-project';
import { FAULTS } from './faults';
import { authSystemSuite } from './stages';

export const authSystem = defineProject({
  slug: 'auth-system',
  title: 'Authentication system',
  summary:
    'Sign-up, email verification, refresh rotation, log-out everywhere, password reset, TOTP and roles, graded for the mistakes nobody sees.',
  suite: authSystemSuite,
  faults: FAULTS,
  // loaded on demand so listing projects does not load Fastify and PGlite
  startReference: async (options) => (await import('./reference/server')).startReference(options),
});
