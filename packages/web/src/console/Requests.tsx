import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../lib/api.ts';
import { api } from '../lib/api.ts';
import { SelectField } from '../ui/SelectField.tsx';
import { duration, useT } from './i18n.ts';
import { RequestDetail } from './request-detail.tsx';
import { type Kind, kinds, type RequestRow, type Status, statuses } from './request-types.ts';
import { ClinicHoursEditor } from './requests-hours.tsx';
import { RowsTable } from './ui-table.tsx';

/** The care-manager queue of intake requests (issue 8): every request, urgent first, then the oldest. */

export default function Requests({ me }: { me: Me }) {
  const { t, lang } = useT();
  // A clinician's queue is the free MRI/CT reviews only (the server answers nothing else).
  const reviewsOnly = me.role === 'clinician';
  const [rows, setRows] = useState<RequestRow[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [status, setStatus] = useState<Status | ''>('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [openId, setOpenId] = useState<string | null>(
    new URLSearchParams(location.search).get('open'),
  );

  const load = useCallback(async () => {
    const query = new URLSearchParams();
    if (status) query.set('status', status);
    if (kind) query.set('kind', kind);
    try {
      const answer = await api.get<{ requests: RequestRow[] }>(`/api/requests?${query}`);
      setRows(answer.requests);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [status, kind]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    document.title = `${t(reviewsOnly ? 'requests.reviewsTitle' : 'requests.title')} · ${t('console.title')}`;
  }, [t, reviewsOnly]);

  if (openId)
    return (
      <RequestDetail
        me={me}
        id={openId}
        onClose={() => {
          setOpenId(null);
          void load();
        }}
      />
    );

  const now = Date.now();
  return (
    <div>
      <h1>{t(reviewsOnly ? 'requests.reviewsTitle' : 'requests.title')}</h1>
      <p>{t(reviewsOnly ? 'requests.reviewsIntro' : 'requests.intro')}</p>
      <div className="row">
        <SelectField
          inline
          label={t('requests.filterStatus')}
          value={status}
          onChange={(v) => setStatus(v as Status | '')}
          values={statuses}
          optionLabel={(s) => t(`requests.status.${s}`)}
          empty={{ label: t('requests.all') }}
        />
        {reviewsOnly ? null : (
          <SelectField
            inline
            label={t('requests.filterKind')}
            value={kind}
            onChange={(v) => setKind(v as Kind | '')}
            values={kinds}
            optionLabel={(k) => t(`requests.kind.${k}`)}
            empty={{ label: t('requests.all') }}
          />
        )}
      </div>
      {failed ? <p role="alert">{t('console.loadError')}</p> : null}
      <RowsTable
        rows={rows}
        loading={!failed}
        empty={t('requests.none')}
        testId="requests-table"
        columns={[
          t('requests.kind'),
          t('requests.requester'),
          t('requests.status'),
          t('requests.assignee'),
          t('requests.age'),
          t('requests.firstResponse'),
        ]}
        row={(r) => (
          <tr key={r.id} data-urgent={r.urgent ? 'true' : undefined}>
            <td>
              {r.urgent ? (
                <>
                  <strong className="badge overdue">{t('requests.urgent')}</strong>{' '}
                </>
              ) : null}
              {t(`requests.kind.${r.kind}`)}
              {r.reviewWrittenAt ? ` · ${t('requests.resultWritten')}` : ''}
            </td>
            <td>
              <button
                type="button"
                className="link"
                aria-label={t('requests.open', { name: r.contact.name })}
                onClick={() => setOpenId(r.id)}
              >
                {r.contact.name}
              </button>
              {r.patientId ? ` (${t('requests.patient')})` : ''}
            </td>
            <td>{t(`requests.status.${r.status}`)}</td>
            <td>{r.assignee?.name ?? t('requests.team')}</td>
            <td>{duration(now - new Date(r.createdAt).getTime(), lang)}</td>
            <td>
              {r.minutesToFirstResponse === null
                ? t('requests.noResponse')
                : duration(r.minutesToFirstResponse * 60_000, lang)}
            </td>
          </tr>
        )}
      />
      {me.role === 'admin' ? <ClinicHoursEditor /> : null}
    </div>
  );
}
