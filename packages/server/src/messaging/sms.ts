/**
 * SMS leaves the building through one provider interface. The outbox (jobs/outbox.ts) is still the
 * one way to queue a message: callers never call a provider directly; jobs/outbox-sender.ts does.
 */

/** What a provider says when a message could not be sent. */
export class SmsSendError extends Error {
  /** true: the provider refused this message for good (4xx other than 429): do not retry. */
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'SmsSendError';
    this.permanent = permanent;
  }
}

export interface SmsProvider {
  /** Sends one message to an E.164 number; resolves with the provider's id for it. */
  send(message: { to: string; body: string }): Promise<{ id: string; status: string }>;
}

export interface TwilioConfig {
  readonly accountSid: string;
  readonly authToken: string;
  /** A Twilio number (E.164) or a Messaging Service SID (MG…). */
  readonly from: string;
  /** https://api.twilio.com unless tests point it at a fake. */
  readonly baseUrl?: string;
}

/**
 * Twilio's Messages API: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic
 * AccountSid:AuthToken, form fields To, From (or MessagingServiceSid) and Body. 201 with the
 * Message resource (sid, status); an error answers JSON with code and message.
 */
export function twilioSms(config: TwilioConfig): SmsProvider {
  const base = (config.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  return {
    async send({ to, body }) {
      const form = new URLSearchParams({ To: to });
      if (/^MG[0-9a-f]{32}$/i.test(config.from)) form.set('MessagingServiceSid', config.from);
      else form.set('From', config.from);
      form.set('Body', body);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new SmsSendError(`twilio: ${(error as Error).message}`, false);
      }
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // An answer that is not JSON (a proxy's error page): described by its status below.
      }
      if (response.status === 200 || response.status === 201) {
        if (typeof json.sid !== 'string')
          throw new SmsSendError(`twilio: answer ${response.status} without a message sid`, false);
        return { id: json.sid, status: typeof json.status === 'string' ? json.status : 'queued' };
      }
      const code = typeof json.code === 'number' || typeof json.code === 'string' ? json.code : '-';
      const message = typeof json.message === 'string' ? json.message : text.slice(0, 200);
      const retry = response.status === 429 || response.status >= 500;
      throw new SmsSendError(`twilio ${response.status} (code ${code}): ${message}`, !retry);
    },
  };
}

/** The provider from the environment, like SMTP: nothing set means SMS wait in the outbox. */
export function smsProviderFromEnv(
  env: Record<string, string | undefined>,
): { provider: SmsProvider; description: string } | undefined {
  const accountSid = env.LAMINA_SMS_TWILIO_ACCOUNT_SID?.trim();
  const authToken = env.LAMINA_SMS_TWILIO_AUTH_TOKEN?.trim();
  const from = env.LAMINA_SMS_FROM?.trim();
  if (!accountSid && !authToken && !from) return undefined;
  const missing = [
    accountSid ? null : 'LAMINA_SMS_TWILIO_ACCOUNT_SID',
    authToken ? null : 'LAMINA_SMS_TWILIO_AUTH_TOKEN',
    from ? null : 'LAMINA_SMS_FROM',
  ].filter((name) => name !== null);
  if (missing.length > 0 || !accountSid || !authToken || !from)
    throw new Error(`SMS: set ${missing.join(' and ')} too (or none of the LAMINA_SMS_ settings).`);
  const baseUrl = env.LAMINA_SMS_TWILIO_BASE_URL?.trim() || undefined;
  return {
    provider: twilioSms({ accountSid, authToken, from, ...(baseUrl ? { baseUrl } : {}) }),
    description: `Twilio (${baseUrl ?? 'https://api.twilio.com'})`,
  };
}
