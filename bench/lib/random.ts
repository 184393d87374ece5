/**
 * Deterministic synthetic text for the benchmarks: a seeded PRNG and research-flavoured words, so
 * every run generates the same cache and the same served pages (figures stay comparable).
 */

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export type Rand = () => number;

export function int(rand: Rand, lo: number, hi: number): number {
	return lo + Math.floor(rand() * (hi - lo + 1));
}

export function pick<T>(rand: Rand, list: readonly T[]): T {
	return list[Math.floor(rand() * list.length)]!;
}

const WORDS = (
	'model models language learning preference alignment reward human feedback reinforcement policy gradient ' +
	'transformer attention layer token tokens benchmark evaluation dataset data training pretraining fine-tuning ' +
	'inference scaling law loss optimization convex stochastic robust fairness privacy causal graph neural network ' +
	'representation embedding retrieval generation reasoning chain thought agent agents planning multimodal vision ' +
	'speech translation summarization question answering personalization users diverse pluralistic values survey ' +
	'theory bound sample complexity generalization distribution shift uncertainty calibration interpretability ' +
	'mechanistic circuits probing sparse autoencoder features steering safety red-teaming jailbreak robustness ' +
	'efficient quantization distillation pruning mixture experts long context memory compression kernel ' +
	'we our this paper new result results show find propose introduce study analyze method approach framework ' +
	'simple strong baseline state-of-the-art improves outperforms across tasks settings experiments ablations ' +
	'the a of in on for with to and from by at as is are that which when how why what under over between'
).split(' ');

const TITLE_WORDS = WORDS.filter(w => w.length > 3);

/**
 * A long tail of made-up technical terms drawn with Zipf weights, so that, as in real text, a few
 * words are everywhere and most are rare: a search for a tail term matches a handful of items,
 * one for a common word a third of them.
 */
const SYLLABLES = 'ka lo mi nu re sa ti vo xe zu bra cle dri fro gla pla sto tri qua phe'.split(' ');
const TAIL_SIZE = 8000;
const TAIL: string[] = Array.from({length: TAIL_SIZE}, (_, i) => {
	let n = i + 7;
	let w = '';
	do {
		w += SYLLABLES[n % SYLLABLES.length];
		n = Math.floor(n / SYLLABLES.length);
	} while (n > 0);
	return `${w}${i % 3 === 0 ? 'former' : i % 3 === 1 ? 'net' : 'ing'}`;
});
const TAIL_CUMULATIVE: number[] = (() => {
	let sum = 0;
	return TAIL.map((_, rank) => (sum += 1 / (rank + 1) ** 1.05));
})();

function tailWord(rand: Rand): string {
	const target = rand() * TAIL_CUMULATIVE[TAIL_SIZE - 1]!;
	let lo = 0;
	let hi = TAIL_SIZE - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (TAIL_CUMULATIVE[mid]! < target) lo = mid + 1;
		else hi = mid;
	}
	return TAIL[lo]!;
}

/** The tail term of a given rank (0 = most frequent), for choosing search queries. */
export function tailTerm(rank: number): string {
	return TAIL[Math.min(TAIL_SIZE - 1, Math.max(0, rank))]!;
}

export function words(rand: Rand, n: number): string {
	const out: string[] = [];
	for (let i = 0; i < n; i++) out.push(rand() < 0.8 ? pick(rand, WORDS) : tailWord(rand));
	return out.join(' ');
}

/** About `chars` characters of sentence-shaped text. */
export function prose(rand: Rand, chars: number): string {
	let text = '';
	while (text.length < chars) {
		const sentence = words(rand, int(rand, 6, 18));
		text += (text ? ' ' : '') + sentence.charAt(0).toUpperCase() + sentence.slice(1) + pick(rand, ['.', '.', '.', '!', ':', '?']);
	}
	return text.slice(0, Math.max(1, chars)).trimEnd();
}

export function title(rand: Rand): string {
	const n = int(rand, 4, 11);
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		const w = pick(rand, TITLE_WORDS);
		out.push(w.charAt(0).toUpperCase() + w.slice(1));
	}
	return out.join(' ');
}

const FIRST = (
	'Ada Alan Amir Ana Anya Ben Bo Carla Chen Dana Dev Elena Eli Emma Farah Felix Gita Hana Hugo Ines Ivan Jae Jia Jon ' +
	'Kai Kim Lea Leqi Lin Luca Maya Mei Mo Nadia Nina Omar Paul Priya Quinn Rafael Rosa Sam Sara Sofia Tara Tom Uma ' +
	'Vera Wei Xin Yara Yuki Zoe Zhi Hao Arjun Noor Kofi Ines Lars Mina'
).split(' ');
const LAST = (
	'Liu Smith Garcia Chen Wang Kim Singh Nguyen Müller Rossi Silva Ivanova Okafor Haddad Tanaka Park Novak Berg ' +
	'Costa Dubois Ahmed Cohen Khan Lopez Moreau Nakamura Olsen Petrov Quispe Rahman Sato Schmidt Torres Ueda Varga ' +
	'Weber Xu Yamada Zhou Bianchi Fischer Jensen Kowalski Larsen Mendes Nowak Osei Popescu Reyes'
).split(' ');

/** `n` distinct researcher names, the same for a given seed. */
export function researcherNames(rand: Rand, n: number): string[] {
	const names = new Set<string>();
	while (names.size < n) {
		let name = `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
		if (names.has(name)) name = `${name} ${String.fromCharCode(65 + int(rand, 0, 25))}.`;
		if (!names.has(name)) names.add(name);
	}
	return [...names];
}

/** A plausible new-style arXiv id, e.g. `2407.01234`. */
export function arxivId(rand: Rand): string {
	const yy = int(rand, 19, 25);
	const mm = int(rand, 1, 12);
	return `${yy}${String(mm).padStart(2, '0')}.${String(int(rand, 0, 29_999)).padStart(5, '0')}`;
}

/** Median (of a copy) and a nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank]!;
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
