import type {
  SmartClientDto as SmartClient,
  SmartClientAnswer,
  SmartClientList,
} from '@lamina/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { useT } from './i18n.ts';
import { explainFailure, StatusNote } from './ui-status.tsx';

/** Admins: the systems (EHR, registry) that may read the FHIR API, their keys and scopes (issue 18). */
export function SmartClients() {
  const { t, lang } = useT();
  const [clients, setClients] = useState<SmartClient[] | null>(null);
  const [form, setForm] = useState({ name: '', jwks: '', jwksUrl: '', scopes: 'system/*.rs' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    api
      .get<SmartClientList>('/api/clinic/smart-clients')
      .then((r) => setClients(r.clients))
      .catch(() => setMessage({ ok: false, text: t('console.loadError') }));
  }, [t]);

  const explain = (failure: unknown) => explainFailure(failure, t('console.loadError'));

  async function register(event: FormEvent) {
    event.preventDefault();
    let jwks: unknown;
    if (form.jwks.trim()) {
      try {
        jwks = JSON.parse(form.jwks);
      } catch {
        setMessage({ ok: false, text: t('fhir.badJwks') });
        return;
      }
    }
    try {
      const { client } = await api.post<SmartClientAnswer>('/api/clinic/smart-clients', {
        name: form.name,
        ...(jwks === undefined ? {} : { jwks }),
        ...(form.jwksUrl.trim() ? { jwksUrl: form.jwksUrl.trim() } : {}),
        scopes: form.scopes.split(/\s+/).filter(Boolean),
      });
      setClients((list) => [client, ...(list ?? [])]);
      setForm({ name: '', jwks: '', jwksUrl: '', scopes: 'system/*.rs' });
      setMessage({ ok: true, text: t('fhir.registered', { clientId: client.clientId }) });
    } catch (failure) {
      setMessage({ ok: false, text: explain(failure) });
    }
  }

  async function revoke(id: string) {
    try {
      const { client } = await api.post<SmartClientAnswer>(
        `/api/clinic/smart-clients/${id}/revoke`,
      );
      setClients((list) => (list ?? []).map((c) => (c.id === id ? client : c)));
    } catch (failure) {
      setMessage({ ok: false, text: explain(failure) });
    }
  }

  return (
    <section className="card" aria-labelledby="fhir-clients-h">
      <h2 id="fhir-clients-h">{t('fhir.title')}</h2>
      <p className="hint">{t('fhir.intro')}</p>
      {clients && clients.length === 0 ? <p>{t('fhir.none')}</p> : null}
      {clients && clients.length > 0 ? (
        <ul className="smart-clients">
          {clients.map((client) => (
            <li key={client.id}>
              <strong>{client.name}</strong> — {t('fhir.clientId')}: <code>{client.clientId}</code>
              <br />
              <span className="hint">{client.scopes.join(' ')}</span>{' '}
              {client.revokedAt ? (
                <span>
                  {t('fhir.revokedOn', {
                    date: new Date(client.revokedAt).toLocaleDateString(lang),
                  })}
                </span>
              ) : (
                <button type="button" onClick={() => revoke(client.id)}>
                  {t('fhir.revoke')} {client.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={register}>
        <label>
          {t('fhir.name')}
          <input
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            required
            maxLength={100}
          />
        </label>
        <label>
          {t('fhir.jwks')}
          <textarea
            value={form.jwks}
            onChange={(e) => setForm({ ...form, jwks: e.target.value })}
            rows={4}
          />
        </label>
        <label>
          {t('fhir.jwksUrl')}
          <input
            type="url"
            value={form.jwksUrl}
            onChange={(e) => setForm({ ...form, jwksUrl: e.target.value })}
          />
        </label>
        <label>
          {t('fhir.scopes')}
          <input
            value={form.scopes}
            onChange={(e) => setForm({ ...form, scopes: e.target.value })}
            required
          />
        </label>
        <StatusNote message={message} />
        <button type="submit" className="primary">
          {t('fhir.register')}
        </button>
      </form>
    </section>
  );
}
