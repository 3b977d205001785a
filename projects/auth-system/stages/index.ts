import { defineSuite } from '@groundwork/grader';
import { emailVerificationStage, healthStage, signUpStage } from './account.stages';
import { rateLimitsStage } from './rate-limits.stage';
import { passwordResetStage } from './reset.stage';
import { rolesStage } from './roles.stage';
import { securityStage } from './security.stage';
import { logInStage, logOutStage, refreshRotationStage, sessionsStage } from './session.stages';
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
    healthStage,
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
