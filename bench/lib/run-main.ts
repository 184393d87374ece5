/** Runs a benchmark's `main` when its file is the process's entry point: exit 0, or the stack and exit 1. */
export function runIfEntry(moduleUrl: string, main: () => Promise<void>): void {
	if (moduleUrl !== `file://${process.argv[1]}`) return;
	main().then(
		() => process.exit(0),
		error => {
			console.error(error instanceof Error ? error.stack : error);
			process.exit(1);
		},
	);
}
