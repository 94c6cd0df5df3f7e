/*
 * Tarjotin favourites, on every page: the saved list in localStorage, the favourite toggles and
 * the count in the header. No account, no server: nothing leaves the browser.
 *
 * Storage: one key, "tarjotin.favourites", holding
 *     {"version": 1, "items": [{"id": "<record id>", "added": "<ISO time>", "title": "…", "lang": "fi"}]}
 * in the user's order (docs/favourites.md). The professional's notes (a note per item and one for
 * the whole list) live beside it in "tarjotin.favourites.notes":
 *     {"version": 1, "list": "…", "items": [["<record id>", "…"], …]}
 * pairs, not an object keyed by id, so a stored id can never be a property name.
 *
 * Shared-computer mode (a professional's computer that clients pass through): while
 * sessionStorage holds "tarjotin.favourites.shared-computer" = "1", the list and the notes live in
 * sessionStorage under the same keys, so they belong to this tab only and end with it; the
 * favourites page clears them after printing or sending. Whatever is found there is read defensively: broken
 * JSON, foreign shapes, bad ids, huge lists and duplicates are ignored or repaired, never thrown.
 * A plain list of ids (a possible hand-made or older form) is migrated. When the browser refuses
 * storage (privacy mode, full quota) the list lives in memory for the visit and the favourites
 * page says so.
 *
 * Toggles: every `.favourite-slot[data-favourite-id]` gets a <button aria-pressed>. Slots added
 * later (search results) are found by a MutationObserver; other scripts may also call
 * `Tarjotin.favourites.hydrate(element)`. Changes in other tabs arrive by the `storage` event.
 *
 * Texts and the record id pattern (the source registry's prefixes) come from the JSON block
 * #favourites-config (theme/templates/base.html). Untrusted text (titles, stored data) only ever
 * goes into the page through textContent.
 */
(function () {
  'use strict';

  var KEY = 'tarjotin.favourites';
  var NOTES_KEY = 'tarjotin.favourites.notes';
  var MAX_NOTE = 500, MAX_LIST_NOTE = 1000;
  var SHARED_KEY = 'tarjotin.favourites.shared-computer';
  var VERSION = 1;
  var MAX_ITEMS = 200;
  var MAX_TITLE = 300;
  var LANG_RE = /^[a-z]{2,3}$/;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var STAR = 'M12 2.8l2.75 5.9 6.45.75-4.8 4.45 1.3 6.4L12 17.1l-5.7 3.2 1.3-6.4-4.8-4.45 6.45-.75z';

  var T = window.Tarjotin = window.Tarjotin || {};
  if (T.favourites) return;   // loaded twice: keep the first

  var config = { strings: {} };
  try {
    var configEl = document.getElementById('favourites-config');
    if (configEl) config = JSON.parse(configEl.textContent) || config;
  } catch (e) { /* a broken block only costs the texts */ }
  var S = config.strings || {};
  // Record ids: a registered source's prefix, then the rest (the build passes the registry's
  // pattern, tarjotin/sources.py; without it any prefix of the same shape is accepted).
  var ID_RE = /^[a-z][a-z0-9]{1,30}-[a-z0-9][a-z0-9-]{0,80}$/;
  try {
    if (typeof config.idPattern === 'string') ID_RE = new RegExp(config.idPattern);
  } catch (e) { /* keep the general shape */ }

  function fmt(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  /* ------------------------------------------------------------ storage */

  var memory = null;        // the list as JSON text when localStorage refuses it
  var persistent = true;

  function sharedMode() {
    try { return window.sessionStorage.getItem(SHARED_KEY) === '1'; } catch (e) { return false; }
  }
  /** Where the list and the notes are kept: this tab (shared-computer mode) or this browser. */
  function store() { return sharedMode() ? window.sessionStorage : window.localStorage; }

  function cleanText(value, max) {
    // eslint-disable-next-line no-control-regex
    return typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim().slice(0, max) : '';
  }

  function cleanItem(item) {
    if (typeof item === 'string') item = { id: item };
    if (!item || typeof item !== 'object') return null;
    var id = typeof item.id === 'string' ? item.id.trim() : '';
    if (!ID_RE.test(id)) return null;
    var time = typeof item.added === 'string' || typeof item.added === 'number' ? new Date(item.added) : null;
    return {
      id: id,
      added: time && !isNaN(time.getTime()) ? time.toISOString() : null,
      title: cleanText(item.title, MAX_TITLE),
      lang: typeof item.lang === 'string' && LANG_RE.test(item.lang) ? item.lang : ''
    };
  }

  /** The items in a stored value; [] for anything unreadable. */
  function parse(text) {
    if (typeof text !== 'string' || !text) return [];
    var data;
    try { data = JSON.parse(text); } catch (e) { return []; }
    var list = Array.isArray(data) ? data                        // a plain list of ids: migrate
      : data && typeof data === 'object' && Array.isArray(data.items) ? data.items : [];
    var seen = new Set(), out = [];
    for (var i = 0; i < list.length && out.length < MAX_ITEMS; i++) {
      var item = cleanItem(list[i]);
      if (item && !seen.has(item.id)) { seen.add(item.id); out.push(item); }
    }
    return out;
  }

  function readStored() {
    if (memory !== null) return parse(memory);
    try { return parse(store().getItem(KEY)); } catch (e) { persistent = false; return []; }
  }

  function writeStored(list) {
    var text = JSON.stringify({ version: VERSION, items: list });
    try {
      store().setItem(KEY, text);
      memory = null;
      persistent = true;
    } catch (e) {
      memory = text;
      persistent = false;
    }
  }

  /* ------------------------------------------------------------ notes */

  /** A note as typed: line breaks kept, other control characters dropped, length capped. */
  function cleanNote(value, max) {
    // eslint-disable-next-line no-control-regex
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]+/g, ' ').slice(0, max).trim() : '';
  }

  var notesMemory = null;
  /** {list: '…', items: Map(id → note)}; empty for anything unreadable. */
  function readNotes() {
    var out = { list: '', items: new Map() }, data = null;
    try { data = JSON.parse(notesMemory !== null ? notesMemory : store().getItem(NOTES_KEY) || 'null'); } catch (e) { data = null; }
    if (!data || typeof data !== 'object') return out;
    out.list = cleanNote(data.list, MAX_LIST_NOTE);
    (Array.isArray(data.items) ? data.items : []).slice(0, MAX_ITEMS).forEach(function (pair) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !ID_RE.test(pair[0])) return;
      var note = cleanNote(pair[1], MAX_NOTE);
      if (note) out.items.set(pair[0], note);
    });
    return out;
  }
  function writeNotes(notes) {
    var pairs = [];
    notes.items.forEach(function (note, id) { if (note) pairs.push([id, note]); });
    var text = JSON.stringify({ version: VERSION, list: notes.list, items: pairs });
    try {
      if (!notes.list && !pairs.length) store().removeItem(NOTES_KEY);
      else store().setItem(NOTES_KEY, text);
      notesMemory = null;
    } catch (e) { notesMemory = text; }
  }
  var notesApi = {
    MAX_NOTE: MAX_NOTE,
    MAX_LIST_NOTE: MAX_LIST_NOTE,
    clean: cleanNote,
    get: function (id) { var n = readNotes().items; return n.has(id) ? n.get(id) : ''; },
    list: function () { return readNotes().list; },
    set: function (id, text) {
      if (!ID_RE.test(id)) return;
      var notes = readNotes(), note = cleanNote(text, MAX_NOTE);
      if (note) notes.items.set(id, note); else notes.items.delete(id);
      writeNotes(notes);
    },
    setList: function (text) { var notes = readNotes(); notes.list = cleanNote(text, MAX_LIST_NOTE); writeNotes(notes); },
    /** Notes of items no longer in the list go with them. */
    prune: function (ids) {
      var keep = new Set(ids), notes = readNotes(), changed = false;
      notes.items.forEach(function (note, id) { if (!keep.has(id)) { notes.items.delete(id); changed = true; } });
      if (changed) writeNotes(notes);
    },
    clear: function () { writeNotes({ list: '', items: new Map() }); }
  };

  var items = readStored();
  var listeners = [];

  function indexOf(id) {
    for (var i = 0; i < items.length; i++) if (items[i].id === id) return i;
    return -1;
  }

  /** Every change starts from what is stored now: another tab may have written since. */
  function fresh() { items = readStored(); }

  function copy(item) { return { id: item.id, added: item.added, title: item.title, lang: item.lang }; }

  function commit(source) {
    writeStored(items);
    changed(source || 'local');
  }

  function changed(source) {
    updateToggles();
    updateBadges();
    listeners.slice().forEach(function (fn) {
      try { fn(source); } catch (e) { setTimeout(function () { throw e; }); }
    });
  }

  function reload(source) {
    items = readStored();
    changed(source);
  }

  /* ------------------------------------------------------------ announcements */

  var announcer = null;
  function announce(message) {
    if (!message) return;
    if (!announcer) {
      announcer = document.createElement('div');
      announcer.className = 'visually-hidden';
      announcer.id = 'favourites-announcer';
      announcer.setAttribute('role', 'status');
      announcer.setAttribute('aria-live', 'polite');
      announcer.setAttribute('aria-atomic', 'true');
      document.body.appendChild(announcer);
    }
    // Emptied first so that the same message twice is still read out.
    announcer.textContent = '';
    setTimeout(function () { announcer.textContent = message; }, 60);
  }

  /* ------------------------------------------------------------ toggles */

  function titleFor(slot) {
    var given = slot.getAttribute('data-favourite-title');
    var heading = null;
    if (!given) {
      var box = slot.closest('article, li, section') || slot.parentNode;
      heading = box && box.querySelector('h1, h2, h3, h4, .card-title');
    }
    var text = cleanText(given || (heading ? heading.textContent : ''), MAX_TITLE);
    var langEl = heading && (heading.querySelector('[lang]') || heading.closest('[lang]'));
    return { text: text, lang: langEl ? langEl.getAttribute('lang') : document.documentElement.lang };
  }

  function buildToggle(slot) {
    if (slot.getAttribute('data-favourite-ready')) return;
    var id = slot.getAttribute('data-favourite-id') || '';
    if (!ID_RE.test(id)) return;
    slot.setAttribute('data-favourite-ready', '1');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'favourite-toggle';
    button.setAttribute('data-favourite-id', id);
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'favourite-icon');
    var path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', STAR);
    svg.appendChild(path);
    button.appendChild(svg);
    var label = document.createElement('span');
    label.className = 'favourite-label';
    label.textContent = S.toggle || 'Favourite';
    button.appendChild(label);
    var title = titleFor(slot);
    var name = document.createElement('span');
    name.className = 'visually-hidden';
    name.textContent = ': ' + (title.text || id);
    button.appendChild(name);
    button.addEventListener('click', function () {
      var now = titleFor(slot);
      var saved = api.toggle(id, now.text || title.text, now.lang);
      announce(fmt(saved ? S.added : S.removed, { title: now.text || title.text || id, n: items.length })
               + (persistent ? '' : ' ' + (S.notKept || '')));
    });
    slot.appendChild(button);
    setPressed(button);
  }

  function setPressed(button) {
    var on = indexOf(button.getAttribute('data-favourite-id')) >= 0;
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  function updateToggles() {
    var buttons = document.querySelectorAll('button.favourite-toggle');
    for (var i = 0; i < buttons.length; i++) setPressed(buttons[i]);
  }

  function hydrate(root) {
    root = root || document;
    if (root.nodeType === 1 && root.matches('.favourite-slot[data-favourite-id]')) buildToggle(root);
    var slots = root.querySelectorAll ? root.querySelectorAll('.favourite-slot[data-favourite-id]') : [];
    for (var i = 0; i < slots.length; i++) buildToggle(slots[i]);
  }

  /* ------------------------------------------------------------ header badge */

  function updateBadges() {
    var badges = document.querySelectorAll('.favourites-count');
    for (var i = 0; i < badges.length; i++) {
      var badge = badges[i];
      while (badge.firstChild) badge.removeChild(badge.firstChild);
      badge.hidden = items.length === 0;
      if (!items.length) continue;
      var shown = document.createElement('span');
      shown.setAttribute('aria-hidden', 'true');
      shown.textContent = String(items.length);
      var spoken = document.createElement('span');
      spoken.className = 'visually-hidden';
      spoken.textContent = ' (' + fmt(S.badge || '{n}', { n: items.length }) + ')';
      badge.appendChild(shown);
      badge.appendChild(spoken);
    }
  }

  /* ------------------------------------------------------------ API */

  var api = T.favourites = {
    KEY: KEY,
    VERSION: VERSION,
    ID_RE: ID_RE,
    MAX_ITEMS: MAX_ITEMS,
    config: config,
    format: fmt,
    parse: parse,
    /** Copies of the saved items, in the user's order. */
    list: function () { return items.map(copy); },
    count: function () { return items.length; },
    has: function (id) { return indexOf(id) >= 0; },
    /** False when the browser does not keep the list (it lasts only for this page). */
    isPersistent: function () { return persistent; },
    add: function (id, title, lang) {
      fresh();
      if (!ID_RE.test(id) || indexOf(id) >= 0 || items.length >= MAX_ITEMS) return false;
      items.push(cleanItem({ id: id, title: title, lang: lang, added: new Date().toISOString() }));
      commit();
      return true;
    },
    remove: function (id) {
      fresh();
      var i = indexOf(id);
      if (i < 0) return false;
      items.splice(i, 1);
      commit();
      return true;
    },
    /** Add or remove; returns whether the id is saved afterwards. */
    toggle: function (id, title, lang) {
      fresh();
      if (indexOf(id) >= 0) { api.remove(id); return false; }
      return api.add(id, title, lang);
    },
    /** Move an item by `delta` places; returns its new index (or -1). */
    move: function (id, delta) {
      fresh();
      var i = indexOf(id);
      if (i < 0) return -1;
      var j = Math.max(0, Math.min(items.length - 1, i + delta));
      if (j !== i) {
        var item = items.splice(i, 1)[0];
        items.splice(j, 0, item);
        commit();
      }
      return j;
    },
    clear: function () { items = []; commit(); },
    /** Replace the whole list (undo); the items are cleaned like stored data. */
    replace: function (list) {
      items = parse(JSON.stringify(list || []));
      commit();
    },
    /** Add the items that are not saved yet, at the end; returns {added, existing}. */
    merge: function (list) {
      fresh();
      var added = 0, existing = 0;
      (list || []).forEach(function (raw) {
        var item = cleanItem(raw);
        if (!item) return;
        if (indexOf(item.id) >= 0) { existing++; return; }
        if (items.length >= MAX_ITEMS) return;
        if (!item.added) item.added = new Date().toISOString();
        items.push(item);
        added++;
      });
      if (added) commit();
      return { added: added, existing: existing };
    },
    /** fn(source) after every change: 'local', 'storage' (another tab) or 'pageshow'. */
    subscribe: function (fn) { listeners.push(fn); },
    hydrate: hydrate,
    announce: announce,
    notes: notesApi,
    /** Shared-computer mode: the list and notes in this tab only (see the top of this file). */
    isSharedComputer: sharedMode,
    /**
     * Turn shared-computer mode on or off; the list and the notes move with it, so nothing stays
     * in the browser's lasting storage while it is on. Returns whether it is on afterwards.
     */
    setSharedComputer: function (on) {
      if (on === sharedMode()) return on;
      try {
        var from = store(), keys = [KEY, NOTES_KEY], values = keys.map(function (k) { return from.getItem(k); });
        if (on) window.sessionStorage.setItem(SHARED_KEY, '1'); else window.sessionStorage.removeItem(SHARED_KEY);
        var to = store();
        keys.forEach(function (k, i) {
          if (values[i] !== null) to.setItem(k, values[i]); else to.removeItem(k);
          from.removeItem(k);
        });
      } catch (e) { /* storage refused: the mode stays as it was */ }
      reload('local');
      return sharedMode();
    },
    /** The list and all notes gone (after printing or sending on a shared computer). */
    wipe: function () {
      items = [];
      commit();
      notesApi.clear();
    }
  };

  /* ------------------------------------------------------------ start */

  window.addEventListener('storage', function (event) {
    if (event.key === KEY || event.key === null) reload('storage');
  });
  // A page restored from the back/forward cache shows the list as it was: read it again.
  window.addEventListener('pageshow', function (event) { if (event.persisted) reload('pageshow'); });

  function start() {
    hydrate(document);
    updateBadges();
    if ('MutationObserver' in window) {
      new MutationObserver(function (mutations) {
        for (var i = 0; i < mutations.length; i++) {
          var added = mutations[i].addedNodes;
          for (var j = 0; j < added.length; j++) if (added[j].nodeType === 1) hydrate(added[j]);
        }
      }).observe(document.body, { childList: true, subtree: true });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
