/* Frontlines home map.
 * The markers are drawn from the accessible table under the map (#map-points), so the map and the
 * table always show the same events and the page works without JavaScript.
 * No tile layer by default: the map must work offline. Country outlines served by the app itself
 * (/static-data/countries.geojson), a faint graticule over the sea and labelled reference cities
 * stand in for a base map. Set FRONTLINES_TILES to use a tile server instead.
 */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") return;

  // Facts are filled; what has not been established is hollow (dashed for expectations/hypotheticals).
  var MODALITY = {
    asserted: { fill: 0.85, dash: null, weight: 1.5 },
    claimed: { fill: 0.3, dash: null, weight: 2 },
    expected: { fill: 0, dash: "5 3", weight: 2 },
    hypothetical: { fill: 0, dash: "1.5 3", weight: 2 },
    denied: { fill: 0, dash: "3 3", weight: 2, colour: "#777777" }
  };
  var PRECISION = { 2: "placed near a town or in part of a region", 3: "placed only at region or country level" };
  var THEATRE_KM = 1500;
  var SIDE_OFFSET = { left: [-9, 0], right: [9, 0], top: [0, -9], bottom: [0, 9] };  // events this close to the busiest spot form the theatre the map opens on

  var map = L.map(el, { worldCopyJump: true, zoomSnap: 0.5 });
  var labels = [];  // permanent labels, decluttered after every zoom: {tooltip, priority, dot}
  var tiles = el.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: "Map tiles: " + new URL(tiles.replace("{s}", "a")).host }).addTo(map);
  } else {
    // Panes under the markers' (overlayPane, z 400): sea grid, land, then reference cities.
    map.createPane("grid").style.zIndex = 200;
    map.createPane("land").style.zIndex = 250;
    drawGraticule(map);
    drawLand(map, el.dataset.outlines, (el.dataset.countries || "").split(","));
    drawReference(map, el.dataset.reference);
  }

  var rows = document.querySelectorAll("#map-points tbody tr");
  var bySpot = {};
  var events = [];
  rows.forEach(function (tr) {
    var d = tr.dataset;
    var lat = parseFloat(d.lat), lon = parseFloat(d.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    var ev = { id: d.id, lat: lat, lon: lon, type: d.type, subtype: d.subtype, modality: d.modality,
               colour: d.colour, date: d.date, place: d.place, actors: d.actors, fatalities: d.fatalities,
               precision: parseInt(d.precision, 10) || 1 };
    var key = lat.toFixed(4) + "," + lon.toFixed(4);
    (bySpot[key] = bySpot[key] || []).push(ev);
    ev.spot = key;
    events.push(ev);
  });

  map.createPane("halos").style.zIndex = 390;
  var layer = L.featureGroup().addTo(map);
  var markers = [];  // {ev, marker}: the slider hides events after the chosen day
  // Asserted events are added last so they are drawn on top of hollow ones at the same spot.
  events.sort(function (a, b) { return (a.modality === "asserted") - (b.modality === "asserted"); });
  var haloDone = {};
  events.forEach(function (ev) {
    var m = MODALITY[ev.modality] || MODALITY.claimed;
    var fat = parseInt(ev.fatalities, 10);
    var radius = 7 + (fat > 0 ? Math.min(8, Math.log(fat + 1) * 2) : 0);
    if (ev.precision >= 3 && !haloDone[ev.spot]) {
      // A country or region centre is not where the event happened: a wide faint ring says so.
      haloDone[ev.spot] = true;
      L.circleMarker([ev.lat, ev.lon], {
        pane: "halos", radius: 22, color: "#5c6873", weight: 1, dashArray: "2 4", fill: false,
        interactive: false, className: "approx-halo"
      }).addTo(map);
    }
    var marker = L.circleMarker([ev.lat, ev.lon], {
      radius: radius,
      color: m.colour || ev.colour,
      weight: m.weight,
      opacity: 1,
      fillColor: ev.colour,
      fillOpacity: m.fill,
      dashArray: m.dash,
      className: "event-marker modality-" + ev.modality
    });
    marker.bindPopup(function () { return popupFor(bySpot[ev.spot], ev); }, { maxWidth: 340 });
    var tip = (ev.subtype || ev.type) + " · " + ev.place + " · " + ev.modality;
    if (PRECISION[ev.precision]) tip += " (" + PRECISION[ev.precision] + ")";
    marker.bindTooltip(tip, { direction: "top" });
    marker.addTo(layer);
    markers.push({ ev: ev, marker: marker });
  });

  if (!tiles) labelBusiestSpots(bySpot, 12);

  if (events.length) {
    var theatre = mainTheatre(events);
    var all = layer.getBounds().pad(0.15);
    var focus = L.latLngBounds(theatre.map(function (e) { return [e.lat, e.lon]; })).pad(0.2);
    map.fitBounds(focus, { maxZoom: 7 });
    if (theatre.length < events.length) addViewControl(map, focus, all, events.length - theatre.length);
  } else {
    map.setView([20, 20], 2);
  }
  setUpControl();  // after the map has a view: a shape cannot be placed on a map without one
  map.on("zoomend", declutter);
  declutter();

  function mainTheatre(evs) {
    // The busiest spot and every event within THEATRE_KM of it; stray far-off events (a capital
    // that issued a statement, a namesake town abroad) would otherwise zoom the map out to the world.
    if (evs.length < 5) return evs;
    var keys = Object.keys(bySpot);
    var best = null, bestN = -1;
    keys.forEach(function (k) {
      var a = bySpot[k][0], n = 0;
      keys.forEach(function (j) {
        var b = bySpot[j][0];
        if (map.distance([a.lat, a.lon], [b.lat, b.lon]) <= THEATRE_KM * 1000) n += bySpot[j].length;
      });
      if (n > bestN) { bestN = n; best = a; }
    });
    var near = evs.filter(function (e) { return map.distance([best.lat, best.lon], [e.lat, e.lon]) <= THEATRE_KM * 1000; });
    return near.length >= 0.85 * evs.length ? near : evs;  // else several theatres: show them all
  }

  function addViewControl(m, focus, all, outside) {
    var Control = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar map-view-control");
        var button = L.DomUtil.create("button", "", box);
        button.type = "button";
        var zoomedOut = false;
        function label() {
          button.textContent = zoomedOut ? "Zoom to main area" : "Show all events (" + outside + " outside this view)";
        }
        label();
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, "click", function () {
          zoomedOut = !zoomedOut;
          m.fitBounds(zoomedOut ? all : focus, { maxZoom: 7 });
          label();
        });
        return box;
      }
    });
    new Control().addTo(m);
  }

  function popupFor(group, first) {
    // Every event at this spot, the clicked one first; built as DOM nodes, never as HTML strings.
    var box = document.createElement("div");
    box.className = "popup";
    var ordered = [first].concat(group.filter(function (e) { return e !== first; }));
    ordered.slice(0, 8).forEach(function (e) {
      var item = document.createElement("p");
      var badge = document.createElement("span");
      badge.className = "modality modality-" + e.modality;
      badge.textContent = e.modality;
      item.appendChild(badge);
      item.appendChild(document.createTextNode(" "));
      var a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(e.id);
      a.textContent = (e.subtype || e.type) + " in " + e.place;
      item.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "popup-meta";
      var bits = [e.date || "undated"];
      if (e.actors) bits.push(e.actors);
      if (e.fatalities) bits.push(e.fatalities + " killed");
      if (PRECISION[e.precision]) bits.push(PRECISION[e.precision]);
      meta.textContent = bits.join(" · ");
      item.appendChild(document.createElement("br"));
      item.appendChild(meta);
      box.appendChild(item);
    });
    if (ordered.length > 8) {
      var more = document.createElement("p");
      more.textContent = "… and " + (ordered.length - 8) + " more here.";
      box.appendChild(more);
    }
    return box;
  }

  function labelBusiestSpots(spots, n) {
    // Without a base map the event places need their names on the map, busiest first. A country
    // or region centre gets none: the outline under it already says which country it is.
    Object.keys(spots)
      .filter(function (key) { return spots[key][0].precision < 3; })
      .sort(function (a, b) { return spots[b].length - spots[a].length; })
      .slice(0, n)
      .forEach(function (key) {
        var e = spots[key][0];
        var t = L.tooltip({ permanent: true, direction: "left", offset: [-9, 0], className: "place-label", interactive: false })
          .setLatLng([e.lat, e.lon]).setContent(e.place).addTo(map);
        labels.push({ tooltip: t, priority: 1000 + spots[key].length, sides: ["left", "right", "top", "bottom"] });
      });
  }

  function declutter() {
    // Show labels in priority order and hide any that would overlap one already shown, or an
    // event marker (which is drawn over reference labels and would make them unreadable).
    var shown = [];
    var markers = [];
    document.querySelectorAll("#map path.event-marker").forEach(function (p) {
      var r = p.getBoundingClientRect();
      if (r.width) markers.push(r);
    });
    // The zoom buttons and other controls sit over the map; a label under them cannot be read.
    document.querySelectorAll("#map .leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width) shown.push(r);
    });
    labels.slice().sort(function (a, b) { return b.priority - a.priority; }).forEach(function (l) {
      var node = l.tooltip.getElement();
      if (!node) return;
      var box = null;
      // Try each side of the point in turn; the first free one wins.
      for (var i = 0; i < l.sides.length && !box; i++) {
        l.tooltip.options.direction = l.sides[i];
        l.tooltip.options.offset = SIDE_OFFSET[l.sides[i]];
        l.tooltip.update();
        var r = node.getBoundingClientRect();
        var b = { left: r.left - 3, right: r.right + 3, top: r.top - 1, bottom: r.bottom + 1 };
        var hits = shown.some(function (o) { return overlap(b, o); }) ||
          (l.priority < 1000 && markers.some(function (o) { return overlap(b, o); }));
        if (!hits) box = b;
      }
      node.style.visibility = box ? "" : "hidden";
      if (l.dot && l.dot.getElement()) l.dot.getElement().style.visibility = box ? "" : "hidden";
      if (box) shown.push(box);
    });
  }

  function overlap(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function drawLand(m, url, focus) {
    if (!url || typeof fetch === "undefined") return;
    var withEvents = {};
    focus.forEach(function (cc) { if (cc) withEvents[cc] = true; });
    function styleOf(feature) {
      // Countries with events on the map are a shade darker, so the theatre stands out.
      var busy = withEvents[feature.properties.iso_a2];
      return { pane: "land", color: "#ffffff", weight: 0.8, opacity: 1, fillOpacity: 1,
               fillColor: busy ? "#d5d8db" : "#e6e8ea", className: "land" + (busy ? " land-events" : "") };
    }
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) {
        var land = L.geoJSON(data, {
          pane: "land",
          style: styleOf,
          onEachFeature: function (feature, shape) {
            shape.bindTooltip(feature.properties.name, { sticky: true, direction: "top", className: "country-label" });
            shape.on("mouseover", function () { shape.setStyle({ fillColor: "#c8cdd1" }); });
            shape.on("mouseout", function () { land.resetStyle(shape); });
          }
        }).addTo(m);
        el.dataset.landReady = "1";
      })
      .catch(function (err) {
        // Without outlines the map still works on the graticule; say why in the console only.
        if (window.console) console.warn("country outlines not loaded:", err);
      });
  }

  function drawGraticule(m) {
    var style = { pane: "grid", color: "#c3d3df", weight: 0.6, interactive: false };
    for (var lat = -80; lat <= 80; lat += 10) {
      L.polyline([[lat, -180], [lat, 180]], style).addTo(m);
    }
    for (var lon = -180; lon <= 180; lon += 10) {
      L.polyline([[-85, lon], [85, lon]], style).addTo(m);
    }
  }

  function drawReference(m, raw) {
    var refs = [];
    try { refs = JSON.parse(raw || "[]"); } catch (e) { refs = []; }
    // Their own panes above the land and under the events', so a label never hides a marker.
    m.createPane("refs").style.zIndex = 350;
    m.createPane("refLabels").style.zIndex = 360;
    refs.forEach(function (r) {
      var dot = L.circleMarker([r.lat, r.lon], {
        pane: "refs", radius: r.capital ? 3 : 2, color: "#7d8894", weight: 1,
        fillColor: r.capital ? "#7d8894" : "#ffffff", fillOpacity: 1, interactive: false, className: "ref-point"
      }).addTo(m);
      var t = L.tooltip({
        pane: "refLabels", permanent: true, direction: "right", offset: [3, 0], interactive: false,
        className: "ref-label" + (r.capital ? " capital" : "")
      }).setLatLng([r.lat, r.lon]).setContent(r.name).addTo(m);
      // Capitals first, then by size, so the declutter keeps the best-known names.
      var priority = (r.capital ? 200 : 100) + Math.min(99, (r.population || 0) / 1e5);
      labels.push({ tooltip: t, priority: priority, dot: dot, sides: ["right", "left"] });
    });
  }

  // ---- control shading and the time slider -------------------------------------------------
  // The server sends one snapshot of control_map(day) per day on which it changes; the state on a
  // day is the last snapshot on or before it. Places are shaded by who held them; events after
  // the chosen day are hidden.
  function setUpControl() {
    var data;
    try { data = JSON.parse(el.dataset.control || "{}"); } catch (e) { data = {}; }
    var snapshots = data.snapshots || [];
    var colours = data.colours || {};
    var grey = data.contested || "#8a8a8a";
    var slider = document.getElementById("day-slider");
    var output = document.getElementById("day-label");
    var dayInput = document.getElementById("day-input");
    var days = slider ? (slider.dataset.days || "").split(",") : [];
    map.createPane("control").style.zIndex = 380;
    var shapes = {};  // geonameid -> circle marker

    function snapshotFor(day) {
      var found = null;
      snapshots.forEach(function (s) { if (s.day <= day) found = s; });
      return found ? found.places : [];
    }

    function styleFor(p) {
      var colour = p.actor && colours[p.actor] ? colours[p.actor] : grey;
      if (p.status === "contested" || !p.actor) {
        return { color: grey, fillColor: p.actor ? colour : grey, fillOpacity: 0.2, dashArray: "2 4", weight: 2.5 };
      }
      if (p.status === "claimed") return { color: colour, fillColor: colour, fillOpacity: 0.2, dashArray: "6 4", weight: 2.5 };
      return { color: colour, fillColor: colour, fillOpacity: 0.45, dashArray: null, weight: 2.5 };
    }

    function shade(day) {
      var seen = {};
      snapshotFor(day).forEach(function (p) {
        if (p.lat == null || p.lon == null) return;
        seen[p.geonameid] = true;
        var shape = shapes[p.geonameid];
        if (!shape) {
          shape = L.circleMarker([p.lat, p.lon], {
            pane: "control", radius: 17, className: "control-area control-gid-" + p.geonameid
          }).addTo(map);
          shapes[p.geonameid] = shape;
        }
        if (!map.hasLayer(shape)) shape.addTo(map);
        shape.setStyle(styleFor(p));
        var text = p.name + ": " + (p.actor ? "held by " + p.actor : "no side established") + " (" + p.status + ")" +
          (p.since ? " since " + p.since : "");
        shape.unbindTooltip().bindTooltip(text, { direction: "bottom", className: "control-tip" });
        var node = shape.getElement();
        if (node) {
          node.setAttribute("data-actor", p.actor || "");
          node.setAttribute("data-status", p.status);
          node.setAttribute("data-geonameid", p.geonameid);
        }
      });
      Object.keys(shapes).forEach(function (gid) {
        if (!seen[gid] && map.hasLayer(shapes[gid])) map.removeLayer(shapes[gid]);
      });
      fillTable(snapshotFor(day), day);
    }

    function fillTable(rows, day) {
      var body = document.querySelector("#control-table tbody");
      if (!body) return;
      body.textContent = "";
      rows.forEach(function (p) {
        var tr = document.createElement("tr");
        tr.dataset.geonameid = p.geonameid;
        var place = document.createElement("a");
        place.href = "/places/" + encodeURIComponent(p.geonameid);
        place.textContent = p.name;
        cell(tr, place);
        cell(tr, document.createTextNode(p.actor || "—"));
        var st = document.createElement("span");
        st.className = "control-status control-status-" + p.status;
        st.textContent = p.status;
        cell(tr, st);
        cell(tr, document.createTextNode(p.since || "")).className = "date";
        var links = document.createElement("span");
        (p.event_ids || []).forEach(function (id, i) {
          if (i) links.appendChild(document.createTextNode(", "));
          var a = document.createElement("a");
          a.href = "/events/" + encodeURIComponent(id);
          a.textContent = String(i + 1);
          links.appendChild(a);
        });
        cell(tr, links);
        body.appendChild(tr);
      });
      if (!rows.length) {
        var tr = document.createElement("tr");
        var td = cell(tr, document.createTextNode("No control change is known up to this day."));
        td.colSpan = 5;
        td.className = "muted";
        body.appendChild(tr);
      }
      document.querySelectorAll(".control-day").forEach(function (n) { n.textContent = day; });
    }

    function cell(tr, child) {
      var td = document.createElement("td");
      td.appendChild(child);
      tr.appendChild(td);
      return td;
    }

    function showEvents(day) {
      markers.forEach(function (m) {
        var visible = !m.ev.date || m.ev.date <= day;
        if (visible && !layer.hasLayer(m.marker)) layer.addLayer(m.marker);
        if (!visible && layer.hasLayer(m.marker)) layer.removeLayer(m.marker);
      });
    }

    function choose(day) {
      if (output) output.textContent = day;
      if (slider) slider.setAttribute("aria-valuetext", day);
      if (dayInput) dayInput.value = day;
      el.dataset.day = day;
      shade(day);
      showEvents(day);
      if (window.history && window.history.replaceState) {
        var url = new URL(window.location.href);
        url.searchParams.set("day", day);
        window.history.replaceState(null, "", url.toString());
      }
    }

    var start = el.dataset.day || (days.length ? days[days.length - 1] : "");
    if (start) { shade(start); showEvents(start); }
    if (!slider || !days.length) return;
    slider.addEventListener("input", function () { choose(days[parseInt(slider.value, 10)] || days[0]); });
    slider.addEventListener("keydown", function (e) {
      // Page Up/Down move by a week (the browser's default step is a tenth of the range).
      if (e.key !== "PageUp" && e.key !== "PageDown") return;
      e.preventDefault();
      var i = parseInt(slider.value, 10) + (e.key === "PageUp" ? 7 : -7);
      slider.value = String(Math.max(0, Math.min(days.length - 1, i)));
      choose(days[parseInt(slider.value, 10)]);
    });
  }
})();
