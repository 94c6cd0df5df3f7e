/*
 * Tarjotin favourites PDF, loaded by favourites-page.js only when "Download PDF" is pressed,
 * after jsPDF (window.jspdf) and qrcode-generator (window.qrcode).
 *
 * Draws an A4 document with real, selectable text in DejaVu Sans (Latin with ä ö å, Cyrillic,
 * Greek, Arabic; the fonts arrive as base64). Two layouts (o.layout):
 *   'slip' (default)  the referral slip of favourites-slip.js: each service in a few one-line facts,
 *                     up to five on one page (o.large: large print, items still kept whole);
 *   'full'            every record with the same details as the page.
 * Both start with the site name and date, keep each record on one page when it fits, and end with
 * the share link and its QR code so the client can open the same list on a phone. Every page has
 * a footer with the page number. Text is drawn with doc.text, never through HTML.
 */
(function () {
  'use strict';

  var T = window.Tarjotin = window.Tarjotin || {};

  var PAGE_W = 210, PAGE_H = 297, MARGIN = 18, TOP = 16, BOTTOM = 20;
  var CONTENT_W = PAGE_W - 2 * MARGIN;
  var LABEL_W = 38, VALUE_X = MARGIN + LABEL_W + 3, VALUE_W = CONTENT_W - LABEL_W - 3;
  var PT = 0.3528;   // mm per point
  var COLOURS = { text: [27, 27, 27], muted: [74, 74, 74], brand: [0, 79, 124], rule: [196, 206, 214] };

  function create(o) {
    var S = o.strings;
    var fmt = T.favourites.format;
    var doc = new window.jspdf.jsPDF({ unit: 'mm', format: 'a4', compress: true });
    doc.addFileToVFS('DejaVuSans.ttf', o.fonts.regular);
    doc.addFont('DejaVuSans.ttf', 'DejaVu', 'normal');
    doc.addFileToVFS('DejaVuSans-Bold.ttf', o.fonts.bold);
    doc.addFont('DejaVuSans-Bold.ttf', 'DejaVu', 'bold');
    doc.setProperties({ title: S.pdfTitle + ' – ' + o.siteName + ' ' + o.date, subject: o.link, creator: o.siteName });
    try { doc.setLanguage(o.lang); } catch (e) { /* an unknown code only loses the tag */ }

    var y = TOP;

    function style(size, bold, colour) {
      doc.setFont('DejaVu', bold ? 'bold' : 'normal');
      doc.setFontSize(size);
      var c = COLOURS[colour || 'text'];
      doc.setTextColor(c[0], c[1], c[2]);
    }
    function lineHeight(size) { return size * PT * 1.35; }
    function split(text, size, bold, width) {
      style(size, bold);
      return doc.splitTextToSize(String(text), width);
    }

    /* A row is {h, draw(top)}: one line of text (or a rule) at a known height. */
    function textRows(text, opt) {
      var size = opt.size || 10, x = opt.x === undefined ? MARGIN : opt.x, width = opt.width || CONTENT_W;
      // opt.column: a second text in a column at x + opt.tab (opening hours: days | times)
      var lines = opt.column ? [text] : split(text, size, opt.bold, width);
      return lines.map(function (line, i) {
        var gap = i === 0 ? (opt.gap || 0) : 0;
        return {
          h: lineHeight(size) + gap,
          draw: function (top) {
            style(size, opt.bold, opt.colour);
            doc.text(line, x, top + gap, { baseline: 'top' });
            if (opt.column) doc.text(opt.column, x + opt.tab, top + gap, { baseline: 'top' });
            if (opt.link) doc.link(x, top + gap, doc.getTextWidth(line), lineHeight(size), { url: opt.link });
          }
        };
      });
    }
    /** A label in the left column and value parts on the right; the label sits on the first line. */
    function pair(label, parts) {
      var rows = [];
      parts.forEach(function (part, i) {
        rows = rows.concat(textRows(part.text, {
          x: VALUE_X, width: VALUE_W, size: part.size || 9.5, bold: part.bold, colour: part.colour,
          link: part.link, gap: i === 0 ? 1.2 : (part.gap || 0), column: part.column, tab: part.tab
        }));
      });
      if (!rows.length) return rows;
      var first = rows[0], drawFirst = first.draw;
      var labelLines = split(label, 8.5, true, LABEL_W);
      first.draw = function (top) {
        drawFirst(top);
        style(8.5, true, 'muted');
        doc.text(labelLines[0], MARGIN, top + 1.2 + 0.3, { baseline: 'top' });
      };
      // A label longer than its value (rare) still gets its own lines.
      for (var i = 1; i < labelLines.length; i++) {
        (function (line, row) {
          if (row) {
            var drawRow = row.draw;
            row.draw = function (top) { drawRow(top); style(8.5, true, 'muted'); doc.text(line, MARGIN, top, { baseline: 'top' }); };
          } else {
            rows.push({ h: lineHeight(8.5), draw: function (top) { style(8.5, true, 'muted'); doc.text(line, MARGIN, top, { baseline: 'top' }); } });
          }
        }(labelLines[i], rows[i]));
      }
      return rows;
    }
    function rule(gapBefore, gapAfter) {
      return {
        h: gapBefore + gapAfter,
        draw: function (top) {
          var c = COLOURS.rule;
          doc.setDrawColor(c[0], c[1], c[2]);
          doc.setLineWidth(0.3);
          doc.line(MARGIN, top + gapBefore, PAGE_W - MARGIN, top + gapBefore);
        }
      };
    }

    function newPage() { doc.addPage(); y = TOP; }
    function room() { return PAGE_H - BOTTOM - y; }
    /** Draw rows, keeping them on one page when they fit on one. */
    function place(rows) {
      var total = rows.reduce(function (sum, row) { return sum + row.h; }, 0);
      if (total > room() && total <= PAGE_H - BOTTOM - TOP) newPage();
      rows.forEach(function (row) {
        if (row.h > room()) newPage();
        row.draw(y);
        y += row.h;
      });
    }

    function hoursParts(hours) {
      var parts = [];
      if (hours.open24) parts.push({ text: hours.open24 });
      var rows = hours.rows || [], tab = 0;
      style(9.5, false);
      rows.forEach(function (row) { tab = Math.max(tab, doc.getTextWidth(row[0]) + 4); });
      rows.forEach(function (row) { parts.push({ text: row[0], column: row[1], tab: Math.max(tab, 14) }); });
      (hours.exceptions || []).forEach(function (ex) {
        parts.push({ text: ex.dates + (ex.days ? ' ' + ex.days : '') + ': ' + ex.times
                           + (ex.note ? ' (' + ex.note + ')' : ''), colour: 'muted' });
      });
      if (hours.note) parts.push({ text: hours.note, colour: 'muted' });
      return parts;
    }

    function recordRows(entry, number) {
      var rows = [];
      rows = rows.concat(textRows(number + '. ' + entry.title, { size: 13, bold: true, colour: 'brand' }));
      var meta = [entry.kindLabel || entry.kind];
      if (entry.provider) meta.push(entry.provider);
      rows = rows.concat(textRows(meta.join(' · '), { size: 9, colour: 'muted', gap: 0.6 }));
      if (entry.summary) rows = rows.concat(textRows(entry.summary, { size: 9.5, gap: 1.5 }));
      rows.push({ h: 1.2, draw: function () {} });
      if (entry.when) rows = rows.concat(pair(S.when, [{ text: entry.when, bold: true }]));
      if (entry.locations && entry.locations.length) {
        var parts = [];
        entry.locations.forEach(function (loc, i) {
          var head = loc.name || loc.street;
          if (head) parts.push({ text: head, bold: true, gap: i ? 1.8 : 0 });
          if (loc.street && loc.name) parts.push({ text: loc.street });
          if (loc.postal) parts.push({ text: loc.postal });
          if (loc.hours) {
            parts.push({ text: S.openingHours + ':', colour: 'muted', gap: 0.6 });
            parts = parts.concat(hoursParts(loc.hours));
          }
          if (loc.accessibility) parts.push({ text: S.accessibility + ': ' + loc.accessibility, colour: 'muted', size: 8.5, gap: 0.6 });
        });
        rows = rows.concat(pair(entry.locations.length > 1 ? S.locations : S.location, parts));
      }
      if (entry.hours) rows = rows.concat(pair(S.serviceHours, hoursParts(entry.hours)));
      if (entry.phones) {
        rows = rows.concat(pair(S.phone, entry.phones.map(function (p) {
          return { text: (p.label ? p.label + ': ' : '') + p.number + (p.charge ? ' (' + p.charge + ')' : ''), link: 'tel:' + p.tel };
        })));
      }
      if (entry.emails) {
        rows = rows.concat(pair(S.email, entry.emails.map(function (e) { return { text: e, link: 'mailto:' + e }; })));
      }
      if (entry.websites) {
        rows = rows.concat(pair(S.web, entry.websites.map(function (w) {
          return { text: w.label ? w.label + ': ' + w.url : w.url, link: w.url };
        })));
      }
      if (entry.price) {
        rows = rows.concat(pair(S.price, [{ text: entry.price.line + (entry.price.note ? '. ' + entry.price.note : '') }]));
      }
      if (entry.registration) {
        var reg = entry.registration;
        var regParts = [{ text: reg.line + (reg.note ? '. ' + reg.note : '') }];
        if (reg.url) regParts.push({ text: reg.url, link: reg.url });
        rows = rows.concat(pair(S.registration, regParts));
      }
      if (entry.languages) rows = rows.concat(pair(S.serviceLanguages, [{ text: entry.languages.join(', ') }]));
      rows = rows.concat(pair(S.forWhom, [{ text: entry.ages ? entry.ages.join(', ') : S.everyone }]));
      if (entry.where) rows = rows.concat(pair(S.area, [{ text: entry.where }]));
      rows.push(rule(3, 4));
      return rows;
    }

    /** The link on as few lines as possible, broken only after its dots (never inside a token). */
    function linkRows(link) {
      var size = 8.5;
      style(size, false);
      while (size > 6.5 && doc.getTextWidth(link) > CONTENT_W) { size -= 0.5; style(size, false); }
      var pieces = link.split(/(?=\.)/), lines = [''];
      pieces.forEach(function (piece) {
        var line = lines[lines.length - 1];
        if (line && doc.getTextWidth(line + piece) > CONTENT_W) lines.push(piece);
        else lines[lines.length - 1] = line + piece;
      });
      return lines.map(function (line, i) {
        return {
          h: lineHeight(size) + (i ? 0 : 2),
          draw: function (top) {
            var y0 = top + (i ? 0 : 2);
            style(size, false, 'brand');
            doc.text(line, MARGIN, y0, { baseline: 'top' });
            doc.link(MARGIN, y0, doc.getTextWidth(line), lineHeight(size), { url: link });
          }
        };
      });
    }

    function qrRows() {
      var size = 34;
      var qr = window.qrcode(0, 'M');
      qr.addData(o.link, 'Byte');
      qr.make();
      var textW = CONTENT_W - size - 6;
      var rows = textRows(S.pdfOpen, { size: 12, bold: true, colour: 'brand', width: textW })
        .concat(textRows(S.pdfScan, { size: 9.5, width: textW, gap: 1 }));
      var textH = rows.reduce(function (sum, row) { return sum + row.h; }, 0);
      var first = rows[0], drawFirst = first.draw;
      first.draw = function (top) {
        drawFirst(top);
        var n = qr.getModuleCount(), cell = size / n, x0 = PAGE_W - MARGIN - size;
        doc.setFillColor(0, 0, 0);
        for (var r = 0; r < n; r++) {
          for (var c = 0; c < n; c++) {
            if (!qr.isDark(r, c)) continue;
            var run = 1;
            while (c + run < n && qr.isDark(r, c + run)) run++;
            doc.rect(x0 + c * cell, top + r * cell, run * cell + 0.01, cell + 0.01, 'F');
            c += run - 1;
          }
        }
        doc.link(x0, top, size, size, { url: o.link });
      };
      if (size > textH) rows.push({ h: size - textH, draw: function () {} });
      return [{ h: 2, draw: function () {} }].concat(rows, linkRows(o.link));
    }

    /* ---- the referral slip ---- */

    /** A fact on the slip: the bold label, then the text beside it, at most `maxLines` lines. */
    function slipLine(label, text, size, maxLines) {
      style(size, true);
      var labelText = label + ': ', labelW = doc.getTextWidth(labelText);
      var x = MARGIN + 4, valueX = x + labelW, lines = split(text, size, false, PAGE_W - MARGIN - valueX);
      if (lines.length > maxLines) {
        lines = lines.slice(0, maxLines);
        lines[maxLines - 1] = lines[maxLines - 1].replace(/\s*\S*$/, '') + ' …';
      }
      return lines.map(function (line, i) {
        return {
          h: lineHeight(size),
          draw: function (top) {
            if (i === 0) { style(size, true, 'muted'); doc.text(labelText, x, top, { baseline: 'top' }); }
            style(size, false);
            doc.text(line, valueX, top, { baseline: 'top' });
          }
        };
      });
    }

    function slipRows(entry, number, note) {
      var m = T.favouritesSlip.lines(entry, S, note);
      var size = o.large ? 13 : 9, rows = [];
      rows = rows.concat(textRows(number + '. ' + m.title, { size: o.large ? 15 : 11, bold: true, colour: 'brand' }));
      var sub = [m.kind, m.provider].filter(Boolean).join(' · ');
      if (sub) rows = rows.concat(textRows(sub, { size: size - 0.5, colour: 'muted', x: MARGIN + 4, width: CONTENT_W - 4 }));
      if (m.fallback) rows = rows.concat(textRows(m.fallback, { size: size - 1, colour: 'muted', x: MARGIN + 4, width: CONTENT_W - 4 }));
      m.rows.forEach(function (row) { rows = rows.concat(slipLine(row.label, row.text, size, row.key === 'note' ? 4 : 2)); });
      rows.push(rule(1.6, 2.6));
      return rows;
    }

    /* title */
    if (o.layout !== 'full') {
      var head = o.siteName + ' · ' + o.date;
      place(textRows(head, { size: o.large ? 12 : 9, bold: true, colour: 'brand' }));
      place(textRows(S.slipTitle, { size: o.large ? 20 : 16, bold: true, gap: 0.5 }));
      if (o.listNote) place(slipLine(S.slipListNote, o.listNote, o.large ? 13 : 9.5, 6));
      place([rule(1.5, 3)]);
      o.records.forEach(function (entry, i) { place(slipRows(entry, i + 1, (o.notes || [])[i] || '')); });
      if (o.link) place(qrRows());
      return finish();
    }
    place(textRows(o.siteName, { size: 10, bold: true, colour: 'brand' }));
    place(textRows(S.pdfTitle, { size: 20, bold: true, gap: 1 }));
    place(textRows(o.date + ' · ' + fmt(o.records.length === 1 ? S.countOne : S.countOther, { n: o.records.length }),
                   { size: 10, colour: 'muted', gap: 1 }));
    place([rule(3, 5)]);

    o.records.forEach(function (entry, i) { place(recordRows(entry, i + 1)); });
    if (o.link) place(qrRows());
    return finish();

    /** The footer on every page. */
    function finish() {
      var pages = doc.getNumberOfPages();
      for (var p = 1; p <= pages; p++) {
        doc.setPage(p);
        style(8, false, 'muted');
        doc.text(o.siteName + ' · ' + o.date, MARGIN, PAGE_H - 10);
        var label = fmt(S.pdfPage, { page: p, pages: pages });
        doc.text(label, PAGE_W - MARGIN - doc.getTextWidth(label), PAGE_H - 10);
      }
      return doc;
    }
  }

  T.favouritesPdf = { create: create };
}());
