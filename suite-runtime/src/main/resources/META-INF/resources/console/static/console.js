// Shows every <time datetime="..."> in the browser's own time zone; the UTC value stays in its title (on hover).
(function () {
  function localize(root) {
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      if (el.dataset.localized) { return; }
      var when = new Date(el.getAttribute('datetime'));
      if (isNaN(when.getTime())) { return; }
      el.textContent = when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
      el.title = when.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') + ' (UTC)';
      el.dataset.localized = 'true';
    });
  }
  document.addEventListener('DOMContentLoaded', function () { localize(document); });
  document.addEventListener('htmx:afterSwap', function (event) { localize(event.target); });
})();
