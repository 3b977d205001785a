import { useState } from 'react';
import type { CreatedToken } from '../api/types';
import { useCurrentUser } from '../auth/auth.queries';
import { Badge } from '../ui/badge';
import { Card, CardBody, CardHeader } from '../ui/card';
import { formatDate } from '../ui/format';
import { Page } from '../ui/page';
import { CreateTokenForm } from './create-token-form';
import { NewTokenNotice } from './new-token-notice';
import { ProgressData } from './progress-data';
import { TokenList } from './token-list';

const ROLE_DESCRIPTIONS = {
  learner: 'You follow the roadmap and build the projects.',
  mentor: 'You can also follow the progress of the learners you mentor.',
  admin: 'You can also manage users and roles on this instance.',
} as const;

export function AccountPage() {
  const user = useCurrentUser().data;
  // the only place a new token's secret lives; "Done" drops it for good
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [hasShownToken, setHasShownToken] = useState(false);
  if (!user) return null;

  return (
    <Page
      title="Account"
      description="Your profile, the tokens that let scripts use Groundwork as you, and your progress data."
    >
      <Card aria-labelledby="profile-heading">
        <CardHeader id="profile-heading" title="Profile" />
        <CardBody>
          <dl className="grid gap-x-8 gap-y-5 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-fg-muted">Name</dt>
              <dd className="mt-1 font-medium text-fg">{user.name}</dd>
            </div>
            <div>
              <dt className="text-sm text-fg-muted">Email</dt>
              <dd className="mt-1 font-medium break-all text-fg">{user.email}</dd>
            </div>
            <div>
              <dt className="text-sm text-fg-muted">Role</dt>
              <dd className="mt-1 space-y-1">
                <Badge tone={user.role === 'admin' ? 'accent' : 'neutral'}>{user.role}</Badge>
                <p className="text-sm text-fg-muted">{ROLE_DESCRIPTIONS[user.role]}</p>
              </dd>
            </div>
            <div>
              <dt className="text-sm text-fg-muted">Member since</dt>
              <dd className="mt-1 font-medium text-fg">{formatDate(user.createdAt)}</dd>
            </div>
          </dl>
        </CardBody>
      </Card>

      <Card aria-labelledby="tokens-heading">
        <CardHeader
          id="tokens-heading"
          title="Personal access tokens"
          description="For scripts and tools that call the API. The groundwork CLI creates its own when you run groundwork login."
        />
        <CardBody className="space-y-6">
          {created ? (
            <NewTokenNotice
              name={created.token.name}
              secret={created.secret}
              onDone={() => {
                setCreated(null);
                setHasShownToken(true);
              }}
            />
          ) : (
            <CreateTokenForm onCreated={setCreated} isFocusedOnMount={hasShownToken} />
          )}
        </CardBody>
        <div className="border-t border-line">
          <TokenList />
        </div>
      </Card>

      <Card aria-labelledby="progress-heading">
        <CardHeader
          id="progress-heading"
          title="Your progress data"
          description="Take your roadmap progress to another Groundwork instance, or start again."
        />
        <CardBody>
          <ProgressData />
        </CardBody>
      </Card>
    </Page>
  );
}
