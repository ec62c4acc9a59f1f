/* The lab book's only script: colours the code (highlight.js, shipped in assets/) and filters the index. */
(function () {
  if (window.hljs) {
    window.hljs.highlightAll();
  }
  var input = document.getElementById('filter');
  if (!input) {
    return;
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.entry'));
  var count = document.getElementById('filter-count');
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search').toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    document.querySelectorAll('section.part').forEach(function (part) {
      part.hidden = part.querySelector('tr.entry:not([hidden])') === null;
    });
    count.textContent = shown + ' of ' + rows.length + ' shown';
  }
  input.addEventListener('input', apply);
  apply();
})();
