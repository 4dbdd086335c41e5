// The map: an offline basemap (country borders from world-atlas, TopoJSON) with optional
// online tiles, and one marker per place (size: mentions, colour: main event type),
// clustered when dense. A marker's popup lists the place's events and claims; text from
// documents is inserted with textContent only, never as HTML.
(function () {
  var el = document.getElementById("map");
  var dataEl = document.getElementById("map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var markers = JSON.parse(dataEl.textContent);
  var map = L.map(el, { worldCopyJump: true, maxZoom: 18, minZoom: 2 });
  window.sitroomMap = map;

  // a ring that crosses the antimeridian (Chukotka, Fiji) would be drawn across the whole
  // map: move its western longitudes one turn east
  function unwrap(coords) {
    if (typeof coords[0][0] === "number") {
      var lons = coords.map(function (c) { return c[0]; });
      if (Math.max.apply(null, lons) - Math.min.apply(null, lons) > 180) {
        return coords.map(function (c) { return [c[0] < 0 ? c[0] + 360 : c[0], c[1]]; });
      }
      return coords;
    }
    return coords.map(unwrap);
  }
  function addBasemap(topo) {
    var countries = topojson.feature(topo, topo.objects.countries);
    countries.features.forEach(function (f) { if (f.geometry) { f.geometry.coordinates = unwrap(f.geometry.coordinates); } });
    L.geoJSON(countries, { style: { color: "#8795a1", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
                           interactive: false }).addTo(map);
  }
  var tiles = el.getAttribute("data-tiles");
  if (tiles) { L.tileLayer(tiles, { maxZoom: 18, attribution: "tiles: " + new URL(tiles.replace(/[{}]/g, "")).host }).addTo(map); }
  var inlineBase = document.getElementById("basemap-data");
  if (inlineBase) { addBasemap(JSON.parse(inlineBase.textContent)); }
  else if (el.getAttribute("data-basemap")) {
    fetch(el.getAttribute("data-basemap")).then(function (r) { return r.json(); }).then(function (topo) {
      addBasemap(topo);
      if (layer.bringToFront) { layer.bringToFront(); }
    }).catch(function () { el.setAttribute("data-basemap-error", "1"); });
  }

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }
  function link(href, text) { var a = node("a", text); a.setAttribute("href", href); return a; }
  var entityBase = el.getAttribute("data-entity-base");
  var docBase = el.getAttribute("data-doc-base") || "/document/";

  function fillPopup(box, info) {
    var events = info.events || [];
    if (events.length) {
      box.appendChild(node("b", "Events"));
      var ul = node("ul");
      events.slice(0, 8).forEach(function (e) {
        var li = node("li", (e.date || "undated") + " · " + (e.type_label || e.subtype) + " · " + e.status);
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    var claims = info.claims_about || [];
    if (claims.length) {
      box.appendChild(node("b", "Claims"));
      var cl = node("ul");
      claims.slice(0, 8).forEach(function (c) {
        var li = node("li");
        li.appendChild(node("span", (c.source || "?") + (c.side ? " (" + c.side + ")" : "") + ", " + c.stance + ": "));
        var words = (c.content || "").slice(0, 140);
        li.appendChild(entityBase ? link(docBase + encodeURIComponent(c.doc_id) + "#c-" + c.id, words) : node("q", words));
        cl.appendChild(li);
      });
      box.appendChild(cl);
    }
    if (!events.length && !claims.length) { box.appendChild(node("p", "No events or claims about this place.", "empty")); }
  }

  function popupFor(m) {
    var box = node("div", null, "place-popup");
    var h = node("div");
    if (entityBase) { h.appendChild(link(entityBase + encodeURIComponent(m.id), m.name)); }
    else { h.appendChild(node("b", m.name)); }
    h.appendChild(node("span", " · " + m.mentions + " mentions" + (m.events ? " · " + m.events + " events" : ""), "meta"));
    box.appendChild(h);
    var body = node("div");
    box.appendChild(body);
    if (m.popup) { fillPopup(body, m.popup); }
    else if (entityBase) {
      body.appendChild(node("p", "loading…", "meta"));
      fetch(entityBase + encodeURIComponent(m.id) + "?format=json&limit=8").then(function (r) { return r.json(); })
        .then(function (info) { body.textContent = ""; fillPopup(body, info); })
        .catch(function () { body.textContent = "could not load the claims"; });
    }
    return box;
  }

  var layer = (typeof L.markerClusterGroup === "function" && markers.length > 1)
    ? L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false }) : L.featureGroup();
  markers.forEach(function (m) {
    var size = Math.round(m.radius * 2);
    var wide = ["country", "continent", "sea", "ocean"].indexOf(m.feature) >= 0;
    var icon = L.divIcon({ className: wide ? "wide" : "", iconSize: [size, size],
      html: '<div class="pin" style="width:' + size + 'px;height:' + size + 'px;background:' + (/^#[0-9a-fA-F]{3,6}$/.test(m.colour) ? m.colour : "#777") + '"></div>' });
    var mk = L.marker([m.lat, m.lon], { icon: icon, title: m.name + " (" + m.mentions + " mentions)", alt: m.name });
    mk.bindPopup(function () { return popupFor(m); }, { maxWidth: 360 });
    layer.addLayer(mk);
  });
  layer.addTo(map);
  el.setAttribute("data-markers", String(markers.length));
  if (markers.length === 1) { map.setView([markers[0].lat, markers[0].lon], Number(el.getAttribute("data-zoom") || 7)); }
  else if (markers.length) {
    // frame where the reporting is: around the mention-weighted median of the places
    // (countries sit at their centroids and a few far-off mentions should not zoom the
    // map out to the world), the places within 15 degrees of it
    var local = markers.filter(function (m) { return ["country", "continent", "sea", "ocean"].indexOf(m.feature) < 0; });
    var pool = local.length ? local : markers;
    function wmedian(key) {
      var s = pool.slice().sort(function (a, b) { return a[key] - b[key]; });
      var half = s.reduce(function (t, m) { return t + m.mentions; }, 0) / 2, acc = 0;
      for (var i = 0; i < s.length; i++) { acc += s[i].mentions; if (acc >= half) { return s[i][key]; } }
      return s[s.length - 1][key];
    }
    var clat = wmedian("lat"), clon = wmedian("lon");
    var core = pool.filter(function (m) { return Math.abs(m.lat - clat) < 15 && Math.abs(m.lon - clon) < 15; })
      .map(function (m) { return [m.lat, m.lon]; });
    if (core.length < 2) { map.setView([clat, clon], 6); }
    else { map.fitBounds(L.latLngBounds(core).pad(0.15), { maxZoom: 9 }); }
  } else { map.setView([49, 32], 5); }
})();
