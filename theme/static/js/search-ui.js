/*
 * Tarjotin search page. Reads its configuration (file names, UI strings) from the JSON block
 * #search-config written by theme/templates/search.html; no inline script, no HTML strings:
 * every text from the data or the URL goes into the page with textContent.
 *
 * Loading: only this page loads search files (other pages link here). The scripts come as
 * deferred <script> tags and the two data files as <link rel="preload">, so all downloads start
 * while the HTML is parsed. Filters, counts and browsing need only the small facets file; the
 * keyword index is built in short steps (the page stays responsive and typing is not blocked).
 *
 * State lives in the URL (?q= and one parameter per filter, repeated for several values; the
 * filters and their flags come from their declarations, tarjotin/filters, via facets.json),
 * read and written by search-state.js (bounded: the address is untrusted text of any size):
 * a filter change or a submitted search adds a history entry, typing updates the current one,
 * and the back button restores the previous view. Values this build does not have are dropped
 * once the filters file is here; values are looked up only in Maps, never in plain objects.
 */
(function () {
  'use strict';

  var configEl = document.getElementById('search-config');
  var T = window.TarjotinSearch, URLSTATE = window.TarjotinSearchState;
  if (!configEl || !T || !URLSTATE) return;
  var config = JSON.parse(configEl.textContent);
  var S = config.strings;
  var PAGE = 10;   // results per page: a phone screen or two; "Show more" adds the next ten

  var els = {
    form: document.getElementById('search-form'),
    q: document.getElementById('search-q'),
    filters: document.getElementById('search-filters'),
    filterGroups: document.getElementById('filter-groups'),
    toggle: document.getElementById('filters-toggle'),
    done: document.getElementById('filters-done'),
    active: document.getElementById('active-filters'),
    count: document.getElementById('search-count'),
    live: document.getElementById('search-live'),
    notice: document.getElementById('search-notice'),
    results: document.getElementById('search-results'),
    more: document.getElementById('search-more'),
    area: document.getElementById('results-area')
  };

  var engine = null, texts = null, facets = null;
  var state = readUrl();
  var shown = 0, current = null;
  var baseTitle = document.title;
  var indexState = 'none';   // none | loading | ready | failed
  var typingCommitted = true;
  var liveTimer = null, inputTimer = null;

  /* ------------------------------------------------------------ helpers */

  // performance marks for the benchmark and for diagnosing slow phones (DevTools → Performance)
  function mark(name) {
    if (window.performance && performance.mark) performance.mark('tarjotin:' + name);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === 'className') node.className = attrs[k];
        else node.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
      });
    }
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : m;
    });
  }

  var plural = (window.Intl && Intl.PluralRules) ? new Intl.PluralRules(config.lang) : null;
  function resultsText(n) {
    var one = plural ? plural.select(n) === 'one' : n === 1;
    return fill(one ? S.resultsOne : S.resultsOther, { n: n.toLocaleString(config.lang) });
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function url(path) { return config.base + path; }

  function fetchJson(path) {
    return fetch(url(path), { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(r.status + ' ' + path);
      return r.json();
    });
  }

  /* --------------------------------------------------------------- URL */

  /* the address's state; before the filters file is here unknown values cannot be told yet */
  function readUrl() {
    var read = URLSTATE.parse(window.location.search, config.groups);
    return facets ? knownOnly(read) : read;
  }

  function knownOnly(s) {
    return URLSTATE.keepKnown(s, config.groups, function (g, v) { return engine.known(g, v); });
  }

  function urlFor(s) {
    var query = URLSTATE.serialize(s, config.groups);
    return window.location.pathname + (query ? '?' + query : '');
  }

  function saveUrl(push) {
    var target = urlFor(state);
    if (target === window.location.pathname + window.location.search) return;
    if (push) history.pushState(null, '', target);
    else history.replaceState(null, '', target);
  }

  /* ------------------------------------------------------------ loading */

  function setBusy(busy) {
    els.results.setAttribute('aria-busy', busy ? 'true' : 'false');
    els.area.classList.toggle('is-loading', !!busy);
  }

  function showStatus(text, announce) {
    els.count.textContent = text;
    if (announce) announceLater(text);
  }

  function announceLater(text) {
    // the live region is updated once typing pauses, so a screen reader is not flooded
    if (liveTimer) clearTimeout(liveTimer);
    liveTimer = setTimeout(function () { els.live.textContent = text; }, 700);
  }

  var engineReady = fetchJson(config.files.facets).then(function (data) {
    mark('facets-loaded');
    facets = new T.Facets(data);
    engine = new T.Engine(facets);
    texts = new T.TextStore(facets, function (name) { return fetchJson(config.files.chunkBase + name); });
    // "?teema=constructor", a removed theme, a typo: ignored, the rest of the view kept
    state = knownOnly(state);
    saveUrl(false);
    renderFilterGroups();
    // read-only handle for tests and bench/search.py (query timing without rendering)
    T.page = {
      engine: engine, texts: texts, today: today, state: function () { return state; },
      prepare: function (q) { return loadShards(engine.missingShards(q)); }
    };
    return engine;
  });

  var indexPromise = null;
  function ensureIndex() {
    if (indexPromise) return indexPromise;
    indexState = 'loading';
    indexPromise = Promise.all([engineReady, fetchJson(config.files.index)]).then(function (parts) {
      mark('index-loaded');
      return engine.attachAsync(window.lunr, parts[1]);
    }).then(function () {
      mark('index-built');
      indexState = 'ready';
    });
    indexPromise.catch(function () { indexState = 'failed'; indexPromise = null; });
    return indexPromise;
  }

  var shardLoads = {};
  function loadShards(shards) {
    return Promise.all(shards.map(function (k) {
      if (!shardLoads[k]) {
        shardLoads[k] = fetchJson(config.files.chunkBase + engine.shardFiles[k]).then(function (data) {
          engine.addShard(k, data);
        });
        shardLoads[k].catch(function () { delete shardLoads[k]; });
      }
      return shardLoads[k];
    }));
  }

  /* ------------------------------------------------------------- search */

  /* YYYYMMDD in the area's time zone (theme/static/js/clock.js, the one "today") */
  function today() { return TarjotinClock.today(config.timeZone).number; }

  function run(options) {
    options = options || {};
    if (!engine) return;
    if (state.q.trim() && indexState !== 'ready') {
      setBusy(true);
      showStatus(S.loading, false);
      runAfter(ensureIndex(), options);
      return;
    }
    if (state.q.trim()) {
      var missing = engine.missingShards(state.q);
      if (missing.length) {
        // postings of the query's words that are not here yet: fetch, then search again
        setBusy(true);
        runAfter(loadShards(missing), options);
        return;
      }
    }
    var pending = engine.pendingData(state);
    if (pending.length) {
      // a filter whose data comes on first use (opening hours): fetch, then search again
      setBusy(true);
      runAfter(loadData(pending), options);
      return;
    }
    var keep = options.refresh ? shown : 0;
    var result = engine.search(state, today());
    if (places) result = places.arrange(result);   // "near me": nearest first
    mark('searched');
    current = result;
    setBusy(false);
    updateFilters(result);
    renderActive(result);
    renderNotice(result);
    var text = resultsText(result.total);
    showStatus(text, true);
    // the query in the title names the history entry and the tab
    document.title = (state.q.trim() ? state.q.trim().slice(0, 60) + ' – ' : '') + baseTitle;
    shown = 0;
    clear(els.results);
    var rendered = renderMore(options.focusFirst);
    while (shown < Math.min(keep, result.total)) renderMore(false);   // a refresh keeps "show more"
    if (places) places.update(result);
    // what only adds results (full-text shards, related terms) once the first ones are on screen,
    // so it never competes with their texts
    var q = state.q;
    if (q.trim()) rendered.then(function () { if (state.q === q) addLater(q); });
  }

  /* full-text matches of words already found elsewhere: fetched after the results are shown */
  function addLater(q) {
    var later = engine.missingShards(q, true);
    if (!later.length) return;
    loadShards(later).then(function () { if (state.q === q) run({ refresh: true }); }, function () {});
  }

  var dataLoads = {};
  function loadData(pending) {
    return Promise.all(pending.map(function (p) {
      if (!dataLoads[p.key]) {
        dataLoads[p.key] = fetchJson(config.files[p.key]);
        dataLoads[p.key].catch(function () { delete dataLoads[p.key]; });
      }
      return dataLoads[p.key].then(function (data) { facets.matchers.get(p.group).setData(data); });
    }));
  }

  /* answers that depend on the time of day (open now) are checked each minute and when the page
     is shown again; the view is searched again only when they changed */
  function refreshIfStale() {
    if (engine && current && !waiting && document.visibilityState !== 'hidden' && engine.stale(new Date())) {
      run({ refresh: true });
    }
  }
  setInterval(refreshIfStale, 60000);
  document.addEventListener('visibilitychange', refreshIfStale);

  /* search again once `promise` settles; keystrokes meanwhile do not pile up more runs */
  var waiting = false;
  function runAfter(promise, options) {
    if (waiting) return;
    waiting = true;
    promise.then(function () { waiting = false; run(options); },
                 function () { waiting = false; loadFailed(); });
  }

  function loadFailed() {
    setBusy(false);
    clear(els.notice);
    var p = el('p', { className: 'notice notice-error' }, S.loadError + ' ');
    var retry = el('button', { type: 'button', className: 'button-secondary' }, S.retry);
    retry.addEventListener('click', function () {
      if (!engine) { window.location.reload(); return; }   // the filters file itself failed
      run();
    });
    p.appendChild(retry);
    els.notice.appendChild(p);
    showStatus(S.loadError, true);
  }

  function renderMore(focusFirst) {
    var result = current, start = shown, slice = result.docs.slice(start, start + PAGE);
    shown = start + slice.length;
    els.more.hidden = shown >= result.total;
    if (!slice.length) return Promise.resolve();
    var placeholders = slice.map(function (doc) {
      var li = el('li', { className: 'result is-pending', 'data-doc': doc });
      li.appendChild(el('article', { className: 'card' }));
      els.results.appendChild(li);
      return li;
    });
    // each text chunk fills its cards as soon as it arrives; placeholders keep the order
    var byChunk = {};
    slice.forEach(function (doc, i) {
      var c = Math.floor(doc / facets.chunkSize);
      (byChunk[c] = byChunk[c] || []).push(i);
    });
    var failed = false;
    return Promise.all(Object.keys(byChunk).map(function (c) {
      var positions = byChunk[c];
      return texts.rows(positions.map(function (i) { return slice[i]; })).then(function (rows) {
        rows.forEach(function (row, k) {
          var li = placeholders[positions[k]];
          if (li.parentNode) fillCard(li, row, slice[positions[k]]);   // skip rows of a list replaced meanwhile
        });
      }, function () { failed = true; });
    })).then(function () {
      mark('rendered');
      if (failed) {
        placeholders.forEach(function (li) {
          if (li.parentNode && li.classList.contains('is-pending')) li.parentNode.removeChild(li);
        });
        loadFailed();
        return;
      }
      if (focusFirst && placeholders[0]) {
        var link = placeholders[0].querySelector('a');
        if (link) link.focus();
      }
    });
  }

  /* a text of the card: with its own language (and direction) when it fell back to another one */
  function textEl(tag, props, row, key) {
    var lang = row[key + 'Lang'] || null;
    props.lang = lang;
    props.dir = lang ? (row[key + 'Dir'] || 'auto') : null;
    return el(tag, props, row[key]);
  }

  /* a result: the presenter's card as the build wrote it (the same lines as the record page) */
  function fillCard(li, row, doc) {
    li.classList.remove('is-pending');
    var card = li.firstChild;
    var h = el('h3', { className: 'card-title' });
    h.appendChild(textEl('a', { href: config.recordUrl + encodeURIComponent(row.id) + '/' }, row, 'title'));
    card.appendChild(h);
    var meta = el('p', { className: 'card-meta' });
    meta.appendChild(el('span', { className: 'kind kind-' + row.kind }, row.kindLabel));
    if (row.provider) meta.appendChild(textEl('span', { className: 'provider' }, row, 'provider'));
    if (row.where) meta.appendChild(el('span', { className: 'where' }, row.where));
    if (row.when) meta.appendChild(el('span', { className: 'when' }, row.when));
    card.appendChild(meta);
    if (row.summary) card.appendChild(textEl('p', { className: 'card-summary' }, row, 'summary'));
    card.appendChild(el('div', { className: 'favourite-slot', 'data-favourite-id': row.id }));
    if (places) places.card(li, doc);
  }

  /* ------------------------------------------------------------ filters */

  var checkboxes = new Map();   // group -> Map value -> input ('' = the "all" choice of a one-value group)
  var countEls = new Map();     // group -> Map value -> span
  var rangeEls = new Map();     // group -> {from, to} date inputs

  /* a chosen value's label: the build's label, or a chosen date range in this language */
  function valueLabel(g, v) {
    var i = facets.find(g, v);
    if (i >= 0) return facets.label(g, i);
    var days = T.parseRange(v);
    if (!days) return v;
    var format = function (day) {
      var date = new Date(Date.UTC(Math.floor(day / 10000), Math.floor(day / 100) % 100 - 1, day % 100));
      try {
        return date.toLocaleDateString(config.lang, { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' });
      } catch (e) {
        return date.toISOString().slice(0, 10);
      }
    };
    return fill(S.rangeLabel, { from: format(days[0]), to: format(days[1]) });
  }

  function choice(g, value, text, withCount, type, id, boxes, spans) {
    var li = el('li');
    var input = el('input', { type: type, id: id, name: g, value: value });
    input.addEventListener('change', onFilterChange);
    var label = el('label', { for: id });
    label.appendChild(el('span', { className: 'value-label' }, text));
    if (withCount) {
      label.appendChild(document.createTextNode(' '));
      var count = el('span', { className: 'value-count' });
      label.appendChild(count);
      spans.set(value, count);
    }
    li.appendChild(input);
    li.appendChild(label);
    boxes.set(value, input);
    return li;
  }

  function renderFilterGroups() {
    clear(els.filterGroups);
    config.groups.forEach(function (g) {
      var values = facets.values[g], spec = facets.specs.get(g);
      if (!values || !values.length) return;
      var single = spec.multiple === false, type = single ? 'radio' : 'checkbox';
      var fs = el('fieldset', { className: 'filter-group', id: 'filter-' + g });
      fs.appendChild(el('legend', null, S.groups[g]));
      var list = el('ul', { className: 'filter-values' });
      var boxes = new Map(), spans = new Map();
      checkboxes.set(g, boxes);
      countEls.set(g, spans);
      // one value at a time: radio buttons, the first of which takes the filter off
      if (single) list.appendChild(choice(g, '', S.anyValue, false, type, 'f-' + g + '-all', boxes, spans));
      values.forEach(function (pair, i) {
        list.appendChild(choice(g, pair[0], pair[1], true, type, 'f-' + g + '-' + i, boxes, spans));
      });
      fs.appendChild(list);
      if (spec.range) fs.appendChild(rangeControls(g));
      els.filterGroups.appendChild(fs);
    });
    syncControls();
  }

  /* two date fields and a button: the group's value becomes "YYYY-MM-DD..YYYY-MM-DD" */
  function rangeControls(g) {
    var box = el('div', { className: 'filter-range' });
    var from = el('input', { type: 'date', id: 'f-' + g + '-from', name: g + '-from' });
    var to = el('input', { type: 'date', id: 'f-' + g + '-to', name: g + '-to' });
    [[from, S.rangeFrom], [to, S.rangeTo]].forEach(function (pair) {
      var p = el('p');
      p.appendChild(el('label', { for: pair[0].id }, pair[1]));
      p.appendChild(pair[0]);
      box.appendChild(p);
    });
    var apply = el('button', { type: 'button', className: 'button-secondary', id: 'f-' + g + '-apply' }, S.rangeApply);
    apply.addEventListener('click', function () {
      var a = from.value, b = to.value || from.value;
      if (a && b < a) { var t = a; a = b; b = t; }
      var value = a + '..' + b;
      if (!a || !T.parseRange(value)) { from.focus(); return; }
      state.filters[g] = [value];
      syncControls();
      commit(true);
    });
    box.appendChild(apply);
    rangeEls.set(g, { from: from, to: to });
    return box;
  }

  function syncControls() {
    if (document.activeElement !== els.q || els.q.value.trim() !== state.q.trim()) els.q.value = state.q;
    config.groups.forEach(function (g) {
      var boxes = checkboxes.get(g), chosen = state.filters[g];
      if (boxes) {
        boxes.forEach(function (input, v) { input.checked = v === '' ? chosen.length === 0 : chosen.indexOf(v) >= 0; });
      }
      var range = rangeEls.get(g), days = range && chosen.length ? T.parseRange(chosen[0]) : null;
      if (range) {
        var iso = function (day) { return String(day).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'); };
        range.from.value = days ? iso(days[0]) : '';
        range.to.value = days ? iso(days[1]) : '';
      }
    });
  }

  function updateFilters(result) {
    var selectedCount = 0;
    config.groups.forEach(function (g) {
      var counts = result.counts[g], spec = facets.specs.get(g), shown = (spec && spec.alwaysShown) || [];
      var matcher = facets.matchers.get(g), unknown = !!matcher.countsKnown && !matcher.countsKnown();
      (facets.values[g] || []).forEach(function (pair, i) {
        var span = countEls.has(g) && countEls.get(g).get(pair[0]);
        if (!span) return;
        var n = counts[i], checked = state.filters[g].indexOf(pair[0]) >= 0;
        // counts a filter cannot tell before its data is fetched (on first use) are not shown
        span.textContent = unknown ? '' : '(' + n.toLocaleString(config.lang) + ')';
        var li = span.parentNode.parentNode;
        li.classList.toggle('is-empty', n === 0 && !checked && !unknown);
        // long lists (languages, places outside the area): only the values with results
        li.hidden = n === 0 && !checked && !unknown && !!spec.hideUnused && shown.indexOf(i) < 0;
      });
      selectedCount += state.filters[g].length;
      // a group with nothing to choose (e.g. no service language among the results) is left out
      var fieldset = document.getElementById('filter-' + g);
      if (fieldset) fieldset.hidden = !fieldset.querySelector('li:not([hidden]) .value-count');
    });
    els.toggle.textContent = selectedCount ? fill(S.filtersCount, { n: selectedCount }) : S.filters;
  }

  function onFilterChange(event) {
    var input = event.target, g = input.name, v = input.value, list = state.filters[g];
    if (input.type === 'radio') {
      state.filters[g] = v ? [v] : [];
      commit(true);
      return;
    }
    var at = list.indexOf(v);
    if (input.checked && at < 0) list.push(v);
    if (!input.checked && at >= 0) list.splice(at, 1);
    commit(true);
  }

  function commit(push) {
    typingCommitted = true;
    saveUrl(push);
    run();
  }

  function renderActive(result) {
    clear(els.active);
    var any = false, list = el('ul', { className: 'chips' });
    config.groups.forEach(function (g) {
      state.filters[g].forEach(function (v) {
        if (!engine.known(g, v)) return;
        any = true;
        var li = el('li'), label = valueLabel(g, v);
        var b = el('button', { type: 'button', className: 'chip', 'aria-label': fill(S.removeFilter, { label: label }) });
        b.appendChild(el('span', null, label));
        b.appendChild(el('span', { className: 'chip-x', 'aria-hidden': 'true' }, '×'));
        b.addEventListener('click', function () { removeValue(g, v); });
        li.appendChild(b);
        list.appendChild(li);
      });
    });
    if (!any) return;
    els.active.appendChild(el('h3', { className: 'visually-hidden' }, S.activeFilters));
    var clearLi = el('li');
    var clearBtn = el('button', { type: 'button', className: 'chip chip-clear' }, S.clearAll);
    clearBtn.addEventListener('click', function () {
      config.groups.forEach(function (g) { state.filters[g] = []; });
      syncControls();
      commit(true);
      els.q.focus();
    });
    clearLi.appendChild(clearBtn);
    list.appendChild(clearLi);
    els.active.appendChild(list);
  }

  function removeValue(g, v) {
    state.filters[g] = state.filters[g].filter(function (x) { return x !== v; });
    syncControls();
    commit(true);
    // the chip is gone: keep the keyboard user inside the results area
    var next = els.active.querySelector('button') || els.q;
    next.focus();
  }

  function renderNotice(result) {
    clear(els.notice);
    var kw = result.keyword;
    if (kw && kw.docs === null && state.q.trim()) {
      els.notice.appendChild(el('p', { className: 'notice' }, S.onlyStopWords));
    }
    if (kw && kw.partial) {
      els.notice.appendChild(el('p', { className: 'notice' }, S.partial));
    }
    if (kw && kw.unmatched && kw.unmatched.length && kw.docs && kw.docs.length) {
      els.notice.appendChild(el('p', { className: 'notice' }, fill(S.unmatched, { words: kw.unmatched.join(', ') })));
    }
    renderNationwideHint(result);
    if (result.total > 0) return;
    var box = el('div', { className: 'no-results' });
    box.appendChild(el('p', { className: 'no-results-title' }, S.noResults));
    var useful = result.removals.filter(function (r) { return r.total > 0; });
    if (useful.length) {
      box.appendChild(el('p', null, S.suggestRemove));
      var ul = el('ul', { className: 'suggestions' });
      useful.forEach(function (r) {
        var li = el('li');
        var text = r.group === 'q' ? S.withoutWords
          : fill(S.without, { labels: r.values.map(function (v) { return valueLabel(r.group, v); }).join(', ') });
        var b = el('button', { type: 'button', className: 'button-secondary' }, text + ' – ' + resultsText(r.total));
        b.addEventListener('click', function () {
          if (r.group === 'q') state.q = '';
          else state.filters[r.group] = [];
          syncControls();
          commit(true);
          els.q.focus();
        });
        li.appendChild(b);
        ul.appendChild(li);
      });
      box.appendChild(ul);
    } else {
      box.appendChild(el('p', null, S.noResultsHelp));
    }
    var browse = el('p');
    browse.appendChild(el('a', { href: config.azUrl }, S.browseAll));
    box.appendChild(browse);
    els.notice.appendChild(box);
  }

  /* a filter may suggest a value to add (a municipality filter: the nationwide services, helplines
     and chats, which it leaves out): offered when it has results */
  function renderNationwideHint(result) {
    config.groups.forEach(function (g) {
      var spec = facets.specs.get(g), at = spec && spec.suggest, chosen = state.filters[g];
      if (typeof at !== 'number' || !chosen.length) return;
      var value = facets.value(g, at), n = result.counts[g][at];
      if (chosen.indexOf(value) >= 0 || !n) return;
      var one = plural ? plural.select(n) === 'one' : n === 1;
      var p = el('p', { className: 'notice' });
      var b = el('button', { type: 'button', className: 'button-secondary' },
        fill(one ? S.nationwideOne : S.nationwideOther, { n: n.toLocaleString(config.lang) }));
      b.addEventListener('click', function () {
        state.filters[g].push(value);
        syncControls();
        commit(true);
        b.blur();
        els.q.focus();
      });
      p.appendChild(b);
      els.notice.appendChild(p);
    });
  }

  /* ------------------------------------------------------------- events */

  els.form.addEventListener('submit', function (event) {
    event.preventDefault();
    state.q = els.q.value.slice(0, 200);
    if (inputTimer) clearTimeout(inputTimer);
    commit(true);
  });

  els.q.addEventListener('input', function () {
    if (inputTimer) clearTimeout(inputTimer);
    inputTimer = setTimeout(function () {
      state.q = els.q.value.slice(0, 200);
      // the first keystroke after a committed view starts a new history entry; later ones update it
      saveUrl(typingCommitted);
      typingCommitted = false;
      run();
    }, 180);
  });

  els.more.addEventListener('click', function () {
    var first = shown;
    renderMore(false).then(function () {
      // keyboard and screen-reader users continue from the first newly shown result
      var item = els.results.children[first], link = item && item.querySelector('a');
      if (link) link.focus();
    });
  });

  window.addEventListener('popstate', function () {
    state = readUrl();
    typingCommitted = true;
    syncControls();
    run();
  });

  // phone: the filters fold behind a button; wide screens show them beside the results
  function setExpanded(open) {
    els.toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    els.filters.classList.toggle('is-open', open);
  }
  els.toggle.hidden = false;
  els.done.hidden = false;
  els.toggle.addEventListener('click', function () {
    setExpanded(els.toggle.getAttribute('aria-expanded') !== 'true');
  });
  els.done.addEventListener('click', function () {
    setExpanded(false);
    els.toggle.focus();
    els.area.scrollIntoView({ block: 'start' });
  });
  setExpanded(false);

  /* ------------------------------------------------- map and "near me" (search-map.js) */

  // the map and distance sorting load on the first press of one of their controls, never before
  var places = null, placesLoad = null, placesTools = document.getElementById('places-tools');
  function withPlaces(action) {
    if (!placesLoad) {
      placesLoad = new Promise(function (resolve, reject) {
        var s = el('script', { src: url(config.files.placesScript) });
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      }).then(function () {
        return window.TarjotinPlaces.start({
          config: config, el: el, fill: fill, url: url, fetchJson: fetchJson, results: els.results,
          failed: loadFailed, refresh: function () { if (engine) run({ refresh: true }); }
        });
      }).then(function (ext) { places = ext; });
      placesLoad.catch(function () { placesLoad = null; });
    }
    placesLoad.then(function () { places.act(action); }, loadFailed);
  }
  if (placesTools) {
    placesTools.hidden = false;
    placesTools.addEventListener('click', function (event) {
      var b = event.target.closest && event.target.closest('button[data-places]');
      if (b) withPlaces(b.getAttribute('data-places'));
    });
    document.getElementById('near-form').addEventListener('submit', function (event) {
      event.preventDefault();
      withPlaces('place');
    });
  }

  /* ------------------------------------------------------------- start */

  els.q.value = state.q;
  setBusy(true);
  showStatus(S.loading, false);
  engineReady.then(function () { run(); }, loadFailed);
  ensureIndex().catch(function () {});
}());
