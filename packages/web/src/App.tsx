import type { RecoveryPlan } from '@lamina/pathway';
import {
  lazy,
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useI18n } from './i18n/i18n.tsx';
import { ApiError, api, type Me } from './lib/api.ts';
import { flush, pending, type SubmitResult, subscribe } from './lib/outbox.ts';
import type { PatientContext } from './lib/patient-context.ts';
import { showResult } from './lib/result.ts';
import { Link, navigate, usePath } from './lib/router.tsx';
import { loadMe, loadPlan } from './lib/session.ts';
import { useUnread } from './lib/unread.ts';
import { Result } from './screens/Result.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { Today } from './screens/Today.tsx';
import { LanguageSwitch } from './ui/LanguageSwitch.tsx';
import { LazyScreen } from './ui/LazyScreen.tsx';

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

// Re-exported for screens that still import it from here; new code imports lib/patient-context.ts.
export type { PatientContext };

export function App() {
  const path = usePath();
  const { t, fromServer } = useI18n();
  const fromServerRef = useRef(fromServer);
  fromServerRef.current = fromServer;
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [offline, setOffline] = useState(!navigator.onLine);
  const [plan, setPlan] = useState<{ plan: RecoveryPlan; saved: boolean } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** The surgery was cancelled (issue 15): no plan follows from it, and the app says so. */
  const [surgeryCancelled, setSurgeryCancelled] = useState(false);
  const [sent, setSent] = useState<SubmitResult[]>([]);

  const refresh = useCallback(async () => {
    try {
      const session = await loadMe();
      setMe(session.me);
      if (session.me?.patientId) {
        const patientId = session.me.patientId;
        // The stored language wins over this phone's: the patient chose it (or the clinic did).
        // A switch pressed in this tab wins over both, however late the stored one arrives, and
        // becomes the stored one (issue 15).
        void api
          .get<{ language: 'en' | 'es' }>(`/api/patients/${patientId}/language`)
          .then((stored) => {
            const shown = fromServerRef.current(stored.language);
            if (shown !== stored.language)
              return api.put(`/api/patients/${patientId}/language`, { language: shown });
          })
          .catch(() => {});
        setPlan(await loadPlan(patientId));
      }
      setLoadError(null);
      setSurgeryCancelled(false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setSurgeryCancelled(true);
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
  else if (surgeryCancelled) screen = <p role="status">{t('app.surgeryCancelled')}</p>;
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
          {signedIn && me?.clinic?.slug ? (
            <ClinicLogo slug={me.clinic.slug} name={me.clinic.name} />
          ) : null}
          Lamina
        </Link>
        <LanguageSwitch patientId={signedIn ? me?.patientId : null} />
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
        <LazyScreen path={path} loading={t('app.loading')} failed={t('app.needsConnection')}>
          {screen}
        </LazyScreen>
      </main>
      {signedIn ? <BottomNav path={path} patientId={me?.patientId ?? null} /> : null}
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

/** The clinic's logo beside the app's name; nothing when the clinic has none (or offline). */
function ClinicLogo({ slug, name }: { slug: string; name: string }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    <img
      className="clinic-logo"
      src={`/api/public/${encodeURIComponent(slug)}/logo`}
      alt={t('app.clinicLogo', { clinic: name })}
      height={28}
      onError={() => setFailed(true)}
    />
  );
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

function BottomNav({ path, patientId }: { path: string; patientId: string | null }) {
  const { t } = useI18n();
  // Unread messages from the care team: a badge on Messages (issue 17), none while reading them.
  const unread = useUnread(patientId, path);
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
          {href === '/messages' && unread > 0 && path !== '/messages' ? (
            <span className="badge" data-testid="messages-badge">
              {unread}
              <span className="visually-hidden"> {t('today.unread')}</span>
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}
