import { defineSuite } from '@groundwork/grader';
import { healthStage } from '../../kit/checks/health';
import { emailVerificationStage, signUpStage } from './account.stages';
import { rateLimitsStage } from './rate-limits.stage';
import { passwordResetStage } from './reset.stage';
import { rolesStage } from './roles.stage';
import { securityStage } from './security.stage';
import { logInStage, logOutStage, refreshRotationStage, sessionsStage } from './session.stages';
import { TOPIC } from './topics';
import { twoFactorStage } from './two-factor.stage';

export { loginTiming } from './login-timing';

/**
 * The auth-system's stages, in the order spec.md presents them.
 * @example const run = runSuite(authSystemSuite, { target: 'http://localhost:8080' });
 */
export const authSystemSuite = defineSuite({
  project: { slug: 'auth-system', title: 'Authentication system' },
  readinessPath: '/health',
  stages: [
    // its hint for a wrong Content-Type is the grader's generic one, as it always was
    healthStage({ topics: [TOPIC.http, TOPIC.json], hasGenericContentTypeHint: true }),
    signUpStage,
    emailVerificationStage,
    logInStage,
    refreshRotationStage,
    logOutStage,
    passwordResetStage,
    twoFactorStage,
    sessionsStage,
    rolesStage,
    rateLimitsStage,
    securityStage,
  ],
});
