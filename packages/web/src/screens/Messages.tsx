import type { Message, MessageThread } from '@lamina/contract';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, api } from '../lib/api.ts';
import type { PatientContext } from '../lib/patient-context.ts';
import { type PreparedPhoto, uploadPhoto } from '../lib/photo.ts';
import { Submit } from '../ui/Form.tsx';
import { PhotoPicker } from '../ui/PhotoPicker.tsx';
import { TextField } from '../ui/TextField.tsx';
import { PhotoThumbs, usePhotos } from '../ui/WoundPhotos.tsx';

export default function Messages({ ctx }: { ctx: PatientContext }) {
  const { t, lang } = useI18n();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const [photos, loadPhotos] = usePhotos(ctx.me.patientId);
  const path = `/api/patients/${ctx.me.patientId}/messages`;

  const load = useCallback(async () => {
    try {
      const r = await api.get<MessageThread>(path);
      setMessages(r.messages);
      setFailed(false);
      if (r.messages.length > 0) await api.post(`${path}/read`, {}).catch(() => undefined);
    } catch {
      setFailed(true);
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setError(t('messages.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const sent = await api.post<{ message: { id: string } }>(path, { body });
      setBody('');
      if (photo) {
        try {
          await uploadPhoto(ctx.me.patientId, { messageId: sent.message.id }, photo.blob);
          setPhoto(null);
          await loadPhotos();
        } catch {
          setError(t('photo.notSentMessage'));
        }
      }
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('messages.offline'));
    } finally {
      setBusy(false);
    }
  }

  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const mine = (m: Message) => m.from.userId === ctx.me.userId;

  return (
    <div className="screen messages">
      <h1>{t('messages.title')}</h1>
      <p className="notice-box">{t('messages.notForEmergencies')}</p>
      {failed ? <p role="alert">{t('app.needsConnection')}</p> : null}
      {messages && messages.length === 0 ? <p>{t('messages.none')}</p> : null}
      <ol className="thread" aria-label={t('messages.title')}>
        {(messages ?? []).map((m) => (
          <li key={m.id} className={mine(m) ? 'mine' : 'theirs'}>
            <p className="who">
              {mine(m) ? t('messages.you') : m.from.name} · {time.format(new Date(m.sentAt))}
            </p>
            <p>{m.body}</p>
            <PhotoThumbs
              photos={photos.filter((p) => p.messageId === m.id)}
              alt={t('photo.preview')}
            />
          </li>
        ))}
      </ol>
      <form onSubmit={send} className="card">
        <TextField
          label={t('messages.write')}
          rows={4}
          maxLength={5000}
          value={body}
          onChange={setBody}
        />
        <PhotoPicker photo={photo} onChange={setPhoto} />
        <Submit error={error} busy={busy} label={t('messages.send')} />
      </form>
    </div>
  );
}
