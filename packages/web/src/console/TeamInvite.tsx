import type { StaffMember } from '@lamina/contract';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { SelectField } from '../ui/SelectField.tsx';
import { useT } from './i18n.ts';
import { explainFailure, StatusNote } from './ui-status.tsx';

const roles = ['care_manager', 'clinician', 'reviewer', 'admin'] as const;

/**
 * Admins: who is in the care team, and an invitation for a colleague (issue 15). The colleague gets
 * an email with a one-time link (POST /api/staff/invitations) where they set their password.
 */
export function TeamInvite() {
  const { t } = useT();
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [form, setForm] = useState({ name: '', email: '', role: 'care_manager' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api
      .get<{ staff: StaffMember[] }>('/api/clinic/staff')
      .then((r) => setStaff(r.staff))
      .catch(() => setMessage({ ok: false, text: t('console.loadError') }));
  }, [t]);
  useEffect(load, [load]);

  async function invite(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post('/api/staff/invitations', form);
      setMessage({ ok: true, text: t('team.invited', { email: form.email.trim() }) });
      setForm({ name: '', email: '', role: form.role });
      load();
    } catch (failure) {
      setMessage({
        ok: false,
        text: explainFailure(failure, t('console.loadError')),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="team-h">
      <h2 id="team-h">{t('team.title')}</h2>
      <p className="hint">{t('team.intro')}</p>
      <form onSubmit={invite} className="team-invite">
        <label className="field">
          <span>{t('team.name')}</span>
          <input
            value={form.name}
            autoComplete="off"
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('team.email')}</span>
          <input
            type="email"
            value={form.email}
            autoComplete="off"
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <SelectField
          label={t('team.role')}
          value={form.role}
          onChange={(role) => setForm({ ...form, role })}
          values={roles}
          optionLabel={(role) => t(`role.${role}`)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('team.invite')}
        </button>
      </form>
      <StatusNote message={message} />
      {staff && staff.length > 0 ? (
        <>
          <h3>{t('team.members')}</h3>
          <ul className="plain" data-testid="team-members">
            {staff.map((member) => (
              <li key={member.id}>
                {member.displayName} · {t(`role.${member.role as 'admin'}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
