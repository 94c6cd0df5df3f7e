/*
 * Tarjotin referral slip: what a professional hands a client. Up to five services fit on one A4
 * page, each in a few one-line facts (provider, the one address that matters or "by phone or
 * online", the next opening times or the event's date, phone, web address, price and registration,
 * what to do next, the professional's note), then the QR code and the link back to the live list.
 *
 * `lines(entry, S)` turns one record entry of the favourites data (tarjotin/presenter.py
 * RecordView.json) into that model; the printed slip (`render`, print CSS in tray.css) and the
 * PDF (favourites-pdf.js) both draw from it, so they always say the same. S is the strings of the
 * slip's language (theme/templates/favourites_strings.html), which need not be the page's.
 *
 * Every text goes into the page through textContent, never as HTML.
 */
(function () {
  'use strict';

  var T = window.Tarjotin = window.Tarjotin || {};
  var HOURS_ROWS = 3;          // more rows would not fit one line: the record page has them all
  var has = function (obj, key) { return !!obj && Object.prototype.hasOwnProperty.call(obj, key); };

  function fmt(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (match, key) {
      return has(values, key) ? String(values[key]) : match;
    });
  }

  /** A web address as a person types it: no scheme, no trailing slash. */
  function shortUrl(url) { return String(url || '').replace(/^https?:\/\//i, '').replace(/\/$/, ''); }

  function hoursText(hours) {
    if (!hours) return '';
    if (hours.open24) return hours.open24;
    var rows = hours.rows || [];
    var text = rows.slice(0, HOURS_ROWS).map(function (row) { return row[0] + ' ' + row[1]; }).join('; ');
    return rows.length > HOURS_ROWS ? text + ' …' : text;
  }

  function place(entry, S) {
    var locs = entry.locations || [];
    if (!locs.length) return { text: S.slipRemote };
    var loc = locs[0], parts = [], lang = null;
    if (loc.name) { parts.push(loc.name); lang = loc.nameLang || null; }
    if (loc.street && loc.street !== loc.name) { parts.push(loc.street); lang = lang || loc.streetLang || null; }
    if (loc.postal) parts.push(loc.postal);
    var text = parts.join(', ');
    if (locs.length > 1) text += ' (' + (locs.length === 2 ? S.slipMorePlace : fmt(S.slipMorePlaces, { n: locs.length - 1 })) + ')';
    return { text: text || S.slipRemote, lang: lang, hours: loc.hours };
  }

  /** What to do next, from the data: register (how), price, Kaikukortti, call first. */
  function steps(entry, S) {
    var out = [];
    var phone = entry.phones && entry.phones[0] ? entry.phones[0].number : '';
    var reg = entry.registration;
    if (reg) {
      var how = reg.url ? fmt(S.stepRegisterAt, { url: shortUrl(reg.url) })
        : (reg.note ? '' : (phone ? fmt(S.stepRegisterCall, { phone: phone }) : ''));
      out.push({ text: reg.line + (reg.note ? ': ' + reg.note : '') + (how ? '. ' + how : ''), lang: reg.noteLang || null });
    }
    if (entry.price) out.push({ text: entry.price.line + (entry.price.note ? ': ' + entry.price.note : ''), lang: entry.price.noteLang || null });
    if ((entry.keywords || []).some(function (k) { return String(k).toLowerCase() === 'kaikukortti'; })) {
      out.push({ text: S.stepKaikukortti });
    }
    // Nowhere to walk in (by phone or online) and no sign-up page: the first step is a call.
    if (phone && !(entry.locations && entry.locations.length) && !(reg && reg.url)) {
      out.push({ text: fmt(S.stepCallFirst, { phone: phone }) });
    }
    return out;
  }

  /**
   * The slip's model of one entry: {title, titleLang, provider, providerLang, fallback, rows:
   * [{label, text, lang}]}. `note` (the professional's, untrusted) is the last row when given.
   */
  function lines(entry, S, note) {
    var rows = [];
    var where = place(entry, S);
    rows.push({ key: 'where', label: S.location, text: where.text, lang: where.lang });
    if (entry.when) rows.push({ key: 'when', label: S.when, text: entry.when });
    else {
      var hours = hoursText(where.hours || entry.hours);
      if (hours) rows.push({ key: 'hours', label: S.openingHours, text: hours });
    }
    if (entry.phones && entry.phones.length) {
      rows.push({ key: 'phone', label: S.phone, text: entry.phones.slice(0, 2).map(function (p) { return p.number; }).join(', ') });
    }
    if (entry.websites && entry.websites.length) rows.push({ key: 'web', label: S.web, text: shortUrl(entry.websites[0].url) });
    var next = steps(entry, S);
    if (next.length) {
      rows.push({ key: 'next', label: S.slipNext, text: next.map(function (s) { return s.text.replace(/\.?$/, '.'); }).join(' '),
                  lang: next.length === 1 ? next[0].lang : null });
    }
    if (note) rows.push({ key: 'note', label: S.slipNote, text: note, lang: null });
    var fallback = entry.titleLang || entry.providerLang || null;
    return {
      title: entry.title, titleLang: entry.titleLang || null,
      provider: entry.provider || '', providerLang: entry.providerLang || null,
      kind: entry.kindLabel || '',
      fallback: fallback && has(S.shownIn, fallback) ? S.shownIn[fallback] : '',
      rows: rows
    };
  }

  function el(tag, className, text, lang) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (lang) node.setAttribute('lang', lang);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /**
   * Fill `box` with the slip. o: {lang, strings, siteName, date, listNote, items: [{entry, note}],
   * link, qrSrc, large}.
   */
  function render(box, o) {
    var S = o.strings;
    while (box.firstChild) box.removeChild(box.firstChild);
    box.setAttribute('lang', o.lang);
    box.classList.toggle('is-large', !!o.large);
    var head = el('div', 'slip-head');
    head.appendChild(el('p', 'slip-site', o.siteName));
    head.appendChild(el('p', 'slip-date', o.date));
    box.appendChild(head);
    box.appendChild(el('h2', 'slip-title', S.slipTitle));
    if (o.listNote) {
      var ln = el('p', 'slip-list-note');
      ln.appendChild(el('strong', null, S.slipListNote + ': '));
      ln.appendChild(document.createTextNode(o.listNote));
      box.appendChild(ln);
    }
    var ol = el('ol', 'slip-items');
    o.items.forEach(function (item, i) {
      var m = lines(item.entry, S, item.note);
      var li = el('li', 'slip-item');
      var h = el('h3', 'slip-name');
      h.appendChild(document.createTextNode((i + 1) + '. '));
      h.appendChild(el('span', null, m.title, m.titleLang !== o.lang ? m.titleLang : null));
      li.appendChild(h);
      if (m.provider) li.appendChild(el('p', 'slip-provider', m.provider, m.providerLang !== o.lang ? m.providerLang : null));
      if (m.fallback) li.appendChild(el('p', 'slip-fallback', m.fallback));
      m.rows.forEach(function (row) {
        var p = el('p', 'slip-line slip-' + row.key);
        p.appendChild(el('span', 'slip-label', row.label + ': '));
        p.appendChild(el('span', null, row.text, row.lang && row.lang !== o.lang ? row.lang : null));
        li.appendChild(p);
      });
      ol.appendChild(li);
    });
    box.appendChild(ol);
    if (o.link) {
      var foot = el('div', 'slip-foot');
      if (o.qrSrc) {
        var img = el('img', 'slip-qr');
        img.setAttribute('src', o.qrSrc);
        img.setAttribute('alt', '');
        foot.appendChild(img);
      }
      var text = el('div', 'slip-foot-text');
      text.appendChild(el('p', 'slip-open', S.pdfOpen));
      text.appendChild(el('p', 'slip-scan', S.pdfScan));
      // broken only after a dot or slash, never inside a token, so a typed-in link still works
      var linkP = el('p', 'slip-link');
      o.link.split(/(?<=[./])/).forEach(function (piece, i) {
        if (i) linkP.appendChild(document.createElement('wbr'));
        linkP.appendChild(document.createTextNode(piece));
      });
      text.appendChild(linkP);
      foot.appendChild(text);
      box.appendChild(foot);
    }
  }

  T.favouritesSlip = { lines: lines, render: render, shortUrl: shortUrl };
}());
