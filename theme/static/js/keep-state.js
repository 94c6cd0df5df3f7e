/* Language links on the search and favourites pages carry the page's state: the search's
   ?q=…&teema=… filters (parameter names are the same in every language) and a shared list's
   #fragment. Updated on click, because the search changes the URL with history.replaceState. */
(function () {
  "use strict";
  function update() {
    var links = document.querySelectorAll(".lang-switch a[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].getAttribute("href"), window.location.href);
      url.search = window.location.search;
      url.hash = window.location.hash;
      links[i].setAttribute("href", url.pathname + url.search + url.hash);
    }
  }
  update();
  window.addEventListener("popstate", update);
  window.addEventListener("hashchange", update);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".lang-switch a[hreflang]") : null;
    if (link) update();
  }, true);
})();
