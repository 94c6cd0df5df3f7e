/*
 * Tarjotin search engine: no DOM, runs in the browser and in Node (tests).
 *
 * Loads the per-language files written by plugins/search_index (see docs/search.md):
 *   facets  filter columns and labels   -> Facets
 *   index   compact Lunr index          -> a real lunr.Index, built with lunr.Builder
 *   text    result texts in chunks      -> fetched for the results on screen only
 * and answers a search state {q, filters} with ranked document numbers and filter counts.
 *
 * Query semantics (docs/search.md "How a query is matched"):
 *   - words are analysed like the index (lunr tokenizer, lunr-languages trimmer, stop words,
 *     stemmer); lunr query syntax is never parsed, so no input can throw;
 *   - every word must match (AND); when no document has them all, documents matching most
 *     words are shown instead and the result says so (partial);
 *   - a word matches its stem exactly, the stem's prefixes (typing, compounds: "uima" finds
 *     "uimahalli"), a one-letter-shorter stem (Snowball's liikunta/liikuntaa split), and, only
 *     when none of those exist, any term one edit away (one typo: "kuntosli", "kirjasot").
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.TarjotinSearch = factory();
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var FORMAT_VERSION = 1;
  // Clause boosts: how much a kind of match counts relative to an exact stem match.
  // related: a derivation or plural of the word joined at build time (Voikko, "uiminen" → uimahalli)
  var BOOST = { exact: 10, shortStem: 8, related: 5, prefix: 3, inner: 2, fuzzy: 2 };
  var MAX_EXPANSIONS = 60;   // prefix/fuzzy expansions per word, shortest terms first
  var MIN_PREFIX = 3;        // a word shorter than this is not expanded as a prefix...
  var MIN_PREFIX_LAST = 2;   // ...unless it is the word being typed
  var MIN_FUZZY = 4;         // stems shorter than this are not matched with a typo
  var MIN_INNER = 4;         // ...nor found inside compound words
  // fields whose matches rank after a match anywhere else (the full text: a word in a description)
  var LATE_FIELDS = ['text'];
  var MIN_SPLIT = 4;         // an unknown compound is split into words that begin a term, of this many letters or more,
  var MIN_SPLIT_WHOLE = 3;   // ...or into whole terms of this many
  var MAX_SPLIT_PARTS = 3;

  function b36(s) { return parseInt(s, 36); }

  function valueIndex(code) {
    if (code < 58) return code - 48;
    if (code < 91) return code - 55;
    return code - 61;
  }

  /* -------------------------------------------------------------- matchers */

  /*
   * A matcher decides for one filter group which documents pass a selection; the group's flags in
   * facets.json name it ("match"). make(facets, group, spec) returns an object with
   *   known(value)        whether a value from the address means something here
   *   select(values)      the address's values -> selection items (an empty array: not active)
   *   prepare(ctx)        optional, once per search: ctx = {today: YYYYMMDD, now: Date}
   *   passes(doc, items)  whether a document passes the selection
   *   count(doc, counts)  add the document to the per-value counts (facets.values order)
   *   chosen(items)       value indexes among the selection (for sortWhen), -1 for others
   *   valueOf(item)       the address value of a selection item
   * and optionally, for a matcher whose data comes in a file of its own on first use:
   *   needsData(items)    the key of that file in the page's files (null once it is here)
   *   setData(json)       the file, fetched by the page
   *   countsKnown()       false while the counts cannot be told yet (the page shows none)
   *   stale(now)          whether answers changed since the last search (e.g. a closing time passed)
   * Other matchers (opening hours: opening-hours.js) are added with registerMatcher(name, make).
   */
  var MATCHERS = new Map();

  function registerMatcher(name, make) { MATCHERS.set(name, make); }

  registerMatcher('values', function (facets, group, spec) {
    var cols = facets.cols[group], all = !!spec.emptyMatchesAll, nValues = facets.values[group].length;
    return {
      known: function (value) { return facets.find(group, value) >= 0; },
      select: function (values) {
        var seen = new Set(), out = [];
        for (var i = 0; i < values.length; i++) {
          var k = facets.find(group, values[i]);
          if (k >= 0 && !seen.has(k)) { seen.add(k); out.push(k); if (!spec.multiple) break; }
        }
        return out;
      },
      passes: function (doc, selected) {
        var vals = cols[doc];
        if (all && vals.length === 0) return true;   // e.g. no age groups = for everyone
        for (var i = 0; i < vals.length; i++) {
          if (selected.indexOf(valueIndex(vals.charCodeAt(i))) >= 0) return true;
        }
        return false;
      },
      count: function (doc, counts) {
        var vals = cols[doc];
        if (all && vals.length === 0) {
          for (var i = 0; i < nValues; i++) counts[i] += 1;
          return;
        }
        for (var j = 0; j < vals.length; j++) counts[valueIndex(vals.charCodeAt(j))] += 1;
      },
      chosen: function (items) { return items; },
      valueOf: function (item) { return facets.value(group, item); }
    };
  });

  /* YYYYMMDD numbers: day arithmetic in UTC (no clock, no time zone involved) */
  function dayToUtc(day) { return Date.UTC(Math.floor(day / 10000), Math.floor(day / 100) % 100 - 1, day % 100); }
  function utcToDay(ms) { var d = new Date(ms); return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate(); }
  function addDays(day, n) { return utcToDay(dayToUtc(day) + n * 86400000); }
  var RANGE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})\.\.([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

  /* "YYYY-MM-DD..YYYY-MM-DD" -> [from, to] as YYYYMMDD, or null (not a range of real dates) */
  function parseRange(value) {
    var m = RANGE.exec(value);
    if (!m) return null;
    var from = +m[1] * 10000 + +m[2] * 100 + +m[3], to = +m[4] * 10000 + +m[5] * 100 + +m[6];
    if (addDays(from, 0) !== from || addDays(to, 0) !== to || to < from) return null;
    return [from, to];
  }

  /* the days a ready-made choice covers, seen from `today` (YYYYMMDD) */
  var DATE_CHOICES = {
    tanaan: function (today) { return [today, today]; },
    viikonloppu: function (today) {
      var weekday = new Date(dayToUtc(today)).getUTCDay();   // 0 = Sunday
      if (weekday === 0) return [today, today];
      if (weekday === 6) return [today, addDays(today, 1)];
      return [addDays(today, 6 - weekday), addDays(today, 7 - weekday)];
    },
    '7pv': function (today) { return [today, addDays(today, 6)]; }
  };

  /* YYYYMMDD -> days since 1970 (the date matcher's data counts days so) */
  function epochDay(day) { return Math.round(dayToUtc(day) / 86400000); }

  /*
   * Events against today, this weekend, the next 7 days or a chosen range. Data per document:
   * days since 1970 in base 36, "<first>" or "<first>.<last>"; "" for other records.
   */
  registerMatcher('date', function (facets, group, spec) {
    var raw = facets.data.get(group) || [], n = facets.n, first = new Int32Array(n), last = new Int32Array(n);
    for (var d = 0; d < n; d++) {
      if (!raw[d]) continue;
      var dot = raw[d].indexOf('.');
      first[d] = b36(dot > 0 ? raw[d].slice(0, dot) : raw[d]) + 1;   // +1: 0 means "not an event"
      last[d] = (dot > 0 ? b36(raw[d].slice(dot + 1)) : first[d] - 1) + 1;
    }
    var values = facets.values[group], spans = values.map(function () { return null; });
    function asDays(ymd) { return ymd && [epochDay(ymd[0]) + 1, epochDay(ymd[1]) + 1]; }
    function span(item) { return item.index >= 0 ? spans[item.index] : item.days; }
    function overlaps(doc, days) { return first[doc] > 0 && days && first[doc] <= days[1] && last[doc] >= days[0]; }
    return {
      known: function (value) { return facets.find(group, value) >= 0 || (!!spec.range && parseRange(value) !== null); },
      select: function (vals) {
        for (var i = 0; i < vals.length; i++) {
          var k = facets.find(group, vals[i]);
          if (k >= 0) return [{ index: k, value: vals[i] }];
          var days = spec.range ? parseRange(vals[i]) : null;
          if (days) return [{ index: -1, value: vals[i], days: asDays(days) }];
        }
        return [];
      },
      prepare: function (ctx) {
        values.forEach(function (pair, i) {
          var choice = Object.prototype.hasOwnProperty.call(DATE_CHOICES, pair[0]) ? DATE_CHOICES[pair[0]] : null;
          spans[i] = choice && ctx.today ? asDays(choice(ctx.today)) : null;
        });
      },
      passes: function (doc, items) { return overlaps(doc, span(items[0])); },
      count: function (doc, counts) {
        if (!first[doc]) return;   // not an event
        for (var i = 0; i < spans.length; i++) if (overlaps(doc, spans[i])) counts[i] += 1;
      },
      chosen: function (items) { return items.map(function (item) { return item.index; }); },
      valueOf: function (item) { return item.value; }
    };
  });

  /* ---------------------------------------------------------------- facets */

  function Facets(data) {
    if (data.v !== FORMAT_VERSION) throw new Error('search data version ' + data.v + ' not supported');
    var n = data.n, self = this;
    this.n = n;
    this.lang = data.lang;
    this.groups = data.groups;
    this.values = data.values;            // group -> [[value, label], ...]
    this.chunkSize = data.chunkSize;
    this.chunks = data.chunks;
    // group -> value -> index; a Map, because the values asked for come from the address
    // ("?teema=constructor" must not find Object.prototype.constructor)
    this.positions = new Map();
    this.specs = new Map();               // group -> the filter's flags (tarjotin/filters FilterSpec.flags)
    this.cols = {};                       // group -> per document: a string, one character per value
    this.data = new Map();                // group -> per document: the filter's own data (matchers)
    this.groups.forEach(function (group) {
      var pos = new Map();
      data.values[group].forEach(function (pair, i) { pos.set(pair[0], i); });
      self.positions.set(group, pos);
      self.specs.set(group, (data.filters && data.filters[group]) || { match: 'values', multiple: true });
      self.cols[group] = n ? data.cols[group].split(',') : [];
      if (data.data && Object.prototype.hasOwnProperty.call(data.data, group)) self.data.set(group, n ? data.data[group].split(',') : []);
    });
    // sort columns: name -> per document a number, Infinity for none (sorts last)
    this.sorts = new Map();
    Object.keys(data.sort || {}).forEach(function (name) {
      var parts = n ? data.sort[name].split(',') : [], column = new Float64Array(n);
      for (var d = 0; d < n; d++) column[d] = parts[d] ? b36(parts[d]) : Infinity;
      self.sorts.set(name, column);
    });
    var ends = n ? data.end.split(',') : [];
    this.end = new Array(n);
    for (var d = 0; d < n; d++) this.end[d] = ends[d] ? b36(ends[d]) : 0;
    // one matcher per filter: how its selection is read and which documents pass it
    this.matchers = new Map();
    this.groups.forEach(function (group) {
      var spec = self.specs.get(group), make = MATCHERS.get(spec.match);
      if (!make) throw new Error('search filter ' + group + ': no matcher "' + spec.match + '" is registered');
      self.matchers.set(group, make(self, group, spec));
    });
  }

  /* the value indexes document `doc` has in `group` */
  Facets.prototype.valuesOf = function (group, doc) {
    var s = this.cols[group][doc] || '', out = new Array(s.length);
    for (var k = 0; k < s.length; k++) out[k] = valueIndex(s.charCodeAt(k));
    return out;
  };

  /* the index of `value` in `group`, or -1 when this build has no such value (or group) */
  Facets.prototype.find = function (group, value) {
    var pos = this.positions.get(group), i = pos && pos.get(value);
    return i === undefined ? -1 : i;
  };

  Facets.prototype.label = function (group, index) { return this.values[group][index][1]; };
  Facets.prototype.value = function (group, index) { return this.values[group][index][0]; };

  /* ----------------------------------------------------------------- index */

  function decodeTerms(text) {
    // front-coded: each line is <shared prefix length, one base-36 digit><rest of the term>
    if (!text) return [];
    var lines = text.split('\n'), terms = new Array(lines.length), previous = '';
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i], shared = b36(line.charAt(0));
      previous = previous.slice(0, shared) + line.slice(1);
      terms[i] = previous;
    }
    return terms;
  }

  /*
   * Rebuild the lunr.Index that lunr.py builds (lunr.Builder.add + build) from the compact files:
   * the same inverted index, the same BM25 field vectors (lunr.Builder's formula, k1 = 1.2,
   * b = 0.75, scores rounded to 3 decimals, lunr.idf), the same token set. Done directly rather
   * than through lunr.Builder, whose per-field-ref string parsing and vector inserts cost a
   * phone several hundred milliseconds at county scale; tests/test_search_agreement.py checks
   * that the result equals lunr.py's index loaded with lunr.Index.load.
   */
  var K1 = 1.2, B = 0.75;
  var NO_METADATA = {};     // lunr copies metadata on match; documents carry none
  var NO_POSTINGS = {};     // shared by every field a term does not occur in (never written)

  function buildIndex(lunr, facets, data) {
    var steps = indexSteps(lunr, facets, data), index;
    for (var i = 0; i < steps.length; i++) index = steps[i]();
    return index;
  }

  /* The same work in steps, so the browser can yield between them (Engine.attachAsync). */
  function indexSteps(lunr, facets, data) {
    if (data.v !== FORMAT_VERSION) throw new Error('search index version ' + data.v + ' not supported');
    var n = facets.n, terms, nTerms, docTerms, termDocs, idf, averages, termNo;
    // sharded fields (summary, full text): postings per query; per field {f, lengths, norms, df,
    // starts, offset (its first shard's number), later}; shard numbers count across the fields
    var sharded = [], shardOf = [], shardLoaded = {}, tagTables = null;
    var postingCache = Object.create(null), vectorCache = Object.create(null);

    /* postings text of one field into termDocs / docTerms; term ids count from `first` + 1 */
    function decodeInto(f, text, first) {
      if (!text) return;
      var entries = text.split(';'), termId = first, perDoc = docTerms[f], perTerm = termDocs[f];
      for (var e = 0; e < entries.length; e++) {
        var entry = entries[e], colon = entry.indexOf(':');
        termId += b36(entry.slice(0, colon)) + 1;
        var gaps = entry.slice(colon + 1).split(','), doc = 0, list = [];
        for (var g = 0; g < gaps.length; g++) {
          var gap = b36(gaps[g]);
          doc += gap;
          if (gap !== 0 || g === 0) list.push(doc);
          perDoc[doc].push(termId);
        }
        perTerm[termId] = list;
      }
    }
    var fields = data.fields.map(function (f) { return f[0]; });
    var boosts = data.fields.map(function (f) { return f[1] || 1; });
    var fieldNo = Object.create(null);   // lunr asks isFieldRef about keys it is given
    fields.forEach(function (f, i) { fieldNo[f] = i; });
    var steps = [];

    steps.push(function decodePostings() {
      terms = decodeTerms(data.terms);
      nTerms = terms.length;
      // per field, per document: term ids in occurrence order (repeats = term frequency)
      docTerms = fields.map(function () {
        var perDoc = new Array(n);
        for (var d = 0; d < n; d++) perDoc[d] = [];
        return perDoc;
      });
      // per field, per term: documents (ascending, each once)
      termDocs = fields.map(function () { return new Array(nTerms); });

      Object.keys(data.postings).forEach(function (field) {
        decodeInto(fieldNo[field], data.postings[field], -1);
      });
      // the sharded fields: postings come per query (addShard); their lengths, norms and df are here
      var offset = 0;
      data.sharded.fields.forEach(function (meta) {
        var part = {
          f: fieldNo[meta.field], lengths: splitNumbers(meta.lengths, n, b36), norms: splitNumbers(meta.norms, n, parseFloat),
          df: splitNumbers(meta.df, nTerms, b36), starts: meta.starts, offset: offset, later: !!meta.later
        };
        sharded.push(part);
        shardOf[part.f] = part;
        offset += meta.starts.length;
      });
    });

    steps.push(function deriveFields() {
      // derived fields: words of each document's filter values and of its provider
      var tags = fieldNo.tags, provider = fieldNo.provider;
      tagTables = data.tagGroups.map(function (group) { return data.tags[group].map(parseIdList); });
      var providers = data.providers.map(parseIdList);
      var providerOf = n ? data.providerOf.split(',') : [];
      function addDerived(f, ids, doc) {
        var perTerm = termDocs[f];
        for (var k = 0; k < ids.length; k++) {
          var t = ids[k], list = perTerm[t] || (perTerm[t] = []);
          if (list[list.length - 1] !== doc) list.push(doc);
          docTerms[f][doc].push(t);
        }
      }
      for (var doc = 0; doc < n; doc++) {
        for (var gi = 0; gi < data.tagGroups.length; gi++) {
          var vals = facets.cols[data.tagGroups[gi]][doc];
          for (var v = 0; v < vals.length; v++) addDerived(tags, tagTables[gi][valueIndex(vals.charCodeAt(v))], doc);
        }
        if (providerOf[doc]) addDerived(provider, providers[b36(providerOf[doc])], doc);
      }

    });

    steps.push(function weigh() {
      // idf per term (lunr.idf: documents counted once per field the term occurs in)
      idf = new Float64Array(nTerms);
      for (var t = 0; t < nTerms; t++) {
        var df = 0;
        for (var fi = 0; fi < fields.length; fi++) {
          var docs = termDocs[fi][t];
          if (docs && !shardOf[fi]) df += docs.length;
        }
        for (var si = 0; si < sharded.length; si++) df += sharded[si].df[t];
        var x = (n - df + 0.5) / (df + 0.5);
        idf[t] = Math.log(1 + Math.abs(x));
      }
      averages = fields.map(function (field, f) {
        var total = 0;
        var part = shardOf[f];
        for (var d = 0; d < n; d++) total += part ? part.lengths[d] : docTerms[f][d].length;
        return n ? total / n : 0;
      });
      termNo = Object.create(null);
      for (var ti = 0; ti < nTerms; ti++) termNo[terms[ti]] = ti;
    });

    steps.push(function makeIndex() {
      // inverted index: term -> {_index, field: {ref: metadata}}, made when a query first needs a term
      function posting(term) {
        var t = termNo[term], out = { _index: t };
        for (var f = 0; f < fields.length; f++) {
          var docs = termDocs[f][t];
          if (docs && docs.length) {
            var map = {};
            for (var k = 0; k < docs.length; k++) map[docs[k]] = NO_METADATA;
            out[fields[f]] = map;
          } else {
            out[fields[f]] = NO_POSTINGS;
          }
        }
        return out;
      }

      // field vectors "field/ref" -> lunr.Vector, as lunr.Builder.createFieldVectors computes them
      function vector(key) {
        var slash = key.indexOf('/'), f = fieldNo[key.slice(0, slash)], d = +key.slice(slash + 1);
        var list = docTerms[f][d], elements = [];
        var part = shardOf[f], fieldLength = part ? part.lengths[d] : list.length;
        if (list.length) {
          var sorted = list.slice().sort(numeric), boost = boosts[f], average = averages[f];
          for (var i = 0; i < sorted.length; i++) {
            var term = sorted[i], tf = 1;
            while (i + 1 < sorted.length && sorted[i + 1] === term) { tf += 1; i += 1; }
            var score = idf[term] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (fieldLength / average)) + tf);
            score *= boost;
            score *= 1;   // document boost
            elements.push(term, Math.round(score * 1000) / 1000);
          }
        }
        var vec = new lunr.Vector(elements);
        // a sharded field holds only the loaded terms: its length comes from the build
        if (part && part.norms[d]) vec._magnitude = part.norms[d];
        return vec;
      }
      var fieldRefs = null;
      function allFieldRefs() {
        if (!fieldRefs) {
          fieldRefs = [];
          fields.forEach(function (field) { for (var d = 0; d < n; d++) fieldRefs.push(field + '/' + d); });
        }
        return fieldRefs;
      }
      function isFieldRef(key) {
        var slash = typeof key === 'string' ? key.indexOf('/') : -1;
        if (slash < 0 || !(key.slice(0, slash) in fieldNo)) return false;
        var d = key.slice(slash + 1);
        return /^(0|[1-9][0-9]*)$/.test(d) && +d < n;
      }

      var pipeline = new lunr.Pipeline();
      pipeline.add(languageFunctions(lunr, data.lang).stemmer);
      var index = new lunr.Index({
        invertedIndex: lazyMap(postingCache, terms, function (key) { return key in termNo; }, posting),
        fieldVectors: lazyMap(vectorCache, allFieldRefs, isFieldRef, vector),
        tokenSet: new TermSet(lunr, terms, termNo),
        fields: fields,
        pipeline: pipeline
      });
      // not lunr's: which shard holds a term, and adding a loaded shard
      /* not lunr's, for ranking: a document's terms in one field, a filter value's label terms */
      index.fieldTerms = function (field, doc) {
        var f = fieldNo[field];
        return f === undefined || shardOf[f] ? [] : docTerms[f][doc].map(function (t) { return terms[t]; });
      };
      index.labelTerms = function (group, value) {
        var g = data.tagGroups.indexOf(group);
        return g < 0 || !tagTables[g][value] ? [] : tagTables[g][value].map(function (t) { return terms[t]; });
      };
      function partOfShard(k) {
        for (var i = sharded.length - 1; i >= 0; i--) if (k >= sharded[i].offset) return sharded[i];
        return null;
      }
      index.shards = {
        count: sharded.reduce(function (sum, part) { return sum + part.starts.length; }, 0),
        /* the shards holding `term`'s postings: [{k, later}], one per sharded field it occurs in */
        of: function (term) {
          var t = termNo[term], out = [];
          sharded.forEach(function (part) {
            if (!part.df[t]) return;
            var starts = part.starts, lo = 0, hi = starts.length - 1;
            while (lo < hi) {
              var mid = (lo + hi + 1) >>> 1;
              if (starts[mid] <= t) lo = mid; else hi = mid - 1;
            }
            out.push({ k: part.offset + lo, later: part.later });
          });
          return out;
        },
        /* whether `term` occurs in a field that is not a "later" one (a result without waiting) */
        early: function (term) {
          var t = termNo[term];
          for (var f = 0; f < fields.length; f++) {
            var part = shardOf[f];
            if (part ? !part.later && part.df[t] : termDocs[f][t] && termDocs[f][t].length) return true;
          }
          return false;
        },
        loaded: function (k) { return !!shardLoaded[k]; },
        add: function (k, shard) {
          if (shardLoaded[k]) return;
          var part = partOfShard(k), local = part ? k - part.offset : -1;
          if (!part || shard.v !== FORMAT_VERSION || shard.first !== part.starts[local] ||
              (shard.field && fields[part.f] !== shard.field)) throw new Error('wrong search shard ' + k);
          decodeInto(part.f, shard.postings, shard.first - 1);
          shardLoaded[k] = true;
          // postings and vectors made before this shard lack its terms: make them again when asked
          var end = local + 1 < part.starts.length ? part.starts[local + 1] : nTerms;
          for (var t = part.starts[local]; t < end; t++) delete postingCache[terms[t]];
          var prefix = fields[part.f] + '/';
          Object.keys(vectorCache).forEach(function (key) { if (key.lastIndexOf(prefix, 0) === 0) delete vectorCache[key]; });
        }
      };
      return index;
    });
    return steps;
  }

  /*
   * The index's token set. lunr.Index.query intersects it with a token set per query clause;
   * our clauses are whole terms, which a lookup answers, so the real lunr.TokenSet (a
   * minimised automaton of the whole vocabulary, tens of milliseconds to build on a phone) is
   * built only when a clause needs it: a fuzzy or wildcard match.
   */
  function TermSet(lunr, terms, termNo) {
    this.lunr = lunr;
    this.terms = terms;
    this.termNo = termNo;
    this.automaton = null;
  }

  TermSet.prototype.real = function () {
    return this.automaton || (this.automaton = this.lunr.TokenSet.fromArray(this.terms));
  };

  TermSet.prototype.intersect = function (other) {
    var word = plainString(other), termNo = this.termNo;
    if (word === null) return this.real().intersect(other);
    return { toArray: function () { return word in termNo ? [word] : []; } };
  };

  TermSet.prototype.toArray = function () { return this.terms.slice(); };

  /* all terms that start with `prefix`, in index order (binary search in the sorted vocabulary) */
  TermSet.prototype.withPrefix = function (prefix) {
    var terms = this.terms, lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (terms[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    var out = [];
    for (var i = lo; i < terms.length && terms[i].lastIndexOf(prefix, 0) === 0; i++) out.push(terms[i]);
    return out;
  };

  /* all terms that contain `part` starting at position `from` or later (compound words) */
  TermSet.prototype.containing = function (part, from) {
    var terms = this.terms, out = [];
    for (var i = 0; i < terms.length; i++) {
      if (terms[i].length > part.length + from - 1 && terms[i].indexOf(part, from) >= 0) out.push(terms[i]);
    }
    return out;
  };

  /* all terms that end with `part` after at least `before` other letters (a compound's last part) */
  TermSet.prototype.endingWith = function (part, before) {
    var terms = this.terms, out = [], n = part.length;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (t.length >= n + before && t.lastIndexOf(part) === t.length - n) out.push(t);
    }
    return out;
  };

  /* the word a lunr.TokenSet.fromString chain spells, or null for anything with branches or wildcards */
  function plainString(tokenSet) {
    var node = tokenSet, word = '';
    for (;;) {
      var keys = Object.keys(node.edges);
      if (keys.length === 0) return node.final ? word : null;
      if (keys.length !== 1 || node.final || keys[0] === '*') return null;
      word += keys[0];
      node = node.edges[keys[0]];
    }
  }

  /*
   * An object whose values are computed on first access and kept: lunr.Index reads
   * invertedIndex[term] and fieldVectors[fieldRef] only for the terms and documents a query
   * touches, so a phone does not build every posting and vector before the first result.
   * Behaves as a plain object for `in`, Object.keys and for..in (used by the tests).
   */
  function lazyMap(cache, keys, has, make) {
    var keyList = typeof keys === 'function' ? keys : function () { return keys; };
    return new Proxy(cache, {
      get: function (target, key) {
        if (typeof key !== 'string') return undefined;
        if (key in target) return target[key];
        if (!has(key)) return undefined;
        return (target[key] = make(key));
      },
      has: function (target, key) { return typeof key === 'string' && has(key); },
      ownKeys: function () { return keyList().slice(); },
      getOwnPropertyDescriptor: function (target, key) {
        if (typeof key !== 'string' || !has(key)) return undefined;
        return { value: this.get(target, key), writable: true, enumerable: true, configurable: true };
      },
      set: function (target, key, value) { target[key] = value; return true; }
    });
  }

  function numeric(a, b) { return a - b; }

  function splitNumbers(text, length, parse) {
    var parts = text ? text.split(',') : [], out = new Float64Array(length);
    for (var i = 0; i < length; i++) out[i] = parts[i] ? parse(parts[i], 36) : 0;
    return out;
  }

  function parseIdList(s) {
    if (!s) return [];
    return s.split(' ').map(b36);
  }

  /* -------------------------------------------------------------- analysis */

  function languageFunctions(lunr, lang) {
    if (lang === 'en') {
      return { trimmer: lunr.trimmer, stopWordFilter: lunr.stopWordFilter, stemmer: lunr.stemmer };
    }
    var L = lunr[lang];
    if (!L || !L.stemmer) throw new Error('lunr-languages for "' + lang + '" is not loaded');
    return { trimmer: L.trimmer, stopWordFilter: L.stopWordFilter, stemmer: L.stemmer };
  }

  /* What is not a letter, mark or number, stripped from both ends (analysis.py trim_unicode). */
  var UNICODE_TRIM = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu;
  function trimUnicode(text) { return text.replace(UNICODE_TRIM, ''); }

  /*
   * The index terms a query token stands for in the index's other content languages (Sámi, Arabic,
   * Russian…: `others` = the index's [[language, stemmer]]), analysed as analysis.py's
   * OtherAnalyzer did their texts: a trimmer for every script, no stop words, the language's
   * Snowball stemmer from lunr-languages where the index names one, else the word as it is.
   */
  function otherTerms(lunr, others, token) {
    var out = [], word = trimUnicode(String(token)).replace(/\*/g, '');
    if (!word) return out;
    for (var i = 0; i < others.length; i++) {
      var name = others[i][1], term = word;
      if (name && !/[0-9]/.test(word)) {
        var stemmer = name === 'en' ? lunr.stemmer : lunr[name] && lunr[name].stemmer;
        if (!stemmer) throw new Error('lunr-languages for "' + name + '" is not loaded');
        // NLTK's Russian stemmer reads ё as е; lunr-languages' does not
        term = stemmer(new lunr.Token(name === 'ru' ? word.replace(/ё/g, 'е') : word)).toString();
      }
      if (term && out.indexOf(term) < 0) out.push(term);
    }
    return out;
  }

  /* The words of a query, analysed like the documents were (`others`: see otherTerms). */
  function analyse(lunr, lang, query, others) {
    var fns = languageFunctions(lunr, lang);
    var tokens = lunr.tokenizer(String(query == null ? '' : query).slice(0, 500));
    var words = [], stopWords = [];
    others = others || [];
    for (var i = 0; i < tokens.length; i++) {
      var trimmed = fns.trimmer(tokens[i].clone()).toString().replace(/\*/g, '');
      var alt = others.length ? otherTerms(lunr, others, tokens[i]) : [];
      if (!trimmed && !alt.length) continue;
      if (trimmed && fns.stopWordFilter(new lunr.Token(trimmed)) === undefined) {
        stopWords.push(trimmed);   // a stop word of the page's language stays one
        continue;
      }
      // numbers are kept whole: the Snowball ports disagree on digits (see analysis.py)
      var stem = !trimmed ? '' : /[0-9]/.test(trimmed) ? trimmed : fns.stemmer(new lunr.Token(trimmed)).toString();
      if (!stem && !alt.length) continue;
      var word = { text: trimmed || trimUnicode(String(tokens[i])), stem: stem };
      if (alt.length) word.alt = alt;
      words.push(word);
    }
    return { words: words.slice(0, 12), stopWords: stopWords };
  }

  /* ---------------------------------------------------------------- engine */

  /* Filter-only search works with the facets alone; attach() adds the keyword index. */
  function Engine(facets) {
    this.facets = facets;
    this.lang = facets.lang;
    this.lunr = null;
    this.index = null;
    this._expandCache = Object.create(null);
    this._queryCache = { key: null, value: null };
    this.others = [];   // the index's other content languages: [[language, stemmer]]
  }

  Engine.prototype.attach = function (lunr, indexData) {
    this.lunr = lunr;
    this.others = indexData.other || [];
    this.shardFiles = indexData.sharded.files;
    this.index = buildIndex(lunr, this.facets, indexData);
    this.related = indexData.related ? new Related(indexData.related, this.index.tokenSet.terms) : null;
    this._expandCache = Object.create(null);
    this._queryCache = { key: null, value: null };
    return this;
  };

  /* attach() in steps with a pause between them: the page keeps responding to typing meanwhile */
  Engine.prototype.attachAsync = function (lunr, indexData) {
    var self = this, steps = indexSteps(lunr, this.facets, indexData), i = 0;
    return new Promise(function (resolve, reject) {
      function next() {
        try {
          var index = steps[i++]();
          if (i < steps.length) { setTimeout(next, 0); return; }
          self.lunr = lunr;
          self.others = indexData.other || [];
          self.index = index;
          self.related = indexData.related ? new Related(indexData.related, index.tokenSet.terms) : null;
          self.shardFiles = indexData.sharded.files;
          self._expandCache = Object.create(null);
          self._queryCache = { key: null, value: null };
          resolve(self);
        } catch (error) {
          reject(error);
        }
      }
      setTimeout(next, 0);
    });
  };

  Engine.prototype.hasTerm = function (term) {
    return term in this.index.invertedIndex;
  };

  Engine.prototype._intersect = function (tokenSet) {
    return shortestFirst(this.index.tokenSet.intersect(tokenSet).toArray());
  };

  function shortestFirst(found) {
    found.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0); });
    return found.slice(0, MAX_EXPANSIONS);
  }

  /* index terms a word may match, with the clause boost of each */
  Engine.prototype.expand = function (word, isLast) {
    var key = word.stem + '\u0000' + word.text + '\u0000' + (isLast ? 1 : 0) + '\u0000' + (word.alt || []).join(' ');
    if (this._expandCache[key]) return this._expandCache[key];
    var lunr = this.lunr, terms = Object.create(null), count = 0, self = this;
    function add(term, boost) {
      if (!(term in terms)) count += 1;
      if (!(term in terms) || terms[term] < boost) terms[term] = boost;
    }
    var stem = word.stem, minPrefix = isLast ? MIN_PREFIX_LAST : MIN_PREFIX;
    // the word's terms in the index's other content languages: exact, and as the beginning of a term
    (word.alt || []).forEach(function (term) {
      if (self.hasTerm(term)) add(term, BOOST.exact);
      if (term.length >= minPrefix) {
        shortestFirst(self.index.tokenSet.withPrefix(term)).forEach(function (t) { add(t, BOOST.prefix); });
      }
    });
    if (!stem) {   // a word the page's language cannot read (another script)
      var only = { terms: terms, count: count };
      this._expandCache[key] = only;
      return only;
    }
    if (this.hasTerm(stem)) add(stem, BOOST.exact);
    // derivations and plurals Snowball leaves apart, from the related-terms file of the stem (once loaded)
    var related = this.related ? this.related.get(stem) : null;
    if (related) related.forEach(function (t) { add(t, BOOST.related); });
    // Snowball leaves some inflections on ("liikuntaa" → liikunt, "biblioteket" → biblioteket):
    // the stem one letter shorter, and for long stems two or three letters shorter, if indexed
    for (var cut = 1; cut <= 3; cut++) {
      var shorter = stem.slice(0, -cut);
      if (shorter.length < 4 || (cut > 1 && (shorter.length < 6 || shorter.length < 0.7 * stem.length))) break;
      if (this.hasTerm(shorter)) add(shorter, BOOST.shortStem - (cut - 1));
    }
    var bases = [];
    if (stem.length >= minPrefix) bases.push(stem.length >= 7 ? stem.slice(0, -1) : stem);
    if (stem.length >= 9) bases.push(stem.slice(0, -2));
    if (word.text !== stem && word.text.length >= minPrefix && word.text.indexOf(stem) !== 0) bases.push(word.text);
    bases.forEach(function (base) {
      // the same set as lunr's trailing wildcard "base*", found without the automaton
      shortestFirst(self.index.tokenSet.withPrefix(base)).forEach(function (t) { add(t, BOOST.prefix); });
    });
    // compounds: the word inside a longer term ("jumppa" → tuolijumppa, "kahvila" → perhekahvila)
    if (stem.length >= MIN_INNER) {
      shortestFirst(this.index.tokenSet.containing(stem, 2)).forEach(function (t) { add(t, BOOST.inner); });
    } else if (word.text.length >= MIN_INNER && stem.length >= MIN_PREFIX) {
      // a short stem only as a compound's last part ("dans" → dan → seniordan)
      shortestFirst(this.index.tokenSet.endingWith(stem, 3)).forEach(function (t) { add(t, BOOST.inner); });
    }
    if (count === 0 && stem.length >= MIN_FUZZY) {
      this._intersect(lunr.TokenSet.fromFuzzyString(stem, 1)).forEach(function (t) { add(t, BOOST.fuzzy); });
      if (count === 0 && word.text !== stem && word.text.length >= MIN_FUZZY) {
        // a typo can change what the stemmer removes: try the typed word's prefixes one edit away
        var fuzzyPrefix = lunr.TokenSet.fromFuzzyString(word.text.slice(0, Math.max(MIN_FUZZY, stem.length)), 1);
        this._intersect(fuzzyPrefix).forEach(function (t) { add(t, BOOST.fuzzy); });
      }
    }
    var result = { terms: terms, count: count };
    this._expandCache[key] = result;
    return result;
  };

  /*
   * The query's words, a compound the index does not know split into words it knows
   * ("senioriliikuntaryhmä" → seniori liikunta ryhmä, each then matched as usual, all required).
   */
  Engine.prototype._analyse = function (query) {
    var analysed = analyse(this.lunr, this.lang, query, this.others), self = this, words = [];
    analysed.words.forEach(function (w, i) {
      var parts = null;
      if (!w.alt && w.stem && w.text.length >= MIN_SPLIT * 2 && !/[0-9]/.test(w.text) &&
          self.expand(w, i === analysed.words.length - 1).count === 0) {
        parts = self._split(w.text, 0);
      }
      if (parts && parts.length > 1) words.push.apply(words, parts); else words.push(w);
    });
    return { words: words.slice(0, 12), stopWords: analysed.stopWords };
  };

  /* `text` as known words, longest first part first; null when it cannot be split so */
  Engine.prototype._split = function (text, depth) {
    var fns = languageFunctions(this.lunr, this.lang);
    if (depth < MAX_SPLIT_PARTS - 1) {
      for (var cut = text.length - MIN_SPLIT_WHOLE; cut >= MIN_SPLIT_WHOLE; cut--) {
        var head = this._knownPart(fns, text.slice(0, cut));
        if (!head) continue;
        var rest = this._knownPart(fns, text.slice(cut));
        if (rest) return [head, rest];
        var more = this._split(text.slice(cut), depth + 1);
        if (more) return [head].concat(more);
      }
    }
    return null;
  };

  /* a part of a compound as a query word, if its stem is an index term or begins one */
  Engine.prototype._knownPart = function (fns, part) {
    if (fns.stopWordFilter(new this.lunr.Token(part)) === undefined) return null;
    var stem = fns.stemmer(new this.lunr.Token(part)).toString();
    // a short part must be a whole term ("gym"); a longer one may begin one ("seniori" → senioriliikun)
    if (stem.length < MIN_SPLIT_WHOLE || (!this.hasTerm(stem) && (part.length < MIN_SPLIT || !this.index.tokenSet.withPrefix(stem).length))) return null;
    return { text: part, stem: stem };
  };

  /*
   * The shards (numbers) the query's words need that are not loaded yet. Without `later`: those
   * to wait for before showing results (the summary's, and the full text's for a word found
   * nowhere else). With `later`: the full-text shards that only add results to those shown.
   */
  Engine.prototype.missingShards = function (query, later) {
    if (!this.index) return [];
    var words = this._analyse(query).words, self = this, shards = this.index.shards, out = [];
    words.forEach(function (w, i) {
      var exp = self.expand(w, i === words.length - 1), found = [], early = false;
      for (var term in exp.terms) {
        if (shards.early(term)) early = true;
        found.push.apply(found, shards.of(term));
      }
      found.forEach(function (s) {
        // a "later" shard is waited for only when the word would otherwise find nothing
        var wait = !s.later || !early;
        if (wait !== !later || shards.loaded(s.k) || out.indexOf(s.k) >= 0) return;
        out.push(s.k);
      });
      // the stem's related terms: waited for when the stem itself is in no text ("uiminen"),
      // else fetched after the results are shown (they only add results)
      var r = self.related && w.stem ? self.related.shardOf(w.stem) : -1;
      if (r >= 0 && !self.related.loaded(r) && self.hasTerm(w.stem) === !!later && out.indexOf(r) < 0) out.push(r);
    });
    return out.sort(numeric);
  };

  Engine.prototype.addShard = function (k, data) {
    if (data && data.field === 'related' && this.related) {
      this.related.add(k, data);
      this._expandCache = Object.create(null);
    } else {
      this.index.shards.add(k, data);
    }
    this._queryCache = { key: null, value: null };
  };

  /*
   * Finnish derivations and plurals joined at build time (plugins/search_index/morphology.py):
   * query stem -> index terms it also matches ("uimin" -> uimahal, uint). The index names each
   * file's first key; a file is fetched like a postings shard (numbers after theirs) when a
   * query's stem falls into it. A Map: the stem looked up is the resident's text.
   */
  function Related(meta, terms) {
    this.firsts = meta.firsts;
    this.offset = meta.offset;
    this.terms = terms;
    this.table = new Map();
    this.done = new Set();
  }
  Related.prototype.shardOf = function (stem) {
    var firsts = this.firsts, lo = 0, hi = firsts.length - 1;
    if (!firsts.length || stem < firsts[0]) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >>> 1;
      if (firsts[mid] <= stem) lo = mid; else hi = mid - 1;
    }
    return this.offset + lo;
  };
  Related.prototype.loaded = function (k) { return this.done.has(k); };
  Related.prototype.get = function (stem) { return this.table.get(stem) || null; };
  Related.prototype.add = function (k, shard) {
    var local = k - this.offset;
    if (this.done.has(k)) return;
    if (shard.v !== FORMAT_VERSION || local < 0 || shard.first !== this.firsts[local]) throw new Error('wrong search shard ' + k);
    var terms = this.terms, groups = shard.groups.split(';').map(function (part) {
      var id = -1;
      return part.split(',').map(function (gap) { id += b36(gap) + 1; return terms[id]; });
    });
    var keys = decodeTerms(shard.keys), of = shard.of.split(',');
    for (var i = 0; i < keys.length; i++) this.table.set(keys[i], groups[b36(of[i])]);
    this.done.add(k);
  };

  /*
   * Keyword matches: {docs: [doc numbers, best first], score: {doc: score}, partial: bool,
   * unmatched: [words that matched nothing]}; null when the query has no searchable word.
   */
  Engine.prototype.match = function (query) {
    var analysed = this._analyse(query);
    var words = analysed.words;
    if (!words.length) return { docs: null, words: [], stopWords: analysed.stopWords, partial: false, unmatched: [] };
    var key = words.map(function (w) { return w.stem + '/' + w.text + '/' + (w.alt || []).join('|'); }).join(' ');
    if (this._queryCache.key === key) return this._queryCache.value;

    var self = this, expansions = words.map(function (w, i) { return self.expand(w, i === words.length - 1); });
    var termWords = Object.create(null);     // term -> bit mask of the words it stands for
    var clauses = Object.create(null);
    expansions.forEach(function (exp, i) {
      for (var term in exp.terms) {
        termWords[term] = (termWords[term] || 0) | (1 << i);
        clauses[term] = Math.max(clauses[term] || 0, exp.terms[term]);
      }
    });
    var unmatched = words.filter(function (w, i) { return expansions[i].count === 0; }).map(function (w) { return w.text; });
    var lunr = this.lunr, results = [];
    var clauseTerms = Object.keys(clauses);
    if (clauseTerms.length) {
      results = this.index.query(function (q) {
        clauseTerms.forEach(function (term) {
          q.term(term, { usePipeline: false, boost: clauses[term], wildcard: lunr.Query.wildcard.NONE });
        });
      });
    }
    var all = (1 << words.length) - 1, full = [], some = [], score = Object.create(null), seen = new Set();
    var stems = words.map(function (w) { return w.stem; }).filter(Boolean);
    for (var r = 0; r < results.length; r++) {
      var res = results[r], mask = 0, meta = res.matchData.metadata, early = false;
      var doc = +res.ref;
      if (seen.has(doc)) continue;   // one result per document, whatever matched it
      seen.add(doc);
      for (var term in meta) {
        mask |= termWords[term] || 0;
        for (var f in meta[term]) if (LATE_FIELDS.indexOf(f) < 0) early = true;
      }
      var matched = popcount(mask);
      score[doc] = res.score;
      (mask === all ? full : some).push({
        doc: doc, score: res.score, words: matched, early: early ? 1 : 0,
        title: exactTitle(this.index.fieldTerms('title', doc), stems) ? 1 : 0
      });
    }
    var partial = full.length === 0 && words.length > 1 && some.length > 0;
    var chosen = partial ? some : full;
    // more of the words first; then a title that is exactly the query; then a match in a field
    // other than the full text (a title or keyword hit above a word deep in a description); then lunr's score
    chosen.sort(function (a, b) {
      return (b.words - a.words) || (b.title - a.title) || (b.early - a.early) || (b.score - a.score) || (a.doc - b.doc);
    });
    var value = {
      docs: chosen.map(function (x) { return x.doc; }),
      sortBy: this._aboutSorted(expansions),
      score: score,
      words: words.map(function (w) { return w.text; }),
      stopWords: analysed.stopWords,
      partial: partial,
      unmatched: unmatched
    };
    this._queryCache = { key: key, value: value };
    return value;
  };

  /* whether a title's terms are the query's stems (same set, in any order) */
  function exactTitle(titleTerms, stems) {
    if (!stems.length || !titleTerms.length) return false;
    var set = new Set(titleTerms);
    if (set.size !== new Set(stems).size) return false;
    return stems.every(function (s) { return set.has(s); });
  }

  /*
   * The sort column a query asks for by naming a value that sorts: "tapahtumat", "evenemang",
   * "events" are the event type's label, so events come soonest first (a filter's sort and
   * sortWhen in facets.json; nothing is named here). null when the query names none.
   */
  Engine.prototype._aboutSorted = function (expansions) {
    var facets = this.facets, index = this.index, found = null;
    facets.groups.forEach(function (group) {
      var spec = facets.specs.get(group);
      if (found || !spec.sort || !spec.sortWhen || !facets.sorts.has(spec.sort)) return;
      spec.sortWhen.forEach(function (value) {
        var label = index.labelTerms(group, value);
        expansions.forEach(function (exp) {
          label.forEach(function (t) { if (exp.terms[t] === BOOST.exact) found = spec.sort; });
        });
      });
    });
    return found;
  };

  function popcount(x) { var c = 0; while (x) { c += x & 1; x >>>= 1; } return c; }

  /* whether address value `value` means something for filter `group` in this build */
  Engine.prototype.known = function (group, value) {
    var matcher = this.facets.matchers.get(group);
    return !!matcher && matcher.known(value);
  };

  /* a search state's filters ({group: [values]}) as each matcher's selection items, unknown values dropped */
  Engine.prototype.selection = function (filters) {
    var facets = this.facets, out = {};
    facets.groups.forEach(function (group) {
      var wanted = filters && Object.prototype.hasOwnProperty.call(filters, group) ? filters[group] : null;
      out[group] = Array.isArray(wanted) ? facets.matchers.get(group).select(wanted) : [];
    });
    return out;
  };

  /* [{group, key}]: files that active filters' matchers need before `state` can be searched */
  Engine.prototype.pendingData = function (state) {
    var facets = this.facets, sel = this.selection(state.filters), out = [];
    facets.groups.forEach(function (group) {
      var m = facets.matchers.get(group), key = m.needsData ? m.needsData(sel[group]) : null;
      if (key) out.push({ group: group, key: key });
    });
    return out;
  };

  /* whether a search at `now` could answer differently from the last one (time-dependent matchers) */
  Engine.prototype.stale = function (now) {
    var stale = false;
    this.facets.matchers.forEach(function (m) { if (m.stale && m.stale(now)) stale = true; });
    return stale;
  };

  /*
   * Run a search: state = {q, filters: {group: [value, ...]}}, today = YYYYMMDD number, now = a
   * Date (for matchers that need the time of day; default: the current time).
   * Returns {docs, total, counts: {group: [count per value]}, keyword: match info or null,
   * removals: [{group, values, labels, total}] (what removing each active filter would give)}.
   * With a keyword, documents come best first; without, in title order; an active filter with a
   * sort column (e.g. event date, kind = event) orders them by it (events by start time).
   */
  Engine.prototype.search = function (state, today, now) {
    var facets = this.facets, groups = facets.groups, n = facets.n;
    var keyword = (this.index && state.q) ? this.match(state.q) : null;
    var base;
    if (keyword && keyword.docs) {
      base = keyword.docs;
    } else {
      base = new Array(n);
      for (var i = 0; i < n; i++) base[i] = i;
    }
    var ctx = { today: today, now: now || new Date() };
    var sel = this.selection(state.filters), counts = {};
    // groups without values (nothing in this build has them) are neither counted nor shown
    var counted = [], countArrays = [];
    var matchers = groups.map(function (g) {
      var m = facets.matchers.get(g);
      if (m.prepare) m.prepare(ctx);
      counts[g] = new Array(facets.values[g].length).fill(0);
      if (counts[g].length) { counted.push(m); countArrays.push(counts[g]); }
      return m;
    });
    var active = [], activeMatchers = [], activeItems = [];
    groups.forEach(function (g, gi) {
      if (sel[g].length) { active.push(g); activeMatchers.push(matchers[gi]); activeItems.push(sel[g]); }
    });
    var docs = [], failCounts = [];
    for (var k = 0; k < base.length; k++) {
      var doc = base[k];
      if (facets.end[doc] && today && facets.end[doc] < today) continue;   // event has ended
      var failed = -1, nfail = 0;
      for (var a = 0; a < active.length; a++) {
        if (!activeMatchers[a].passes(doc, activeItems[a])) {
          nfail += 1; failed = a;
          if (nfail > 1) break;
        }
      }
      if (nfail === 0) {
        docs.push(doc);
        for (var ci = 0; ci < counted.length; ci++) counted[ci].count(doc, countArrays[ci]);
      } else if (nfail === 1) {
        activeMatchers[failed].count(doc, counts[active[failed]]);
        failCounts.push(active[failed]);
      }
    }
    var sortColumn = this._sortColumn(active, activeMatchers, activeItems) ||
      (keyword && keyword.sortBy ? facets.sorts.get(keyword.sortBy) : null);
    if (sortColumn) {
      var order = new Map();
      docs.forEach(function (d, i) { order.set(d, i); });
      docs.sort(function (x, y) { return (sortColumn[x] - sortColumn[y]) || (order.get(x) - order.get(y)); });
    }
    // no results: what removing each active filter group (or the keyword) would give
    var removals = [];
    if (docs.length === 0) {
      active.forEach(function (g, ai) {
        var m = activeMatchers[ai];
        removals.push({
          group: g,
          values: sel[g].map(function (item) { return m.valueOf(item); }),
          labels: m.chosen(sel[g]).map(function (i, j) { return i >= 0 ? facets.label(g, i) : m.valueOf(sel[g][j]); }),
          total: countFailing(failCounts, g)
        });
      });
      if (keyword && keyword.docs) {
        removals.push({ group: 'q', values: [], labels: [], total: this.search({ q: '', filters: state.filters }, today, now).total });
      }
    }
    return { docs: docs, total: docs.length, counts: counts, keyword: keyword, removals: removals, selection: sel };
  };

  /* the sort column of the first active filter that sorts (and whose sortWhen values are chosen) */
  Engine.prototype._sortColumn = function (active, activeMatchers, activeItems) {
    for (var a = 0; a < active.length; a++) {
      var spec = this.facets.specs.get(active[a]);
      if (!spec.sort || !this.facets.sorts.has(spec.sort)) continue;
      if (spec.sortWhen) {
        var chosen = activeMatchers[a].chosen(activeItems[a]);
        if (!chosen.some(function (i) { return spec.sortWhen.indexOf(i) >= 0; })) continue;
      }
      return this.facets.sorts.get(spec.sort);
    }
    return null;
  };

  function countFailing(list, group) {
    var c = 0;
    for (var i = 0; i < list.length; i++) if (list[i] === group) c += 1;
    return c;
  }

  /* ----------------------------------------------------------- text chunks */

  /* loader(fileName) -> Promise of the parsed chunk; returns a function docs -> Promise of rows */
  function TextStore(facets, loader) {
    this.facets = facets;
    this.loader = loader;
    this.chunks = Object.create(null);
  }

  TextStore.prototype.rows = function (docs) {
    var size = this.facets.chunkSize, self = this, needed = [];
    docs.forEach(function (doc) {
      var c = Math.floor(doc / size);
      if (!self.chunks[c] && needed.indexOf(c) < 0) needed.push(c);
    });
    return Promise.all(needed.map(function (c) {
      var pending = self.loader(self.facets.chunks[c]).then(function (rows) { self.chunks[c] = rows; });
      pending.catch(function () { delete self.chunks[c]; });
      return pending;
    })).then(function () {
      return docs.map(function (doc) {
        // a row is the presenter's card (tarjotin/presenter.py Card.json), named keys: the page
        // shows what it finds and computes nothing; `doc` is added for the caller
        var row = self.chunks[Math.floor(doc / size)][doc % size], out = { doc: doc, keywords: [] };
        Object.keys(row).forEach(function (key) { if (key !== 'doc') out[key] = row[key]; });
        return out;
      });
    });
  };

  return {
    FORMAT_VERSION: FORMAT_VERSION,
    BOOST: BOOST,
    Facets: Facets,
    Engine: Engine,
    registerMatcher: registerMatcher,
    parseRange: parseRange,
    TextStore: TextStore,
    analyse: analyse,
    otherTerms: otherTerms,
    trimUnicode: trimUnicode,
    buildIndex: buildIndex,
    indexSteps: indexSteps,
    decodeTerms: decodeTerms
  };
}));
