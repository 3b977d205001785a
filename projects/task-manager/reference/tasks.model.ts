import type { Sort } from './schemas';

/** A task as the repository stores it. */
export interface Task {
  id: number;
  ownerId: number;
  title: string;
  description: string | null;
  status: string;
  /** YYYY-MM-DD, or null. */
  dueDate: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A task with the key the listing sorted it by, to build the next cursor from. */
export interface ListedTask extends Task {
  /** The due date as the sort sees it: YYYY-MM-DD, or "infinity" when there is none. */
  sortDue: string;
}

export interface NewTask {
  title: string;
  description?: string | null | undefined;
  status?: string | undefined;
  dueDate?: string | null | undefined;
}

/** Where a page starts: just after this task in the sort order. */
export interface TaskPosition {
  id: number;
  due?: string | undefined;
}

export interface TaskFilter {
  status?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  sort: Sort;
  limit: number;
  after?: TaskPosition | undefined;
  /** Only with the offset-pagination fault. */
  offset?: number | undefined;
}

export const TASK_COLUMNS = `id::integer AS id, owner_id::integer AS "ownerId", title, description, status,
  to_char(due_date, 'YYYY-MM-DD') AS "dueDate", version, created_at AS "createdAt", updated_at AS "updatedAt"`;
