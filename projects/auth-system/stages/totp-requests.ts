import {
  type CheckContext,
  type Failure,
  fail,
  readPath,
  readTotpParameters,
  type TotpParameters,
  totpCode,
  totpStep,
} from '@groundwork/grader';
import { type Device, isFailure, isSuccess, newDevice, setupFailure } from './auth-requests';
import { TOPIC } from './topics';

/** An account with two-factor on: its TOTP parameters, the step its confirmation used, its recovery codes. */
export interface EnrolledDevice extends Device {
  totp: TotpParameters;
  confirmedStep: number;
  recoveryCodes: string[];
}

/** Starts enrolment: the TOTP parameters read from the secret or the otpauth URI, or a failure. */
export async function startEnrolment(ctx: CheckContext, device: Device): Promise<TotpParameters | Failure> {
  const res = await ctx.http.post('/auth/totp/enroll', { headers: device.bearer });
  if (!isSuccess(res))
    return setupFailure(res, 'to start TOTP enrolment', TOPIC.authenticationVsAuthorization);
  const body = res.json();
  const source = [readPath(body, 'otpauthUri'), readPath(body, 'secret')].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  const parameters = source === undefined ? undefined : readTotpParameters(source);
  if (parameters !== undefined) return parameters;
  return fail({
    expected: 'an "otpauthUri" (otpauth://totp/…) or a base32 "secret"',
    actual: res.text().slice(0, 200),
    hint: 'POST /auth/totp/enroll should answer the new secret as base32 "secret" or as an "otpauthUri", but the grader found neither.',
    exchange: res.exchange,
    topic: TOPIC.authenticationVsAuthorization,
  });
}

/** Confirms enrolment with the current step's code; the recovery codes it answers, or a failure. */
export async function confirmEnrolment(
  ctx: CheckContext,
  device: Device,
  totp: TotpParameters,
): Promise<{ step: number; recoveryCodes: string[] } | Failure> {
  const step = totpStep(totp);
  const res = await ctx.http.post('/auth/totp/confirm', {
    json: { code: totpCode(totp, step) },
    headers: device.bearer,
  });
  if (!isSuccess(res))
    return setupFailure(
      res,
      'to confirm TOTP enrolment with a correct code',
      TOPIC.authenticationVsAuthorization,
    );
  const codes = readPath(res.json(), 'recoveryCodes');
  const recoveryCodes = (Array.isArray(codes) ? codes : []).filter(
    (one): one is string => typeof one === 'string',
  );
  return { step, recoveryCodes };
}

/** A new account, signed in, with two-factor enrolled and confirmed. */
export async function newEnrolledDevice(ctx: CheckContext): Promise<EnrolledDevice | Failure> {
  const device = await newDevice(ctx);
  if (isFailure(device)) return device;
  const totp = await startEnrolment(ctx, device);
  if (isFailure(totp)) return totp;
  const confirmed = await confirmEnrolment(ctx, device, totp);
  if (isFailure(confirmed)) return confirmed;
  return { ...device, totp, confirmedStep: confirmed.step, recoveryCodes: confirmed.recoveryCodes };
}

/**
 * A code no earlier request used: the step after the confirmation's. Servers accept one step of drift,
 * so it works now, and a step boundary passing between two uses cannot make it look fresh again.
 */
export const nextCode = (device: EnrolledDevice): string => totpCode(device.totp, device.confirmedStep + 1);
