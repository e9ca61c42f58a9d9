import {
  lazy,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { ApiError, api, type Me } from '../lib/api.ts';
import { Link, navigate, usePath } from '../lib/router.tsx';
import { signOut } from '../lib/session.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { LazyScreen } from '../ui/LazyScreen.tsx';
import { MfaSetup, ResetPassword } from './Account.tsx';
import { AcceptInvitation, FirstRunSetup, useSetupNeeded } from './ClinicSetup.tsx';
import { chime, useEmergencySound } from './emergency-sound.ts';
import { useT } from './i18n.ts';
import { LiveQueueProvider, useLiveQueue } from './live-queue.tsx';
import { Queue } from './Queue.tsx';
import { StaffSignIn } from './SignIn.tsx';
import { can } from './types.ts';
import { Loading } from './ui-loading.tsx';
import './console.css';

const PatientView = lazy(() => import('./PatientView.tsx'));
const Patients = lazy(() => import('./Patients.tsx'));
const Enrol = lazy(() => import('./Enrol.tsx'));
const ImportPatients = lazy(() => import('./ImportPatients.tsx'));
const Inbox = lazy(() => import('./Inbox.tsx'));
const Worklist = lazy(() => import('./Worklist.tsx'));
const Notifications = lazy(() => import('./Notifications.tsx'));
const Outcomes = lazy(() => import('./Outcomes.tsx'));
const Settings = lazy(() => import('./Settings.tsx'));
const PatientInvitations = lazy(() => import('./PatientInvitations.tsx'));
const Peers = lazy(() => import('./Peers.tsx'));
const Requests = lazy(() => import('./Requests.tsx'));
const SecondOpinions = lazy(() => import('./SecondOpinions.tsx'));

/** The care-team console at /console: its own sign-in, menu and screens, loaded only here. */
export default function ConsoleApp() {
  const path = usePath();
  const { t } = useT();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setMe(await api.get<Me>('/api/auth/me'));
      setFailed(false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else setFailed(true);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const setupNeeded = useSetupNeeded();
  const invitation = new URLSearchParams(location.search).get('invitation');
  useEffect(() => {
    if (
      me === null &&
      setupNeeded === false &&
      !invitation &&
      path !== '/console/signin' &&
      path !== '/console/reset-password'
    )
      navigate('/console/signin', { replace: true });
  }, [me, path, setupNeeded, invitation]);

  // A layout effect, so the shell's passive effect (the emergency count in the title) runs after it.
  useLayoutEffect(() => {
    document.title = t('console.title');
  }, [t]);

  let body: ReactNode;
  if (invitation && !me)
    body = (
      <main id="main" className="console-main narrow">
        <AcceptInvitation token={invitation} />
      </main>
    );
  else if (setupNeeded && !me)
    body = (
      <main id="main" className="console-main narrow">
        <FirstRunSetup />
      </main>
    );
  else if (path === '/console/signin')
    body = (
      <main id="main" className="console-main narrow">
        <StaffSignIn
          onSignedIn={async () => {
            await refresh();
            navigate('/console', { replace: true });
          }}
        />
      </main>
    );
  else if (path === '/console/reset-password')
    body = (
      <main id="main" className="console-main narrow">
        <ResetPassword />
      </main>
    );
  else if (failed) body = <p role="alert">{t('console.loadError')}</p>;
  else if (!me) body = <Loading />;
  else if (me.mfaSetupRequired)
    body = (
      <main id="main" className="console-main narrow">
        <MfaSetup onDone={refresh} />
      </main>
    );
  else if (me.role === 'patient')
    body = (
      <main id="main" className="console-main narrow">
        <h1>{t('console.notStaffTitle')}</h1>
        <p>{t('console.notStaff')}</p>
        <p>
          <a href="/">{t('console.toPatientApp')}</a>
        </p>
      </main>
    );
  else {
    const screens = <Screens path={path} me={me} />;
    body = can(me.role).queue ? (
      <LiveQueueProvider>
        <Shell path={path} me={me} onSignedOut={() => setMe(null)}>
          {screens}
        </Shell>
      </LiveQueueProvider>
    ) : (
      <Shell path={path} me={me} onSignedOut={() => setMe(null)}>
        {screens}
      </Shell>
    );
  }
  return <div className="console">{body}</div>;
}

/** Care managers and admins oversee peer volunteers (server: the 'manage-peers' permission). */
const managesPeers = (role: string) => role === 'care_manager' || role === 'admin';
/** Care managers and admins invite patients to the app (server: the 'invite' permission). */
const invites = (role: string) => role === 'care_manager' || role === 'admin';

function Screens({ path, me }: { path: string; me: Me }) {
  const { t } = useT();
  const allowed = can(me.role);
  const patient = /^\/console\/patients\/([0-9a-f-]{36})$/.exec(path)?.[1];
  const secondOpinion = /^\/console\/second-opinions(?:\/([0-9a-f-]{36}))?$/.exec(path);
  let screen: ReactNode;
  if (patient) screen = <PatientView patientId={patient} me={me} />;
  else if (path === '/console/patients/new' && allowed.enrol) screen = <Enrol />;
  else if (path === '/console/patients/import' && allowed.enrol) screen = <ImportPatients />;
  else if (path === '/console/patients' && allowed.patients)
    screen = <Patients canEnrol={allowed.enrol} appStatus={allowed.queue} />;
  else if (path === '/console/off-track' && allowed.queue) screen = <Queue calm />;
  else if (path === '/console/inbox' && allowed.messages) screen = <Inbox me={me} />;
  else if (path === '/console/worklist' && allowed.queue) screen = <Worklist />;
  else if (path === '/console/notifications' && allowed.queue) screen = <Notifications />;
  else if (path === '/console/outcomes' && allowed.outcomes) screen = <Outcomes />;
  else if (path === '/console/settings' && allowed.settings) screen = <Settings />;
  else if (path === '/console/invitations' && invites(me.role)) screen = <PatientInvitations />;
  else if (path === '/console/peers' && managesPeers(me.role)) screen = <Peers />;
  else if (path === '/console/requests' && (allowed.leads || allowed.imagingReviews))
    screen = <Requests me={me} />;
  else if (secondOpinion && allowed.secondOpinions)
    screen = <SecondOpinions me={me} caseId={secondOpinion[1]} />;
  // A reviewer's desk is their assigned second opinions; nothing else.
  else if (me.role === 'reviewer') screen = <SecondOpinions me={me} />;
  else if (allowed.queue) screen = <Queue />;
  else if (allowed.patients) screen = <Patients />;
  else screen = <p>{t('console.nothingForRole')}</p>;
  return (
    <LazyScreen path={path} loading={t('console.loading')} failed={t('console.loadError')}>
      {screen}
    </LazyScreen>
  );
}

function Shell({
  path,
  me,
  onSignedOut,
  children,
}: {
  path: string;
  me: Me;
  onSignedOut(): void;
  children: ReactNode;
}) {
  const { t } = useT();
  const live = useLiveQueue();
  const allowed = can(me.role);
  const openEmergencies = (live?.alerts ?? []).filter(
    (a) => a.level === 'emergency' && a.status === 'open',
  );
  const onQueue = path === '/console' || path === '/console/';
  const latest = live?.arrivals.at(-1);
  const [soundOn, setSoundOn] = useEmergencySound();
  // Issue 17: the tab's title counts open emergencies, so a nurse in another tab sees one arrive.
  const emergencyCount = openEmergencies.length;
  useEffect(() => {
    document.title =
      emergencyCount > 0 ? t('queue.tabTitle', { count: emergencyCount }) : t('console.title');
  }, [emergencyCount, t]);
  useEffect(
    () => () => {
      document.title = t('console.title');
    },
    [t],
  );
  // The optional chime, once per newly arrived emergency.
  const chimed = useRef(latest?.id);
  useEffect(() => {
    if (!latest || chimed.current === latest.id) return;
    chimed.current = latest.id;
    if (soundOn) chime();
  }, [latest, soundOn]);
  const items: [string, string, number | undefined][] = [];
  if (allowed.queue) items.push(['/console', t('nav.queue'), live?.alerts?.length]);
  if (allowed.queue) items.push(['/console/off-track', t('nav.offTrack'), live?.offTrack?.length]);
  if (allowed.queue) items.push(['/console/worklist', t('nav.worklist'), undefined]);
  if (allowed.patients) items.push(['/console/patients', t('nav.patients'), undefined]);
  if (allowed.messages) items.push(['/console/inbox', t('nav.inbox'), undefined]);
  if (allowed.leads) items.push(['/console/requests', t('nav.requests'), undefined]);
  if (allowed.imagingReviews) items.push(['/console/requests', t('nav.imagingReviews'), undefined]);
  if (allowed.outcomes) items.push(['/console/outcomes', t('nav.outcomes'), undefined]);
  if (allowed.settings) items.push(['/console/settings', t('nav.settings'), undefined]);
  if (invites(me.role)) items.push(['/console/invitations', t('nav.invitations'), undefined]);
  if (managesPeers(me.role)) items.push(['/console/peers', t('nav.peers'), undefined]);
  if (allowed.queue) items.push(['/console/notifications', t('nav.notifications'), undefined]);
  if (allowed.secondOpinions)
    items.push([
      '/console/second-opinions',
      me.role === 'reviewer' ? t('nav.myCases') : t('nav.secondOpinions'),
      undefined,
    ]);
  const current = (href: string) =>
    href === '/console' ? onQueue : path === href || path.startsWith(`${href}/`);

  return (
    <>
      <a className="skip" href="#main">
        {t('console.skip')}
      </a>
      <header className="console-top">
        <Link href="/console" className="brand">
          {t('console.brand')}
        </Link>
        <nav aria-label={t('nav.consoleLabel')}>
          {items.map(([href, label, count]) => (
            <Link key={href} href={href} aria-current={current(href) ? 'page' : undefined}>
              {label}
              {count !== undefined ? <span className="count"> ({count})</span> : null}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span>{me.displayName}</span>
          {live ? (
            <label className="sound-switch">
              <input
                type="checkbox"
                checked={soundOn}
                onChange={(e) => setSoundOn(e.target.checked)}
                data-testid="emergency-sound"
              />{' '}
              {t('queue.sound')}
            </label>
          ) : null}
          <LanguageSwitch />
          <button
            type="button"
            className="secondary small"
            onClick={async () => {
              await signOut().catch(() => undefined);
              onSignedOut();
            }}
          >
            {t('console.signOut')}
          </button>
        </div>
      </header>
      {/* Polite: it must not cut off a nurse mid-sentence on a call, but it is always read. */}
      <p className="visually-hidden" aria-live="polite" data-testid="announce">
        {latest
          ? t('queue.announceEmergency', {
              name: `${latest.patient.givenName} ${latest.patient.familyName}`,
            })
          : ''}
      </p>
      {!onQueue && openEmergencies.length > 0 ? (
        <p className="emergency-banner" data-testid="emergency-banner">
          <strong>{t('queue.openEmergencies', { count: openEmergencies.length })}</strong>{' '}
          <Link href="/console">{t('queue.goToQueue')}</Link>
        </p>
      ) : null}
      <main id="main" className="console-main">
        {children}
      </main>
    </>
  );
}
