// Test doubles for the target policy's tests: a resolver and a connector that record what they were
// asked and never reach a non-loopback address, and a one-check suite to grade through them.
import assert from 'node:assert/strict';
import net from 'node:net';
import { defineCheck, defineStage, defineSuite } from '../authoring/define';
import { pass } from '../authoring/verdict';
import type { SocketConnector } from './pinned-connect';
import { PolicyRefusal } from './policy-refusal';
import type { ResolvedAddress, Resolver } from './target-policy';

/** A documentation-range address (RFC 5737) stands in for "public": nothing here ever connects to it. */
export const PUBLIC_V4 = '203.0.113.10';
/** TEST-NET is "reserved" to ipaddr.js, so tests that need a public answer use an address the policy sees as public. */
export const PUBLIC_ADDRESS = '93.184.216.34';

export function recordingResolver(
  answers: Record<string, readonly ResolvedAddress[]>,
): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string) => {
    calls.push(hostname);
    const found = answers[hostname];
    if (!found) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found;
  };
  return Object.assign(resolver, { calls });
}

/** Records every connection attempt and never opens one. */
export function recordingConnector(): SocketConnector & { attempts: string[] } {
  const attempts: string[] = [];
  const connector: SocketConnector = ({ address, port }) => {
    attempts.push(`${address}:${port}`);
    const socket = new net.Socket();
    queueMicrotask(() =>
      socket.destroy(Object.assign(new Error('recording connector'), { code: 'ECONNREFUSED' })),
    );
    return socket;
  };
  return Object.assign(connector, { attempts });
}

/** One check that passes: a run of it only reaches the network through the policy and connector. */
export const trivialSuite = defineSuite({
  project: { slug: 'policy-test', title: 'Policy test' },
  stages: [
    defineStage({
      id: 's',
      title: 'S',
      difficulty: 'beginner',
      topics: [],
      checks: [defineCheck({ id: 'c', title: 'C', topic: 't', run: () => pass() })],
    }),
  ],
});

/** The refusal a policy call ends in; fails the test when it does not refuse. */
export async function refusal(promise: Promise<unknown>): Promise<PolicyRefusal> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PolicyRefusal, `expected a PolicyRefusal, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the policy to refuse');
}
