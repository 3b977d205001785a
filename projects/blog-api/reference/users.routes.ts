import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import { conduitErrors } from './errors';
import { LoginBody, parseOrThrow, RegisterBody, UpdateUserBody } from './schemas';
import type { Profile, UsersRepository } from './users.repository';

export interface UserRoutesOptions {
  auth: AuthService;
  users: UsersRepository;
  fault?: FaultId | undefined;
}

interface UsernameParams {
  username: string;
}

export const userRoutes: FastifyPluginAsync<UserRoutesOptions> = async (app, { auth, users, fault }) => {
  const signedIn = (authorization: string | undefined) =>
    auth.authenticate(authorization, true) as Promise<
      NonNullable<Awaited<ReturnType<typeof auth.authenticate>>>
    >;

  function profileResponse(profile: Profile) {
    if (fault === 'profile-drops-null-fields') {
      return { profile: Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== null)) };
    }
    return { profile };
  }

  async function profileOf(username: string, viewerId: number | undefined): Promise<Profile> {
    const profile = await users.findProfile(username, viewerId);
    if (profile === undefined) {
      if (fault === 'unknown-profile-500')
        throw new TypeError("Cannot read properties of undefined (reading 'id')");
      throw conduitErrors.notFound('profile');
    }
    return profile;
  }

  app.post('/users', async (request, reply) => {
    const user = await auth.register(parseOrThrow(RegisterBody, request.body).user);
    reply.code(fault === 'register-returns-200' ? 200 : 201);
    return { user: await auth.toUserResponse(user) };
  });

  app.post('/users/login', async (request) => {
    const { email, password } = parseOrThrow(LoginBody, request.body).user;
    return { user: await auth.toUserResponse(await auth.logIn(email, password)) };
  });

  app.get('/user', async (request) => {
    let user = await signedIn(request.headers.authorization);
    if (fault === 'current-user-is-first-user') user = (await users.findOldest()) ?? user;
    return { user: await auth.toUserResponse(user) };
  });

  app.put('/user', async (request) => {
    const user = await signedIn(request.headers.authorization);
    const changes = parseOrThrow(UpdateUserBody, request.body).user;
    return { user: await auth.toUserResponse(await auth.update(user, changes)) };
  });

  app.get<{ Params: UsernameParams }>('/profiles/:username', async (request) => {
    const viewer = await auth.authenticate(request.headers.authorization, false);
    return profileResponse(await profileOf(request.params.username, viewer?.id));
  });

  app.post<{ Params: UsernameParams }>('/profiles/:username/follow', async (request) => {
    const viewer = await signedIn(request.headers.authorization);
    const followee = await users.findByUsername(request.params.username);
    if (followee === undefined) throw conduitErrors.notFound('profile');
    await users.follow(viewer.id, followee.id);
    const profile = await profileOf(followee.username, viewer.id);
    return profileResponse(fault === 'follow-not-reported' ? { ...profile, following: false } : profile);
  });

  app.delete<{ Params: UsernameParams }>('/profiles/:username/follow', async (request) => {
    const viewer = await signedIn(request.headers.authorization);
    const followee = await users.findByUsername(request.params.username);
    if (followee === undefined) throw conduitErrors.notFound('profile');
    await users.unfollow(viewer.id, followee.id);
    return profileResponse(await profileOf(followee.username, viewer.id));
  });
};
