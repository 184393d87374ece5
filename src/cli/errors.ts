/** A mistake in how the command was called, or a fatal problem: one line on stderr, exit 1. */
export class UsageError extends Error {
	override name = 'UsageError';
}
