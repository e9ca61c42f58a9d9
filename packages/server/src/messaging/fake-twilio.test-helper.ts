import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTwilioRequest {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  form: Record<string, string>;
}

/**
 * A local stand-in for Twilio's Messages API on 127.0.0.1 that checks each request the way Twilio
 * documents it and answers like Twilio: 201 with the Message resource, or an error JSON (code,
 * message, status). `answer` picks the reply per request (default: accepted).
 */
export async function fakeTwilio(
  accountSid: string,
  authToken: string,
  answer: (request: FakeTwilioRequest) => {
    status: number;
    code?: number;
    message?: string;
  } = () => ({
    status: 201,
  }),
) {
  const received: FakeTwilioRequest[] = [];
  let count = 0;
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const request: FakeTwilioRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization ?? '',
      contentType: req.headers['content-type'] ?? '',
      form: Object.fromEntries(new URLSearchParams(body)),
    };
    received.push(request);
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (request.authorization !== expectedAuth)
      return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    if (
      request.method !== 'POST' ||
      request.path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`
    )
      return reply(404, {
        code: 20404,
        message: 'The requested resource was not found',
        status: 404,
      });
    if (!request.contentType.startsWith('application/x-www-form-urlencoded'))
      return reply(400, { code: 21600, message: 'Unsupported content type', status: 400 });
    if (
      !request.form.To ||
      !request.form.Body ||
      !(request.form.From || request.form.MessagingServiceSid)
    )
      return reply(400, {
        code: 21604,
        message: "A 'To', 'Body' and 'From' or 'MessagingServiceSid' are required.",
        status: 400,
      });
    const chosen = answer(request);
    if (chosen.status !== 201)
      return reply(chosen.status, {
        code: chosen.code ?? 20500,
        message: chosen.message ?? 'Internal Server Error',
        status: chosen.status,
      });
    count++;
    reply(201, {
      sid: `SM${String(count).padStart(32, '0')}`,
      account_sid: accountSid,
      to: request.form.To,
      from: request.form.From ?? null,
      messaging_service_sid: request.form.MessagingServiceSid ?? null,
      body: request.form.Body,
      status: 'queued',
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
