// The live map of /map: Leaflet over the server-drawn SVG it replaces. Without JavaScript the
// SVG and the list below it carry the same information.
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L) return;
  var d = el.dataset;

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  }
  function text(tag, content, className) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (className) node.className = className;
    return node;
  }
  // Leaflet's attribution control takes only HTML strings; everything else the map shows is
  // given to Leaflet as DOM nodes, because a string passed to bindTooltip/bindPopup is HTML.
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  var canvas = document.createElement('div');
  canvas.className = 'map-canvas';
  canvas.setAttribute('role', 'region');
  canvas.setAttribute('aria-label', '地図（一覧と同じ内容です）');
  el.appendChild(canvas);
  var fallback = el.querySelector('.map-static');
  if (fallback) fallback.hidden = true;
  el.classList.add('map-live');

  // Canvas rendering keeps thousands of markers smooth.
  var map = L.map(canvas, { preferCanvas: true, keyboard: true });
  map.attributionControl.setPrefix('Leaflet');
  if (d.tiles) {
    var credit = escapeHtml(d.attribution || '');
    if (/^https?:\/\//i.test(d.attributionUrl || '')) credit = '<a href="' + escapeHtml(d.attributionUrl) + '">' + credit + '</a>';
    L.tileLayer(d.tiles, { maxZoom: Number(d.maxZoom) || 18, attribution: credit }).addTo(map);
  }
  // The city's extent, from the server: the map opens on this city before its data arrives. A
  // city with no boundary or district yet opens on the whole of Japan.
  var extent = String(d.bounds || '').split(',').map(Number);
  if (extent.length === 4 && extent.every(isFinite)) map.fitBounds([[extent[0], extent[1]], [extent[2], extent[3]]]);
  else map.setView([36.5, 138.0], 5);

  var markers = {};
  var features = [];
  var list = document.getElementById('map-items');
  var count = document.getElementById('map-count');
  var LIST_LIMIT = 200;  // rows in the list; the count tells how many are in view
  var SVG_NS = 'http://www.w3.org/2000/svg';

  function popup(p) {
    var box = document.createElement('div');
    box.className = 'map-popup';
    var title = document.createElement('a');
    title.href = p.url;
    title.textContent = p.name;
    var strong = document.createElement('strong');
    strong.appendChild(title);
    box.appendChild(strong);
    box.appendChild(text('div', p.category + (p.district ? '・' + p.district : '')));
    if (p.schedule) box.appendChild(text('div', p.schedule));
    if (p.address) box.appendChild(text('div', p.address));
    if (p.approximate_location) box.appendChild(text('div', 'おおよその場所' + (p.area ? '（' + p.area + '）' : ''), 'approximate'));
    return box;
  }

  function showOnMap(id) {
    var m = markers[id];
    if (!m) return;
    map.setView(m.getLatLng(), Math.max(map.getZoom(), 15));
    m.openPopup();
  }

  function listItem(f) {
    var p = f.properties;
    var li = document.createElement('li');
    li.dataset.id = p.id;
    var swatch = document.createElementNS(SVG_NS, 'svg');
    swatch.setAttribute('class', 'swatch');
    swatch.setAttribute('width', '14');
    swatch.setAttribute('height', '14');
    swatch.setAttribute('aria-hidden', 'true');
    var dot = document.createElementNS(SVG_NS, 'circle');
    dot.setAttribute('cx', '7');
    dot.setAttribute('cy', '7');
    dot.setAttribute('r', '6');
    dot.setAttribute('fill', p.colour || '#1d4ed8');
    swatch.appendChild(dot);
    li.appendChild(swatch);
    var link = document.createElement('a');
    link.href = p.url;
    link.textContent = p.name;
    li.appendChild(link);
    li.appendChild(text('span', p.category + (p.district ? '・' + p.district : '') + (p.schedule ? '・' + p.schedule : ''), 'meta'));
    if (p.approximate_location) li.appendChild(text('span', 'おおよその場所' + (p.area ? '（' + p.area + '）' : ''), 'approximate'));
    var button = text('button', '地図で見る', 'link-button show-on-map');
    button.type = 'button';
    button.addEventListener('click', function () { showOnMap(p.id); });
    li.appendChild(button);
    return li;
  }

  // The list follows the view: the resources inside it, the first LIST_LIMIT of them listed.
  function followView() {
    var bounds = map.getBounds();
    var inView = features.filter(function (f) {
      var c = f.geometry.coordinates;
      return bounds.contains([c[1], c[0]]);
    });
    var fragment = document.createDocumentFragment();
    inView.slice(0, LIST_LIMIT).forEach(function (f) { fragment.appendChild(listItem(f)); });
    list.textContent = '';
    list.appendChild(fragment);
    if (count) {
      count.textContent = '';
      count.appendChild(text('strong', String(inView.length)));
      count.appendChild(document.createTextNode('件（地図に見えている範囲' + (inView.length > LIST_LIMIT ? '。一覧は最初の' + LIST_LIMIT + '件' : '') + '）'));
    }
  }

  Promise.all([getJson(d.city), getJson(d.boundaries), getJson(d.resources)]).then(function (data) {
    var city = L.geoJSON(data[0], { style: { color: '#222222', weight: 3, fill: false }, interactive: false }).addTo(map);
    var districts = L.geoJSON(data[1], {
      style: function (f) {
        var estimated = f.properties.origin === '代表点から推計';
        return { color: '#4b5563', weight: 1.5, dashArray: estimated ? '6 4' : null, fillColor: '#ffffff', fillOpacity: d.tiles ? 0 : 0.6 };
      },
      interactive: false,
      onEachFeature: function (f, layer) {
        layer.bindTooltip(text('span', f.properties.name), { permanent: true, direction: 'center', className: 'district-label' });
      }
    }).addTo(map);
    var points = L.featureGroup();
    features = data[2].features;
    features.forEach(function (f) {
      var p = f.properties;
      var c = f.geometry.coordinates;
      var m = L.circleMarker([c[1], c[0]], { radius: 8, color: '#ffffff', weight: 2, fillColor: p.colour || '#1d4ed8', fillOpacity: 1 });
      m.bindPopup(function () { return popup(p); });  // built when opened: thousands of markers stay cheap
      points.addLayer(m);
      markers[p.id] = m;
    });
    // The server's pages of the list give way to the list that follows the view.
    ['map-list-range', 'map-list-pager'].forEach(function (id) {
      var node = document.getElementById(id);
      if (node) node.hidden = true;
    });
    points.addTo(map);
    var target = points.getLayers().length ? points.getBounds() : (districts.getLayers().length ? districts.getBounds() : city.getBounds());
    if (target.isValid()) map.fitBounds(target, { padding: [24, 24], maxZoom: 16 });
    // Rebuilding the list waits until the map has stopped moving for a moment.
    var pending = null;
    map.on('moveend', function () {
      clearTimeout(pending);
      pending = setTimeout(followView, 150);
    });
    followView();
    el.dataset.ready = 'true';
    window.sasaeaiMap = { map: map, markers: markers };
  }).catch(function (e) {
    // The SVG drawn by the server stays useful when the data cannot be read.
    if (fallback) fallback.hidden = false;
    canvas.remove();
    el.classList.remove('map-live');
    el.dataset.ready = 'error';
    if (window.console) console.error(e);
  });
})();
