import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RequireAuth, RequireRole } from './require-auth';

// each page is its own chunk: the roadmap's graph library loads only on the roadmap
const RoadmapPage = lazy(() => import('../roadmap/roadmap-page').then((m) => ({ default: m.RoadmapPage })));
const LoginPage = lazy(() => import('../auth/login-page').then((m) => ({ default: m.LoginPage })));
const SignupPage = lazy(() => import('../auth/signup-page').then((m) => ({ default: m.SignupPage })));
const AccountPage = lazy(() => import('../account/account-page').then((m) => ({ default: m.AccountPage })));
const AdminPage = lazy(() => import('../admin/admin-page').then((m) => ({ default: m.AdminPage })));
const DashboardPage = lazy(() =>
  import('../dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const ProjectsPage = lazy(() =>
  import('../projects/projects-page').then((m) => ({ default: m.ProjectsPage })),
);
const ProjectPage = lazy(() => import('../projects/project-page').then((m) => ({ default: m.ProjectPage })));
const GuidesPage = lazy(() => import('../guides/guides-page').then((m) => ({ default: m.GuidesPage })));
const GuidePage = lazy(() => import('../guides/guide-page').then((m) => ({ default: m.GuidePage })));
const SubmissionPage = lazy(() =>
  import('../submissions/submission-page').then((m) => ({ default: m.SubmissionPage })),
);

/** Only pages that are built are routed; anything else is the 404 page. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/roadmap" replace />} />
        <Route path="roadmap/:topicId?" element={<RoadmapPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="projects" element={<ProjectsPage />} />
        <Route path="projects/:slug" element={<ProjectPage />} />
        <Route path="guides" element={<GuidesPage />} />
        <Route path="guides/:pageId" element={<GuidePage />} />
        <Route element={<RequireAuth />}>
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="submissions/:submissionId" element={<SubmissionPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route element={<RequireRole allowed="admin" />}>
            <Route path="admin" element={<AdminPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
