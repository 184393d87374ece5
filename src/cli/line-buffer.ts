/**
 * Text for a stream, written in one piece at most every `intervalMs`, and at once on flush(). A
 * refresh prints a line or two per source, and stderr on a pipe is written synchronously: line by
 * line, that was hundreds of system calls on the thread that also sends the requests.
 */
export class LineBuffer {
	readonly #stream: NodeJS.WritableStream;
	readonly #intervalMs: number;
	#pending: string[] = [];
	#timer: NodeJS.Timeout | undefined;

	constructor(stream: NodeJS.WritableStream, intervalMs = 100) {
		this.#stream = stream;
		this.#intervalMs = intervalMs;
	}

	write(text: string): void {
		this.#pending.push(text);
		this.#timer ??= setTimeout(() => this.flush(), this.#intervalMs);
	}

	flush(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		if (this.#pending.length === 0) return;
		const text = this.#pending.join('');
		this.#pending = [];
		this.#stream.write(text);
	}
}
