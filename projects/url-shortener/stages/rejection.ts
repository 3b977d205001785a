import { type CheckContext, type Failure, pass, type Verdict } from '@groundwork/grader';
import { expectJsonError } from '../../kit/checks/problem-body';
import { describePost, postLink } from './link-requests';

export interface RejectionCase {
  body: Readonly<Record<string, unknown>>;
  /** The field the 400 must name. */
  field: string;
  /** The rule the input breaks, for the hint: `url is required`. */
  rule?: string;
  topic?: string;
}

/**
 * Sends each body to `POST /links` in turn; each must answer 400 with a JSON error naming its field.
 * @example expectRejected(ctx, [{ body: {}, field: 'url' }])
 */
export async function expectRejected(ctx: CheckContext, cases: readonly RejectionCase[]): Promise<Verdict> {
  for (const { body, field, rule, topic } of cases) {
    const res = await postLink(ctx, body);
    const failure: Failure | undefined = expectJsonError(res, {
      status: 400,
      field,
      request: describePost(body),
      ...(rule ? { rule } : {}),
      ...(topic ? { topic } : {}),
    });
    if (failure) return failure;
  }
  return pass();
}
