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

// Every htmx request carries the page's CSRF token (ConsoleCsrfFilter checks it against its cookie).
document.addEventListener('htmx:configRequest', function (event) {
  var header = document.querySelector('meta[name="csrf-header"]');
  var token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) { event.detail.headers[header.content] = token.content; }
});

// A part of a page that another service serves (the Overview's receiver and exporter cards) says so when that
// service does not answer, instead of staying at "Loading".
['htmx:responseError', 'htmx:sendError'].forEach(function (name) {
  document.addEventListener(name, function (event) {
    var part = event.detail.elt;
    if (part && part.dataset && part.dataset.unreachable) {
      part.innerHTML = '<h2>' + part.dataset.unreachable + '</h2><p class="status status-DOWN">not reachable</p>';
    }
  });
});

// The services export form forbids what the service refuses: completed services are never active.
document.addEventListener('DOMContentLoaded', function () {
  var events = document.getElementById('events');
  var state = document.getElementById('state');
  var problem = document.getElementById('filter-problem');
  if (!events || !state || !problem) { return; }
  function check() {
    var bad = events.value === 'completed' && state.value === 'active';
    problem.hidden = !bad;
    state.setCustomValidity(bad ? problem.textContent : '');
  }
  events.addEventListener('change', check);
  state.addEventListener('change', check);
});
