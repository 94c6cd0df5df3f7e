/*
 * Test driver: runs theme/static/js/search-engine.js under Node with the real lunr.js 2.3.9 and
 * lunr-languages 1.22.0, on search files written by the Python side. Reads a JSON command from
 * the file named by argv[2], prints one JSON answer. Used by tests/test_search_*.py.
 *
 * command = {dir, lang, today, lunrIndex?: path of a lunr.py serialised index,
 *            ops: [{op: "search", state}, {op: "match", q}, {op: "analyse", words: [...]},
 *                  {op: "other", words: [...], others: [[language, stemmer]]} (other content languages),
 *                  {op: "compare"}, {op: "clauses", q}, {op: "time", queries, repeat},
 *                  {op: "related", words: [...]} (each word's stem and its related terms, sorted)]}
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ROOT = path.resolve(__dirname, '..', '..');
const lunr = require(path.join(ROOT, 'node_modules', 'lunr'));
require(path.join(ROOT, 'node_modules', 'lunr-languages', 'lunr.stemmer.support.js'))(lunr);
require(path.join(ROOT, 'node_modules', 'lunr-languages', 'lunr.fi.js'))(lunr);
require(path.join(ROOT, 'node_modules', 'lunr-languages', 'lunr.sv.js'))(lunr);
const T = require(path.join(ROOT, 'theme', 'static', 'js', 'search-engine.js'));
// matchers of their own scripts, as the page loads them (plugins/search_index MATCHER_SCRIPTS)
require(path.join(ROOT, 'theme', 'static', 'js', 'opening-hours.js')).register(T);

const cmd = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const read = (name) => JSON.parse(fs.readFileSync(path.join(cmd.dir, name), 'utf8'));
const hasFiles = fs.existsSync(path.join(cmd.dir, cmd.facets || 'facets.json'));
const facets = hasFiles ? new T.Facets(read(cmd.facets || 'facets.json')) : null;
const engine = hasFiles ? new T.Engine(facets) : null;
const started = process.hrtime.bigint();
function loadLanguages(others) {
  // lunr-languages for the stemmers of an index's other content languages, as the search page loads them
  others.forEach(([, name]) => {
    if (name && name !== 'en' && !lunr[name]) require(path.join(ROOT, 'node_modules', 'lunr-languages', 'lunr.' + name + '.js'))(lunr);
  });
}
if (engine) {
  const indexData = read(cmd.index || 'index.json');
  loadLanguages(indexData.other || []);
  engine.attach(lunr, indexData);
  // all shards, as if every query had needed them (the browser loads them per query)
  if (!cmd.noShards) indexData.sharded.files.forEach((name, k) => engine.addShard(k, read(name)));
}
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
const pyIndex = cmd.lunrIndex ? lunr.Index.load(JSON.parse(fs.readFileSync(cmd.lunrIndex, 'utf8'))) : null;

function clausesOf(q) {
  const a = T.analyse(lunr, cmd.lang, q);
  const out = {};
  a.words.forEach((w, i) => {
    const exp = engine.expand(w, i === a.words.length - 1);
    Object.keys(exp.terms).forEach((t) => { out[t] = Math.max(out[t] || 0, exp.terms[t]); });
  });
  return out;
}

function runClauses(index, clauses) {
  return index.query((q) => {
    Object.keys(clauses).forEach((t) => q.term(t, { usePipeline: false, boost: clauses[t], wildcard: lunr.Query.wildcard.NONE }));
  }).map((r) => [r.ref, r.score]);
}

function compare() {
  const ours = engine.index, theirs = pyIndex;
  const report = { termsOurs: 0, termsTheirs: 0, termMismatch: [], postingMismatch: [], vectorMismatch: 0, vectorMaxDiff: 0, vectors: 0,
                   magnitudeMaxRelDiff: 0 };
  const ourTerms = Object.keys(ours.invertedIndex).sort(), theirTerms = Object.keys(theirs.invertedIndex).sort();
  report.termsOurs = ourTerms.length; report.termsTheirs = theirTerms.length;
  const theirSet = new Set(theirTerms), ourSet = new Set(ourTerms);
  ourTerms.filter((t) => !theirSet.has(t)).slice(0, 20).forEach((t) => report.termMismatch.push('+' + t));
  theirTerms.filter((t) => !ourSet.has(t)).slice(0, 20).forEach((t) => report.termMismatch.push('-' + t));
  ourTerms.forEach((t) => {
    if (!theirSet.has(t)) return;
    ours.fields.forEach((f) => {
      const a = Object.keys(ours.invertedIndex[t][f]).sort().join(','), b = Object.keys(theirs.invertedIndex[t][f] || {}).sort().join(',');
      if (a !== b && report.postingMismatch.length < 20) report.postingMismatch.push([t, f, a, b]);
    });
  });
  const termOf = (index) => { const m = {}; Object.keys(index.invertedIndex).forEach((t) => { m[index.invertedIndex[t]._index] = t; }); return m; };
  const ourTermOf = termOf(ours), theirTermOf = termOf(theirs);
  const asMap = (vec, names) => { const m = {}; for (let i = 0; i < vec.elements.length; i += 2) m[names[vec.elements[i]]] = vec.elements[i + 1]; return m; };
  Object.keys(theirs.fieldVectors).forEach((ref) => {
    report.vectors += 1;
    const a = ours.fieldVectors[ref] ? asMap(ours.fieldVectors[ref], ourTermOf) : null;
    const b = asMap(theirs.fieldVectors[ref], theirTermOf);
    if (!a) { report.vectorMismatch += 1; return; }
    const keys = new Set(Object.keys(a).concat(Object.keys(b)));
    let bad = false;
    keys.forEach((k) => {
      const d = Math.abs((a[k] || 0) - (b[k] || 0));
      report.vectorMaxDiff = Math.max(report.vectorMaxDiff, d);
      if (!(k in a) || !(k in b) || d > 0.0011) bad = true;
    });
    if (bad) report.vectorMismatch += 1;
    const ma = ours.fieldVectors[ref].magnitude(), mb = theirs.fieldVectors[ref].magnitude();
    if (mb) report.magnitudeMaxRelDiff = Math.max(report.magnitudeMaxRelDiff, Math.abs(ma - mb) / mb);
  });
  report.ourVectors = Object.keys(ours.fieldVectors).length;
  return report;
}

function analyseWords(words) {
  // the browser's own query analysis (lunr-languages trimmer, stop words, stemmer)
  return words.map((w) => {
    const a = T.analyse(lunr, cmd.lang, w);
    return a.words.length === 1 ? a.words[0].stem : null;
  });
}

const answers = (cmd.ops || []).map((op) => {
  switch (op.op) {
    case 'search': {
      const r = engine.search(op.state, op.today || cmd.today);
      return { docs: r.docs, total: r.total, counts: r.counts, removals: r.removals,
               keyword: r.keyword && { partial: r.keyword.partial, unmatched: r.keyword.unmatched, words: r.keyword.words,
                                       stopWords: r.keyword.stopWords, all: r.keyword.docs === null } };
    }
    case 'match': {
      const m = engine.match(op.q);
      return { docs: m.docs, partial: m.partial, unmatched: m.unmatched, words: m.words };
    }
    case 'clauses': return clausesOf(op.q);
    case 'missing': return engine.missingShards(op.q, !!op.later);
    case 'load': {
      const files = read(cmd.index || 'index.json').sharded.files;
      op.shards.forEach((k) => engine.addShard(k, read(files[k])));
      return op.shards.length;
    }
    case 'both': {
      const clauses = clausesOf(op.q);
      if (!Object.keys(clauses).length) return { clauses, ours: [], theirs: [] };
      return { clauses, ours: runClauses(engine.index, clauses), theirs: pyIndex ? runClauses(pyIndex, clauses) : null };
    }
    case 'analyse': return analyseWords(op.words);
    case 'related': return op.words.map((w) => {
      // the stem the browser makes of the word, then its related-terms entry (morphology.py)
      const a = T.analyse(lunr, cmd.lang, w);
      const stem = a.words.length === 1 ? a.words[0].stem : null;
      const found = stem && engine.related ? engine.related.get(stem) : null;
      return [stem, found ? [...found].sort() : []];
    });
    case 'other': {
      // the browser's analysis of words in another content language
      loadLanguages(op.others);
      return op.words.map((w) => T.otherTerms(lunr, op.others, new lunr.Token(w)));
    }
    case 'tokenize': return op.texts.map((t) => lunr.tokenizer(t).map(String));
    case 'compare': return compare();
    case 'time': {
      const times = [];
      for (let k = 0; k < (op.repeat || 1); k++) {
        op.queries.forEach((q) => {
          engine._queryCache = { key: null, value: null };
          const t0 = process.hrtime.bigint();
          engine.search({ q: q, filters: {} }, cmd.today);
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        });
      }
      return times;
    }
    default: throw new Error('unknown op ' + op.op);
  }
});
process.stdout.write(JSON.stringify({ buildMs, n: facets ? facets.n : 0, answers }));
