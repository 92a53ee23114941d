// Background work done in rounds, one at a time: on a timer and whenever asked (`kick`), with at
// most one round waiting behind the running one. Callers can also run a round and await it
// (`next`), or await every round queued so far (`idle`). The mailer and the booking reminders
// use it.

/** Rounds of `run`, one after another. */
export class Rounds<R> {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private queued = false;
  /** The last round queued (never rejects). */
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly run: () => Promise<R>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Kicks a round now and then every `intervalMs`. */
  start(intervalMs: number): void {
    this.running = true;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.kick();
  }

  /** Stops the timer and waits for the rounds queued so far. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  /** Asks for a round soon, unless one already waits or the rounds are stopped. */
  kick(): void {
    if (!this.running || this.queued) return;
    this.queued = true;
    this.next().catch(this.onError);
  }

  /** Runs a round after the ones already queued; resolves with what it did. */
  next(): Promise<R> {
    const round = this.last.then(() => {
      this.queued = false;
      return this.run();
    });
    this.last = round.catch(() => undefined);
    return round;
  }

  /** Resolves once every round queued so far has ended. */
  async idle(): Promise<void> {
    let last: Promise<unknown>;
    do {
      last = this.last;
      await last;
    } while (last !== this.last);
  }
}
