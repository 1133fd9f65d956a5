import type { AcquisitionPlan, AcquisitionSource } from '../acquisition.ts';
import type { Period } from '../clock.ts';
import type { Country, Device } from '../people.ts';
import type { ProblemSchedule } from '../problems.ts';
import type { Rng } from '../rng.ts';
import type { Writer } from '../writer.ts';
import type { SaasPersona } from './saas-model.ts';

export interface SaasRun {
  readonly period: Period;
  readonly w: Writer;
  readonly schedule: ProblemSchedule;
  readonly plan: AcquisitionPlan;
  readonly dayCdf: Float64Array;
  readonly effects: Readonly<Record<'saas_signup_phone_field' | 'saas_welcome_email_outlook', number>>;
}

export interface SaasCustomer {
  readonly rng: Rng;
  readonly tag: string;
  readonly persona: SaasPersona;
  readonly country: Country;
  readonly source: AcquisitionSource;
  readonly userId: string;
  readonly email: string;
  readonly emailDomain: string;
  readonly company: string;
  readonly companySize: string;
  readonly name: string;
  readonly primary: Device;
  second: Device | null;
  sessions: number;
  /** Time of signup, -1 before. */
  signedUpAt: number;
}
