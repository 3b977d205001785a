import { createContext, type ReactNode, useContext } from 'react';
import { type ApiClient, api } from './client';

const ApiContext = createContext<ApiClient>(api);

/** Lets tests (and, later, embedders) hand the app another client. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  return useContext(ApiContext);
}
