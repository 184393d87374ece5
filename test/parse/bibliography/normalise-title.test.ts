import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {normaliseTitle, sameTitle} from '../../../src/parse/bibliography/normalise-title.js';

describe('normaliseTitle', () => {
	test('preprint and published titles that are the same paper', () => {
		const pairs: Array<[string, string]> = [
			// dblp's trailing period and arXiv's title case.
			['Identity Theft in AI Conference Peer Review.', 'Identity theft in AI conference peer review'],
			// LaTeX math on arXiv, a Unicode subscript at the publisher.
			['On Gauge Enhancement and Singular Limits in $G_2$ Compactifications of M-theory', 'On gauge enhancement and singular limits in G₂ compactifications of M-theory'],
			// BibTeX braces, an en dash vs a hyphen, curly quotes.
			['{BERT}: Pre-training of Deep Bidirectional Transformers', 'BERT – Pre-Training of Deep Bidirectional Transformers'],
			['Don’t Stop Pretraining: Adapt Language Models to Domains and Tasks', "Don't stop pretraining: adapt language models to domains and tasks."],
			// Accents as LaTeX commands, entities, publishers' markup.
			['\\emph{Na\\"ive} Bayes for Sch\\"{o}lkopf Kernels', 'Naïve Bayes for Schölkopf kernels'],
			['Does <i>k</i>-NN Beat Transformers on Review Scores &amp; Ranks?', 'Does k-NN beat transformers on review scores & ranks'],
			['Søren   Kierkegaard\nand Łódź', 'soren kierkegaard and lodz'],
			// Greek letters as LaTeX commands; \beta is not the \b accent.
			['$\\beta$-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework', 'β-VAE: Learning basic visual concepts with a constrained variational framework'],
			['The $\\Sigma$-$\\varepsilon$ Trick Revisited', 'The Σ-ε trick revisited'],
		];
		for (const [a, b] of pairs) {
			assert.equal(normaliseTitle(a), normaliseTitle(b), `${a} | ${b}`);
			assert.ok(sameTitle(a, b), `${a} | ${b}`);
		}
		assert.equal(normaliseTitle('{BERT}: Pre-training of Deep Bidirectional Transformers'), 'bert pre training of deep bidirectional transformers');
	});

	test('different papers stay different; short or empty titles never match', () => {
		assert.ok(!sameTitle('Attention Is All You Need', 'Attention Is Not All You Need'));
		assert.ok(!sameTitle('Introduction', 'Introduction'));
		assert.ok(!sameTitle('', ''));
		assert.ok(!sameTitle('$$$', '...'));
		assert.equal(normaliseTitle(''), '');
	});

	test('a hostile long title is bounded', () => {
		assert.ok(normaliseTitle('a '.repeat(1_000_000)).length <= 2000);
	});
});
