import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, type Me } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { Loading } from './ConsoleApp.tsx';
import { dateTime, useT } from './i18n.ts';
import { can, type Lead } from './types.ts';

interface Unread {
  patientId: string;
  givenName: string;
  familyName: string;
  unread: number;
  oldestUnreadAt?: string;
}

/** Patient messages waiting to be read, oldest first, and people asking about surgery (leads). */
export default function Inbox({ me }: { me: Me }) {
  const { t } = useT();
  const [unread, setUnread] = useState<{ patients: Unread[]; total: number } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api
      .get<{ patients: Unread[]; total: number }>('/api/messages/unread')
      .then(setUnread)
      .catch(() => setFailed(true));
  }, []);
  return (
    <div>
      <h1>{t('inbox.title')}</h1>
      <section className="card" aria-labelledby="unread-h">
        <h2 id="unread-h">
          {t('inbox.messages')} {unread ? `(${t('inbox.unread', { count: unread.total })})` : ''}
        </h2>
        {failed ? <p role="alert">{t('console.loadError')}</p> : null}
        {!unread && !failed ? <Loading /> : null}
        {unread && unread.patients.length === 0 ? <p>{t('inbox.noUnread')}</p> : null}
        <ul className="plain">
          {(unread?.patients ?? []).map((p) => (
            <li key={p.patientId}>
              <Link href={`/console/patients/${p.patientId}#messages`}>
                {p.givenName} {p.familyName}
              </Link>{' '}
              — {t('inbox.unread', { count: p.unread })}
            </li>
          ))}
        </ul>
        <p className="hint">{t('inbox.assignNote')}</p>
      </section>
      {can(me.role).leads ? <Leads /> : null}
    </div>
  );
}

function Leads() {
  const { t, lang } = useT();
  const [leads, setLeads] = useState<Lead[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setLeads((await api.get<{ leads: Lead[] }>('/api/leads')).leads);
    } catch {
      setError(t('console.loadError'));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card" aria-labelledby="leads-h">
      <h2 id="leads-h">{t('leads.title')}</h2>
      <p className="hint">{t('leads.intro')}</p>
      {error ? <p role="alert">{error}</p> : null}
      {leads && leads.length === 0 ? <p>{t('leads.none')}</p> : null}
      {leads && leads.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('leads.name')}</th>
                <th scope="col">{t('leads.contact')}</th>
                <th scope="col">{t('leads.result')}</th>
                <th scope="col">{t('leads.when')}</th>
                <th scope="col">{t('leads.status')}</th>
              </tr>
            </thead>
            <tbody>
              {leads.map((lead) => (
                <tr key={lead.id}>
                  <td>{lead.name}</td>
                  <td>{[lead.email, lead.phone].filter(Boolean).join(' · ')}</td>
                  <td>
                    {lead.category ?? '–'}
                    {lead.region ? ` (${lead.region})` : ''}
                  </td>
                  <td>{dateTime(lead.created_at, lang)}</td>
                  <td>
                    <select
                      aria-label={t('leads.statusFor', { name: lead.name })}
                      value={lead.status}
                      onChange={async (e) => {
                        try {
                          await api.post(`/api/leads/${lead.id}/status`, {
                            status: e.target.value,
                          });
                          await load();
                        } catch (failure) {
                          setError(
                            failure instanceof ApiError ? failure.message : t('console.loadError'),
                          );
                        }
                      }}
                    >
                      <option value="new">{t('leads.new')}</option>
                      <option value="contacted">{t('leads.contacted')}</option>
                      <option value="closed">{t('leads.closed')}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
