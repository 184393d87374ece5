import type {Clock} from '../../src/net/clock.js';

/** A clock whose `sleep` returns at once and moves time forward: proves waits without waiting. */
export class FakeClock implements Clock {
	readonly sleeps: number[] = [];
	constructor(public ms = Date.parse('2025-07-24T00:00:00.000Z')) {}
	now(): number {
		return this.ms;
	}
	sleep(ms: number): Promise<void> {
		this.sleeps.push(ms);
		this.ms += ms;
		return Promise.resolve();
	}
	advance(ms: number): void {
		this.ms += ms;
	}
}
