// Preloaded (node --import) into a benchmarked CLI run: writes the process's peak RSS in bytes to
// $BENCH_RSS_FILE when it exits. Exact (getrusage), unlike sampling /proc from outside.
import {writeFileSync} from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
