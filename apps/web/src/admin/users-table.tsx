import { useId, useState } from 'react';
import { describeError } from '../api/problem';
import { ROLES, type Role, type User } from '../api/types';
import { Badge } from '../ui/badge';
import { ConfirmDialog } from '../ui/dialog';
import { controlClasses } from '../ui/field';
import { formatDate } from '../ui/format';
import { Spinner } from '../ui/spinner';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { DataTable, Td, Th } from '../ui/table';
import { useChangeRole, useUsers } from './admin.queries';
import { Pager } from './pager';
import { useCursorPager } from './use-cursor-pager';

type RoleChange = { user: User; role: Role };

/** Every account, a page at a time, with a role picker per user. */
export function UsersTable({ me }: { me: User }) {
  const pager = useCursorPager();
  const users = useUsers(pager.cursor);
  const changeRole = useChangeRole();
  const [rowError, setRowError] = useState<{ userId: string; message: string } | null>(null);
  const [pendingSelfDemotion, setPendingSelfDemotion] = useState<RoleChange | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const errorId = useId();

  const apply = ({ user, role }: RoleChange) => {
    setRowError(null);
    changeRole.mutate(
      { userId: user.id, role },
      {
        onSuccess: (updated) => {
          setPendingSelfDemotion(null);
          setAnnouncement(`${updated.name} is now a ${updated.role}.`);
        },
        onError: (error) => {
          setPendingSelfDemotion(null);
          setRowError({ userId: user.id, message: describeError(error) });
        },
      },
    );
  };

  const choose = (user: User, role: Role) => {
    if (role === user.role) return;
    if (user.id === me.id && role !== 'admin') setPendingSelfDemotion({ user, role });
    else apply({ user, role });
  };

  if (users.isPending) return <LoadingState label="Loading users…" />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;

  return (
    <>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {users.data.items.length === 0 ? (
        <EmptyState title="No users on this page">Go back to the previous page.</EmptyState>
      ) : (
        <DataTable caption="Users">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Joined</Th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((user) => {
              const isChanging = changeRole.isPending && changeRole.variables.userId === user.id;
              const error = rowError?.userId === user.id ? rowError.message : null;
              const shownRole = isChanging ? changeRole.variables.role : user.role;
              return (
                <tr key={user.id}>
                  <Td className="font-medium whitespace-nowrap">
                    <span className="flex items-center gap-2">
                      {user.name}
                      {user.id === me.id && <Badge tone="accent">you</Badge>}
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap text-fg-muted">{user.email}</Td>
                  <Td className="min-w-48">
                    <div className="flex w-44 items-center gap-2">
                      <select
                        aria-label={`Role of ${user.name}`}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${errorId}-${user.id}` : undefined}
                        className={controlClasses(error !== null)}
                        value={shownRole}
                        disabled={isChanging}
                        onChange={(event) => choose(user, event.target.value as Role)}
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </select>
                      {isChanging && <Spinner className="text-fg-muted" />}
                    </div>
                    {error && (
                      <p
                        id={`${errorId}-${user.id}`}
                        role="alert"
                        className="mt-1.5 max-w-xs text-sm text-danger-text"
                      >
                        {error}
                      </p>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap text-fg-muted">{formatDate(user.createdAt)}</Td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
      <Pager
        label="Users pages"
        pageNumber={pager.pageNumber}
        hasPrevious={pager.hasPrevious}
        nextCursor={users.data.nextCursor}
        isFetching={users.isFetching}
        onPrevious={pager.goPrevious}
        onNext={pager.goNext}
      />
      <ConfirmDialog
        isOpen={pendingSelfDemotion !== null}
        title="Give up your admin role?"
        confirmLabel={`Become a ${pendingSelfDemotion?.role ?? 'learner'}`}
        isBusy={changeRole.isPending}
        onConfirm={() => {
          if (pendingSelfDemotion) apply(pendingSelfDemotion);
        }}
        onCancel={() => setPendingSelfDemotion(null)}
      >
        You will lose access to this page straight away. Another admin would have to give the role back.
      </ConfirmDialog>
    </>
  );
}
