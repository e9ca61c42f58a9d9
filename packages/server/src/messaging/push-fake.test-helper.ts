import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, jwtVerify } from 'jose';

/**
 * A local stand-in for a browser push service (127.0.0.1, node:http). It holds the subscription's
 * private key, as a browser would, so it can prove what arrived: it verifies the VAPID JWT
 * (RFC 8292) against the key in the `k=` parameter (ES256, aud = this origin, exp within 24 h) and
 * decrypts the aes128gcm payload (RFC 8291). Anything wrong is a 400/401 and is recorded.
 */
export interface ReceivedPush {
  readonly path: string;
  readonly vapidPublicKey: string;
  readonly claims: { aud: string; exp: number; sub: string };
  readonly ttl: string | undefined;
  readonly payload: string;
}

export interface FakePushService {
  readonly origin: string;
  readonly received: ReceivedPush[];
  readonly rejected: string[];
  /** A new subscription at this service: endpoint + the keys a browser would hand out. */
  subscribe(): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Endpoints (paths) that answer 410 Gone from now on. */
  readonly gone: Set<string>;
  close(): Promise<void>;
}

function decrypt(body: Buffer, uaPrivate: ReturnType<typeof createECDH>, authSecret: Buffer) {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] ?? 0;
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  if (idlen !== 65) throw new Error(`keyid is ${idlen} bytes, expected 65`);
  if (ciphertext.length > rs) throw new Error('more than one record');
  const uaPublic = uaPrivate.getPublicKey();
  const ecdhSecret = uaPrivate.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('last record has no 0x02 delimiter');
  return padded.subarray(0, end).toString('utf8');
}

export async function startFakePushService(
  now: () => Date = () => new Date(),
): Promise<FakePushService> {
  const keys = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  const gone = new Set<string>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const path = req.url ?? '';
      const reject = (status: number, why: string) => {
        rejected.push(why);
        res.writeHead(status).end(why);
      };
      try {
        if (req.method !== 'POST') return reject(405, 'POST only');
        if (gone.has(path)) return void res.writeHead(410).end();
        const sub = keys.get(path);
        if (!sub) return void res.writeHead(404).end();
        const auth = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(
          req.headers.authorization ?? '',
        );
        if (!auth?.[1] || !auth[2]) return reject(401, 'no vapid authorization');
        const raw = Buffer.from(auth[2], 'base64url');
        if (raw.length !== 65 || raw[0] !== 4) return reject(401, 'k is not a P-256 point');
        const key = await importJWK(
          {
            kty: 'EC',
            crv: 'P-256',
            x: raw.subarray(1, 33).toString('base64url'),
            y: raw.subarray(33).toString('base64url'),
          },
          'ES256',
        );
        const { payload } = await jwtVerify(auth[1], key, {
          algorithms: ['ES256'],
          audience: origin,
          currentDate: now(),
        });
        const exp = Number(payload.exp);
        if (!(exp * 1000 - now().getTime() <= 24 * 3600 * 1000))
          return reject(401, 'exp beyond 24 h');
        if (req.headers['content-encoding'] !== 'aes128gcm') return reject(400, 'not aes128gcm');
        const text = decrypt(Buffer.concat(chunks), sub.ecdh, sub.auth);
        received.push({
          path,
          vapidPublicKey: auth[2],
          claims: payload as ReceivedPush['claims'],
          ttl: req.headers.ttl as string | undefined,
          payload: text,
        });
        res.writeHead(201).end();
      } catch (error) {
        reject(400, (error as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    rejected,
    gone,
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const path = `/push/${randomBytes(8).toString('hex')}`;
      keys.set(path, { ecdh, auth });
      return {
        endpoint: `${origin}${path}`,
        keys: {
          p256dh: ecdh.getPublicKey().toString('base64url'),
          auth: auth.toString('base64url'),
        },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
