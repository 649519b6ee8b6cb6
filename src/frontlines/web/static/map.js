/* Frontlines home map.
 * The markers are drawn from the accessible table under the map (#map-points), so the map and the
 * table always show the same events and the page works without JavaScript.
 * No tile layer by default: the map must work offline; a light graticule and labelled reference
 * cities stand in for a base map. Set FRONTLINES_TILES to use a tile server.
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

  var map = L.map(el, { worldCopyJump: true, zoomSnap: 0.5 });
  var tiles = el.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: "Map tiles: " + new URL(tiles.replace("{s}", "a")).host }).addTo(map);
  } else {
    drawGraticule(map);
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
               colour: d.colour, date: d.date, place: d.place, actors: d.actors, fatalities: d.fatalities };
    var key = lat.toFixed(4) + "," + lon.toFixed(4);
    (bySpot[key] = bySpot[key] || []).push(ev);
    ev.spot = key;
    events.push(ev);
  });

  var layer = L.featureGroup().addTo(map);
  // Asserted events are added last so they are drawn on top of hollow ones at the same spot.
  events.sort(function (a, b) { return (a.modality === "asserted") - (b.modality === "asserted"); });
  events.forEach(function (ev) {
    var m = MODALITY[ev.modality] || MODALITY.claimed;
    var fat = parseInt(ev.fatalities, 10);
    var radius = 7 + (fat > 0 ? Math.min(8, Math.log(fat + 1) * 2) : 0);
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
    marker.bindPopup(function () { return popupFor(bySpot[ev.spot], ev); }, { maxWidth: 320 });
    marker.bindTooltip(ev.place + " · " + (ev.subtype || ev.type), { direction: "top" });
    marker.addTo(layer);
  });

  if (!tiles) labelBusiestSpots(bySpot, 12);

  if (events.length) {
    map.fitBounds(layer.getBounds().pad(0.2), { maxZoom: 8 });
  } else {
    map.setView([20, 20], 2);
  }

  function popupFor(group, first) {
    // Every event at this spot, the clicked one first; built as DOM nodes, never as HTML strings.
    var box = document.createElement("div");
    box.className = "popup";
    var ordered = [first].concat(group.filter(function (e) { return e !== first; }));
    ordered.slice(0, 8).forEach(function (e) {
      var item = document.createElement("p");
      var a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(e.id);
      a.textContent = (e.subtype || e.type) + " in " + e.place;
      item.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "popup-meta";
      var bits = [e.date || "undated"];
      if (e.actors) bits.push(e.actors);
      if (e.fatalities) bits.push(e.fatalities + " killed");
      meta.textContent = bits.join(" · ");
      item.appendChild(document.createElement("br"));
      item.appendChild(meta);
      item.appendChild(document.createTextNode(" "));
      var badge = document.createElement("span");
      badge.className = "modality modality-" + e.modality;
      badge.textContent = e.modality;
      item.appendChild(badge);
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
    // Without a base map the event places need their names on the map, busiest first.
    Object.keys(spots)
      .sort(function (a, b) { return spots[b].length - spots[a].length; })
      .slice(0, n)
      .forEach(function (key) {
        var e = spots[key][0];
        L.tooltip({ permanent: true, direction: "left", offset: [-8, 0], className: "place-label" })
          .setLatLng([e.lat, e.lon]).setContent(e.place).addTo(map);
      });
  }

  function drawGraticule(m) {
    var style = { color: "#b8c4ce", weight: 0.6, interactive: false };
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
    // Their own panes under the events', so a label never hides a marker.
    m.createPane("refs").style.zIndex = 350;
    m.createPane("refLabels").style.zIndex = 360;
    refs.forEach(function (r) {
      var dot = L.circleMarker([r.lat, r.lon], {
        pane: "refs", radius: r.capital ? 3 : 2, color: "#7d8894", weight: 1,
        fillColor: r.capital ? "#7d8894" : "#ffffff", fillOpacity: 1, interactive: false, className: "ref-point"
      }).addTo(m);
      dot.bindTooltip(r.name, {
        pane: "refLabels", permanent: true, direction: "right", offset: [3, 0],
        className: "ref-label" + (r.capital ? " capital" : "")
      });
    });
  }
})();
