/* Progressive enhancement: a button that shows a location on an
   OpenStreetMap map. Nothing heavy loads until the visitor asks for the map:
   the map library (Leaflet, ~150 KB) and its styles are fetched when the
   button is pressed, and only then the tiles. The address, the directions
   and the geo: link are always there, with or without JavaScript. */
(function () {
  "use strict";
  var script = document.currentScript;
  var leafletJs = script && script.dataset.leafletJs;
  var leafletCss = script && script.dataset.leafletCss;
  var loading = null;

  function loadLeaflet() {
    if (window.L) { return Promise.resolve(window.L); }
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      if (leafletCss) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = leafletCss;
        document.head.appendChild(link);
      }
      var tag = document.createElement("script");
      tag.src = leafletJs;
      tag.onload = function () { resolve(window.L); };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
    return loading;
  }

  function show(container, button) {
    var lat = parseFloat(container.dataset.lat);
    var lng = parseFloat(container.dataset.lng);
    button.disabled = true;
    loadLeaflet().then(function (L) {
      var canvas = document.createElement("div");
      canvas.className = "map__canvas";
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", container.dataset.label);
      container.replaceChild(canvas, button);
      var map = L.map(canvas, { scrollWheelZoom: false }).setView([lat, lng], 16);
      L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19,
        attribution: container.dataset.attribution
      }).addTo(map);
      L.marker([lat, lng], { title: container.dataset.label, keyboard: false }).addTo(map);
    }, function () { button.disabled = false; });
  }

  if (!leafletJs && !window.L) { return; }
  document.querySelectorAll("[data-map]").forEach(function (container) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.textContent = container.dataset.buttonLabel;
    container.appendChild(button);
    button.addEventListener("click", function () { show(container, button); });
  });
})();
