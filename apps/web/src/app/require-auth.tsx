import { Link, Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useCurrentUser } from '../auth/auth.queries';
import { loginPathFor } from '../auth/redirect';
import { Alert } from '../ui/alert';
import { buttonClasses } from '../ui/button';
import { Page } from '../ui/page';
import { ErrorState, LoadingState } from '../ui/states';

/** Renders the child routes for a signed-in user; sends everyone else to log in, and back afterwards. */
export function RequireAuth() {
  const currentUser = useCurrentUser();
  const location = useLocation();
  if (currentUser.isPending) return <LoadingState label="Checking your session…" />;
  if (currentUser.isError) {
    return <ErrorState error={currentUser.error} onRetry={() => void currentUser.refetch()} />;
  }
  if (currentUser.data === null) {
    return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />;
  }
  return <Outlet />;
}

const ROLE_NAMES: Record<Role, string> = { learner: 'learners', mentor: 'mentors', admin: 'admins' };

/** Renders the child routes for users whose role is `allowed`; others get a plain explanation. */
export function RequireRole({ allowed }: { allowed: Role }) {
  const currentUser = useCurrentUser();
  const user = currentUser.data;
  if (!user) return null;
  if (user.role === allowed) return <Outlet />;
  return (
    <Page title={`This page is for ${ROLE_NAMES[allowed]}`}>
      <Alert
        tone="warning"
        title={`Only ${ROLE_NAMES[allowed]} can open this page.`}
        actions={
          <Link to="/roadmap" className={buttonClasses('secondary', 'sm')}>
            Back to the roadmap
          </Link>
        }
      >
        You're signed in as a {user.role}. If you need access, ask an admin of this Groundwork instance to
        change your role.
      </Alert>
    </Page>
  );
}
