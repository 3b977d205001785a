import { useCurrentUser } from '../auth/auth.queries';
import { Card, CardHeader } from '../ui/card';
import { Page } from '../ui/page';
import { AuditTable } from './audit-table';
import { UsersTable } from './users-table';

export function AdminPage() {
  const me = useCurrentUser().data;
  if (!me) return null;
  return (
    <Page
      title="Admin"
      description="The people on this Groundwork instance, their roles, and security events."
      width="wide"
    >
      <Card aria-labelledby="users-heading">
        <CardHeader
          id="users-heading"
          title="Users"
          description="Newest first. A role change applies to the user's very next request."
        />
        <UsersTable me={me} />
      </Card>
      <Card aria-labelledby="audit-heading">
        <CardHeader
          id="audit-heading"
          title="Security events"
          description="Sign-ups, log-ins, tokens and role changes, newest first."
        />
        <AuditTable me={me} />
      </Card>
    </Page>
  );
}
