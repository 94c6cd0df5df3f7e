/*
 * The search page's map and "near me". search-ui.js loads this file on the first press of the
 * map button or of a "near me" control, never before, so the first result is not slowed down;
 * Leaflet and its clustering plugin come later still, when the map is first shown.
 *
 * Data (plugins/search_index/places.py): the language's points file (per document: its
 * coordinates and title) and the area's place file (postal codes, districts, streets → a point),
 * both from the records' own coordinates: nothing is sent to a geocoder. The browser's position
 * is asked only when "Use my location" is pressed and is kept in this closure only: never stored,
 * never put in the address, never sent.
 *
 * The list stays the primary view: the map is a toggle beside it showing the same filtered
 * results; a marker selects its card, a card's "Show on map" selects its marker. Titles are
 * untrusted text: they reach the page only through textContent and the `title` property.
 */
(function () {
  'use strict';

  var EARTH_KM = 6371.0088;

  /* a place lookup key, as places.py normalize() writes them */
  function normalize(text) {
    return String(text).normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
  }

  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180, dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /* the place a resident typed: a postal code, a district or a street (with or without a house
     number), else the first name that starts with it */
  function findPlace(places, text) {
    var key = normalize(text);
    if (!key) return null;
    var code = key.match(/(^|\D)(\d{5})(\D|$)/);
    var tries = [key, code ? code[2] : '', key.replace(/\s+\d.*$/, '')];
    for (var i = 0; i < tries.length; i++) {
      if (tries[i] && places.byKey.has(tries[i])) return places.byKey.get(tries[i]);
    }
    if (key.length >= 3) {
      for (var j = 0; j < places.list.length; j++) {
        if (places.list[j][0].lastIndexOf(key, 0) === 0) return places.list[j];
      }
    }
    return null;
  }

  function start(ui) {
    var config = ui.config, S = config.strings, files = config.files, el = ui.el, fill = ui.fill;
    var tools = {
      toggle: document.getElementById('map-toggle'),
      box: document.getElementById('search-map'),
      near: document.getElementById('near-me'),
      place: document.getElementById('near-place'),
      status: document.getElementById('near-status'),
      off: document.getElementById('near-off')
    };
    var points = null, places = null;
    var origin = null;        // {lat, lon, label}: where distances are measured from; memory only
    var distances = null;     // document -> km from origin (Map)
    var mapShown = false, map = null, cluster = null, markers = new Map(), shownKey = '', selected = -1;

    var pointsLoad = ui.fetchJson(files.points).then(function (data) { points = data; });
    var placesLoad = null;

    function docPoints(doc) { return (points && points.pts[doc]) || []; }

    /* ---------------------------------------------------------- near me */

    function measure() {
      distances = new Map();
      points.pts.forEach(function (flat, doc) {
        var best = Infinity;
        for (var k = 0; k < flat.length; k += 2) {
          best = Math.min(best, distanceKm(origin.lat, origin.lon, flat[k], flat[k + 1]));
        }
        if (best < Infinity) distances.set(doc, best);
      });
    }

    function sortFrom(lat, lon, label, message) {
      origin = { lat: lat, lon: lon, label: label };
      measure();
      tools.status.textContent = message;
      tools.off.hidden = false;
      ui.refresh();
    }

    function sortOff() {
      origin = null;
      distances = null;
      tools.status.textContent = '';
      tools.off.hidden = true;
      ui.refresh();
      tools.near.focus();
    }

    function useMyLocation() {
      if (!navigator.geolocation) { tools.status.textContent = S.nearUnavailable; return; }
      tools.status.textContent = S.nearLocating;
      navigator.geolocation.getCurrentPosition(function (position) {
        pointsLoad.then(function () {
          sortFrom(position.coords.latitude, position.coords.longitude, '', S.nearFromMe);
        });
      }, function () {
        tools.status.textContent = S.nearUnavailable;
        tools.place.focus();
      }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
    }

    function usePlace() {
      var text = tools.place.value.slice(0, 100).trim();
      if (!text) { tools.place.focus(); return; }
      if (!placesLoad) {
        placesLoad = ui.fetchJson(files.places).then(function (data) {
          var byKey = new Map();
          data.places.forEach(function (entry) { byKey.set(entry[0], entry); });
          places = { list: data.places, byKey: byKey };
        });
        placesLoad.catch(function () { placesLoad = null; });
      }
      Promise.all([placesLoad, pointsLoad]).then(function () {
        var found = findPlace(places, text);
        if (!found) {
          tools.status.textContent = fill(S.nearNotFound, { place: text });
          tools.place.focus();
          return;
        }
        sortFrom(found[1], found[2], found[3], fill(S.nearFromPlace, { place: found[3] }));
      }, ui.failed);
    }

    /* the results nearest first; those without a place keep their order after them */
    function arrange(result) {
      if (!origin || !distances) return result;
      var ranked = result.docs.map(function (doc, i) {
        return [distances.has(doc) ? distances.get(doc) : Infinity, i, doc];
      });
      ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      var copy = {};
      Object.keys(result).forEach(function (k) { copy[k] = result[k]; });
      copy.docs = ranked.map(function (r) { return r[2]; });
      return copy;
    }

    var number1 = new Intl.NumberFormat(config.lang, { maximumFractionDigits: 1 });
    var number0 = new Intl.NumberFormat(config.lang, { maximumFractionDigits: 0 });
    function distanceText(km) {
      if (km < 1) return fill(S.distanceM, { d: number0.format(Math.max(10, Math.round(km * 100) * 10)) });
      return fill(S.distanceKm, { d: (km < 10 ? number1 : number0).format(km) });
    }

    /* a result card: its distance, and a way to its marker while the map is shown */
    function card(li, doc) {
      var body = li.firstChild;
      if (distances && distances.has(doc)) {
        body.appendChild(el('p', { className: 'card-distance' }, distanceText(distances.get(doc))));
      }
      if (mapShown && markers.has(doc)) {
        var b = el('button', { type: 'button', className: 'button-link show-on-map', 'aria-controls': 'search-map' },
          S.showOnMap);
        b.addEventListener('click', function () { selectOnMap(doc); });
        body.appendChild(b);
      }
      if (doc === selected) li.classList.add('is-selected');
    }

    /* ---------------------------------------------------------------- map */

    function loadMap() {
      var map = config.map;
      map.styles.forEach(function (href) {
        document.head.appendChild(el('link', { rel: 'stylesheet', href: ui.url(href) }));
      });
      // the plugin needs Leaflet first: one after the other
      return map.scripts.reduce(function (previous, src) {
        return previous.then(function () {
          return new Promise(function (resolve, reject) {
            var s = el('script', { src: ui.url(src) });
            s.onload = resolve;
            s.onerror = reject;
            document.head.appendChild(s);
          });
        });
      }, pointsLoad);
    }

    var mapLoad = null;
    function showMap(show) {
      if (!tools.toggle) return;
      mapShown = show;
      tools.toggle.setAttribute('aria-expanded', show ? 'true' : 'false');
      tools.toggle.textContent = show ? S.mapHide : S.mapShow;
      tools.box.hidden = !show;
      if (!show) { ui.refresh(); return; }
      if (!mapLoad) {
        mapLoad = loadMap().then(createMap);
        mapLoad.catch(function () { mapLoad = null; });
      }
      mapLoad.then(function () {
        map.invalidateSize();
        shownKey = '';
        ui.refresh();
      }, ui.failed);
    }

    function escapeText(text) {
      return String(text).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
    }

    function createMap() {
      var L = window.L, M = config.map;
      var canvas = el('div', { className: 'search-map-canvas', id: 'search-map-canvas' });
      tools.box.appendChild(canvas);
      map = L.map(canvas, { zoomControl: false, maxZoom: M.maxZoom, attributionControl: false });
      L.control.zoom({ zoomInTitle: S.zoomIn, zoomOutTitle: S.zoomOut }).addTo(map);
      // the attribution is the configuration's plain text: Leaflet writes it as HTML, so escaped
      L.control.attribution({ prefix: false }).addAttribution(escapeText(M.attribution)).addTo(map);
      L.tileLayer(M.tileUrl, { maxZoom: M.maxZoom, crossOrigin: false }).addTo(map);
      var center = M.center || points.center || [60.17, 24.94];
      map.setView(center, M.zoom);
      canvas.setAttribute('aria-label', S.mapLabel);
      canvas.setAttribute('role', 'region');
      var ClusterIcon = L.DivIcon.extend({
        createIcon: function (old) {
          var div = L.DivIcon.prototype.createIcon.call(this, old);
          div.setAttribute('aria-label', this.options.label);
          div.title = this.options.label;
          return div;
        }
      });
      cluster = L.markerClusterGroup({
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        iconCreateFunction: function (group) {
          var n = group.getChildCount(), span = el('span', null, n.toLocaleString(config.lang));
          return new ClusterIcon({ html: span, className: 'map-cluster', iconSize: [40, 40],
                                   label: fill(S.clusterLabel, { n: n.toLocaleString(config.lang) }) });
        }
      });
      // a cluster pressed by keyboard zooms in and disappears: the focus goes to the map, not the page's start
      cluster.on('animationend', keepFocus);
      map.on('zoomend', keepFocus);
      map.addLayer(cluster);
    }

    function keepFocus() {
      if (document.activeElement === document.body && mapShown) map.getContainer().focus();
    }

    function markerIcon(doc) {
      return window.L.divIcon({ className: 'map-marker' + (doc === selected ? ' is-selected' : ''),
                                html: el('span', { 'aria-hidden': 'true' }), iconSize: [24, 24] });
    }

    /* the map's markers: those of the current results (all of them, not only the shown page) */
    function updateMap(result) {
      if (!mapShown || !map) return;
      var key = result.docs.join(',');
      if (key === shownKey) return;
      shownKey = key;
      cluster.clearLayers();
      markers = new Map();
      var all = [];
      result.docs.forEach(function (doc) {
        var flat = docPoints(doc), list = [];
        for (var k = 0; k < flat.length; k += 2) {
          var marker = window.L.marker([flat[k], flat[k + 1]], { icon: markerIcon(doc), title: points.titles[doc] || '',
                                                              keyboard: true, riseOnHover: true });
          marker.on('click', onMarker(doc));
          // Leaflet makes markers buttons (tabindex, role) but opens only popups on Enter
          marker.on('keypress', onMarkerKey(doc));
          list.push(marker);
          all.push(marker);
        }
        if (list.length) markers.set(doc, list);
      });
      cluster.addLayers(all);
      tools.box.classList.toggle('is-empty', !all.length);
      var empty = document.getElementById('search-map-empty');
      if (empty) empty.hidden = !!all.length;
      // without animation: Leaflet ignores a setView while a zoom animates, so a "Show on map"
      // pressed during it would not zoom to the marker
      if (all.length) map.fitBounds(cluster.getBounds(), { padding: [24, 24], maxZoom: Math.min(15, config.map.maxZoom),
                                                           animate: false });
    }

    function cardOf(doc) {
      return ui.results.querySelector('li[data-doc="' + doc + '"]');
    }

    function select(doc) {
      if (selected >= 0) {
        var before = cardOf(selected);
        if (before) before.classList.remove('is-selected');
        (markers.get(selected) || []).forEach(function (m) { if (m.getElement()) m.setIcon(markerIcon(-1)); });
      }
      selected = doc;
      var li = cardOf(doc);
      if (li) li.classList.add('is-selected');
      (markers.get(doc) || []).forEach(function (m) { m.setIcon(markerIcon(doc)); });
      return li;
    }

    /* a marker chosen: its card is highlighted and gets the focus, or a popup names the result
       when its card is further down than the list shows */
    function onMarker(doc) {
      return function (event) {
        var li = select(doc);
        var link = li && li.querySelector('.card-title a');
        if (link) {
          li.scrollIntoView({ block: 'nearest' });
          link.focus({ preventScroll: true });
          return;
        }
        var box = el('p', { className: 'map-popup' });
        box.appendChild(el('a', { href: config.recordUrl + encodeURIComponent(idOf(doc)) + '/' }, points.titles[doc] || ''));
        event.target.bindPopup(box).openPopup();
      };
    }

    function onMarkerKey(doc) {
      var chosen = onMarker(doc);
      return function (event) {
        var key = event.originalEvent && event.originalEvent.keyCode;
        if (key !== 13 && key !== 32) return;
        event.originalEvent.preventDefault();
        chosen(event);
      };
    }

    function idOf(doc) { return points.ids ? points.ids[doc] : ''; }

    /* a card's "Show on map": the map zooms to its marker, which is selected and focused */
    function selectOnMap(doc) {
      var list = markers.get(doc);
      if (!list) return;
      // a zoom under way (the user's) would swallow ours: go on when it ends
      if (map._animatingZoom) { map.once('zoomend', function () { selectOnMap(doc); }); return; }
      select(doc);
      tools.box.scrollIntoView({ block: 'nearest' });
      cluster.zoomToShowLayer(list[0], function () {
        var icon = list[0].getElement();
        if (icon) icon.focus();
      });
    }

    /* ------------------------------------------------------------ wiring */

    var ext = {
      arrange: arrange,
      card: card,
      update: updateMap,
      act: function (action) {
        if (action === 'map') showMap(!mapShown);
        else if (action === 'near') useMyLocation();
        else if (action === 'place') usePlace();
        else if (action === 'off') sortOff();
      }
    };
    return pointsLoad.then(function () { return ext; });
  }

  window.TarjotinPlaces = { start: start, normalize: normalize, distanceKm: distanceKm, findPlace: findPlace };
}());
