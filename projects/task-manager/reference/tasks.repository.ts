import type { SqlClient } from '../../kit/reference/database';
import type { FaultId } from '../faults';
import type { Sort } from './schemas';
import type { ListedTask, NewTask, Task, TaskFilter } from './tasks.model';
import { TASK_COLUMNS } from './tasks.model';

export type TasksRepository = ReturnType<typeof createTasksRepository>;

const DUE_KEY = "coalesce(due_date, 'infinity'::date)";

// ORDER BY text comes only from this table, never from the request
const ORDERS: Record<Sort, { orderBy: string; after: string }> = {
  '-createdAt': { orderBy: 'id DESC', after: 'id < $ID' },
  createdAt: { orderBy: 'id ASC', after: 'id > $ID' },
  dueDate: { orderBy: `${DUE_KEY} ASC, id ASC`, after: `(${DUE_KEY}, id) > ($DUE::date, $ID)` },
  '-dueDate': { orderBy: `${DUE_KEY} DESC, id DESC`, after: `(${DUE_KEY}, id) < ($DUE::date, $ID)` },
};

export function createTasksRepository(db: SqlClient, fault?: FaultId) {
  return {
    async insertTask(ownerId: number, task: NewTask): Promise<Task> {
      const { rows } = await db.query<Task>(
        `INSERT INTO tasks (owner_id, title, description, status, due_date)
         VALUES ($1, $2, $3, coalesce($4, 'todo'), $5)
         RETURNING ${TASK_COLUMNS}`,
        [ownerId, task.title, task.description ?? null, task.status ?? null, task.dueDate ?? null],
      );
      return rows[0] as Task;
    },

    /** The owner's task with this id; undefined when it is someone else's or does not exist. */
    async findTask(ownerId: number, id: number): Promise<Task | undefined> {
      if (fault === 'read-any-task') {
        const { rows } = await db.query<Task>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1`, [id]);
        return rows[0];
      }
      const { rows } = await db.query<Task>(
        `SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1 AND owner_id = $2`,
        [id, ownerId],
      );
      return rows[0];
    },

    /**
     * Applies the change if the task is the owner's and still at `version` (undefined: any version).
     * Undefined when no row matched.
     */
    async updateTask(
      ownerId: number,
      id: number,
      change: Required<NewTask>,
      version: number | undefined,
    ): Promise<Task | undefined> {
      const { rows } = await db.query<Task>(
        `UPDATE tasks SET title = $3, description = $4, status = $5, due_date = $6,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND owner_id = $2 AND ($7::integer IS NULL OR version = $7)
         RETURNING ${TASK_COLUMNS}`,
        [id, ownerId, change.title, change.description, change.status, change.dueDate, version ?? null],
      );
      return rows[0];
    },

    /** True when the owner's task existed and is now gone. */
    async deleteTask(ownerId: number, id: number): Promise<boolean> {
      if (fault === 'delete-any-task') {
        const { rows } = await db.query('DELETE FROM tasks WHERE id = $1 RETURNING id', [id]);
        return rows.length > 0;
      }
      const { rows } = await db.query('DELETE FROM tasks WHERE id = $1 AND owner_id = $2 RETURNING id', [
        id,
        ownerId,
      ]);
      return rows.length > 0;
    },

    /** One page of the owner's tasks, filtered, in the requested order, starting after `filter.after`. */
    async listTasks(ownerId: number, filter: TaskFilter): Promise<ListedTask[]> {
      const params: unknown[] = [ownerId];
      const param = (value: unknown) => `$${params.push(value)}`;
      // list-all-tasks still names $1 (every placeholder needs a use), but filters by nothing
      const where = fault === 'list-all-tasks' ? ['$1::bigint IS NOT NULL'] : ['owner_id = $1'];
      if (filter.status !== undefined && fault !== 'status-filter-ignored') {
        where.push(`status = ${param(filter.status)}`);
      }
      const [from, to] = fault === 'due-range-exclusive' ? ['>', '<'] : ['>=', '<='];
      if (filter.dueFrom !== undefined) where.push(`due_date ${from} ${param(filter.dueFrom)}::date`);
      if (filter.dueTo !== undefined) where.push(`due_date ${to} ${param(filter.dueTo)}::date`);
      const sort: Sort =
        fault === 'sort-descending-ignored' ? (filter.sort.replace('-', '') as Sort) : filter.sort;
      const order = ORDERS[sort] ?? { orderBy: sort, after: 'id < $ID' };
      if (filter.after !== undefined) {
        const after = order.after.replace('$ID', param(filter.after.id));
        where.push(after.includes('$DUE') ? after.replace('$DUE', param(filter.after.due ?? null)) : after);
      }
      const orderBy =
        fault === 'list-unordered'
          ? ''
          : `ORDER BY ${fault === 'sort-sql-injection' && !(filter.sort in ORDERS) ? filter.sort : order.orderBy}`;
      const { rows } = await db.query<ListedTask>(
        `SELECT ${TASK_COLUMNS}, ${DUE_KEY}::text AS "sortDue" FROM tasks
         WHERE ${where.join(' AND ')}
         ${orderBy}
         LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset ?? 0)}`,
        params,
      );
      return rows;
    },
  };
}
