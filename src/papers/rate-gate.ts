/**
 * At most one request per interval. Within a process, callers queue (one request at a time) and
 * every request start counts. Across processes, the start of each request the server answered is
 * kept in the cache (app_state), so a `refresh` started right after another one still waits; a
 * request that never reached the server (connection refused, host not found) is not kept there.
 */
import type {Clock} from '../net/clock.js';

export interface GateMemory {
	get(): number | undefined;
	set(ms: number): void;
}

export class RateGate {
	#queue: Promise<unknown> = Promise.resolve();
	#last: number | undefined;

	constructor(
		readonly clock: Clock,
		readonly intervalMs: number,
		readonly memory: GateMemory,
	) {}

	/** Waits until a request may start; returns its start time (for `answered`). */
	take(signal?: AbortSignal): Promise<number> {
		const turn = this.#queue.then(() => this.#take(signal));
		this.#queue = turn.catch(() => undefined);
		return turn;
	}

	/** The request that started at `startMs` reached the server: other processes must wait for it too. */
	answered(startMs: number): void {
		const stored = this.memory.get();
		if (stored === undefined || stored < startMs) this.memory.set(startMs);
	}

	async #take(signal?: AbortSignal): Promise<number> {
		const stored = this.memory.get();
		const last = stored === undefined ? this.#last : this.#last === undefined ? stored : Math.max(stored, this.#last);
		if (last !== undefined) {
			// A stored time in the future (a clock that went back) never means more than one interval.
			const wait = Math.min(this.intervalMs, last + this.intervalMs - this.clock.now());
			if (wait > 0) await this.clock.sleep(wait, signal);
		}
		this.#last = this.clock.now();
		return this.#last;
	}
}
