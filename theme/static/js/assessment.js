/*
 * The self-assessment (/arvio/): everything happens in this browser, nothing is sent anywhere.
 * The questions and their result panels are rendered by the build (theme/templates/assessment.html,
 * the card content/assessment/card.yml); this script only scores the answers and shows the panels.
 *
 * Suggestions: each answer has a `need` (the card's scale). Areas with need 0 are never suggested;
 * the others are ordered by need, highest first, and a tie keeps the card's order (the area written
 * first in the card wins). At most three are shown.
 *
 * Storage: nothing until the user presses Save; then one key, "tarjotin.assessment", holding
 *     {"version": 1, "answers": [["<theme>", <answer index>], …]}
 * pairs, never an object keyed by theme. Read back defensively: unknown themes, bad indexes and
 * broken JSON are ignored. In professional mode Save is hidden and the answers are cleared when
 * the page is left.
 */
(function () {
  'use strict';

  var KEY = 'tarjotin.assessment';
  var VERSION = 1;
  var MAX_SHOWN = 3;

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

  // The card's areas in card order: theme → {fieldset, panel}
  var areas = new Map();
  var order = [];
  Array.prototype.forEach.call(form.querySelectorAll('fieldset[data-theme]'), function (fieldset) {
    var theme = fieldset.getAttribute('data-theme');
    var panel = pool.querySelector('li[data-theme="' + CSS.escape(theme) + '"]');
    areas.set(theme, { fieldset: fieldset, panel: panel });
    order.push(theme);
  });

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
    themes.forEach(function (theme) { list.appendChild(areas.get(theme).panel); });
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
    return out;
  }

  function fill(pairs) {
    form.reset();
    pairs.forEach(function (pair) {
      var input = areas.get(pair[0]).fieldset.querySelectorAll('input[type=radio]')[pair[1]];
      if (input) input.checked = true;
    });
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
      window.localStorage.setItem(KEY, JSON.stringify({ version: VERSION, answers: answers() }));
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
      Array.prototype.forEach.call(list.querySelectorAll('a[data-service-id]'), function (link) {
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
  if (saved && saved.length) {
    fill(saved);
    show(saved, S.restored);
  }
}());
