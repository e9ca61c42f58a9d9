import type { QueueCard } from '@lamina/contract';

/** The server's queue order: most urgent first (priority), then oldest, then id. */
export function cardOrder(a: QueueCard, b: QueueCard): number {
  return (
    a.priority - b.priority ||
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export interface QueueLists {
  redFlags: QueueCard[];
  offTrack: QueueCard[];
}

/**
 * The lists after one card changed: the old card (if any) is removed from both lists and the new
 * one (null: it left the queue) inserted where the server would put it. Other cards keep their place.
 */
export function placeCard(lists: QueueLists, alertId: string, card: QueueCard | null): QueueLists {
  const without = (list: QueueCard[]) => list.filter((c) => c.id !== alertId);
  const insert = (list: QueueCard[]) => {
    if (!card) return list;
    const at = list.findIndex((other) => cardOrder(card, other) < 0);
    return at === -1 ? [...list, card] : [...list.slice(0, at), card, ...list.slice(at)];
  };
  const redFlags = without(lists.redFlags);
  const offTrack = without(lists.offTrack);
  return card?.offTrack
    ? { redFlags, offTrack: insert(offTrack) }
    : { redFlags: insert(redFlags), offTrack };
}
