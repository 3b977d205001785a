import type { AuditEvent, User } from '../api/types';
import { Badge, type BadgeTone } from '../ui/badge';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { DataTable, Td, Th } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { useAuditEvents, useUsers } from './admin.queries';
import { describeAuditDetails, labelAuditEvent } from './audit-event-text';
import { Pager } from './pager';
import { useCursorPager } from './use-cursor-pager';

function toneOf(event: AuditEvent): BadgeTone {
  if (event.type === 'login.failed') return 'danger';
  if (event.type === 'role.changed' || event.type.startsWith('token.')) return 'accent';
  return 'neutral';
}

function Person({ id, people }: { id: string | null; people: ReadonlyMap<string, User> }) {
  if (id === null) return <span className="text-fg-muted">—</span>;
  const person = people.get(id);
  if (person) return <span title={person.email}>{person.name}</span>;
  return (
    <code className="font-mono text-xs text-fg-muted" title={id}>
      {id.slice(0, 8)}
    </code>
  );
}

/** Security events, newest first, a page at a time. */
export function AuditTable({ me }: { me: User }) {
  const pager = useCursorPager();
  const events = useAuditEvents(pager.cursor);
  // names come from the first page of users, which the users table has already loaded
  const firstUsersPage = useUsers(undefined);
  const people = new Map<string, User>([[me.id, me]]);
  for (const user of firstUsersPage.data?.items ?? []) people.set(user.id, user);

  if (events.isPending) return <LoadingState label="Loading security events…" />;
  if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;

  return (
    <>
      {events.data.items.length === 0 ? (
        <EmptyState title="No security events yet">
          Sign-ups, log-ins, tokens and role changes show up here.
        </EmptyState>
      ) : (
        <DataTable caption="Security events">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Event</Th>
              <Th>User</Th>
              <Th>Done by</Th>
              <Th>IP address</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((event) => (
              <tr key={event.id}>
                <Td className="whitespace-nowrap text-fg-muted">
                  <Timestamp iso={event.createdAt} />
                </Td>
                <Td>
                  <Badge tone={toneOf(event)}>{labelAuditEvent(event.type)}</Badge>
                </Td>
                <Td className="whitespace-nowrap">
                  <Person id={event.userId} people={people} />
                </Td>
                <Td className="whitespace-nowrap">
                  <Person id={event.actorId} people={people} />
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap text-fg-muted">{event.ip ?? '—'}</Td>
                <Td className="text-fg-muted">{describeAuditDetails(event) || '—'}</Td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager
        label="Security events pages"
        pageNumber={pager.pageNumber}
        hasPrevious={pager.hasPrevious}
        nextCursor={events.data.nextCursor}
        isFetching={events.isFetching}
        onPrevious={pager.goPrevious}
        onNext={pager.goNext}
      />
    </>
  );
}
