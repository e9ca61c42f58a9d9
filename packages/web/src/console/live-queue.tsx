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
import type { QueueAlert } from './types.ts';

/** Seconds between full refreshes while the stream is up: a backstop, never the main path. */
const backstopSeconds = 30;

export interface LiveQueue {
  /** Red flags, in the server's order: most urgent first, then oldest. Never re-sorted here. */
  alerts: QueueAlert[] | null;
  offTrack: QueueAlert[] | null;
  failed: boolean;
  /** 'live' while the event stream is open; 'paused' while the browser reconnects it. */
  stream: 'connecting' | 'live' | 'paused';
  /** Server clock minus this device's clock, so deadlines count down against the server's time. */
  skewMs: number;
  /** Emergencies that arrived while the console was open, newest last (for the live region). */
  arrivals: QueueAlert[];
  reload(): Promise<void>;
}

const LiveQueueContext = createContext<LiveQueue | null>(null);

export function useLiveQueue(): LiveQueue | null {
  return useContext(LiveQueueContext);
}

/**
 * One event stream per console tab, held above the screens, so a new emergency is announced and
 * counted in the menu whichever screen the nurse is on. Every `alert` event refetches the queue.
 */
export function LiveQueueProvider({ children }: { children: ReactNode }) {
  const [alerts, setAlerts] = useState<QueueAlert[] | null>(null);
  const [offTrack, setOffTrack] = useState<QueueAlert[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [stream, setStream] = useState<LiveQueue['stream']>('connecting');
  const [skewMs, setSkewMs] = useState(0);
  const [arrivals, setArrivals] = useState<QueueAlert[]>([]);
  const known = useRef<Set<string> | null>(null);
  const sequence = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++sequence.current;
    try {
      const sentAt = Date.now();
      const [queue, calm] = await Promise.all([
        api.get<{ now: string; alerts: QueueAlert[] }>('/api/alerts'),
        api.get<{ alerts: QueueAlert[] }>('/api/alerts?list=off-track'),
      ]);
      // A slower, older answer must not overwrite a newer one.
      if (mine !== sequence.current) return;
      setSkewMs(Date.parse(queue.now) - (sentAt + Date.now()) / 2);
      const seen = known.current;
      if (seen) {
        const fresh = queue.alerts.filter((a) => a.level === 'emergency' && !seen.has(a.id));
        if (fresh.length > 0) setArrivals((earlier) => [...earlier, ...fresh].slice(-5));
      }
      known.current = new Set([...queue.alerts, ...calm.alerts].map((a) => a.id));
      setAlerts(queue.alerts);
      setOffTrack(calm.alerts);
      setFailed(false);
    } catch {
      if (mine === sequence.current) setFailed(true);
    }
  }, []);

  useEffect(() => {
    void reload();
    const source = new EventSource('/api/alerts/stream');
    source.addEventListener('ready', () => {
      setStream('live');
      // Anything that happened while the stream was down.
      void reload();
    });
    source.addEventListener('alert', () => void reload());
    source.onerror = () => setStream('paused');
    const timer = window.setInterval(() => void reload(), backstopSeconds * 1000);
    return () => {
      source.close();
      window.clearInterval(timer);
    };
  }, [reload]);

  return (
    <LiveQueueContext.Provider
      value={{ alerts, offTrack, failed, stream, skewMs, arrivals, reload }}
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
