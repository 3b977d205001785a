import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoadingState } from '../ui/states';
import { useCurrentUser } from './auth.queries';
import { AuthLayout } from './auth-layout';
import { safeNextPath } from './redirect';
import { SignupForm } from './signup-form';

const LINK_CLASSES = 'font-medium text-accent-text underline-offset-4 hover:underline';

export function SignupPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const currentUser = useCurrentUser();
  const next = safeNextPath(params.get('next'));
  const loginHref = params.has('next') ? `/login?next=${encodeURIComponent(next)}` : '/login';

  if (currentUser.isPending) return <LoadingState />;
  if (currentUser.data) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Create your account"
      description="Track your progress through the roadmap and get your projects graded."
      footer={
        <>
          Already have an account?{' '}
          <Link to={loginHref} className={LINK_CLASSES}>
            Log in
          </Link>
        </>
      }
    >
      <SignupForm
        onSignedUp={() => navigate(next, { replace: true })}
        loginLink={
          <>
            Is it yours?{' '}
            <Link to={loginHref} className={LINK_CLASSES}>
              Log in instead
            </Link>
            .
          </>
        }
      />
    </AuthLayout>
  );
}
