import { defineSuite } from '@groundwork/grader';
import { healthStage } from '../../kit/checks/health';
import { accountsStage } from './accounts.stage';
import { fanOutStage } from './fan-out.stage';
import { handshakeStage } from './handshake.stage';
import { historyStage } from './history.stage';
import { limitsStage } from './limits.stage';
import { livenessStage } from './liveness.stage';
import { messagingStage } from './messaging.stage';
import { orderingStage } from './ordering.stage';
import { presenceStage } from './presence.stage';
import { recoveryStage } from './recovery.stage';
import { roomsStage } from './rooms.stage';
import { slowConsumersStage } from './slow-consumers.stage';
import { TOPIC } from './topics';

/**
 * The chat project's stages, in the order spec.md presents them.
 * @example const run = runSuite(chatSuite, { target: 'http://localhost:8080' });
 */
export const chatSuite = defineSuite({
  project: { slug: 'chat', title: 'Real-time chat' },
  readinessPath: '/health',
  stages: [
    healthStage({ topics: [TOPIC.http, TOPIC.json] }),
    accountsStage,
    roomsStage,
    handshakeStage,
    messagingStage,
    orderingStage,
    recoveryStage,
    historyStage,
    presenceStage,
    limitsStage,
    livenessStage,
    slowConsumersStage,
    fanOutStage,
  ],
});
