// The local console: plain DOM, no framework, no build step. Every text goes through textContent.
(function () {
  'use strict';

  var POLL_MS = 1500;
  var main = document.getElementById('main');
  var live = document.getElementById('live');
  var status = null;
  var view = null; // { key, load(), render(data), poll }
  var lastText = null;
  var timer = null;

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === 'text') { node.textContent = value; }
        else if (name === 'className') { node.className = value; }
        else if (name.indexOf('on') === 0) { node.addEventListener(name.substring(2), value); }
        else { node.setAttribute(name, value === true ? '' : value); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      if (Array.isArray(child)) { child.forEach(function (c) { if (c) { node.appendChild(c); } }); }
      else if (typeof child === 'string') { node.appendChild(document.createTextNode(child)); }
      else { node.appendChild(child); }
    }
    return node;
  }

  function fetchJson(url, options) {
    return fetch(url, options).then(function (response) {
      return response.text().then(function (text) {
        return { ok: response.ok, status: response.status, text: text, json: text ? JSON.parse(text) : null };
      });
    });
  }

  function time(iso) {
    if (!iso) { return ''; }
    var date = new Date(iso);
    return date.toLocaleString();
  }

  function size(bytes) {
    if (bytes === null || bytes === undefined) { return ''; }
    if (bytes < 1024) { return bytes + ' B'; }
    if (bytes < 1024 * 1024) { return (bytes / 1024).toFixed(1) + ' KiB'; }
    return (bytes / 1024 / 1024).toFixed(1) + ' MiB';
  }

  function chips(map, className) {
    return Object.keys(map || {}).map(function (key) {
      return el('span', { className: 'chip ' + (className || '') }, key + '=' + map[key]);
    });
  }

  function fields(pairs) {
    var list = el('dl', { className: 'fields' });
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === '' || (Array.isArray(pair[1]) && !pair[1].length)) { return; }
      list.appendChild(el('dt', { text: pair[0] }));
      var value = pair[1];
      list.appendChild(el('dd', null, typeof value === 'object' && !(value instanceof Node)
        ? (Array.isArray(value) ? value.join(', ') : JSON.stringify(value)) : value));
    });
    return list;
  }

  function show() {
    main.replaceChildren.apply(main, Array.prototype.filter.call(arguments, Boolean));
  }

  function offNote(section) {
    return el('p', { className: 'note', id: 'off-' + section }, status.sections[section].note);
  }

  // ---- Mails

  function mailsView() {
    return {
      key: 'mails', poll: true, url: 'api/mails',
      render: function (mails) {
        var rows = mails.map(function (mail) {
          return el('a', { className: 'row mail-row', href: '#mails/' + encodeURIComponent(mail.id), 'data-id': mail.id },
            el('div', { className: 'title' }, mail.subject || '(no subject)'),
            el('div', { className: 'meta' },
              el('span', null, 'to ' + (mail.to || []).join(', ')),
              el('span', null, time(mail.capturedAt)),
              el('span', { className: 'mono' }, 'key ' + mail.idempotencyKey),
              mail.attachments ? el('span', null, mail.attachments + ' attachment(s)') : null,
              mail.scheduledAt ? el('span', null, 'scheduled ' + mail.scheduledAt) : null,
              mail.canceled ? el('span', { className: 'chip bad' }, 'canceled') : null),
            el('div', null, chips(mail.tags)));
        });
        return [el('h1', null, 'Mails (' + mails.length + ')'),
          rows.length ? el('div', { className: 'list', id: 'mail-list' }, rows)
            : el('p', { className: 'empty' }, 'No mail captured yet. Mails the application sends appear here, newest first.')];
      }
    };
  }

  function mailView(id) {
    var base = 'api/mails/' + encodeURIComponent(id);
    return {
      key: 'mail', poll: false, url: base,
      render: function (mail) {
        var parts = [el('a', { className: 'back', href: '#mails' }, '← Mails'),
          el('h1', { id: 'mail-subject' }, mail.subject || '(no subject)'),
          el('div', { className: 'panel' }, fields([
            ['From', mail.from], ['To', mail.to], ['Cc', mail.cc], ['Bcc', mail.bcc], ['Reply to', mail.replyTo],
            ['Captured', time(mail.capturedAt)], ['Id', mail.id], ['Idempotency key', mail.idempotencyKey],
            ['Scheduled', mail.scheduledAt], ['Topic', mail.topicId],
            ['Tags', Object.keys(mail.tags || {}).length ? el('span', null, chips(mail.tags)) : null],
            ['Template', mail.template ? mail.template.id + ' ' + JSON.stringify(mail.template.variables || {}) : null]]))];
        parts.push(el('h2', null, 'HTML'));
        parts.push(mail.html
          ? el('iframe', { className: 'mail', id: 'mail-html', sandbox: '', title: 'The mail\'s HTML, without scripts or remote content', src: base + '/html' })
          : el('p', { className: 'empty' }, 'No HTML part.'));
        parts.push(el('h2', null, 'Text'));
        parts.push(mail.text ? el('pre', { id: 'mail-text' }, mail.text) : el('p', { className: 'empty' }, 'No text part.'));
        parts.push(el('h2', null, 'Headers'));
        var headers = Object.keys(mail.headers || {});
        parts.push(headers.length ? el('table', { id: 'mail-headers' }, headers.map(function (name) {
          return el('tr', null, el('th', null, name), el('td', { className: 'mono' }, mail.headers[name]));
        })) : el('p', { className: 'empty' }, 'No extra headers.'));
        parts.push(el('h2', null, 'Attachments'));
        parts.push((mail.attachmentList || []).length ? el('ul', { id: 'mail-attachments' }, mail.attachmentList.map(function (a) {
          var name = a.filename || ('attachment-' + a.index);
          return el('li', null, a.size !== undefined && a.size !== null
            ? el('a', { href: base + '/attachments/' + a.index, download: name, className: 'attachment' }, name)
            : el('span', null, name + ' (remote: ' + a.path + ')'),
            ' ', el('span', { className: 'meta' }, (a.contentType || '') + ' ' + size(a.size) + (a.contentId ? ' inline cid:' + a.contentId : '')));
        })) : el('p', { className: 'empty' }, 'No attachments.'));
        parts.push(el('h2', null, 'JSON sent to Resend (POST /emails)'));
        var json = el('pre', { id: 'mail-resend' }, '…');
        parts.push(json);
        fetchJson(base + '/resend').then(function (answer) {
          json.textContent = answer.ok ? JSON.stringify(answer.json, null, 2) : answer.text;
        });
        return parts;
      }
    };
  }

  // ---- Events

  var eventFilter = { channel: '', user: '' };

  function eventsView() {
    return {
      key: 'events', poll: true,
      get url() {
        return 'api/events?channel=' + encodeURIComponent(eventFilter.channel) + '&user=' + encodeURIComponent(eventFilter.user);
      },
      render: function (data) {
        function select(name, values, label) {
          var box = el('select', { id: 'filter-' + name, onchange: function () { eventFilter[name] = box.value; refresh(); } },
            el('option', { value: '' }, 'all'),
            values.map(function (value) { return el('option', { value: value, selected: value === eventFilter[name] }, value); }));
          return el('label', null, label, box);
        }
        var rows = data.requests.map(function (r) {
          var title = r.kind === 'log' ? r.event : r.kind === 'identify' ? 'identify ' + r.user
            : r.kind === 'group' ? 'group ' + r.group : (r.title + (r.kind === 'insight' ? ' = ' + r.value : ' += ' + r.by));
          return el('div', { className: 'row event-row', 'data-kind': r.kind },
            el('div', { className: 'title' }, (r.icon ? r.icon + ' ' : '') + title),
            el('div', { className: 'meta' },
              el('span', { className: 'chip' }, r.kind),
              r.channel ? el('span', null, '#' + r.channel) : null,
              r.user && r.kind !== 'identify' ? el('span', null, 'user ' + r.user) : null,
              r.notify ? el('span', null, 'notify') : null,
              r.timestamp ? el('span', null, time(r.timestamp)) : el('span', null, 'request ' + r.sequence)),
            r.description ? el('div', null, r.description) : null,
            el('div', null, chips(r.tags), chips(r.properties)));
        });
        return [el('h1', null, 'Events (' + data.requests.length + ')'),
          el('div', { className: 'filters' }, select('channel', data.channels, 'Channel'), select('user', data.users, 'User')),
          rows.length ? el('div', { className: 'list', id: 'event-list' }, rows)
            : el('p', { className: 'empty' }, 'No LogSnag request kept yet (log, identify, insight, group), newest first.')];
      }
    };
  }

  // ---- Uploads

  function uploadsView() {
    return {
      key: 'uploads', poll: true, url: 'api/uploads',
      render: function (uploads) {
        var cards = uploads.map(function (u) {
          return el('a', { className: 'card upload-card', href: '#uploads/' + encodeURIComponent(u.id), 'data-id': u.id },
            u.thumbnail ? el('img', { className: 'thumb', src: u.thumbnail, alt: u.path, loading: 'lazy' })
              : el('div', { className: 'noimg' }, u.format || u.resourceType),
            el('div', { className: 'body' },
              el('div', { className: 'title mono' }, u.id),
              el('div', { className: 'meta' }, el('span', null, size(u.size)),
                u.width ? el('span', null, u.width + '×' + u.height) : null, el('span', null, time(u.uploadedAt))),
              u.url ? el('div', { className: 'meta mono' }, u.url) : null));
        });
        return [el('h1', null, 'Uploads (' + uploads.length + ')'),
          cards.length ? el('div', { className: 'grid', id: 'upload-grid' }, cards)
            : el('p', { className: 'empty' }, 'No upload kept yet.')];
      }
    };
  }

  function uploadView(id) {
    return {
      key: 'upload', poll: false, url: 'api/uploads/detail?id=' + encodeURIComponent(id),
      render: function (u) {
        return [el('a', { className: 'back', href: '#uploads' }, '← Uploads'),
          el('h1', { className: 'mono' }, u.id),
          el('div', { className: 'panel' }, fields([['Path', u.path], ['URL', u.url || 'no MediaUrls: set the provider\'s cloud name or URL endpoint'],
            ['Size', size(u.size)], ['Dimensions', u.width ? u.width + '×' + u.height : null], ['Format', u.format],
            ['Folder', u.folder], ['Tags', u.tags], ['Uploaded', time(u.uploadedAt)], ['From URL', u.sourceUrl]])),
          u.original ? el('img', { src: u.original, alt: 'original', id: 'upload-original', className: 'original' }) : null,
          el('h2', null, 'Sample transformations'),
          el('div', { className: 'samples' }, u.transformations.map(function (t) {
            return el('div', { className: 'panel sample', 'data-key': t.key },
              el('div', { className: 'title' }, t.name),
              el('pre', null, t.url || '(no MediaUrls)'),
              el('div', { className: 'meta' }, t.note),
              t.rendered ? el('img', { src: t.rendered, alt: t.name + ', rendered locally' }) : null);
          }))];
      }
    };
  }

  // ---- Tokens

  function tokensView() {
    return {
      key: 'tokens', poll: false, url: null,
      render: function () {
        var output = el('div', { id: 'token-output' });
        function input(name, label, value, placeholder) {
          return el('label', null, label, el('input', { name: name, id: 'token-' + name, value: value || '', placeholder: placeholder || '' }));
        }
        var form = el('form', { className: 'token panel', id: 'token-form' },
          input('user', 'User', 'user_dev'), input('email', 'Email', '', 'ada@example.com'),
          input('org', 'Organisation', '', 'org_acme'), input('role', 'Role', '', 'org:admin'),
          input('permissions', 'Permissions', '', 'org:photos:read, org:photos:write'),
          input('lifetimeMinutes', 'Lifetime (minutes)', '60'),
          el('button', { type: 'submit', id: 'token-mint' }, 'Mint token'));
        form.addEventListener('submit', function (event) {
          event.preventDefault();
          var body = {};
          Array.prototype.forEach.call(form.querySelectorAll('input'), function (i) { body[i.name] = i.value; });
          fetchJson('api/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
            .then(function (answer) {
              if (!answer.ok) {
                output.replaceChildren(el('p', { className: 'error', id: 'token-error' }, answer.json ? answer.json.error : answer.text));
                return;
              }
              var minted = answer.json;
              var curl = 'curl -s ' + location.origin + '/ -H "Authorization: Bearer ' + minted.token + '"';
              output.replaceChildren(
                el('h2', null, 'Token'), copyable(minted.token, 'token-value'),
                el('div', { className: 'meta' }, 'expires ' + time(minted.expiresAt)),
                el('h2', null, 'curl'), copyable(curl, 'token-curl'),
                el('h2', null, 'Claims'), el('pre', { id: 'token-claims' }, JSON.stringify(minted.claims, null, 2)),
                el('h2', null, 'Header'), el('pre', null, JSON.stringify(minted.header, null, 2)));
            });
        });
        return [el('h1', null, 'Tokens'),
          el('p', { className: 'meta' }, 'Signed by the in-memory development key: the application accepts them while local tokens are on.'),
          form, output];
      }
    };
  }

  function copyable(text, id) {
    var pre = el('pre', { id: id, className: 'mono' }, text);
    var button = el('button', { type: 'button', className: 'secondary', onclick: function () {
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(function () { button.textContent = 'Copied'; }, function () { button.textContent = 'Select and copy'; });
      }
    } }, 'Copy');
    return el('div', { className: 'copy' }, pre, button);
  }

  // ---- Webhooks

  function webhooksView() {
    return {
      key: 'webhooks', poll: true, url: 'api/webhooks',
      render: function (items) {
        var info = status.sections.webhooks;
        var rows = items.map(function (w) {
          var chip = w.result === 'published' ? 'ok' : w.result === 'refused' || w.result === 'malformed' || w.result === 'listener-failed' ? 'bad' : 'warn';
          return el('tr', { className: 'webhook-row' },
            el('td', null, time(w.receivedAt)), el('td', null, w.provider), el('td', null, w.type || ''),
            el('td', null, el('span', { className: 'chip ' + (w.verified ? 'ok' : 'bad') }, w.verified ? 'verified' : 'refused')),
            el('td', null, el('span', { className: 'chip ' + chip }, w.result), w.reason ? el('div', { className: 'meta' }, w.reason) : null),
            el('td', { className: 'mono wide-only' }, w.id || ''));
        });
        return [el('h1', null, 'Webhooks (' + items.length + ')'),
          el('p', { className: 'meta' }, info.note),
          rows.length ? el('table', { id: 'webhook-table' },
            el('tr', null, el('th', null, 'Received'), el('th', null, 'Provider'), el('th', null, 'Type'),
              el('th', null, 'Signature'), el('th', null, 'Outcome'), el('th', { className: 'wide-only' }, 'Id')), rows)
            : el('p', { className: 'empty' }, 'No webhook received yet.')];
      }
    };
  }

  // ---- Routing and live updates

  function route() {
    var hash = decodeURIComponent((location.hash || '#mails').substring(1));
    var slash = hash.indexOf('/');
    var section = slash < 0 ? hash : hash.substring(0, slash);
    var id = slash < 0 ? null : hash.substring(slash + 1);
    if (!status.sections[section]) { section = 'mails'; id = null; }
    Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (a) {
      a.classList.toggle('active', a.getAttribute('data-section') === section);
    });
    lastText = null;
    if (!status.sections[section].local) {
      view = null;
      show(el('h1', null, section.charAt(0).toUpperCase() + section.substring(1)), offNote(section));
      return;
    }
    var views = { mails: mailsView, events: eventsView, uploads: uploadsView, tokens: tokensView, webhooks: webhooksView };
    view = id === null ? views[section]() : section === 'mails' ? mailView(id) : section === 'uploads' ? uploadView(id) : views[section]();
    if (view.url === null) {
      show.apply(null, view.render());
      return;
    }
    refresh();
  }

  function refresh() {
    var current = view;
    if (!current || current.url === null) { return; }
    fetchJson(current.url).then(function (answer) {
      live.classList.remove('stale');
      if (current !== view || answer.text === lastText) { return; }
      lastText = answer.text;
      if (!answer.ok) {
        show(el('p', { className: 'note' }, answer.json && answer.json.error ? answer.json.error : 'Error ' + answer.status));
        return;
      }
      show.apply(null, current.render(answer.json));
    }, function () { live.classList.add('stale'); });
  }

  function poll() {
    if (view && view.poll && !document.hidden) { refresh(); }
  }

  fetchJson('api/status').then(function (answer) {
    status = answer.json;
    Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (a) {
      a.classList.toggle('off', !status.sections[a.getAttribute('data-section')].local);
    });
    window.addEventListener('hashchange', route);
    route();
    timer = setInterval(poll, POLL_MS);
  });
}());
