/** `loopback-allowed`: the CLI on a learner's machine. `strict`: server-side grading of untrusted URLs. */
export type TargetPolicyMode = 'loopback-allowed' | 'strict';
