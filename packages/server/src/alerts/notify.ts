import nodemailer, { type Transporter } from 'nodemailer';
import type { AlertTarget } from '@waymark/core';
import type { AlertPayload } from './alert-payload.ts';

export interface NotifyOptions {
  /** Delays before each retry of a webhook; its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  readonly timeoutMs: number;
  readonly mail: { readonly transport: Transporter; readonly from: string } | null;
  /** Ends a delivery early (the server is stopping): no further attempt is made. */
  readonly signal?: AbortSignal;
}

export interface NotifyOutcome {
  readonly ok: boolean;
  readonly attempts: number;
  readonly error: string | null;
}

/** Waits `ms`, or less if the signal aborts first. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

const STOPPED = 'the server stopped before the alert was delivered';

/** Network failures, timeouts, 5xx, 408 and 429 may pass on a retry; any other answer will not. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/** POSTs the alert as JSON, retrying transient failures with the given delays. */
export async function sendWebhook(url: string, payload: AlertPayload, options: NotifyOptions): Promise<NotifyOutcome> {
  let error = '';
  for (let attempt = 1; attempt <= options.retryDelaysMs.length + 1; attempt++) {
    if (options.signal?.aborted) return { ok: false, attempts: attempt - 1, error: `${STOPPED} (last error: ${error})` };
    try {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Waymark alerts', 'x-waymark-alert-id': payload.alertId },
        body: JSON.stringify(payload),
        signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
      });
      await response.arrayBuffer();
      if (response.ok) return { ok: true, attempts: attempt, error: null };
      error = `HTTP ${response.status}`;
      if (!retryable(response.status)) return { ok: false, attempts: attempt, error };
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const delay = options.retryDelaysMs[attempt - 1];
    if (delay === undefined) return { ok: false, attempts: attempt, error };
    await sleep(delay, options.signal);
  }
  return { ok: false, attempts: options.retryDelaysMs.length + 1, error };
}

export async function sendEmail(address: string, payload: AlertPayload, options: NotifyOptions): Promise<NotifyOutcome> {
  if (!options.mail) return { ok: false, attempts: 0, error: 'no SMTP server is configured (WAYMARK_SMTP_URL)' };
  try {
    await options.mail.transport.sendMail({ from: options.mail.from, to: address, subject: `[Waymark] ${payload.rule.name}`, text: emailText(payload) });
    return { ok: true, attempts: 1, error: null };
  } catch (e) {
    return { ok: false, attempts: 1, error: e instanceof Error ? e.message : String(e) };
  }
}

export function notify(target: AlertTarget, payload: AlertPayload, options: NotifyOptions): Promise<NotifyOutcome> {
  return 'webhook' in target ? sendWebhook(target.webhook, payload, options) : sendEmail(target.email, payload, options);
}

export function mailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

function emailText(p: AlertPayload): string {
  const props = p.event.properties;
  const lines = [
    `Alert "${p.rule.name}" in project ${p.projectId}.`,
    '',
    `${p.event.event} at ${p.event.timestamp} (${p.event.channel})`,
    ...['survey_id', 'question_id', 'score', 'choice', 'text', 'touchpoint_id', 'sentiment'].filter((k) => props[k] !== undefined).map((k) => `  ${k}: ${JSON.stringify(props[k])}`),
    '',
    `Person: ${p.person.personId}${p.person.userId ? ` (user ${p.person.userId})` : ''}`,
    `Open: ${p.person.link}`,
    `Sessions: ${p.sessions.join(', ') || 'none'}`,
    '',
    'Recent timeline (newest first):',
    ...p.timeline.map((e) => `  ${e.timestamp}  ${e.channel.padEnd(8)} ${e.event}`),
  ];
  return lines.join('\n');
}
