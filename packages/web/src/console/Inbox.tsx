import type { Assignee, Lead, StaffMember, UnreadInbox } from '@lamina/contract';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, type Me } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { dateTime, useT } from './i18n.ts';
import { can } from './types.ts';
import { Loading } from './ui-loading.tsx';
import { DataTable } from './ui-table.tsx';

/** Patient messages waiting to be read, oldest first, and people asking about surgery (leads). */
export default function Inbox({ me }: { me: Me }) {
  const { t } = useT();
  const allowed = can(me.role);
  const {
    data: unread,
    failed: unreadFailed,
    reload: loadUnread,
  } = useLoaded<UnreadInbox>('/api/messages/unread');
  const [staffFailed, setStaffFailed] = useState(false);
  const failed = unreadFailed || staffFailed;
  const [error, setError] = useState<string | null>(null);
  const [mineOnly, setMineOnly] = useState(false);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  useEffect(() => {
    if (allowed.assignInbox)
      api
        .get<{ staff: StaffMember[] }>('/api/clinic/staff')
        .then((s) => setStaff(s.staff.filter((m) => !m.disabled)))
        .catch(() => setStaffFailed(true));
  }, [allowed.assignInbox]);
  const fail = (failure: unknown) =>
    setError(failure instanceof ApiError ? failure.message : t('console.loadError'));
  const shown = (unread?.patients ?? []).filter((p) => !mineOnly || p.assignee?.id === me.userId);

  return (
    <div>
      <h1>{t('inbox.title')}</h1>
      <label className="check">
        <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)} />{' '}
        {t('inbox.mineOnly')}
      </label>
      {error ? <p role="alert">{error}</p> : null}
      <section className="card" aria-labelledby="unread-h">
        <h2 id="unread-h">
          {t('inbox.messages')} {unread ? `(${t('inbox.unread', { count: unread.total })})` : ''}
        </h2>
        {failed ? <p role="alert">{t('console.loadError')}</p> : null}
        {!unread && !failed ? <Loading /> : null}
        {unread && shown.length === 0 ? (
          <p>{mineOnly ? t('inbox.noneMine') : t('inbox.noUnread')}</p>
        ) : null}
        {shown.length > 0 ? (
          <DataTable columns={[t('inbox.patient'), t('inbox.waiting'), t('inbox.assignedTo')]}>
            {shown.map((p) => (
              <tr key={p.patientId} data-patient-id={p.patientId}>
                <td>
                  <Link href={`/console/patients/${p.patientId}#messages`}>
                    {p.givenName} {p.familyName}
                  </Link>
                </td>
                <td>{t('inbox.unread', { count: p.unread })}</td>
                <td>
                  <AssigneeCell
                    me={me}
                    subject={`${p.givenName} ${p.familyName}`}
                    assignee={p.assignee}
                    staff={allowed.assignInbox ? staff : null}
                    assign={async (userId) => {
                      try {
                        await api.post(`/api/patients/${p.patientId}/inbox-owner`, { userId });
                        await loadUnread();
                      } catch (failure) {
                        fail(failure);
                      }
                    }}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>
      {allowed.leads ? <Leads me={me} staff={staff} mineOnly={mineOnly} onError={fail} /> : null}
    </div>
  );
}

/**
 * Who an inbox item is assigned to; for those who may assign (`staff` given), a picker and a
 * one-click "assign to me".
 */
function AssigneeCell(props: {
  me: Me;
  subject: string;
  assignee: Assignee | null;
  staff: StaffMember[] | null;
  assign: (userId: string | null) => Promise<void>;
}) {
  const { t } = useT();
  const { me, subject, assignee, staff, assign } = props;
  const name = (a: Assignee) => (a.id === me.userId ? t('inbox.you', { name: a.name }) : a.name);
  if (!staff) return <span>{assignee ? name(assignee) : t('inbox.unassigned')}</span>;
  // A disabled assignee is no longer a choice, but stays visible until someone reassigns.
  const choices =
    assignee && !staff.some((s) => s.id === assignee.id)
      ? [...staff, { id: assignee.id, displayName: assignee.name, role: '', disabled: true }]
      : staff;
  return (
    <span className="buttons">
      <select
        aria-label={t('inbox.assignFor', { name: subject })}
        value={assignee?.id ?? ''}
        onChange={(e) => void assign(e.target.value || null)}
      >
        <option value="">{t('inbox.unassigned')}</option>
        {choices.map((s) => (
          <option key={s.id} value={s.id}>
            {s.id === me.userId ? t('inbox.you', { name: s.displayName }) : s.displayName}
          </option>
        ))}
      </select>
      {assignee?.id !== me.userId ? (
        <button
          type="button"
          className="secondary small"
          aria-label={t('inbox.assignMeFor', { name: subject })}
          onClick={() => void assign(me.userId)}
        >
          {t('inbox.assignMe')}
        </button>
      ) : null}
    </span>
  );
}

function Leads(props: {
  me: Me;
  staff: StaffMember[];
  mineOnly: boolean;
  onError: (failure: unknown) => void;
}) {
  const { me, staff, mineOnly, onError } = props;
  const { t, lang } = useT();
  const [leads, setLeads] = useState<Lead[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    try {
      setLeads((await api.get<{ leads: Lead[] }>('/api/leads')).leads);
    } catch {
      setFailed(true);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const shown = (leads ?? []).filter((l) => !mineOnly || l.assignee?.id === me.userId);
  const act = async (path: string, body: unknown) => {
    try {
      await api.post(path, body);
      await load();
    } catch (failure) {
      onError(failure);
    }
  };
  return (
    <section className="card" aria-labelledby="leads-h">
      <h2 id="leads-h">{t('leads.title')}</h2>
      <p className="hint">{t('leads.intro')}</p>
      {failed ? <p role="alert">{t('console.loadError')}</p> : null}
      {leads && shown.length === 0 ? (
        <p>{mineOnly ? t('inbox.noneMine') : t('leads.none')}</p>
      ) : null}
      {shown.length > 0 ? (
        <DataTable
          columns={[
            t('leads.name'),
            t('leads.contact'),
            t('leads.result'),
            t('leads.when'),
            t('leads.status'),
            t('inbox.assignedTo'),
          ]}
        >
          {shown.map((lead) => (
            <tr key={lead.id} data-lead-id={lead.id}>
              <td>{lead.name}</td>
              <td>{[lead.email, lead.phone].filter(Boolean).join(' · ')}</td>
              <td>
                {lead.category ?? '–'}
                {lead.region ? ` (${lead.region})` : ''}
              </td>
              <td>{dateTime(lead.createdAt, lang)}</td>
              <td>
                <select
                  aria-label={t('leads.statusFor', { name: lead.name })}
                  value={lead.status}
                  onChange={(e) =>
                    void act(`/api/leads/${lead.id}/status`, { status: e.target.value })
                  }
                >
                  <option value="new">{t('leads.new')}</option>
                  <option value="contacted">{t('leads.contacted')}</option>
                  <option value="closed">{t('leads.closed')}</option>
                </select>
              </td>
              <td>
                <AssigneeCell
                  me={me}
                  subject={lead.name}
                  assignee={lead.assignee}
                  staff={staff}
                  assign={(userId) => act(`/api/leads/${lead.id}/assign`, { userId })}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
