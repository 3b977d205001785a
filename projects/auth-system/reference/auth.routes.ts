import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import { type AccountService, RESET_ACCEPTED } from './account.service';
import {
  clearRefreshCookie,
  readBearer,
  readRefreshCookie,
  readTestExpiry,
  setRefreshCookie,
} from './request-auth';
import type { IssuedTokens, SessionService } from './session.service';
import { ForgotBody, LogInBody, parseBody, ResetBody, SignUpBody, TokenBody } from './validation';

export interface AuthRoutesOptions {
  accounts: AccountService;
  sessions: SessionService;
  isTestMode: boolean;
  fault?: FaultId | undefined;
}

/** The public side of accounts: sign-up, verification, log-in, refresh, log-out and password reset. */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, options) => {
  const { accounts, sessions, isTestMode, fault } = options;
  // the refresh token goes in the cookie only: scripts never see it (see spec.md, "Tokens")
  const tokenBody = ({ accessToken, expiresIn }: IssuedTokens) => ({
    accessToken,
    tokenType: 'Bearer',
    expiresIn,
  });

  app.post('/auth/signup', async (request, reply) => {
    const { body } = await accounts.signUp(
      parseBody(SignUpBody, request.body),
      readTestExpiry(request, isTestMode),
    );
    return reply.code(202).send(body);
  });

  app.post('/auth/verify-email', async (request, reply) => {
    await accounts.verifyEmail(parseBody(TokenBody, request.body).token);
    return reply.code(204).send();
  });

  app.post('/auth/login', async (request, reply) => {
    const body = parseBody(LogInBody, request.body);
    const issued = await sessions.logIn(
      { ...body, userAgent: request.headers['user-agent']?.slice(0, 200) ?? null },
      readTestExpiry(request, isTestMode),
    );
    setRefreshCookie(reply, issued.refreshToken, fault);
    return tokenBody(issued);
  });

  app.post('/auth/refresh', async (request, reply) => {
    const issued = await sessions.refresh(readRefreshCookie(request));
    setRefreshCookie(reply, issued.refreshToken, fault);
    return tokenBody(issued);
  });

  app.post('/auth/logout', async (request, reply) => {
    await sessions.logOut(readRefreshCookie(request), readBearer(request, fault));
    clearRefreshCookie(reply);
    return reply.code(204).send();
  });

  app.post('/auth/logout-all', async (request, reply) => {
    await sessions.logOutEverywhere(await sessions.authenticate(readBearer(request, fault)));
    clearRefreshCookie(reply);
    return reply.code(204).send();
  });

  app.post('/auth/password/forgot', async (request, reply) => {
    await accounts.forgotPassword(
      parseBody(ForgotBody, request.body).email,
      readTestExpiry(request, isTestMode),
    );
    return reply.code(202).send(RESET_ACCEPTED);
  });

  app.post('/auth/password/reset', async (request, reply) => {
    const { token, password } = parseBody(ResetBody, request.body);
    await accounts.resetPassword(token, password);
    clearRefreshCookie(reply);
    return reply.code(204).send();
  });
};
