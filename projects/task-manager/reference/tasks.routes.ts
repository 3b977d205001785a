import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ProblemError } from '../../kit/reference/problem';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import { problems } from './errors';
import type { Task } from './tasks.model';
import type { TasksService } from './tasks.service';
import { parseCreateTask, parseListQuery, parseUpdateTask } from './validation';

export interface TaskRoutesOptions {
  auth: AuthService;
  tasks: TasksService;
  fault?: FaultId | undefined;
}

interface IdParams {
  id: string;
}

/** The task as clients see it: no owner, dates as strings. */
export interface TaskResponse {
  id: number;
  title: string;
  description: string | null;
  status: string;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
}

// a user no task belongs to: what the auth-optional fault serves token-less requests as
const ANONYMOUS_USER_ID = 0;

export const taskRoutes: FastifyPluginAsync<TaskRoutesOptions> = async (app, { auth, tasks, fault }) => {
  let listingsServed = 0;

  /** The signed-in user's id; every task route needs one. */
  async function ownerOf(request: FastifyRequest): Promise<number> {
    if (fault === 'auth-optional' && request.headers.authorization === undefined) return ANONYMOUS_USER_ID;
    return (await auth.authenticate(request.headers.authorization)).id;
  }

  app.post('/tasks', async (request, reply) => {
    let ownerId = await ownerOf(request);
    const body = (request.body ?? {}) as { ownerId?: unknown };
    if (fault === 'mass-assignment-owner' && typeof body.ownerId === 'number') ownerId = body.ownerId;
    const task = await tasks.createTask(ownerId, parseCreateTask(request.body, fault));
    reply.code(fault === 'create-task-returns-200' ? 200 : 201).header('etag', etagOf(task));
    if (fault !== 'create-task-missing-location') reply.header('location', `/tasks/${task.id}`);
    return toTaskResponse(task);
  });

  app.get('/tasks', async (request) => {
    const ownerId = await ownerOf(request);
    if (fault === 'slow-listing') await sleep(250);
    if (fault === 'listing-errors-under-load') {
      listingsServed += 1;
      if (listingsServed > 300 && listingsServed % 20 === 0) {
        throw new ProblemError(503, 'No database connection is free.');
      }
    }
    const page = await tasks.listTasks(ownerId, parseListQuery(request.query, fault));
    return { items: page.tasks.map(toTaskResponse), nextCursor: page.nextCursor ?? null };
  });

  app.get<{ Params: IdParams }>('/tasks/:id', async (request, reply) => {
    const task = await tasks.getTask(await ownerOf(request), parseId(request.params.id));
    if (fault !== 'etag-missing') reply.header('etag', etagOf(task));
    return toTaskResponse(task);
  });

  app.patch<{ Params: IdParams }>('/tasks/:id', async (request, reply) => {
    const ownerId = await ownerOf(request);
    const id = parseId(request.params.id);
    const change = parseUpdateTask(request.body, fault);
    const task = await tasks.updateTask(ownerId, id, change, parseIfMatch(request.headers['if-match']));
    reply.header('etag', etagOf(task));
    return toTaskResponse(task);
  });

  app.delete<{ Params: IdParams }>('/tasks/:id', async (request, reply) => {
    await tasks.deleteTask(await ownerOf(request), parseId(request.params.id));
    return reply.code(204).send();
  });
};

/** Ids are positive integers; anything else names no task. */
function parseId(text: string): number {
  const id = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw problems.taskNotFound();
  return id;
}

/** A strong ETag from the task's version: it changes with every update. */
function etagOf(task: Task): string {
  return `"${task.id}-${task.version}"`;
}

/**
 * The version an If-Match names: `*` for any, a number for one of our ETags (weak or strong), 0 for an
 * ETag we never issued (it matches no version, so the update answers 412), undefined when there is none.
 */
function parseIfMatch(header: string | undefined): number | '*' | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return '*';
  const version = /^(?:W\/)?"\d+-(\d+)"$/.exec(header.trim())?.[1];
  return version === undefined ? 0 : Number(version);
}

function toTaskResponse(task: Task): TaskResponse {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    dueDate: task.dueDate,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}
