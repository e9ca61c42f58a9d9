import type { Queue, QueueCard, QueueCardAnswer } from '@lamina/contract';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { api } from '../lib/api.ts';
import { placeCard, type QueueLists } from './queue-cards.ts';

/** Seconds between full refreshes while the stream is down (each one is audited). */
const pausedPollSeconds = 30;
/**
 * Minutes between full refreshes while the stream is up: a slow backstop against a lost event,
 * never the main path (each card is refreshed alone when its event arrives).
 */
const liveBackstopMinutes = 15;

export interface LiveQueue {
  /** Red flags, in the server's order: most urgent first, then oldest. */
  alerts: QueueCard[] | null;
  offTrack: QueueCard[] | null;
  failed: boolean;
  /** 'live' while the event stream is open; 'paused' while the browser reconnects it. */
  stream: 'connecting' | 'live' | 'paused';
  /** Server clock minus this device's clock, so deadlines count down against the server's time. */
  skewMs: number;
  /** Emergencies that arrived while the console was open, newest last (for the live region). */
  arrivals: QueueCard[];
  /** When (this device's clock) each of those arrived: the queue highlights them briefly. */
  arrivedAt: ReadonlyMap<string, number>;
  /** Reads both lists again (audited on the server). */
  reload(): Promise<void>;
  /** Reads one card again and puts it in its place (or removes it when it left the queue). */
  refreshCard(alertId: string): Promise<void>;
}

/** Server clock minus ours, from an answer's `now` and when the request was sent. */
const skewOf = (now: string, sentAt: number) => Date.parse(now) - (sentAt + Date.now()) / 2;

const LiveQueueContext = createContext<LiveQueue | null>(null);

export function useLiveQueue(): LiveQueue | null {
  return useContext(LiveQueueContext);
}

/**
 * One event stream per console tab, held above the screens, so a new emergency is announced and
 * counted in the menu whichever screen the nurse is on. The lists are read once when the stream
 * opens (GET /api/alerts/queue); each `alert` event then reads only that card
 * (GET /api/alerts/:alertId/card?stream=…, not audited again: the stream was audited when it opened).
 */
export function LiveQueueProvider({ children }: { children: ReactNode }) {
  const [lists, setLists] = useState<QueueLists | null>(null);
  const [failed, setFailed] = useState(false);
  const [stream, setStream] = useState<LiveQueue['stream']>('connecting');
  const [skewMs, setSkewMs] = useState(0);
  const [arrivals, setArrivals] = useState<QueueCard[]>([]);
  const [arrivedAt, setArrivedAt] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    const at = Date.now();
    setArrivedAt((times) => {
      const copy = new Map([...times].filter(([id]) => arrivals.some((c) => c.id === id)));
      for (const card of arrivals) if (!copy.has(card.id)) copy.set(card.id, at);
      return copy;
    });
  }, [arrivals]);
  const known = useRef<Set<string> | null>(null);
  const sequence = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);
  const cardSequence = useRef(new Map<string, number>());
  const streamId = useRef<string | null>(null);

  const reload = useCallback(async () => {
    const mine = ++sequence.current;
    const run = (async () => {
      try {
        const sentAt = Date.now();
        const queue = await api.get<Queue>('/api/alerts/queue');
        // A slower, older answer must not overwrite a newer one.
        if (mine !== sequence.current) return;
        setSkewMs(skewOf(queue.now, sentAt));
        const seen = known.current;
        if (seen) {
          const fresh = queue.redFlags.filter((a) => a.level === 'emergency' && !seen.has(a.id));
          if (fresh.length > 0) setArrivals((earlier) => [...earlier, ...fresh].slice(-5));
        }
        known.current = new Set([...queue.redFlags, ...queue.offTrack].map((a) => a.id));
        setLists({ redFlags: queue.redFlags, offTrack: queue.offTrack });
        setFailed(false);
      } catch {
        if (mine === sequence.current) setFailed(true);
      }
    })();
    inFlight.current = run;
    await run;
  }, []);

  const refreshCard = useCallback(async (alertId: string) => {
    // A full read already under way answers for this card too, unless the change came after it.
    await inFlight.current;
    const epoch = sequence.current;
    const mine = (cardSequence.current.get(alertId) ?? 0) + 1;
    cardSequence.current.set(alertId, mine);
    try {
      const sentAt = Date.now();
      const query = streamId.current ? `?stream=${encodeURIComponent(streamId.current)}` : '';
      const answer = await api.get<QueueCardAnswer>(
        `/api/alerts/${encodeURIComponent(alertId)}/card${query}`,
      );
      // A newer read of this card, or a full read started since, wins.
      if (cardSequence.current.get(alertId) !== mine || epoch !== sequence.current) return;
      setSkewMs(skewOf(answer.now, sentAt));
      const card = answer.card;
      const seen = known.current;
      if (card && seen && !seen.has(card.id) && card.level === 'emergency' && !card.offTrack) {
        setArrivals((earlier) => [...earlier, card].slice(-5));
      }
      if (card) seen?.add(card.id);
      setLists((current) => (current ? placeCard(current, alertId, card) : current));
    } catch {
      // The card stays as it was; the next full read brings it up to date.
    }
  }, []);

  useEffect(() => {
    let poll: number | undefined;
    const stopPolling = () => {
      if (poll !== undefined) window.clearInterval(poll);
      poll = undefined;
    };
    const pollEvery = (ms: number) => {
      stopPolling();
      poll = window.setInterval(() => void reload(), ms);
    };
    const source = new EventSource('/api/alerts/stream');
    source.addEventListener('ready', (event) => {
      try {
        streamId.current = (JSON.parse(event.data) as { streamId?: string }).streamId ?? null;
      } catch {
        streamId.current = null;
      }
      setStream('live');
      // The lists as of now: this covers anything that happened while the stream was down.
      void reload();
      pollEvery(liveBackstopMinutes * 60_000);
    });
    source.addEventListener('alert', (event) => {
      try {
        const { alertId } = JSON.parse(event.data) as { alertId?: string };
        if (alertId) void refreshCard(alertId);
        else void reload();
      } catch {
        void reload();
      }
    });
    source.onerror = () => {
      streamId.current = null;
      setStream('paused');
      if (!known.current) void reload();
      pollEvery(pausedPollSeconds * 1000);
    };
    return () => {
      source.close();
      stopPolling();
    };
  }, [reload, refreshCard]);

  return (
    <LiveQueueContext.Provider
      value={{
        alerts: lists?.redFlags ?? null,
        offTrack: lists?.offTrack ?? null,
        failed,
        stream,
        skewMs,
        arrivals,
        arrivedAt,
        reload,
        refreshCard,
      }}
    >
      {children}
    </LiveQueueContext.Provider>
  );
}

/** The current time, updated every `ms`: for counters that tick. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}
