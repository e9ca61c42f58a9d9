import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));

export interface RunningServer {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the server printed so far. */
  output(): string;
  /** The latest one-time sign-in code the server printed for an email (dev mail). */
  codeFor(email: string, timeoutMs?: number): Promise<string>;
  stop(): Promise<number | null>;
}

/**
 * Starts a real `lamina serve` process on a free port and resolves once it prints its address.
 * Rejects with the output (and `code`) if it exits first.
 */
export function startServer(args: string[], env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [mainPath, 'serve', '--port', '0', ...args], {
    // A test server is a development server unless a test says otherwise (LAMINA_PUBLIC_URL may default).
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        resolve({
          child,
          url,
          output: () => output,
          async codeFor(email, timeoutMs = 5000) {
            const deadline = Date.now() + timeoutMs;
            for (;;) {
              const all = [
                ...output.matchAll(/\[dev mail\] to (\S+): sign-in code (\d{6})/g),
              ].filter((m) => m[1] === email);
              const code = all.at(-1)?.[2];
              if (code) return code;
              if (Date.now() > deadline) throw new Error(`no sign-in code for ${email}`);
              await new Promise((r) => setTimeout(r, 20));
            }
          },
          async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) =>
      reject(
        Object.assign(new Error(`lamina serve exited with ${code}: ${output}`), { code, output }),
      ),
    );
  });
}

/** Signs in over HTTP and returns the session cookie. */
export async function signIn(
  server: RunningServer,
  who: { staff: string; password: string } | { patient: string },
  clinic = 'demo',
) {
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let response: Response;
  if ('staff' in who) {
    response = await post('/api/auth/sign-in', {
      clinic,
      email: who.staff,
      password: who.password,
    });
  } else {
    await post('/api/auth/patient/code', { clinic, email: who.patient });
    response = await post('/api/auth/patient/verify', {
      clinic,
      email: who.patient,
      code: await server.codeFor(who.patient),
    });
  }
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

/** The demo's Rosa signs in on `server` and posts a check-in with chest pain (an emergency). */
export async function postDemoEmergency(server: RunningServer): Promise<Response> {
  const patient = await signIn(server, { patient: 'rosa@demo.example' });
  const me = (await (
    await fetch(`${server.url}/api/auth/me`, { headers: { cookie: patient } })
  ).json()) as { patientId: string };
  return fetch(`${server.url}/api/patients/${me.patientId}/checkins`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: patient },
    body: JSON.stringify({ idempotencyKey: crypto.randomUUID(), checkin: { chestPain: 'yes' } }),
  });
}

/** Reads server-sent events from a fetch response. */
export function sseReader(response: Response) {
  if (!response.body) throw new Error('no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<{ event: string; data: unknown }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) return { event, data: JSON.parse(data) };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += value;
      }
    },
    close: () => reader.cancel(),
  };
}
