/*
 * Tarjotin favourites page (theme/templates/favourites.html): the saved list with every detail a
 * client needs, remove / reorder / remove all (with undo), print, the share link with its QR code,
 * the read-only view of a shared list, and the "Download PDF" button (favourites-pdf.js and its
 * libraries are loaded only when it is pressed).
 *
 * Record details come from this build's per-language data files (plugins/favourites/data.py),
 * already formatted; this script only arranges them. Every text from the data, localStorage or the
 * address bar goes into the page through textContent or an attribute, never as HTML.
 *
 * Share links: <favourites page>#list1.<token>.<token>… where a token is 8 characters of
 * [0-9A-Za-z] hashed from a record id (the same hash as data.py's `list_token`). No hyphens, no
 * percent signs, nothing a mail client breaks a line at, and the fragment never reaches a server.
 * A fragment is untrusted text of any size: only its first MAX_SHARE_CHARS characters are read.
 *
 * Ids and tokens (from localStorage, the fragment, the data files) are looked up only in Maps,
 * Sets, null-prototype objects or with hasOwnProperty, never as keys of a plain object.
 */
(function () {
  'use strict';

  var T = window.Tarjotin || {};
  var fav = T.favourites;
  var configEl = document.getElementById('favourites-page-config');
  var root = document.getElementById('favourites-page');
  if (!fav || !configEl || !root) return;
  var config = JSON.parse(configEl.textContent);
  var S = config.strings;
  var fmt = fav.format;
  var lang = config.lang;

  function $(id) { return document.getElementById(id); }
  var els = {
    shared: $('fav-shared'), merge: $('fav-merge'), storage: $('fav-storage'), toolbar: $('fav-toolbar'),
    count: $('fav-count'), print: $('fav-print'), pdf: $('fav-pdf'), shareButton: $('fav-share-button'),
    clear: $('fav-clear'), confirm: $('fav-confirm'), confirmText: $('fav-confirm-text'),
    confirmYes: $('fav-confirm-yes'), confirmNo: $('fav-confirm-no'), notice: $('fav-notice'),
    status: $('fav-status'), loading: $('fav-loading'), list: $('fav-list'), omitted: $('fav-omitted'),
    empty: $('fav-empty'), share: $('fav-share'), link: $('fav-link'), copy: $('fav-copy'), email: $('fav-email'),
    printLink: $('fav-print-link'), qr: $('fav-qr'), qrImg: $('fav-qr-img'), printDate: $('fav-print-date'),
    heading: $('fav-h'), intro: $('fav-intro'), slip: $('fav-slip'), layoutSlip: $('fav-layout-slip'),
    layoutFull: $('fav-layout-full'), large: $('fav-large'), slipLang: $('fav-slip-lang'),
    listNoteBox: $('fav-list-note-box'), listNote: $('fav-list-note'), sharedNote: $('fav-shared-note'),
    shareNotes: $('fav-share-notes'), shareNotesBox: $('fav-share-notes-box'), webShare: $('fav-webshare'),
    sms: $('fav-sms'), sharedComputer: $('fav-shared-computer'), ics: $('fav-ics')
  };
  var notes = fav.notes;

  /* ------------------------------------------------------------ small helpers */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === 'className') node.className = value;
        else node.setAttribute(key, value === true ? '' : String(value));
      });
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /** A lang attribute only when the text is in another language than the page. */
  function langOf(code) { return code && code !== lang ? code : null; }

  var statusTimer = null;
  function say(message) {
    clearTimeout(statusTimer);
    els.status.textContent = '';
    statusTimer = setTimeout(function () { els.status.textContent = message; }, 60);
  }

  function plural(n) { return fmt(n === 1 ? S.countOne : S.countOther, { n: n }); }

  /** Today in the tray's time zone: {iso: '2026-11-23', text: '23.11.2026'} (clock.js). */
  function today() { return TarjotinClock.today(config.timeZone); }

  /* ------------------------------------------------------------ list tokens (share links) */

  var B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  var TOKEN_RE = /^[0-9A-Za-z]{8}$/;
  var SHARE_PREFIX = 'list1.';
  var MAX_TOKEN = Math.pow(2, 47);
  // twice the longest list (MAX_ITEMS tokens of 8 characters and a dot): what lies beyond is ignored
  var MAX_SHARE_CHARS = 2 * 9 * fav.MAX_ITEMS;

  function fnv1a32(text, seed) {
    var h = seed >>> 0;
    for (var i = 0; i < text.length; i++) {          // ids are ASCII: a char is a byte
      h ^= text.charCodeAt(i) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }
  function tokenValue(id) { return fnv1a32(id, 0x811c9dc5) * 32768 + (fnv1a32(id, 0x050c5d1f) >>> 17); }
  function token(id) {
    var n = tokenValue(id), s = '';
    while (n > 0) { s = B62.charAt(n % 62) + s; n = Math.floor(n / 62); }
    while (s.length < 8) s = '0' + s;
    return s;
  }
  function tokenNumber(tok) {
    var n = 0;
    for (var i = 0; i < tok.length; i++) n = n * 62 + B62.indexOf(tok.charAt(i));
    return n;
  }

  /**
   * The tokens of a share fragment, or null when the fragment is not a list. `bad` counts the
   * parts that are not tokens; an over-long fragment counts its unread rest as one more.
   */
  function parseShare(hash) {
    var text = typeof hash === 'string' ? hash : '';
    if (text.charAt(0) === '#') text = text.slice(1);
    var cut = text.indexOf(NOTES_SEP), notePart = cut >= 0 ? text.slice(cut + 1) : '';
    if (cut >= 0) text = text.slice(0, cut);
    if (text !== 'list1' && text.lastIndexOf(SHARE_PREFIX, 0) !== 0) return null;
    var body = text.slice(SHARE_PREFIX.length), read = body.slice(0, MAX_SHARE_CHARS);
    var tokens = [], bad = 0, seen = new Set(), position = [], index = -1;
    var sharedNotes = decodeNotes(notePart);
    if (read.length < body.length) {
      read = read.slice(0, read.lastIndexOf('.') + 1);   // the part cut in two is not read either
      bad++;
    }
    read.split('.').forEach(function (part) {
      if (!part) return;
      if (!TOKEN_RE.test(part) || tokenNumber(part) >= MAX_TOKEN) { bad++; return; }
      index++;
      if (!seen.has(part) && tokens.length < fav.MAX_ITEMS) { seen.add(part); tokens.push(part); position.push(index); }
    });
    return {
      tokens: tokens, bad: bad, listNote: sharedNotes.list,
      notes: position.map(function (i) { return sharedNotes.items[i] || ''; })
    };
  }

  /*
   * Notes in a share link (only when "Include the notes in the link" is ticked): after the tokens,
   * '~' and base64url of the UTF-8 JSON [listNote, [note of item 1, note of item 2, …]]. Read
   * defensively: anything that does not decode to that shape is no notes at all.
   */
  var NOTES_SEP = '~';
  var MAX_NOTES_CHARS = 4 * (notes.MAX_LIST_NOTE + 20 * notes.MAX_NOTE);   // base64 of the largest we write, roughly

  function encodeNotes(listNote, itemNotes) {
    while (itemNotes.length && !itemNotes[itemNotes.length - 1]) itemNotes.pop();
    if (!listNote && !itemNotes.length) return '';
    var bytes = new TextEncoder().encode(JSON.stringify([listNote, itemNotes])), bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function decodeNotes(text) {
    var none = { list: '', items: [] };
    if (!text || text.length > MAX_NOTES_CHARS || !/^[A-Za-z0-9_-]+$/.test(text)) return none;
    try {
      var bin = atob(text.replace(/-/g, '+').replace(/_/g, '/')), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      var data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      if (!Array.isArray(data)) return none;
      return {
        list: notes.clean(data[0], notes.MAX_LIST_NOTE),
        items: (Array.isArray(data[1]) ? data[1] : []).slice(0, fav.MAX_ITEMS).map(function (n) { return notes.clean(n, notes.MAX_NOTE); })
      };
    } catch (e) { return none; }
  }

  /** The link to these ids; with `withNotes`, the notes shown with them travel along. */
  function shareUrl(ids, withNotes) {
    var page = new URL(pageUrlOf(slipLang), window.location.href);
    page.hash = '';
    var link = page.href.replace(/#$/, '') + '#' + SHARE_PREFIX + ids.map(token).join('.');
    if (withNotes) {
      var part = encodeNotes(listNoteText(), ids.map(noteOf));
      if (part) link += NOTES_SEP + part;
    }
    return link;
  }

  /** The notes on what is shown: the user's own (this browser) or those that came in a link. */
  function noteOf(id) {
    if (mode === 'shared') {
      var row = (shared && shared.rows || []).filter(function (r) { return r.entry && r.entry.id === id; })[0];
      return row ? row.note || '' : '';
    }
    return notes.get(id);
  }
  function listNoteText() { return mode === 'shared' ? (shared && shared.listNote) || '' : notes.list(); }

  /* ------------------------------------------------------------ record data */

  var bucketPromises = Object.create(null);
  function bucket(i) {
    if (!bucketPromises[i]) {
      bucketPromises[i] = fetch(config.base + config.buckets[i]).then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      }).then(function (data) { return (data && data.records) || {}; });
      bucketPromises[i].catch(function () { delete bucketPromises[i]; });
    }
    return bucketPromises[i];
  }
  function bucketOfNumber(n) { return n % config.buckets.length; }

  var entries = Object.create(null);   // id → entry, or null when this build does not have it
  /** Fetch what is not known yet about these ids. */
  function lookupIds(ids) {
    var wanted = ids.filter(function (id) { return !(id in entries); });
    var groups = Object.create(null);   // bucket number -> ids
    wanted.forEach(function (id) { (groups[bucketOfNumber(tokenValue(id))] = groups[bucketOfNumber(tokenValue(id))] || []).push(id); });
    return Promise.all(Object.keys(groups).map(function (b) {
      return bucket(+b).then(function (records) {
        groups[b].forEach(function (id) {
          var entry = Object.prototype.hasOwnProperty.call(records, id) ? records[id] : null;
          entries[id] = entry && entry.id === id ? entry : null;
        });
      });
    }));
  }
  /** The records of share-link tokens, in the link's order ({token, entry|null}). */
  function lookupTokens(tokens) {
    var groups = Object.create(null);   // bucket number -> tokens
    tokens.forEach(function (tok) { (groups[bucketOfNumber(tokenNumber(tok))] = groups[bucketOfNumber(tokenNumber(tok))] || []).push(tok); });
    var found = Object.create(null);
    return Promise.all(Object.keys(groups).map(function (b) {
      return bucket(+b).then(function (records) {
        Object.keys(records).forEach(function (id) {
          var tok = token(id);
          if (groups[b].indexOf(tok) >= 0 && !(tok in found)) found[tok] = records[id];
          entries[id] = records[id];
        });
      });
    })).then(function () {
      return tokens.map(function (tok) { return { token: tok, entry: found[tok] || null }; });
    });
  }

  /* ------------------------------------------------------------ the client's language */

  // The slip, the PDF and the share link may be in another UI language than the page (a nurse
  // with a Finnish page hands a Swedish-speaking client a Swedish slip). Its texts and record data
  // come from that language's own files (plugins/favourites); codes are looked up in Maps only.
  var langs = new Map();
  (config.langs || []).forEach(function (l) { if (l && typeof l.code === 'string') langs.set(l.code, l); });
  var slipLang = lang;
  var langStrings = new Map([[lang, S]]);
  var langEntries = new Map();          // code → Map(id → entry | null)
  var langBuckets = new Map();          // 'code/i' → Promise of records

  function pageUrlOf(code) { return langs.has(code) ? langs.get(code).pageUrl : config.pageUrl; }

  function fetchJson(path) {
    return fetch(config.base + path).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  /** Load the texts of `code` and its entries of these ids; resolves when both are there. */
  function loadLang(code, ids) {
    if (code === lang || !langs.has(code)) return Promise.resolve();
    var info = langs.get(code);
    if (!langEntries.has(code)) langEntries.set(code, new Map());
    var known = langEntries.get(code);
    var texts = langStrings.has(code) ? Promise.resolve() : fetchJson(info.strings).then(function (data) {
      langStrings.set(code, (data && data.strings) || {});
    });
    var groups = new Map();
    ids.forEach(function (id) {
      if (known.has(id)) return;
      var b = tokenValue(id) % info.buckets.length;
      if (!groups.has(b)) groups.set(b, []);
      groups.get(b).push(id);
    });
    var loads = [];
    groups.forEach(function (wanted, b) {
      var key = code + '/' + b;
      if (!langBuckets.has(key)) {
        var promise = fetchJson(info.buckets[b]).then(function (data) { return (data && data.records) || {}; });
        promise.catch(function () { langBuckets.delete(key); });
        langBuckets.set(key, promise);
      }
      loads.push(langBuckets.get(key).then(function (records) {
        wanted.forEach(function (id) {
          var entry = Object.prototype.hasOwnProperty.call(records, id) ? records[id] : null;
          known.set(id, entry && entry.id === id ? entry : null);
        });
      }));
    });
    return Promise.all([texts].concat(loads));
  }

  /** The slip's strings, and a record's entry in the slip's language (the page's while loading). */
  function slipStrings() { return langStrings.get(slipLang) || S; }
  function slipEntry(row) {
    var known = slipLang === lang ? null : langEntries.get(slipLang);
    return known && known.has(row.item.id) && known.get(row.item.id) ? known.get(row.item.id) : row.entry;
  }

  /* ------------------------------------------------------------ one card */

  function isEnded(entry, day) { return !!(entry && entry.lastDay && entry.lastDay < day.iso); }

  function textWithLang(tag, text, code, className) {
    return el(tag, { className: className || null, lang: langOf(code) }, text);
  }

  function hoursBlock(hours) {
    var box = el('div', { className: 'fav-hours' });
    if (hours.open24) box.appendChild(el('p', null, hours.open24));
    if (hours.rows && hours.rows.length) {
      var table = el('table', { className: 'hours' });
      var body = el('tbody');
      hours.rows.forEach(function (row) {
        var tr = el('tr');
        tr.appendChild(el('th', { scope: 'row' }, row[0]));
        tr.appendChild(el('td', null, row[1]));
        body.appendChild(tr);
      });
      table.appendChild(body);
      box.appendChild(table);
    }
    if (hours.exceptions && hours.exceptions.length) {
      var ul = el('ul', { className: 'hours-exceptions' });
      hours.exceptions.forEach(function (ex) {
        var li = el('li', null, ex.dates + (ex.days ? ' ' + ex.days : '') + ': ' + ex.times);
        if (ex.note) {
          li.appendChild(document.createTextNode(' ('));
          li.appendChild(textWithLang('span', ex.note, ex.noteLang));
          li.appendChild(document.createTextNode(')'));
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    if (hours.note) box.appendChild(textWithLang('p', hours.note, hours.noteLang, 'hours-note'));
    return box;
  }

  function fact(dl, label, build) {
    var dd = el('dd');
    build(dd);
    if (!dd.firstChild) return;
    dl.appendChild(el('dt', null, label));
    dl.appendChild(dd);
  }

  function link(href, text, className) {
    return el('a', { href: href, className: className || null }, text);
  }

  function details(entry) {
    var dl = el('dl', { className: 'fav-facts' });
    if (entry.when) fact(dl, S.when, function (dd) { dd.textContent = entry.when; });
    if (entry.locations && entry.locations.length) {
      fact(dl, entry.locations.length > 1 ? S.locations : S.location, function (dd) {
        entry.locations.forEach(function (loc) {
          var box = el('div', { className: 'fav-location' });
          var head = loc.name || loc.street;
          if (head) box.appendChild(textWithLang('strong', head, loc.name ? loc.nameLang : loc.streetLang, 'fav-location-name'));
          var address = el('p', { className: 'fav-address' });
          if (loc.street && loc.name) address.appendChild(textWithLang('span', loc.street, loc.streetLang));
          if (loc.postal) {
            if (address.firstChild) address.appendChild(el('br'));
            address.appendChild(document.createTextNode(loc.postal));
          }
          if (address.firstChild) box.appendChild(address);
          if (loc.map) {
            var map = el('p', { className: 'fav-map screen-only' });
            var a = link(loc.map, S.map);
            a.appendChild(el('span', { className: 'visually-hidden' }, ': ' + (head || '') + ' (OpenStreetMap)'));
            map.appendChild(a);
            box.appendChild(map);
          }
          if (loc.hours) {
            box.appendChild(el('p', { className: 'fav-subhead' }, S.openingHours));
            box.appendChild(hoursBlock(loc.hours));
          }
          if (loc.accessibility) {
            var acc = el('p', { className: 'fav-accessibility' });
            acc.appendChild(el('span', { className: 'fav-subhead' }, S.accessibility + ': '));
            acc.appendChild(textWithLang('span', loc.accessibility, loc.accessibilityLang));
            box.appendChild(acc);
          }
          dd.appendChild(box);
        });
      });
    }
    if (entry.hours) fact(dl, S.serviceHours, function (dd) { dd.appendChild(hoursBlock(entry.hours)); });
    if (entry.phones) {
      fact(dl, S.phone, function (dd) {
        entry.phones.forEach(function (phone, i) {
          if (i) dd.appendChild(el('br'));
          if (phone.label) {
            dd.appendChild(textWithLang('span', phone.label, phone.labelLang));
            dd.appendChild(document.createTextNode(': '));
          }
          dd.appendChild(link('tel:' + phone.tel, phone.number, 'fav-phone'));
          if (phone.charge) {
            dd.appendChild(document.createTextNode(' ('));
            dd.appendChild(textWithLang('span', phone.charge, phone.chargeLang));
            dd.appendChild(document.createTextNode(')'));
          }
        });
      });
    }
    if (entry.emails) {
      fact(dl, S.email, function (dd) {
        entry.emails.forEach(function (email, i) {
          if (i) dd.appendChild(el('br'));
          dd.appendChild(link('mailto:' + email, email));
        });
      });
    }
    if (entry.websites) {
      fact(dl, S.web, function (dd) {
        entry.websites.forEach(function (site, i) {
          if (i) dd.appendChild(el('br'));
          var a = link(site.url, site.label || site.url, site.label ? 'fav-ext' : 'fav-url');
          if (site.labelLang) a.setAttribute('lang', site.labelLang);
          dd.appendChild(a);
        });
      });
    }
    if (entry.price) {
      fact(dl, S.price, function (dd) {
        dd.appendChild(document.createTextNode(entry.price.line));
        if (entry.price.note) {
          dd.appendChild(document.createTextNode('. '));
          dd.appendChild(textWithLang('span', entry.price.note, entry.price.noteLang));
        }
      });
    }
    if (entry.registration) {
      var reg = entry.registration;
      fact(dl, S.registration, function (dd) {
        dd.appendChild(document.createTextNode(reg.line));
        if (reg.note) {
          dd.appendChild(document.createTextNode('. '));
          dd.appendChild(textWithLang('span', reg.note, reg.noteLang));
        }
        if (reg.url) {
          dd.appendChild(el('br'));
          var a = link(reg.url, S.register, 'fav-ext');
          a.appendChild(el('span', { className: 'visually-hidden' }, ': ' + entry.title));
          dd.appendChild(a);
        }
      });
    }
    if (entry.languages) fact(dl, S.serviceLanguages, function (dd) { dd.textContent = entry.languages.join(', '); });
    fact(dl, S.forWhom, function (dd) { dd.textContent = entry.ages ? entry.ages.join(', ') : S.everyone; });
    if (entry.where) fact(dl, S.area, function (dd) { dd.textContent = entry.where; });
    return dl;
  }

  function actionButton(action, label, title, id, disabled) {
    var button = el('button', { type: 'button', className: 'button-secondary fav-' + action, 'data-action': action, 'data-id': id });
    button.appendChild(document.createTextNode(label));
    button.appendChild(el('span', { className: 'visually-hidden' }, ': ' + title));
    if (disabled) button.disabled = true;
    return button;
  }

  /**
   * One list item. `item` is {id, title, lang} (saved) and `entry` the record data, or null when
   * the build no longer has the record; `pending` while the data is still loading.
   */
  function card(item, entry, index, total, options) {
    var day = options.day;
    var state = entry ? (isEnded(entry, day) ? 'ended' : 'ok') : (options.pending ? 'pending' : 'gone');
    var title = entry ? entry.title : (item.title || item.id);
    var li = el('li', { className: 'fav-item is-' + state, 'data-id': item.id });
    var article = el('article', { className: 'fav-card', 'aria-labelledby': 'fav-title-' + index });
    var h2 = el('h2', { className: 'fav-title', id: 'fav-title-' + index });
    h2.appendChild(el('span', { className: 'fav-num', 'aria-hidden': 'true' }));   // the number is a CSS counter: print skips left-out items
    if (entry) {
      var a = el('a', { href: entry.url, lang: langOf(entry.titleLang) }, entry.title);
      h2.appendChild(a);
    } else {
      h2.appendChild(el('span', { lang: langOf(item.lang) }, title));
    }
    article.appendChild(h2);
    if (entry) {
      var meta = el('p', { className: 'card-meta' });
      meta.appendChild(el('span', { className: 'kind kind-' + entry.kind }, entry.kindLabel || entry.kind));
      if (entry.provider) meta.appendChild(textWithLang('span', entry.provider, entry.providerLang, 'provider'));
      article.appendChild(meta);
    }
    if (state === 'gone') {
      article.appendChild(el('p', { className: 'fav-flag' }, S.unavailable));
      article.appendChild(el('p', { className: 'fav-flag-help' }, S.unavailableHelp));
    } else if (state === 'ended') {
      article.appendChild(el('p', { className: 'fav-flag' }, S.ended));
    }
    if (entry) {
      if (entry.summary) article.appendChild(textWithLang('p', entry.summary, entry.summaryLang, 'card-summary'));
      article.appendChild(details(entry));
    }
    if (options.note) {
      var printed = el('p', { className: 'fav-note-text' + (options.readonly ? '' : ' print-only') });
      printed.appendChild(el('strong', null, S.slipNote + ': '));
      printed.appendChild(document.createTextNode(options.note));
      article.appendChild(printed);
    }
    if (state === 'ok' && entry.calendar) {
      var cal = el('button', { type: 'button', className: 'button-secondary fav-calendar screen-only', 'data-calendar-id': item.id },
                   S.addToCalendar);
      cal.appendChild(el('span', { className: 'visually-hidden' }, ': ' + title));
      article.appendChild(cal);
    }
    if (!options.readonly && state !== 'gone') {
      var noteBox = el('div', { className: 'fav-note screen-only' });
      var noteLabel = el('label', { for: 'fav-note-' + index }, S.noteLabel);
      noteLabel.appendChild(el('span', { className: 'visually-hidden' }, ': ' + title));
      noteBox.appendChild(noteLabel);
      var area = el('textarea', { id: 'fav-note-' + index, rows: 2, maxlength: notes.MAX_NOTE, 'data-note-id': item.id,
                                  'aria-describedby': 'fav-notes-help' });
      area.value = options.note || '';
      noteBox.appendChild(area);
      article.appendChild(noteBox);
    }
    if (!options.readonly) {
      var actions = el('div', { className: 'fav-actions screen-only' });
      actions.appendChild(actionButton('up', S.moveUp, title, item.id, index === 0));
      actions.appendChild(actionButton('down', S.moveDown, title, item.id, index === total - 1));
      actions.appendChild(actionButton('remove', S.remove, title, item.id, false));
      article.appendChild(actions);
    }
    li.appendChild(article);
    return li;
  }

  /* ------------------------------------------------------------ the page */

  var mode = 'own';            // 'own' or 'shared'
  var shared = null;           // {tokens, bad, rows: [{token, entry}]}
  var pendingFocus = null;     // {id, action} or an element id, applied after the next render
  var loadFailed = false;
  var shown = [];              // what is on the page: [{item, entry}] in order (for print and PDF)

  function setState(state) { root.setAttribute('data-state', state); }

  function ownItems() { return fav.list(); }

  function render() {
    var day = today();
    els.printDate.textContent = day.text;
    els.storage.hidden = fav.isPersistent();
    if (mode === 'shared') return renderShared(day);
    els.shared.hidden = true;
    var items = ownItems();
    var unknown = items.filter(function (item) { return !(item.id in entries); });
    if (unknown.length && !loadFailed) {
      setState('loading');
      els.loading.hidden = false;
      lookupIds(unknown.map(function (item) { return item.id; })).then(function () {
        els.loading.hidden = true;
        render();
      }, function () {
        els.loading.hidden = true;
        loadFailed = true;
        render();
        showLoadError();
      });
      if (!els.list.firstChild) return;   // first load: wait for the data instead of flashing titles
    }
    fill(items.map(function (item) { return { item: item, entry: entries[item.id] || null, pending: !(item.id in entries) }; }), false, day);
    if (!unknown.length || loadFailed) setState(loadFailed ? 'error' : 'ready');
  }

  function fill(rows, readonly, day) {
    // Re-rendering replaces the buttons: remember which one had focus (a change from another tab).
    var active = document.activeElement;
    if (!pendingFocus && active && els.list.contains(active) && active.getAttribute('data-action')) {
      pendingFocus = { id: active.getAttribute('data-id'), action: active.getAttribute('data-action') };
    }
    var activeNote = active && active.getAttribute && active.getAttribute('data-note-id');
    var selection = activeNote ? [active.selectionStart, active.selectionEnd] : null;
    clear(els.list);
    rows.forEach(function (row, i) {
      var note = readonly ? row.note || '' : notes.get(row.item.id);
      els.list.appendChild(card(row.item, row.entry, i, rows.length, { readonly: readonly, pending: row.pending, day: day, note: note }));
    });
    if (activeNote) {
      // a re-render while typing a note (data arrived, another tab) keeps the caret where it was
      var boxes = els.list.querySelectorAll('textarea[data-note-id]');
      for (var k = 0; k < boxes.length; k++) {
        if (boxes[k].getAttribute('data-note-id') === activeNote) { boxes[k].focus(); boxes[k].setSelectionRange(selection[0], selection[1]); }
      }
    }
    shown = rows;
    els.listNoteBox.hidden = readonly || rows.length === 0;
    if (!readonly && document.activeElement !== els.listNote) els.listNote.value = notes.list();
    var sharedListNote = readonly && shared ? shared.listNote || '' : '';
    els.sharedNote.hidden = !sharedListNote;
    clear(els.sharedNote);
    if (sharedListNote) {
      els.sharedNote.appendChild(el('strong', null, S.slipListNote + ': '));
      els.sharedNote.appendChild(document.createTextNode(sharedListNote));
    }
    var count = rows.length;
    els.empty.hidden = count > 0 || readonly;
    els.intro.hidden = readonly;
    els.toolbar.hidden = count === 0;
    els.shareButton.hidden = readonly;
    els.clear.hidden = readonly;
    if (!count) hideConfirm(false);
    els.count.textContent = plural(count);
    els.count.hidden = readonly;            // a shared list is not (yet) the reader's favourites
    els.omitted.hidden = !rows.some(function (row) { return !row.pending && (!row.entry || isEnded(row.entry, day)); });
    // Records this build no longer has, and ended events, would only reach the recipient as dead items.
    var ids = rows.filter(function (row) { return row.pending || (row.entry && !isEnded(row.entry, day)); })
      .map(function (row) { return row.item.id; });
    els.share.hidden = ids.length === 0;
    shareIds = ids;
    els.ics.hidden = !T.favouritesCalendar || !T.favouritesCalendar.events(printable(day).map(function (row) { return row.entry; })).length;
    // a shared list passes on what could be read, never the address as given (any size, any junk)
    updateShare(shareUrl(ids, els.shareNotes.checked));
    renderSlip();
    applyFocus();
  }

  function applyFocus() {
    var target = null;
    if (pendingFocus && typeof pendingFocus === 'object') {
      var buttons = els.list.querySelectorAll('button[data-id]');
      var order = [pendingFocus.action, pendingFocus.action === 'up' ? 'down' : 'up', 'remove'];
      for (var k = 0; k < order.length && !target; k++) {
        for (var i = 0; i < buttons.length; i++) {
          var b = buttons[i];
          if (b.getAttribute('data-id') === pendingFocus.id && b.getAttribute('data-action') === order[k] && !b.disabled) { target = b; break; }
        }
      }
    } else if (typeof pendingFocus === 'string') {
      target = $(pendingFocus);
    }
    pendingFocus = null;
    if (target) target.focus();
  }

  function showLoadError() {
    clear(els.notice);
    var p = el('p', { className: 'notice notice-error' }, S.loadError + ' ');
    var retry = el('button', { type: 'button', className: 'button-secondary' }, S.retry);
    retry.addEventListener('click', function () {
      loadFailed = false;
      clear(els.notice);
      if (mode === 'shared') readHash();
      else render();
    });
    p.appendChild(retry);
    els.notice.appendChild(p);
  }

  function notice(message, undoSnapshot) {
    clear(els.notice);
    var p = el('p', { className: 'notice', id: 'fav-notice-text' }, message + ' ');
    if (undoSnapshot) {
      var undo = el('button', { type: 'button', className: 'button-secondary', id: 'fav-undo' }, S.undo);
      undo.addEventListener('click', function () {
        fav.replace(undoSnapshot);
        clear(els.notice);
        pendingFocus = 'fav-h';
        say(S.restored);
        render();
      });
      p.appendChild(undo);
    }
    els.notice.appendChild(p);
  }

  /* ------------------------------------------------------------ own list actions */

  els.list.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]');
    if (!button || mode !== 'own') return;
    var id = button.getAttribute('data-id');
    var items = ownItems();
    var index = -1;
    items.forEach(function (item, i) { if (item.id === id) index = i; });
    if (index < 0) return;
    var entry = entries[id];
    var title = entry ? entry.title : (items[index].title || id);
    var action = button.getAttribute('data-action');
    if (action === 'remove') {
      var snapshot = items;
      var next = items[index + 1] || items[index - 1];
      pendingFocus = next ? { id: next.id, action: 'remove' } : 'fav-h';
      fav.remove(id);
      notice(fmt(S.removed, { title: title }), snapshot);
      say(fmt(S.removed, { title: title }));
    } else {
      pendingFocus = { id: id, action: action };
      var to = fav.move(id, action === 'up' ? -1 : 1);
      say(fmt(S.moved, { title: title, pos: to + 1, n: items.length }));
    }
  });

  function hideConfirm(focusButton) {
    els.confirm.hidden = true;
    els.clear.setAttribute('aria-expanded', 'false');
    if (focusButton) els.clear.focus();
  }

  els.clear.addEventListener('click', function () {
    if (!els.confirm.hidden) { hideConfirm(false); return; }
    els.confirmText.textContent = fmt(S.clearConfirm, { n: fav.count() });
    els.confirm.hidden = false;
    els.clear.setAttribute('aria-expanded', 'true');
    els.confirmNo.focus();
  });
  els.confirmNo.addEventListener('click', function () { hideConfirm(true); });
  els.confirm.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') hideConfirm(true);
  });
  els.confirmYes.addEventListener('click', function () {
    var snapshot = ownItems();
    hideConfirm(false);
    fav.clear();
    notice(S.cleared, snapshot);
    say(S.cleared);
    var undo = $('fav-undo');
    if (undo) undo.focus();
  });

  /* ------------------------------------------------------------ calendar (.ics) */

  /** Download the .ics of these rows' events, in the slip's language. */
  function calendarFile(rows, name) {
    readySlipLang().then(function () {
      var host = new URL(config.pageUrl, window.location.href).hostname;
      T.favouritesCalendar.download(T.favouritesCalendar.ics(rows.map(slipEntry), { host: host }), name);
      notice(S.icsDone);
      say(S.icsDone);
    }, function () { notice(S.langLoadError); say(S.langLoadError); });
  }
  els.ics.addEventListener('click', function () {
    calendarFile(printable(today()), fmt(slipStrings().icsFile, { date: today().iso }).replace(/[^\w.\-]+/g, '-'));
  });
  els.list.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-calendar-id]');
    if (!button) return;
    var id = button.getAttribute('data-calendar-id');
    var rows = printable(today()).filter(function (row) { return row.item.id === id; });
    if (rows.length) calendarFile(rows, id.replace(/[^\w\-]+/g, '-') + '.ics');
  });

  /* ------------------------------------------------------------ notes */

  // Saved as typed (a small write), so a re-render or a closed tab loses nothing; the slip and a
  // link with notes follow a moment later.
  var noteTimer = null;
  function notesChanged() {
    clearTimeout(noteTimer);
    noteTimer = setTimeout(function () {
      if (els.shareNotes.checked) updateShare(shareUrl(shareIds, true));
      renderSlip();
    }, 250);
  }
  els.list.addEventListener('input', function (event) {
    var id = event.target.getAttribute && event.target.getAttribute('data-note-id');
    if (!id || mode !== 'own') return;
    notes.set(id, event.target.value);
    notesChanged();
  });
  els.list.addEventListener('change', function (event) {
    if (event.target.getAttribute && event.target.getAttribute('data-note-id')) say(S.noteSaved);
  });
  els.listNote.addEventListener('input', function () { notes.setList(els.listNote.value); notesChanged(); });
  els.listNote.addEventListener('change', function () { say(S.noteSaved); });
  els.shareNotes.addEventListener('change', function () { updateShare(shareUrl(shareIds, els.shareNotes.checked)); });

  /* ------------------------------------------------------------ shared lists */

  function enterShared(parsed) {
    mode = 'shared';
    shared = { tokens: parsed.tokens, bad: parsed.bad, rows: null, listNote: parsed.listNote };
    setState('loading');
    els.loading.hidden = false;
    lookupTokens(parsed.tokens).then(function (rows) {
      els.loading.hidden = true;
      rows.forEach(function (row, i) { row.note = parsed.notes[i] || ''; });
      shared.rows = rows;
      render();
    }, function () {
      els.loading.hidden = true;
      setState('error');
      showLoadError();
    });
    render();
  }

  function renderShared(day) {
    els.shared.hidden = false;
    els.storage.hidden = true;
    if (!shared.rows) { fill([], true, day); els.toolbar.hidden = true; return; }
    var found = shared.rows.filter(function (row) { return row.entry; });
    var missing = shared.rows.length - found.length + shared.bad;
    var rows = found.map(function (row) {
      return { item: { id: row.entry.id, title: row.entry.title, lang: row.entry.titleLang || lang }, entry: row.entry,
               note: row.note || '' };
    });
    var help = [fmt(S.sharedCount, { n: found.length })];
    if (!shared.tokens.length && !shared.bad) help = [S.sharedEmpty];
    if (missing) help.push(fmt(S.sharedBroken, { n: missing }));
    $('fav-shared-help').textContent = help.join(' ');
    els.merge.hidden = found.length === 0;
    fill(rows, true, day);
    setState('ready');
  }

  els.merge.addEventListener('click', function () {
    if (!shared || !shared.rows) return;
    var result = fav.merge(shared.rows.filter(function (row) { return row.entry; }).map(function (row) {
      return { id: row.entry.id, title: row.entry.title, lang: row.entry.titleLang || lang };
    }));
    var message = result.added ? fmt(S.merged, { n: fav.count() }) : S.mergedNone;
    notice(message);
    say(message);
  });

  function readHash() {
    var parsed = parseShare(window.location.hash);
    if (parsed) enterShared(parsed);
    return !!parsed;
  }

  window.addEventListener('hashchange', function () {
    // Only a list changes the view: the skip link (#main) and other fragments leave it alone.
    if (parseShare(window.location.hash)) { clear(els.notice); readHash(); }
  });

  /* ------------------------------------------------------------ share link, QR, e-mail */

  var currentLink = '';
  var shareIds = [];
  var qrLoading = null;

  function updateShare(url) {
    currentLink = url;
    els.link.value = url;
    els.printLink.textContent = url;
    var message = shareMessage(url);
    els.email.setAttribute('href', 'mailto:?subject=' + encodeURIComponent(message.subject) + '&body=' + encodeURIComponent(message.body));
    // "sms:?&body=" is what both iOS and Android read; the text is short: the words and the link.
    els.sms.setAttribute('href', 'sms:?&body=' + encodeURIComponent(message.sms));
    drawQr();
  }

  /**
   * What goes to the client (in the slip's language): the e-mail's subject and body (the link, then
   * the services by name with a phone number), the text message, and the Web Share API's data.
   */
  function shareMessage(url) {
    var SL = slipStrings();
    var subject = fmt(SL.emailSubject, { site: config.siteName });
    var names = printable(today()).map(function (row, i) {
      var entry = slipEntry(row), phone = entry.phones && entry.phones[0] ? ', ' + entry.phones[0].number : '';
      return (i + 1) + '. ' + entry.title + phone;
    });
    // The link on a line of its own, as RFC 3986 appendix C suggests for links in plain text.
    var body = SL.emailBody + '\n\n' + url + '\n' + (names.length ? '\n' + names.join('\n') + '\n' : '');
    return { subject: subject, body: body, sms: SL.smsBody + ' ' + url,
             share: { title: subject, text: SL.smsBody, url: url } };
  }

  els.webShare.hidden = typeof navigator.share !== 'function';
  els.webShare.addEventListener('click', function () {
    var data = shareMessage(currentLink).share;
    if (navigator.canShare && !navigator.canShare(data)) return;
    navigator.share(data).then(function () { sent('share'); }, function () { /* cancelled: nothing was sent */ });
  });
  els.email.addEventListener('click', function () { sent('email'); });
  els.sms.addEventListener('click', function () { sent('sms'); });

  /** The list left this computer: on a shared computer, clear it (once the link has been followed). */
  function sent(how) {
    root.setAttribute('data-sent', how);
    if (fav.isSharedComputer()) setTimeout(wipeShared, 300);
  }

  function loadScript(path) {
    loadScript.cache = loadScript.cache || {};
    if (!loadScript.cache[path]) {
      loadScript.cache[path] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = config.base + path;
        script.onload = resolve;
        script.onerror = function () { delete loadScript.cache[path]; reject(new Error('could not load ' + path)); };
        document.head.appendChild(script);
      });
    }
    return loadScript.cache[path];
  }

  function drawQr() {
    if (els.share.hidden || !currentLink) return;
    if (!window.qrcode) {
      if (!qrLoading) qrLoading = loadScript(config.files.qrcode).then(drawQr, function () { qrLoading = null; });
      return;
    }
    try {
      var qr = window.qrcode(0, 'M');
      qr.addData(currentLink, 'Byte');
      qr.make();
      els.qrImg.src = qr.createDataURL(4, 4);
      els.qr.hidden = false;
      renderSlip();
    } catch (e) {
      els.qr.hidden = true;   // too long for a QR code: the written-out link still works
    }
  }

  els.copy.addEventListener('click', function () {
    function fallback() {
      els.link.focus();
      els.link.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      say(ok ? S.copied : S.copyFailed);
      notice(ok ? S.copied : S.copyFailed);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(currentLink).then(function () { say(S.copied); notice(S.copied); }, fallback);
    } else {
      fallback();
    }
  });

  els.shareButton.addEventListener('click', function () {
    els.share.scrollIntoView({ block: 'start' });
    els.link.focus();
    els.link.select();
  });

  /* ------------------------------------------------------------ the referral slip (print and PDF) */

  /** 'slip' (the default: a compact page to hand over) or 'full' (every detail). */
  function layout() { return els.layoutFull.checked ? 'full' : 'slip'; }

  /** What goes on paper: the items shown that still exist and have not ended, in order. */
  function printable(day) {
    return shown.filter(function (row) { return row.entry && !isEnded(row.entry, day); });
  }

  function renderSlip() {
    root.setAttribute('data-layout', layout());
    if (!T.favouritesSlip) return;
    T.favouritesSlip.render(els.slip, {
      lang: slipLang, strings: slipStrings(), siteName: config.siteName, date: today().text, large: els.large.checked,
      items: printable(today()).map(function (row) { return { entry: slipEntry(row), note: noteOf(row.item.id) }; }),
      listNote: listNoteText(),
      link: currentLink, qrSrc: els.qr.hidden ? '' : els.qrImg.getAttribute('src')
    });
  }
  [els.layoutSlip, els.layoutFull, els.large].forEach(function (input) { input.addEventListener('change', renderSlip); });

  /** Make sure the slip's language is loaded for what is shown; then the slip and the link follow it. */
  function readySlipLang() {
    return loadLang(slipLang, shown.map(function (row) { return row.item.id; })).then(function () {
      updateShare(shareUrl(shareIds, els.shareNotes.checked));
      renderSlip();
    });
  }
  els.slipLang.addEventListener('change', function () {
    slipLang = langs.has(els.slipLang.value) ? els.slipLang.value : lang;
    readySlipLang().catch(function () {
      slipLang = lang;
      els.slipLang.value = lang;
      notice(S.langLoadError);
      say(S.langLoadError);
      updateShare(shareUrl(shareIds, els.shareNotes.checked));
      renderSlip();
    });
  });

  /* ------------------------------------------------------------ print and PDF */

  els.print.addEventListener('click', function () {
    readySlipLang().then(function () {
      window.print();
      printed();
    }, function () { notice(S.langLoadError); say(S.langLoadError); });
  });
  // Ctrl+P and the browser's menu print too; window.print() above may or may not fire this.
  window.addEventListener('afterprint', printed);
  function printed() { if (fav.isSharedComputer()) wipeShared(); }

  /* ------------------------------------------------------------ shared computer */

  /**
   * After printing or sending on a shared computer: the list and the notes are cleared; while the
   * page is open an Undo brings them back (print first, then send, for the same client).
   */
  function wipeShared() {
    if (mode !== 'own' || !fav.count() && !notes.list()) return;
    var snapshot = { items: fav.list(), list: notes.list(), notes: fav.list().map(function (item) { return [item.id, notes.get(item.id)]; }) };
    fav.wipe();
    els.listNote.value = '';
    clear(els.notice);
    var p = el('p', { className: 'notice', id: 'fav-notice-text' }, S.sharedCleared + ' ');
    var undo = el('button', { type: 'button', className: 'button-secondary', id: 'fav-undo' }, S.undo);
    undo.addEventListener('click', function () {
      fav.replace(snapshot.items);
      notes.setList(snapshot.list);
      snapshot.notes.forEach(function (pair) { notes.set(pair[0], pair[1]); });
      clear(els.notice);
      pendingFocus = 'fav-h';
      say(S.restored);
      render();
    });
    p.appendChild(undo);
    els.notice.appendChild(p);
    say(S.sharedCleared);
  }

  els.sharedComputer.checked = fav.isSharedComputer();
  els.sharedComputer.addEventListener('change', function () {
    var on = fav.setSharedComputer(els.sharedComputer.checked);
    els.sharedComputer.checked = on;
    var message = on ? S.sharedOn : S.sharedOff;
    notice(message);
    say(message);
    render();
  });

  function fontBase64(path) {
    return fetch(config.base + path).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer), chunks = [];
      for (var i = 0; i < bytes.length; i += 0x8000) chunks.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)));
      return btoa(chunks.join(''));
    });
  }

  var pdfBusy = false;
  els.pdf.addEventListener('click', function () {
    if (pdfBusy) return;
    var day = today();
    var rows = printable(day);
    if (!rows.length) { notice(S.pdfNothing); say(S.pdfNothing); return; }
    pdfBusy = true;
    els.pdf.setAttribute('aria-disabled', 'true');
    els.pdf.classList.add('is-busy');
    say(S.pdfBusy);
    notice(S.pdfBusy);
    var files = config.files;
    var records, SL;
    Promise.all([
      readySlipLang().then(function () { SL = slipStrings(); records = rows.map(slipEntry); }),
      loadScript(files.qrcode).then(function () { return loadScript(files.jspdf); }).then(function () { return loadScript(files.pdf); }),
      fontBase64(files.fonts.regular),
      fontBase64(files.fonts.bold)
    ]).then(function (loaded) {
      var doc = T.favouritesPdf.create({
        records: records, strings: SL, lang: slipLang, siteName: config.siteName,
        date: day.text, link: currentLink, fonts: { regular: loaded[2], bold: loaded[3] },
        layout: layout(), large: els.large.checked, listNote: listNoteText(),
        notes: rows.map(function (row) { return noteOf(row.item.id); })
      });
      var name = fmt(SL.pdfFile, { date: day.iso }).replace(/[^\w.\-]+/g, '-');
      doc.save(name);
      notice(S.pdfDone);
      say(S.pdfDone);
      if (fav.isSharedComputer()) setTimeout(wipeShared, 300);   // a PDF is a printout too
    }).catch(function (error) {
      notice(S.pdfError);
      say(S.pdfError);
      if (window.console) console.warn('favourites PDF:', error);   // eslint-disable-line no-console
    }).then(function () {
      pdfBusy = false;
      els.pdf.removeAttribute('aria-disabled');
      els.pdf.classList.remove('is-busy');
    });
  });

  /* ------------------------------------------------------------ start */

  fav.subscribe(function (source) {
    if (mode !== 'own') return;
    if (source !== 'local') { hideConfirm(false); clear(els.notice); }
    render();
  });

  // read-only handle for tests and the docs' examples
  T.favouritesPage = {
    token: token, tokenValue: tokenValue, parseShare: parseShare, shareUrl: shareUrl, MAX_SHARE_CHARS: MAX_SHARE_CHARS,
    link: function () { return currentLink; }
  };

  notes.prune(fav.list().map(function (item) { return item.id; }));   // notes of items removed earlier
  if (!readHash()) render();
}());
