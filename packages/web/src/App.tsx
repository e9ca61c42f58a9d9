import type { RecoveryPlan } from '@lamina/pathway';
import {
  Component,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react';
import { useI18n } from './i18n/i18n.tsx';
import type { Me } from './lib/api.ts';
import { flush, pending, type SubmitResult, subscribe } from './lib/outbox.ts';
import { showResult } from './lib/result.ts';
import { Link, navigate, usePath } from './lib/router.tsx';
import { loadMe, loadPlan } from './lib/session.ts';
import { Result } from './screens/Result.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { Today } from './screens/Today.tsx';
import { LanguageSwitch } from './ui/LanguageSwitch.tsx';

// Heavier screens load when first opened; the service worker keeps them for offline use.
const Checkin = lazy(() => import('./screens/Checkin.tsx'));
const Recovery = lazy(() => import('./screens/Recovery.tsx'));
const Exercises = lazy(() => import('./screens/Exercises.tsx'));
const Questionnaires = lazy(() => import('./screens/Questionnaires.tsx'));
const Messages = lazy(() => import('./screens/Messages.tsx'));
const Learn = lazy(() => import('./screens/Learn.tsx'));
const Reminders = lazy(() => import('./screens/Reminders.tsx'));
const Candidacy = lazy(() => import('./screens/Candidacy.tsx'));
const Treatments = lazy(() => import('./screens/Treatments.tsx'));
const MyScans = lazy(() => import('./imaging/PatientImaging.tsx'));
const Peers = lazy(() => import('./screens/peers/Peers.tsx'));
const IntakeScreen = lazy(() => import('./screens/intake/IntakeScreen.tsx'));
const SecondOpinion = lazy(() => import('./screens/second-opinion/SecondOpinion.tsx'));

const publicPaths = ['/check', '/treatments', '/signin', '/request', '/request-status'];

export interface PatientContext {
  me: Me & { patientId: string };
  plan: RecoveryPlan;
  planSaved: boolean;
  offline: boolean;
}

export function App() {
  const path = usePath();
  const { t } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [offline, setOffline] = useState(!navigator.onLine);
  const [plan, setPlan] = useState<{ plan: RecoveryPlan; saved: boolean } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [sent, setSent] = useState<SubmitResult[]>([]);

  const refresh = useCallback(async () => {
    try {
      const session = await loadMe();
      setMe(session.me);
      if (session.me?.patientId) setPlan(await loadPlan(session.me.patientId));
      setLoadError(null);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Send what waits on the phone: now, when the connection returns, and every 20 s while any wait.
  const sendWaiting = useCallback(async () => {
    if (pending().length === 0) return;
    const results = await flush();
    if (results.length > 0) setSent((earlier) => [...earlier, ...results]);
  }, []);
  useEffect(() => {
    const online = () => {
      setOffline(false);
      void sendWaiting();
    };
    const gone = () => setOffline(true);
    window.addEventListener('online', online);
    window.addEventListener('offline', gone);
    void sendWaiting();
    const timer = window.setInterval(() => void sendWaiting(), 20_000);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', gone);
      window.clearInterval(timer);
    };
  }, [sendWaiting]);

  const isPublic = publicPaths.some((p) => path === p || path.startsWith(`${p}/`));
  useEffect(() => {
    if (me === null && !isPublic) navigate('/signin', { replace: true });
  }, [me, isPublic]);

  let screen: ReactNode;
  if (path === '/check' || path.startsWith('/check/')) screen = <Candidacy />;
  else if (path === '/treatments') screen = <Treatments />;
  else if (/^\/request(-status)?(\/|$)/.test(path)) screen = <IntakeScreen />;
  else if (path === '/signin')
    screen = (
      <SignIn
        onSignedIn={async () => {
          await refresh();
          navigate('/', { replace: true });
        }}
      />
    );
  else if (loadError) screen = <p role="alert">{t('app.loadError')}</p>;
  else if (me === undefined || (me?.patientId && !plan)) screen = <Loading />;
  else if (!me?.patientId || !plan) screen = <p>{t('app.notPatient')}</p>;
  else {
    const ctx: PatientContext = {
      me: me as Me & { patientId: string },
      plan: plan.plan,
      planSaved: plan.saved,
      offline,
    };
    screen = patientScreen(path, ctx);
  }

  const signedIn = Boolean(me?.patientId) && !isPublic;
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <Link href={signedIn ? '/' : '/check'} className="brand">
          Lamina
        </Link>
        <LanguageSwitch />
      </header>
      {signedIn ? <OutboxBanner offline={offline} onRetry={sendWaiting} /> : null}
      {signedIn && sent.length > 0 ? (
        <SentBanner
          results={sent}
          region={plan?.plan.surgery.region ?? 'lumbar'}
          onDone={() => setSent([])}
        />
      ) : null}
      <main id="main">
        <ErrorBoundary fallback={<p role="alert">{t('app.needsConnection')}</p>} key={path}>
          <Suspense fallback={<Loading />}>{screen}</Suspense>
        </ErrorBoundary>
      </main>
      {signedIn ? <BottomNav path={path} /> : null}
    </>
  );
}

function patientScreen(path: string, ctx: PatientContext): ReactNode {
  if (path === '/peers' || path.startsWith('/peers/')) return <Peers ctx={ctx} path={path} />;
  switch (path) {
    case '/':
      return <Today ctx={ctx} />;
    case '/checkin':
      return <Checkin ctx={ctx} />;
    case '/checkin/result':
      return <Result ctx={ctx} />;
    case '/recovery':
      return <Recovery ctx={ctx} />;
    case '/exercises':
      return <Exercises ctx={ctx} />;
    case '/questionnaires':
      return <Questionnaires ctx={ctx} />;
    case '/messages':
      return <Messages ctx={ctx} />;
    case '/reminders':
      return <Reminders ctx={ctx} />;
    case '/learn':
      return <Learn ctx={ctx} />;
    case '/scans':
      return <MyScans patientId={ctx.me.patientId} />;
    case '/second-opinion':
      return <SecondOpinion ctx={ctx} />;
    default:
      return <Today ctx={ctx} />;
  }
}

function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

function OutboxBanner({ offline, onRetry }: { offline: boolean; onRetry(): Promise<void> }) {
  const { t } = useI18n();
  const waiting = useSyncExternalStore(subscribe, pending);
  if (waiting.length === 0) return offline ? <p className="banner">{t('outbox.offline')}</p> : null;
  const refused = waiting.filter((w) => w.refused);
  return (
    <section className="banner waiting" aria-live="polite" data-testid="outbox">
      <p>
        <strong>{t('outbox.waiting', { count: waiting.length })}</strong>{' '}
        {offline ? t('outbox.whenOnline') : t('outbox.sending')}
      </p>
      {refused.map((r) => (
        <p key={r.idempotencyKey}>{t('outbox.refused', { reason: r.refused ?? '' })}</p>
      ))}
      <button type="button" className="secondary" onClick={() => void onRetry()}>
        {t('outbox.retry')}
      </button>
    </section>
  );
}

function SentBanner({
  results,
  region,
  onDone,
}: {
  results: SubmitResult[];
  region: RecoveryPlan['surgery']['region'];
  onDone(): void;
}) {
  const { t } = useI18n();
  const last = results[results.length - 1];
  if (!last) return null;
  return (
    <section className="banner sent" role="status" data-testid="sent">
      <p>{t('outbox.sent', { count: results.length })}</p>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          showResult({ decision: last.decision, region, sent: true, alerted: last.alert !== null });
          onDone();
          navigate('/checkin/result');
        }}
      >
        {t('outbox.seeAnswer')}
      </button>{' '}
      <button type="button" className="link" onClick={onDone}>
        {t('outbox.dismiss')}
      </button>
    </section>
  );
}

function BottomNav({ path }: { path: string }) {
  const { t } = useI18n();
  const items = [
    ['/', t('nav.today'), '●'],
    ['/recovery', t('nav.recovery'), '↗'],
    ['/exercises', t('nav.exercises'), '✚'],
    ['/messages', t('nav.messages'), '✉'],
    ['/learn', t('nav.learn'), '?'],
  ] as const;
  return (
    <nav className="bottom" aria-label={t('nav.label')}>
      {items.map(([href, label, icon]) => (
        <Link key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          <span aria-hidden="true">{icon}</span>
          {label}
        </Link>
      ))}
    </nav>
  );
}

class ErrorBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
