import { useI18n } from '../../i18n/i18n.tsx';
import type { PatientContext } from '../../lib/patient-context.ts';
import { Link } from '../../lib/router.tsx';
import { useLoaded } from '../../lib/use-loaded.ts';
import { Ask } from './Ask.tsx';
import { Thread } from './Thread.tsx';
import type { Connection } from './types.ts';
import { Volunteer } from './Volunteer.tsx';

/** Connect with a past patient: /peers, /peers/volunteer, /peers/ask, /peers/c/:connectionId. */
export default function Peers({ ctx, path }: { ctx: PatientContext; path: string }) {
  if (path === '/peers/volunteer') return <Volunteer />;
  if (path === '/peers/ask') return <Ask />;
  const thread = /^\/peers\/c\/([0-9a-f-]{36})$/.exec(path)?.[1];
  if (thread) return <Thread ctx={ctx} connectionId={thread} />;
  return <Home />;
}

function Home() {
  const { t } = useI18n();
  const { data, failed } = useLoaded<{ connections: Connection[] }>('/api/peers/connections');
  const connections = data?.connections;

  return (
    <div className="screen peers">
      <h1>{t('peers.title')}</h1>
      <p>{t('peers.intro')}</p>
      <Link href="/peers/ask" className="button primary big">
        {t('peers.ask')}
      </Link>
      <section className="card" aria-labelledby="peer-connections-title">
        <h2 id="peer-connections-title">{t('peers.myConnections')}</h2>
        {failed ? <p role="alert">{t('app.needsConnection')}</p> : null}
        {connections && connections.length === 0 ? <p>{t('peers.none')}</p> : null}
        <ul className="links" data-testid="peer-connections">
          {(connections ?? []).map((c) => (
            <li key={c.id}>
              <Link href={`/peers/c/${c.id}`}>
                {c.other.displayName} ·{' '}
                {c.side === 'volunteer' && c.status === 'requested'
                  ? t('peers.waitingForYou')
                  : t(`peers.status.${c.status}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="card quiet">
        <Link href="/peers/volunteer">{t('peers.offer')}</Link>
      </section>
    </div>
  );
}
