import {
  createTargetPolicy,
  type Resolver,
  type SocketConnector,
  type TargetPolicy,
} from '@groundwork/grader';
import type { Config } from '../../config/config';

/** Seams for tests: where names resolve and how sockets open. Production leaves both to the OS. */
export type GradingNetwork = {
  resolve?: Resolver | undefined;
  connector?: SocketConnector | undefined;
};

/**
 * The address policy of server-side grading: public addresses only, plus loopback on a local
 * single-user instance and whatever ranges the operator allow-lists.
 * @example createGradingPolicy(config.grading, {}).resolveTarget('https://my-app.example.com')
 */
export function createGradingPolicy(grading: Config['grading'], network: GradingNetwork): TargetPolicy {
  return createTargetPolicy({
    mode: grading.allowLoopback ? 'loopback-allowed' : 'strict',
    allow: grading.allowCidrs,
    ...(network.resolve ? { resolve: network.resolve } : {}),
  });
}
