import type { FaultId } from '../faults';
import { problems } from './errors';
import type { CreateTaskBody, ListQuery, UpdateTaskBody } from './schemas';
import type { ListedTask, Task, TaskPosition } from './tasks.model';
import type { TasksRepository } from './tasks.repository';

export interface TaskPage {
  tasks: Task[];
  /** The cursor of the next page; undefined on the last. */
  nextCursor: string | undefined;
}

export type TasksService = ReturnType<typeof createTasksService>;

export function createTasksService(tasks: TasksRepository, fault?: FaultId) {
  async function requireTask(ownerId: number, id: number): Promise<Task> {
    const task = await tasks.findTask(ownerId, id);
    if (task === undefined) throw problems.taskNotFound();
    return task;
  }

  return {
    createTask: (ownerId: number, input: CreateTaskBody) => tasks.insertTask(ownerId, input),

    getTask: requireTask,

    /**
     * Applies a partial change. `ifMatch` is the version the client read (428 without one, `*` for any);
     * a task that moved on since answers 412 and stays as it is.
     */
    async updateTask(ownerId: number, id: number, change: UpdateTaskBody, ifMatch: number | '*' | undefined) {
      if (ifMatch === undefined && fault !== 'if-match-optional') throw problems.ifMatchRequired();
      const current =
        fault === 'missing-task-500'
          ? ((await tasks.findTask(ownerId, id)) as Task)
          : await requireTask(ownerId, id);
      const base =
        fault === 'patch-clears-omitted-fields'
          ? { ...current, description: null, status: 'todo', dueDate: null }
          : current;
      const version = typeof ifMatch === 'number' && fault !== 'if-match-ignored' ? ifMatch : undefined;
      const updated = await tasks.updateTask(
        ownerId,
        id,
        {
          title: change.title ?? base.title,
          description: change.description === undefined ? base.description : change.description,
          status: change.status ?? base.status,
          dueDate: change.dueDate === undefined ? base.dueDate : change.dueDate,
        },
        version,
      );
      // the task was there a moment ago, so a miss means its version moved on
      if (updated === undefined) throw problems.staleTask();
      return updated;
    },

    async deleteTask(ownerId: number, id: number): Promise<void> {
      if (fault === 'missing-task-500') {
        const task = (await tasks.findTask(ownerId, id)) as Task;
        await tasks.deleteTask(ownerId, task.id);
        return;
      }
      if (fault === 'delete-keeps-task') {
        await requireTask(ownerId, id);
        return;
      }
      if (!(await tasks.deleteTask(ownerId, id))) throw problems.taskNotFound();
    },

    async listTasks(ownerId: number, query: ListQuery): Promise<TaskPage> {
      const position = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      // one extra row tells whether another page follows
      const rows = await tasks.listTasks(ownerId, {
        ...query,
        limit: query.limit + 1,
        ...(fault === 'offset-pagination' ? { offset: position?.id ?? 0 } : { after: position }),
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const hasMore = rows.length > query.limit && last !== undefined;
      const nextCursor = !hasMore
        ? undefined
        : fault === 'offset-pagination'
          ? encodeCursor({ id: (position?.id ?? 0) + page.length })
          : encodeCursor(positionOf(last));
      return { tasks: page, nextCursor };
    },
  };
}

function positionOf(task: ListedTask): TaskPosition {
  return { id: task.id, due: task.sortDue };
}

/** Opaque to clients, so its format can change without breaking them. */
function encodeCursor(position: TaskPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): TaskPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const { id, due } = value as Partial<TaskPosition>;
    const isDue = due === undefined || due === 'infinity' || /^\d{4}-\d{2}-\d{2}$/.test(String(due));
    if (Number.isSafeInteger(id) && isDue) return { id: id as number, due };
  } catch {
    // refused below
  }
  throw problems.invalidField('cursor', 'cursor must be the nextCursor of a previous page.');
}
