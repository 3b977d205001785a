import { useNavigate } from 'react-router';
import { useLogout } from '../auth/auth.queries';

/** Logs out, then shows the log-in page. */
export function useSignOut() {
  const logout = useLogout();
  const navigate = useNavigate();
  const signOut = () => logout.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) });
  return { signOut, isSigningOut: logout.isPending, error: logout.error };
}
