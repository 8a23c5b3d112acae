// journeymap: on a phone the header's links keep to one line that scrolls sideways (see
// style.css); this scrolls the link of the current section into the middle of that line, so
// that the reader sees where they are.
(function () {
  "use strict";
  var nav = document.querySelector(".site-header nav");
  var current = nav && nav.querySelector("a[aria-current]");
  if (!current || nav.scrollWidth <= nav.clientWidth) {
    return;
  }
  var left = current.getBoundingClientRect().left - nav.getBoundingClientRect().left;
  nav.scrollLeft += left - (nav.clientWidth - current.offsetWidth) / 2;
})();
