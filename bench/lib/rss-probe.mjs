// Preloaded (node --import) into a benchmarked CLI run: writes the process's peak RSS in bytes, then
// its CPU time (user, system) in microseconds, one per line, to $BENCH_RSS_FILE when it exits.
// Exact (getrusage), unlike sampling /proc from outside; CPU time is what a change moves even on a
// busy machine, where wall time is noise.
import {writeFileSync} from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file)
	process.on('exit', () => {
		const usage = process.resourceUsage();
		writeFileSync(file, `${usage.maxRSS * 1024}\n${usage.userCPUTime}\n${usage.systemCPUTime}\n`);
	});
