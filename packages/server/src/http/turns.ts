/**
 * Requests start one per event-loop turn, in the order they arrived (issue 19, decision 030).
 *
 * Node's event loop accepts at most ONE new connection per turn (measured with Node 24 / libuv
 * 1.46: one `accept4` per `epoll` round, with 50 connections waiting). On the embedded engine a
 * request's database work is synchronous WebAssembly behind promises, so a request that starts
 * runs to its answer without giving the loop back; with 50 requests read in one turn, the turn
 * lasts 50 requests long, and the 50th new connection waited 50 such turns — seconds — before its
 * first request was even read, while every request the server saw finished in milliseconds.
 *
 * Here each request waits for a turn of its own (`setImmediate`, in arrival order), so the loop
 * polls between requests: it accepts the next connection, reads what arrived, and runs its timers
 * (the job queue's polls) between any two requests. The work per request is the same; the wait is
 * shared fairly. On PostgreSQL a request waits on the network between statements, the turns are
 * short already, and admitting one per turn would cap throughput at the turn rate: it is not used.
 */
export class RequestTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;
  /** Requests admitted, and the longest line seen (read by tests). */
  readonly stats = { admitted: 0, maxWaiting: 0 };

  /** Runs `work` on a turn of its own, after every request that arrived before it has started. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        this.stats.admitted += 1;
        try {
          Promise.resolve(work()).then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
      this.stats.maxWaiting = Math.max(this.stats.maxWaiting, this.waiting.length);
      this.schedule();
    });
  }

  get queued(): number {
    return this.waiting.length;
  }

  private schedule() {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(this.next);
  }

  // One request per turn: the next is scheduled from this turn, so it runs on the following one,
  // after the loop has polled for I/O.
  private readonly next = () => {
    this.scheduled = false;
    const start = this.waiting.shift();
    this.schedule();
    start?.();
  };
}
