/**
 * An error the client caused, in RealWorld's shape: `{"errors": {"<field or resource>": ["message"]}}`.
 * Everything else is a bug and answers a plain 500 in the same shape.
 */
export class ConduitError extends Error {
  constructor(
    readonly status: number,
    readonly errors: Readonly<Record<string, readonly string[]>>,
  ) {
    super(
      Object.entries(errors)
        .map(([key, messages]) => `${key} ${messages.join(', ')}`)
        .join('; '),
    );
    this.name = 'ConduitError';
  }
}

/** The error catalogue: every error a client can see from this API. */
export const conduitErrors = {
  invalid: (field: string, message: string) => new ConduitError(422, { [field]: [message] }),
  taken: (field: 'username' | 'email') => new ConduitError(409, { [field]: ['has already been taken'] }),
  badCredentials: () => new ConduitError(401, { credentials: ['email or password is invalid'] }),
  tokenMissing: () => new ConduitError(401, { token: ['is missing'] }),
  tokenInvalid: () => new ConduitError(401, { token: ['is invalid'] }),
  notFound: (resource: 'article' | 'profile' | 'comment' | 'route') =>
    new ConduitError(404, { [resource]: ['not found'] }),
  forbidden: (resource: 'article' | 'comment') => new ConduitError(403, { [resource]: ['forbidden'] }),
  internal: () => new ConduitError(500, { server: ['something went wrong on our side'] }),
};
