// Follows a running job's log over server-sent events (lines arrive as escaped HTML, ids are line numbers, so the
// browser resumes with Last-Event-ID after a dropped connection) and refreshes the summary when the status changes.
(function () {
  var log = document.getElementById('log');
  if (!log || !log.dataset.stream || !window.EventSource) {
    return;
  }
  var source = new EventSource(log.dataset.stream);
  source.onmessage = function (event) {
    var following = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.insertAdjacentHTML('beforeend', (log.textContent.length ? '\n' : '') + event.data);
    if (following) {
      log.scrollTop = log.scrollHeight;
    }
  };
  function refreshSummary() {
    if (window.htmx) {
      htmx.ajax('GET', log.dataset.summary, {target: '#summary', swap: 'outerHTML'});
    }
  }
  source.addEventListener('status', refreshSummary);
  source.addEventListener('end', function () {
    source.close();
    refreshSummary();
  });
})();
