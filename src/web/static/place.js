// Setting a resource's place on its form: click the map, or take the representative point of
// the town found from the address or postal code. The latitude/longitude inputs stay the truth:
// without JavaScript they are typed by hand.
(function () {
  'use strict';
  var picker = document.getElementById('place-picker');
  var lat = document.querySelector('input[name="latitude"]');
  var lng = document.querySelector('input[name="longitude"]');
  if (!picker || !lat || !lng || !window.L) return;
  // The map belongs beside the place fields, not after the whole form.
  var coordinates = lng.closest('.field');
  if (coordinates) coordinates.after(picker);
  picker.hidden = false;
  var el = document.getElementById('place-map');
  var d = el.dataset;
  var status = document.getElementById('place-status');
  var suggestions = document.getElementById('place-suggestions');
  var address = document.querySelector('input[name="address"]');
  var postal = document.querySelector('input[name="postal_code"]');
  var district = document.querySelector('select[name="district_id"]');

  var map = L.map(el, { keyboard: true });
  map.attributionControl.setPrefix('Leaflet');
  // The attribution control takes HTML; the configured (or MBTiles) attribution is text.
  var credit = String(d.attribution || '').replace(/[&<>"']/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
  });
  if (d.tiles) L.tileLayer(d.tiles, { maxZoom: Number(d.maxZoom) || 18, attribution: credit }).addTo(map);
  // The city's extent, from the server: the map opens on this city before its data arrives. A
  // city with no boundary or district yet opens on the whole of Japan.
  var extent = String(d.bounds || '').split(',').map(Number);
  if (extent.length === 4 && extent.every(isFinite)) map.fitBounds([[extent[0], extent[1]], [extent[2], extent[3]]]);
  else map.setView([36.5, 138.0], 5);
  // Without tiles the districts' outlines and names are what the picker shows.
  function outline(url, style, named) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (areas) {
      var layer = L.geoJSON(areas, {
        style: style,
        interactive: false,
        onEachFeature: function (f, l) {
          if (named && f.properties && f.properties.name) l.bindTooltip(String(f.properties.name), { permanent: true, direction: 'center', className: 'area-label' });
        }
      }).addTo(map);
      return layer;
    });
  }
  outline(d.city, { color: '#222222', weight: 3, fill: false }, false).then(function (layer) {
    if (!marker && layer.getBounds().isValid()) map.fitBounds(layer.getBounds());
  }).catch(function () {});
  if (d.districts) outline(d.districts, { color: '#555555', weight: 1.5, fill: false, dashArray: d.tiles ? '4 4' : null }, !d.tiles).catch(function () {});

  var marker = null;
  function round(v) { return Math.round(v * 1e6) / 1e6; }
  function place(latlng, zoom) {
    if (!marker) marker = L.circleMarker(latlng, { radius: 10, color: '#ffffff', weight: 3, fillColor: '#b91c1c', fillOpacity: 1 }).addTo(map);
    else marker.setLatLng(latlng);
    if (zoom) map.setView(latlng, Math.max(map.getZoom(), zoom));
  }
  function say(message) { status.textContent = message; }

  if (lat.value && lng.value && !isNaN(Number(lat.value)) && !isNaN(Number(lng.value))) place([Number(lat.value), Number(lng.value)], 15);

  map.on('click', function (e) {
    lat.value = round(e.latlng.lat);
    lng.value = round(e.latlng.lng);
    place(e.latlng);
    say('地図で選んだ位置を入れました（緯度 ' + lat.value + '、経度 ' + lng.value + '）。');
  });

  function useTown(t) {
    lat.value = round(t.latitude);
    lng.value = round(t.longitude);
    place([t.latitude, t.longitude], 15);
    if (district && !district.value && t.district_id) {
      district.value = String(t.district_id);
      district.dispatchEvent(new Event('change'));
    }
    say('「' + t.name + '」の代表点を入れました。建物の位置は地図をクリックして直せます。');
  }

  function showTowns(towns) {
    suggestions.textContent = '';
    towns.slice(0, 5).forEach(function (t) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'secondary';
      b.textContent = t.name + (t.district ? '（' + t.district + '）' : '') + ' の代表点を使う';
      b.addEventListener('click', function () { useTown(t); suggestions.textContent = ''; });
      suggestions.appendChild(b);
    });
  }

  var timer = null;
  if (address) {
    address.addEventListener('input', function () {
      clearTimeout(timer);
      var q = address.value.trim();
      if (q.length < 2) { suggestions.textContent = ''; return; }
      timer = setTimeout(function () {
        fetch('/api/v1/towns?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
          .then(function (r) { return r.json(); })
          .then(function (body) { showTowns(body.towns || []); })
          .catch(function () {});
      }, 250);
    });
  }
  if (postal) {
    postal.addEventListener('input', function () {
      var digits = postal.value.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); }).replace(/[^0-9]/g, '');
      if (digits.length !== 7) return;
      fetch('/api/v1/postal/' + digits, { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (body) {
          var towns = body.towns || [];
          if (!towns.length) { say('郵便番号 ' + digits.slice(0, 3) + '-' + digits.slice(3) + ' の町名は登録されていません。'); return; }
          var t = towns[0];
          if (address && address.value.indexOf(t.name) < 0) address.value = t.name + address.value;
          if (!lat.value && !lng.value) {
            useTown(t);
            say('郵便番号から町名「' + t.name + '」とその代表点を入れました。建物の位置は地図をクリックして直せます。');
          } else {
            say('郵便番号から町名「' + t.name + '」を入れました。');
          }
          if (towns.length > 1) showTowns(towns);
        })
        .catch(function () {});
    });
  }
})();
