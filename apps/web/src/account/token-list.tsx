import { useState } from 'react';
import { describeError } from '../api/problem';
import type { ApiToken } from '../api/types';
import { Alert } from '../ui/alert';
import { Badge, type BadgeTone } from '../ui/badge';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/dialog';
import { KeyIcon } from '../ui/icons';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { DataTable, Td, Th } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { type TokenStatus, tokenStatusOf } from './token-status';
import { useRevokeToken, useTokens } from './tokens.queries';

const STATUS_BADGES: Record<TokenStatus, { tone: BadgeTone; label: string }> = {
  active: { tone: 'success', label: 'Active' },
  expired: { tone: 'warning', label: 'Expired' },
  revoked: { tone: 'neutral', label: 'Revoked' },
};

/** The user's tokens, newest first, with a confirmed "Revoke" for the ones still working. */
export function TokenList() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [pending, setPending] = useState<ApiToken | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const confirmRevoke = () => {
    if (!pending) return;
    const { id, name } = pending;
    revoke.mutate(id, {
      onSuccess: () => {
        setPending(null);
        setAnnouncement(`The token “${name}” is revoked. It stops working at once.`);
      },
    });
  };

  if (tokens.isPending) return <LoadingState label="Loading your tokens…" />;
  if (tokens.isError) return <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />;

  return (
    <>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {tokens.data.length === 0 ? (
        <EmptyState icon={<KeyIcon />} title="No tokens yet">
          Create one to let a script or another tool use the API as you.
        </EmptyState>
      ) : (
        <DataTable caption="Your personal access tokens">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Prefix</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Expires</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => {
              const status = tokenStatusOf(token);
              const badge = STATUS_BADGES[status];
              return (
                <tr key={token.id}>
                  <Td className="font-medium">{token.name}</Td>
                  <Td>
                    <code className="font-mono text-xs text-fg-muted">{token.prefix}…</code>
                  </Td>
                  <Td className="whitespace-nowrap">
                    <Timestamp iso={token.createdAt} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    <Timestamp iso={token.lastUsedAt} fallback="Never" />
                  </Td>
                  <Td className="whitespace-nowrap">
                    <Timestamp iso={token.expiresAt} fallback="Never" />
                  </Td>
                  <Td>
                    <Badge tone={badge.tone}>{badge.label}</Badge>
                  </Td>
                  <Td className="text-right">
                    {status !== 'revoked' && (
                      <Button
                        variant="ghostDanger"
                        size="sm"
                        onClick={() => {
                          revoke.reset();
                          setPending(token);
                        }}
                      >
                        Revoke<span className="sr-only"> {token.name}</span>
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
      <ConfirmDialog
        isOpen={pending !== null}
        title={`Revoke “${pending?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        isBusy={revoke.isPending}
        onConfirm={confirmRevoke}
        onCancel={() => setPending(null)}
      >
        <p>
          Anything using this token will be refused from now on. This can't be undone, but you can create a
          new token at any time.
        </p>
        {revoke.isError && (
          <Alert tone="danger" live="alert" className="mt-4">
            {describeError(revoke.error)}
          </Alert>
        )}
      </ConfirmDialog>
    </>
  );
}
