/* Progressive enhancement: a button that shows a location on an
   OpenStreetMap map. Nothing is loaded from the tile server until the visitor
   asks for the map; the address and a directions link are always there. */
(function () {
  "use strict";
  if (!window.L) { return; }
  document.querySelectorAll("[data-map]").forEach(function (container) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = container.dataset.buttonLabel;
    button.setAttribute("aria-expanded", "false");
    container.appendChild(button);
    button.addEventListener("click", function () {
      var lat = parseFloat(container.dataset.lat);
      var lng = parseFloat(container.dataset.lng);
      var canvas = document.createElement("div");
      canvas.className = "map__canvas";
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", container.dataset.label);
      container.replaceChild(canvas, button);
      var map = window.L.map(canvas, { scrollWheelZoom: false }).setView([lat, lng], 16);
      window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19,
        attribution: container.dataset.attribution
      }).addTo(map);
      window.L.marker([lat, lng], { title: container.dataset.label, keyboard: false }).addTo(map);
    });
  });
})();
