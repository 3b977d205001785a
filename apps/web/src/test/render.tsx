import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { ApiProvider } from '../api/api-context';
import type { ApiClient } from '../api/client';
import { createQueryClient } from '../api/query-client';

/** Renders `ui` with the app's providers around it: a fresh query cache, the given client, a router. */
export function renderWithApp(ui: ReactElement, options: { client: ApiClient; path?: string }) {
  const queryClient = createQueryClient();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={options.client}>
        <MemoryRouter initialEntries={[options.path ?? '/']}>{ui}</MemoryRouter>
      </ApiProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
