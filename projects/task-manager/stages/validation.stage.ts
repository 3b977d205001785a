import { type CheckContext, defineCheck, defineStage, pass, type Verdict } from '@groundwork/grader';
import { expectJsonError } from '../../kit/checks/problem-body';
import { as, describePost, isFailure, newTitle, userFor } from './task-requests';
import { TOPIC } from './topics';

/** Each body must answer 400 naming `field`, and store nothing. */
async function expectRejected(
  ctx: CheckContext,
  field: string,
  rule: string,
  bodies: readonly Record<string, unknown>[],
): Promise<Verdict> {
  const user = await userFor(ctx, 'owner');
  if (isFailure(user)) return user;
  for (const body of bodies) {
    const res = await ctx.http.post('/tasks', { json: body, ...as(user) });
    const failure = expectJsonError(res, { status: 400, field, request: describePost(body), rule });
    if (failure) return failure;
  }
  return pass();
}

const taskTitle400 = defineCheck({
  id: 'task-title-400',
  title: 'A missing, empty, blank or over-long title answers 400 naming title',
  topic: TOPIC.inputValidation,
  run: (ctx) =>
    expectRejected(ctx, 'title', 'title is 1 to 200 characters, not only spaces', [
      {},
      { title: '' },
      { title: '   ' },
      { title: 'x'.repeat(201) },
      { title: 42 },
    ]),
});

const taskStatus400 = defineCheck({
  id: 'task-status-400',
  title: 'A status other than todo, in_progress or done answers 400 naming status',
  topic: TOPIC.inputValidation,
  run: (ctx) =>
    expectRejected(ctx, 'status', 'status is todo, in_progress or done', [
      { title: newTitle(ctx), status: 'finished' },
      { title: newTitle(ctx), status: 'DONE' },
    ]),
});

const taskDueDate400 = defineCheck({
  id: 'task-due-date-400',
  title: 'A dueDate that is not a real YYYY-MM-DD day answers 400 naming dueDate',
  topic: TOPIC.inputValidation,
  run: (ctx) =>
    expectRejected(ctx, 'dueDate', 'dueDate is a calendar day written YYYY-MM-DD', [
      { title: newTitle(ctx), dueDate: 'tomorrow' },
      { title: newTitle(ctx), dueDate: '2030-02-30' },
      { title: newTitle(ctx), dueDate: '31/01/2030' },
    ]),
});

export const validationStage = defineStage({
  id: 'validation',
  title: 'Validation',
  difficulty: 'beginner',
  needs: ['tasks'],
  topics: [TOPIC.inputValidation, TOPIC.errorHandling],
  checks: [taskTitle400, taskStatus400, taskDueDate400],
});
