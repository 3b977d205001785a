import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoadingState } from '../ui/states';
import { useCurrentUser } from './auth.queries';
import { AuthLayout } from './auth-layout';
import { LoginForm } from './login-form';
import { safeNextPath } from './redirect';

const LINK_CLASSES = 'font-medium text-accent-text underline-offset-4 hover:underline';

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const currentUser = useCurrentUser();
  const next = safeNextPath(params.get('next'));
  const signupHref = params.has('next') ? `/signup?next=${encodeURIComponent(next)}` : '/signup';

  if (currentUser.isPending) return <LoadingState />;
  if (currentUser.data) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Welcome back"
      description="Log in to pick up where you left off."
      footer={
        <>
          New to Groundwork?{' '}
          <Link to={signupHref} className={LINK_CLASSES}>
            Create an account
          </Link>
        </>
      }
    >
      <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
    </AuthLayout>
  );
}
