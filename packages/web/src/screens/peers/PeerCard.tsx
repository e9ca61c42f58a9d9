import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { SharedProfile } from './types.ts';

/** What a volunteer chose to share, as a card. */
export function PeerCard({
  peer,
  children,
}: {
  peer: Partial<SharedProfile> & { displayName: string };
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const facts = [
    peer.ageBand ? t('peers.age', { band: peer.ageBand }) : null,
    peer.procedure ? t(`peers.procedure.${peer.procedure}`) : null,
    peer.region ? t(`peers.region.${peer.region}`) : null,
    peer.fusion === undefined ? null : t(peer.fusion ? 'peers.fusion.yes' : 'peers.fusion.no'),
  ].filter(Boolean);
  return (
    <article className="card peer">
      <h3>{peer.displayName}</h3>
      <p>{facts.join(' · ')}</p>
      {peer.condition ? <p>{t(`peers.condition.${peer.condition}`)}</p> : null}
      {peer.languages ? (
        <p>{peer.languages.map((l) => t(`peers.language.${l}`)).join(', ')}</p>
      ) : null}
      {peer.availability && peer.availability.length > 0 ? (
        <p>{peer.availability.map((a) => t(`peers.availability.${a}`)).join(', ')}</p>
      ) : null}
      {peer.intro ? <p className="peer-intro">{peer.intro}</p> : null}
      {children}
    </article>
  );
}
