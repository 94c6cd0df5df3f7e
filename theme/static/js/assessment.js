/*
 * The self-assessment (/arvio/): everything happens in this browser, nothing is sent anywhere.
 * The questions and their result panels are rendered by the build (theme/templates/assessment.html,
 * the card content/assessment/card.yml); this script only scores the answers and shows the panels.
 *
 * Suggestions: each answer has a `need` (the card's scale). Areas with need 0 are never suggested;
 * the others are ordered by need, highest first, and a tie keeps the card's order (the area written
 * first in the card wins). At most three are shown.
 *
 * Services: each panel holds the candidates the build chose (tarjotin/assessment.py
 * service_candidates), in rank order, each with its record's age groups (data-ages; none = for
 * everyone), municipalities (data-places; none = everywhere) and rank (data-rank: 0 an editor's
 * pick, 1 in the page's language, 2 languages unknown, 3 other languages). pick() shows three for
 * the answers to "who" (age group) and "where" (municipality), the card's optional questions,
 * exactly as pick_services() does in Python: only those for the group or for everyone; by rank,
 * then those serving the place, for everywhere, elsewhere; the narrowest first (fewest age groups;
 * everyone last); and adds the answers to the search link.
 *
 * Storage: nothing until the user presses Save; then one key, "tarjotin.assessment", holding
 *     {"version": 1, "answers": [["<theme>", <answer index>], …], "who": "<age group>", "where": "<code>"}
 * pairs, never an object keyed by theme; "who" and "where" only when answered. Read back
 * defensively: unknown themes, groups and places, bad indexes and broken JSON are ignored. In
 * professional mode Save is hidden and the answers are cleared when the page is left.
 */
(function () {
  'use strict';

  var KEY = 'tarjotin.assessment';
  var VERSION = 1;
  var MAX_SHOWN = 3;
  var SERVICES_SHOWN = 3;
  var EVERYONE = 1000;   // a record without age groups: after those meant for fewer groups

  var form = document.getElementById('assessment-form');
  if (!form) return;
  var config = { strings: {} };
  try { config = JSON.parse(document.getElementById('assessment-config').textContent) || config; } catch (e) { /* texts only */ }
  var S = config.strings || {};
  var result = document.getElementById('assessment-result');
  var list = document.getElementById('assessment-areas');
  var pool = document.getElementById('assessment-pool');
  var live = document.getElementById('assessment-live');
  var pro = document.getElementById('assessment-pro');
  var saveButton = document.getElementById('assessment-save');
  var forgetButton = document.getElementById('assessment-forget');
  var whoInputs = radios('assessment-who');
  var whereInputs = radios('assessment-where');
  var params = config.params || {};

  // The card's areas in card order: theme → {fieldset, panel}; panel → its service candidates in
  // the build's rank order (pick() reorders the list items, so the order is kept here)
  var areas = new Map();
  var order = [];
  var candidates = new Map();
  Array.prototype.forEach.call(form.querySelectorAll('fieldset[data-theme]'), function (fieldset) {
    var theme = fieldset.getAttribute('data-theme');
    var panel = pool.querySelector('li[data-theme="' + CSS.escape(theme) + '"]');
    areas.set(theme, { fieldset: fieldset, panel: panel });
    candidates.set(panel, Array.prototype.slice.call(panel.querySelectorAll('.assessment-services > li')));
    order.push(theme);
  });

  function radios(id) {
    var fieldset = document.getElementById(id);
    return fieldset ? Array.prototype.slice.call(fieldset.querySelectorAll('input[type=radio]')) : [];
  }

  /** The value of the checked radio among `inputs` (the page's own values), or null. */
  function chosen(inputs) {
    var checked = inputs.filter(function (input) { return input.checked; })[0];
    return checked ? checked.value : null;
  }

  /** The input among `inputs` whose value is `value` (from storage: compared, never used as a key). */
  function withValue(inputs, value) {
    return inputs.filter(function (input) { return input.value === value; })[0] || null;
  }

  function say(text) { live.textContent = ''; window.setTimeout(function () { live.textContent = text || ''; }, 50); }

  /** The answers as [theme, index] pairs, in card order. */
  function answers() {
    var out = [];
    order.forEach(function (theme) {
      var checked = areas.get(theme).fieldset.querySelector('input[type=radio]:checked');
      if (checked) out.push([theme, Number(checked.value)]);
    });
    return out;
  }

  function needOf(theme, index) {
    var input = areas.get(theme).fieldset.querySelectorAll('input[type=radio]')[index];
    return input ? Number(input.getAttribute('data-need')) || 0 : 0;
  }

  /** Show the three candidates of a panel for `group` and `place` (null: not answered); mirrors
   *  pick_services(). */
  function pick(panel, group, place) {
    var items = candidates.get(panel) || [];
    var fitting = items.map(function (li, index) {
      var ages = (li.getAttribute('data-ages') || '').split(' ').filter(Boolean);
      var rank = Number(li.getAttribute('data-rank')) || 0;
      var places = (li.getAttribute('data-places') || '').split(' ').filter(Boolean);
      var forGroup = group !== null && ages.indexOf(group) !== -1;
      return { li: li, fits: group === null || !ages.length || forGroup, rank: rank,
               distance: place === null || places.indexOf(place) !== -1 ? 0 : !places.length ? 1 : 2,
               breadth: rank === 0 ? 0 : forGroup ? ages.length : EVERYONE, index: index };
    }).filter(function (c) { return c.fits; });
    fitting.sort(function (a, b) {
      return a.rank - b.rank || a.distance - b.distance || a.breadth - b.breadth || a.index - b.index;
    });
    var shown = fitting.slice(0, SERVICES_SHOWN).map(function (c) { return c.li; });
    items.forEach(function (li) { li.hidden = shown.indexOf(li) === -1; });
    shown.forEach(function (li) { li.parentNode.appendChild(li); });          // in the order picked
    items.forEach(function (li) { if (li.hidden) li.parentNode.appendChild(li); });
    var heading = panel.querySelector('.assessment-services-h');
    var none = panel.querySelector('.assessment-services-none');
    if (heading) heading.hidden = !shown.length;
    if (none) none.hidden = shown.length > 0;
    var search = panel.querySelector('a.assessment-search');
    var href = search.getAttribute('data-href');
    if (group !== null && params.who) href += '&' + params.who + '=' + encodeURIComponent(group);
    if (place !== null && params.where) href += '&' + params.where + '=' + encodeURIComponent(place);
    search.setAttribute('href', href);
  }

  /** The suggested themes for [theme, index] pairs: need > 0, by need, ties in card order. */
  function suggest(pairs) {
    var scored = pairs.map(function (pair) {
      return { theme: pair[0], need: needOf(pair[0], pair[1]), position: order.indexOf(pair[0]) };
    }).filter(function (s) { return s.need > 0; });
    scored.sort(function (a, b) { return b.need - a.need || a.position - b.position; });
    return scored.slice(0, MAX_SHOWN).map(function (s) { return s.theme; });
  }

  function show(pairs, message) {
    while (list.firstChild) pool.appendChild(list.firstChild);
    var themes = suggest(pairs);
    var group = chosen(whoInputs);
    var place = chosen(whereInputs);
    themes.forEach(function (theme) {
      var panel = areas.get(theme).panel;
      pick(panel, group, place);
      list.appendChild(panel);
    });
    document.getElementById('assessment-empty').hidden = pairs.length > 0;
    document.getElementById('assessment-none').hidden = !(pairs.length && !themes.length);
    document.getElementById('assessment-some').hidden = !themes.length;
    var favourites = document.getElementById('assessment-favourites');
    if (favourites) favourites.hidden = !themes.length;
    result.hidden = false;
    result.focus();
    say(message || S.shown);
  }

  function setPro(on) {
    Array.prototype.forEach.call(form.querySelectorAll('.q-self'), function (el) { el.hidden = on; });
    Array.prototype.forEach.call(form.querySelectorAll('.q-client'), function (el) { el.hidden = !on; });
    document.getElementById('assessment-pro-hint').hidden = !on;
    saveButton.hidden = on;
    if (on) forgetButton.hidden = true;
    else forgetButton.hidden = readSaved() === null;
  }

  /** The saved answers {pairs, who}, or null when there are none. */
  function readSaved() {
    var raw;
    try { raw = window.localStorage.getItem(KEY); } catch (e) { return null; }
    if (typeof raw !== 'string' || raw.length > 10000) return null;
    var data;
    try { data = JSON.parse(raw); } catch (e) { return null; }
    if (!data || data.version !== VERSION || !Array.isArray(data.answers)) return null;
    var seen = new Set();
    var out = [];
    data.answers.forEach(function (pair) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !areas.has(pair[0]) || seen.has(pair[0])) return;
      var count = areas.get(pair[0]).fieldset.querySelectorAll('input[type=radio]').length;
      if (typeof pair[1] !== 'number' || pair[1] % 1 !== 0 || pair[1] < 0 || pair[1] >= count) return;
      seen.add(pair[0]);
      out.push([pair[0], pair[1]]);
    });
    var group = withValue(whoInputs, data.who);
    var place = withValue(whereInputs, data.where);
    return { pairs: out, who: group ? group.value : null, where: place ? place.value : null };
  }

  function fill(saved) {
    form.reset();
    saved.pairs.forEach(function (pair) {
      var input = areas.get(pair[0]).fieldset.querySelectorAll('input[type=radio]')[pair[1]];
      if (input) input.checked = true;
    });
    whoInputs.forEach(function (input) { input.checked = input.value === saved.who; });
    whereInputs.forEach(function (input) { input.checked = input.value === saved.where; });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    show(answers());
  });
  form.addEventListener('reset', function () {
    result.hidden = true;
  });
  pro.addEventListener('change', function () { setPro(pro.checked); });

  saveButton.addEventListener('click', function () {
    try {
      var data = { version: VERSION, answers: answers() };
      if (chosen(whoInputs) !== null) data.who = chosen(whoInputs);
      if (chosen(whereInputs) !== null) data.where = chosen(whereInputs);
      window.localStorage.setItem(KEY, JSON.stringify(data));
      forgetButton.hidden = false;
      say(S.saved);
    } catch (e) { say(S.notSaved); }
  });
  forgetButton.addEventListener('click', function () {
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept anyway */ }
    forgetButton.hidden = true;
    say(S.forgotten);
  });
  document.getElementById('assessment-print').addEventListener('click', function () { window.print(); });

  var favouritesButton = document.getElementById('assessment-favourites');
  if (favouritesButton) {
    favouritesButton.addEventListener('click', function () {
      var store = window.Tarjotin && window.Tarjotin.favourites;
      if (!store) return;
      var added = 0;
      Array.prototype.forEach.call(list.querySelectorAll('li:not([hidden]) > a[data-service-id]'), function (link) {
        var id = link.getAttribute('data-service-id');
        if (!store.has(id)) { store.add(id, link.textContent, config.lang); added += 1; }
      });
      say(store.format(S.added, { n: added }));
    });
  }

  // Professional mode: nothing of the client's answers outlives the page (nor the back button).
  window.addEventListener('pagehide', function () {
    if (pro.checked) { form.reset(); result.hidden = true; }
  });

  setPro(false);
  var saved = readSaved();
  if (saved && saved.pairs.length) {
    fill(saved);
    show(saved.pairs, S.restored);
  }
}());
