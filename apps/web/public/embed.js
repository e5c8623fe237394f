/*
 * Syntroph Hub chat panel, for the CRM's pages:
 *   <script src="https://HUB/embed.js" data-token="sht_…" data-contact-id="123"></script>
 * (or data-deal-id / data-company-id). It puts the panel in an iframe where the script stands (or
 * in the element named by data-target). The token goes in the URL fragment, which browsers never
 * send to servers. When it expires the page gets a "syntroph-hub:expired" event on document; hand
 * the panel a fresh token with SyntrophHub.setToken(token).
 */
(function () {
  const script = document.currentScript;
  if (!script) return;
  const hub = new URL(script.src, document.baseURI).origin;
  const data = script.dataset;
  const record = data.contactId ? ['contact_id', data.contactId] : data.dealId ? ['deal_id', data.dealId] : data.companyId ? ['company_id', data.companyId] : null;
  if (!record) {
    console.error('Syntroph Hub embed.js: add data-contact-id, data-deal-id or data-company-id to the script tag.');
    return;
  }
  const frame = document.createElement('iframe');
  frame.src = hub + '/embed/chat?' + record[0] + '=' + encodeURIComponent(record[1]) + (data.token ? '#token=' + encodeURIComponent(data.token) : '');
  frame.title = data.title || 'Syntroph Hub assistant for this record';
  frame.referrerPolicy = 'no-referrer';
  frame.style.cssText = 'width:100%;border:0;display:block;height:' + (data.height || '640') + 'px';
  const target = data.target ? document.querySelector(data.target) : null;
  if (target) target.appendChild(frame);
  else script.parentNode.insertBefore(frame, script.nextSibling);

  let latest = null;
  function send(token) {
    frame.contentWindow.postMessage({ type: 'syntroph-hub:token', token: token }, hub);
  }
  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow || event.origin !== hub || !event.data) return;
    if (event.data.type === 'syntroph-hub:ready' && latest) send(latest);
    if (event.data.type === 'syntroph-hub:expired') document.dispatchEvent(new CustomEvent('syntroph-hub:expired', { detail: event.data.record }));
  });
  window.SyntrophHub = window.SyntrophHub || {};
  window.SyntrophHub.setToken = function (token) {
    latest = token;
    send(token);
  };
  window.SyntrophHub.frame = frame;
})();
