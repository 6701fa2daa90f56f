/* tolk review editor. Written for tolk; no libraries. The page's data is in
   three JSON script elements written by src/output/html.rs: the pairs, the
   check findings and the metadata. (This file is inlined in the page: it
   must never hold the text that closes a script element.) */
(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }
  function data(id) { return JSON.parse($(id).textContent); }
  var rows = data('tolk-pairs'), findings = data('tolk-findings'), meta = data('tolk-meta');

  /* Moved pairs (`mv`: the pair before which the target text stands in the
     target): links from the pair to that place and back. */
  var mvOf = {}, mvHere = {}, mvAfter = {}, lastPair = rows.length ? rows[rows.length - 1].p : 0;
  rows.forEach(function (r) {
    if (r.mv == null) return;
    mvOf[r.p] = r.mv;
    if (r.mv > lastPair) (mvAfter[lastPair] = mvAfter[lastPair] || []).push(r.p);
    else (mvHere[r.mv] = mvHere[r.mv] || []).push(r.p);
  });

  /* Pieces: the movable units (a segment, or a whole side of a CSV row).
     S and T never change; a pair lists the pieces it holds, in order. */
  var S = [], T = [];
  function pieces(list, tab, r) {
    return list.map(function (p, k) {
      tab.push({ i: p[0], x: p[1], o: r.p, h: !!r.h && k === 0 });
      return tab.length - 1;
    });
  }
  var initial = rows.map(function (r) {
    return { s: pieces(r.s, S, r), t: pieces(r.t, T, r), c: r.c == null ? null : r.c,
             st: r.st || '', n: r.n || '', se: null, te: null };
  });
  rows = null;
  var P = initial.map(function (p) { return copyPair(p); });
  function copyPair(p) {
    return { s: p.s.slice(), t: p.t.slice(), c: p.c, st: p.st, n: p.n, se: p.se, te: p.te };
  }

  /* Findings by the original pair ids they name. */
  var byOrig = {};
  findings.forEach(function (f, k) {
    f.pairs.forEach(function (o) { (byOrig[o] = byOrig[o] || []).push(k); });
  });
  function origins(p) {
    var seen = [], add = function (x) { if (seen.indexOf(x.o) < 0) seen.push(x.o); };
    p.s.forEach(function (k) { add(S[k]); });
    p.t.forEach(function (k) { add(T[k]); });
    return seen.sort(function (a, b) { return a - b; });
  }
  function pairFindings(p) {
    var out = [];
    origins(p).forEach(function (o) {
      (byOrig[o] || []).forEach(function (k) { if (out.indexOf(k) < 0) out.push(k); });
    });
    return out;
  }

  /* Texts, ids and kinds of a pair, as the exports write them. */
  function ids(list, tab) {
    var out = [];
    list.forEach(function (k) { out.push.apply(out, tab[k].i); });
    return out;
  }
  function joined(list, tab) { return list.map(function (k) { return tab[k].x; }).join(' '); }
  function srcText(p) { return p.se != null ? p.se : joined(p.s, S); }
  function tgtText(p) { return p.te != null ? p.te : joined(p.t, T); }
  function kind(p) { return ids(p.s, S).length + '-' + ids(p.t, T).length; }
  function isHeading(p) {
    return (p.s.length && S[p.s[0]].h) || (p.t.length && T[p.t[0]].h);
  }
  function bucket(c) {
    if (c == null) return 'qn';
    return c < 0.5 ? 'q0' : c < 0.7 ? 'q1' : c < meta.review_threshold ? 'q2' : 'q3';
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /* ---- the page shell ---- */
  var app = $('app');
  app.innerHTML =
    '<nav><h2>Sections</h2><div id="toc"></div></nav>' +
    '<header><h1>' + esc(meta.title) + '</h1><div class="bar">' +
    '<label>Show <select id="f">' +
    '<option value="">all pairs</option>' +
    '<option value="todo">not yet reviewed</option>' +
    '<option value="lt90">confidence below 0.9</option>' +
    '<option value="lt70">confidence below 0.7</option>' +
    '<option value="lt50">confidence below 0.5</option>' +
    '<option value="ge90">confidence 0.9 or above</option>' +
    '<option value="odd">pairs that are not 1-1</option>' +
    '<option value="find">pairs with findings</option>' +
    '</select></label>' +
    '<input type="search" id="q" placeholder="Search (/)" aria-label="Search both texts">' +
    '<button id="acceptShown" title="Accept every shown pair that has no verdict yet">Accept all shown</button>' +
    '<span><span id="pbar"><i></i></span> <span id="progress"></span></span>' +
    '<button id="undo" title="Undo (z)">Undo</button>' +
    '<button id="exportCsv" class="primary" title="The reviewed CSV that tolk convert reads">Export CSV</button>' +
    '<button id="exportTmx" class="primary" title="TMX 1.4 of the accepted and unreviewed pairs">Export TMX</button>' +
    '<button id="discard" title="Forget the work saved in this browser for these documents">Start over</button>' +
    '<span class="key"><span class="q0">&lt; 0.5</span><span class="q1">&lt; 0.7</span>' +
    '<span class="q2">&lt; 0.9</span><span class="q3">≥ 0.9</span></span>' +
    '</div>' +
    '<details class="keys"><summary>Keys</summary><dl>' +
    '<dt>j / ↓, k / ↑</dt><dd>next / previous pair (n: next not yet reviewed)</dd>' +
    '<dt>a, r</dt><dd>accept, reject (again: take the verdict back)</dd>' +
    '<dt>e or Enter</dt><dd>edit both texts and the note (Ctrl+Enter saves, Esc cancels)</dd>' +
    '<dt>m</dt><dd>merge with the next pair</dd>' +
    '<dt>s</dt><dd>split the pair after its first segment on each side</dd>' +
    '<dt>o</dt><dd>unlink: the two sides become pairs with no counterpart</dd>' +
    '<dt>Alt+↑ / Alt+↓</dt><dd>move the first / last source segment to the pair above / below</dd>' +
    '<dt>Shift+↑ / Shift+↓</dt><dd>the same for the target segment</dd>' +
    '<dt>z or Ctrl+Z</dt><dd>undo</dd><dt>/</dt><dd>search</dd>' +
    '</dl></details>' +
    '<div id="msg" role="status"></div></header>' +
    '<main><div class="hd"><div>pair</div><div>conf.</div><div>type</div>' +
    '<div lang="' + esc(meta.src_locale) + '">' + esc(meta.src_locale) + '</div>' +
    '<div lang="' + esc(meta.tgt_locale) + '">' + esc(meta.tgt_locale) + '</div><div></div></div>' +
    '<div id="list"></div><footer id="stats"></footer></main>';

  var list = $('list'), els = [], cur = 0, editing = -1, filter = '', query = '';
  var undoStack = [];

  /* ---- rendering ---- */
  function sideHtml(p, side, k) {
    var tab = side === 's' ? S : T, pl = side === 's' ? p.s : p.t;
    var edited = side === 's' ? p.se : p.te;
    var lang = side === 's' ? meta.src_locale : meta.tgt_locale;
    var text = edited != null ? edited : joined(pl, tab);
    var h = '<div class="x ' + side + (text === '' ? ' e' : '') + '" lang="' + esc(lang) + '">';
    if (edited != null) return h + esc(edited) + ' <span class="edited">(edited)</span></div>';
    var active = k === cur;
    pl.forEach(function (pk, j) {
      h += '<span class="sg" data-side="' + side + '" data-j="' + j + '">' + esc(tab[pk].x);
      if (active) {
        h += '<span class="mv">';
        if (j === 0 && k > 0) h += '<button data-op="up" title="Move to the pair above">↑</button>';
        if (j === pl.length - 1 && k < P.length - 1) h += '<button data-op="down" title="Move to the pair below">↓</button>';
        if (pl.length > 1 || (side === 's' ? p.t : p.s).length) h += '<button data-op="alone" title="No counterpart: a pair of its own">⊘</button>';
        h += '</span>';
      }
      h += '</span>';
    });
    return h + '</div>';
  }
  function rowClass(k) {
    var p = P[k], c = 'pr ' + bucket(p.c), ns = ids(p.s, S).length, nt = ids(p.t, T).length;
    if (ns === 1 && nt === 1) c += ' r11';
    else if (!srcText(p) || !tgtText(p)) c += ' o';
    else c += ' m';
    if (isHeading(p)) c += ' h';
    if (p.st) c += ' ' + p.st;
    if (pairFindings(p).length) c += ' hasf';
    if (k === cur) c += ' cur';
    if (!visible(k)) c += ' hide';
    return c;
  }
  function label(p) {
    var o = origins(p);
    return o.length ? o.join('+') : '–';
  }
  /* Links to the other pairs a finding names, consecutive ids as one range
     ("→ pairs 748–888"): a finding on a moved block of a few hundred pairs
     would otherwise put hundreds of links into each of its rows, and the
     first layout of such rows stalls the scroll for a visible moment. */
  function pairLinks(ids) {
    var h = '', a = (function (n) { return '<a href="#p' + n + '">' + n + '</a>'; });
    for (var i = 0; i < ids.length; i++) {
      var j = i;
      while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
      h += j > i ? ' →&nbsp;pairs ' + a(ids[i]) + '–' + a(ids[j]) : ' →&nbsp;pair ' + a(ids[i]);
      i = j;
    }
    return h;
  }
  function rowInner(k) {
    var p = P[k], h = '<div class="n"><a href="#p' + origins(p)[0] + '">' + label(p) + '</a></div>' +
      '<div class="c">' + (p.c == null ? '' : p.c.toFixed(3)) + '</div>' +
      '<div class="k">' + kind(p) + '</div>' + sideHtml(p, 's', k) + sideHtml(p, 't', k) + '<div class="acts">';
    if (k === cur) {
      h += '<button data-op="accept" title="Accept (a)" aria-label="accept">✓</button>' +
        '<button data-op="reject" title="Reject (r)" aria-label="reject">✗</button>' +
        '<button data-op="edit" title="Edit (e)" aria-label="edit">✎</button>' +
        '<button data-op="merge" title="Merge with the next pair (m)" aria-label="merge with next">⇊</button>' +
        '<button data-op="split" title="Split after the first segment (s)" aria-label="split">✂</button>' +
        '<button data-op="unlink" title="Unlink: no counterpart (o)" aria-label="unlink">⊘</button>';
    }
    h += '</div>';
    var mh = '';
    origins(p).forEach(function (o) {
      var link = function (n) { return '<a href="#p' + n + '">pair ' + n + '</a>'; };
      if (mvOf[o] != null) mh += '<div>moved: in the target edition this text stands before ' + link(mvOf[o]) + '</div>';
      (mvHere[o] || []).forEach(function (m) { mh += '<div>moved: the target text of ' + link(m) + ' stands before this pair in the target edition</div>'; });
      (mvAfter[o] || []).forEach(function (m) { mh += '<div>moved: the target text of ' + link(m) + ' stands after this pair in the target edition</div>'; });
    });
    if (mh) h += '<div class="fi mvd">' + mh + '</div>';
    var fl = pairFindings(p);
    if (fl.length) {
      h += '<div class="fi">';
      fl.forEach(function (fk) {
        var f = findings[fk], mine = origins(p), others = f.pairs.filter(function (o) { return mine.indexOf(o) < 0; });
        h += '<div class="' + esc(f.severity) + '">' + esc(f.severity) + ' ' + esc(f.kind) + ': ' + esc(f.message);
        h += pairLinks(others.sort(function (a, b) { return a - b; })) + '</div>';
      });
      h += '</div>';
    }
    if (k === editing) {
      h += '<div class="ed"><textarea id="es" lang="' + esc(meta.src_locale) + '" aria-label="source text">' +
        esc(srcText(p)) + '</textarea><textarea id="et" lang="' + esc(meta.tgt_locale) +
        '" aria-label="target text">' + esc(tgtText(p)) + '</textarea>' +
        '<div class="note"><label for="en">Note</label><input id="en" value="' + esc(p.n) + '"></div>' +
        '<div class="btns"><button data-op="save">Save (Ctrl+Enter)</button>' +
        '<button data-op="cancel">Cancel (Esc)</button></div></div>';
    }
    return h;
  }
  function makeRow(k) {
    var d = document.createElement('div');
    d.className = rowClass(k);
    d.tabIndex = -1;
    d.innerHTML = rowInner(k);
    return d;
  }
  /* Rows are written in groups of GROUP; the browser skips the layout and
     paint of a group while it is off screen (content-visibility), which keeps
     long documents quick to open and to scroll. */
  var GROUP = 50;
  function renderAll() {
    var h = [];
    for (var k = 0; k < P.length; k++) {
      if (k % GROUP === 0) h.push(k ? '</div><div class="grp">' : '<div class="grp">');
      h.push('<div class="' + rowClass(k) + '" tabindex="-1">' + rowInner(k) + '</div>');
    }
    if (P.length) h.push('</div>');
    list.innerHTML = h.join('');
    els = Array.prototype.slice.call(list.querySelectorAll('.pr'));
  }
  function refresh(k) {
    if (k < 0 || k >= P.length) return;
    var d = els[k];
    d.className = rowClass(k);
    d.innerHTML = rowInner(k);
  }
  /* Replace rows a .. a+oldN with rows a .. a+newN of P. */
  function replaceRows(a, oldN, newN) {
    var ref = els[a + oldN] || null, made = [], frag = document.createDocumentFragment();
    var parent = ref ? ref.parentNode : els[a] ? els[a].parentNode : list.lastElementChild;
    for (var i = a; i < a + oldN; i++) {
      var g = els[i].parentNode;
      g.removeChild(els[i]);
      if (!g.firstChild && g !== parent) g.remove();
    }
    for (i = a; i < a + newN; i++) { var d = makeRow(i); frag.appendChild(d); made.push(d); }
    parent.insertBefore(frag, ref);
    els.splice.apply(els, [a, oldN].concat(made));
  }

  /* ---- filters, search, progress ---- */
  function visible(k) {
    var p = P[k];
    if (query) {
      var q = query;
      if ((srcText(p) + '\n' + tgtText(p)).toLowerCase().indexOf(q) < 0 && p.n.toLowerCase().indexOf(q) < 0) return false;
    }
    if (!filter) return true;
    var h = isHeading(p), b = bucket(p.c);
    switch (filter) {
      case 'todo': return !p.st;
      case 'lt90': return h || b !== 'q3';
      case 'lt70': return h || b === 'q0' || b === 'q1' || b === 'qn';
      case 'lt50': return h || b === 'q0' || b === 'qn';
      case 'ge90': return b === 'q3';
      case 'odd': return h || kind(p) !== '1-1';
      case 'find': return pairFindings(p).length > 0;
    }
    return true;
  }
  function applyFilter() {
    var shown = 0;
    for (var k = 0; k < P.length; k++) {
      var v = visible(k);
      if (v) shown++;
      els[k].classList.toggle('hide', !v);
    }
    $('stats').textContent = stats() + (filter || query ? ' Showing ' + shown + '.' : '');
  }
  function stats() {
    var n = P.length, one = 0, multi = 0, side = 0, low = 0;
    P.forEach(function (p) {
      var kd = kind(p);
      if (kd === '1-1') one++; else if (!srcText(p) || !tgtText(p)) side++; else multi++;
      if (bucket(p.c) !== 'q3') low++;
    });
    return n + ' pairs: ' + one + ' 1-1, ' + multi + ' other, ' + side + ' one-sided; ' + low + ' below ' + meta.review_threshold + '.' +
      (meta.checked ? ' Checked: ' + findings.length + ' finding(s).' : '');
  }
  function progress() {
    var done = 0;
    P.forEach(function (p) { if (p.st === 'ok' || p.st === 'reject') done++; });
    $('progress').textContent = done + ' of ' + P.length + ' reviewed';
    $('pbar').firstChild.style.width = (P.length ? 100 * done / P.length : 0) + '%';
  }
  function toc() {
    var h = '';
    P.forEach(function (p) {
      if (!isHeading(p)) return;
      var t = srcText(p) || tgtText(p);
      h += '<li><a href="#p' + origins(p)[0] + '">' + esc(t.slice(0, 80)) + '</a></li>';
    });
    $('toc').innerHTML = h ? '<ol>' + h + '</ol>' : '<p>(no headings)</p>';
  }

  /* ---- saving in the browser ---- */
  var KEY = 'tolk-review:' + meta.src_hash + ':' + meta.tgt_hash;
  var PAGE_KEY = 'tolk-review-page:' + location.pathname;
  function say(kind, text) {
    $('msg').innerHTML = text ? '<span class="' + kind + '">' + esc(text) + '</span>' : '';
    headerHeight();
  }
  /* The column heads stick below the page header, whatever its height. */
  function headerHeight() {
    var h = document.querySelector('header');
    if (h) document.documentElement.style.setProperty('--hh', h.offsetHeight + 'px');
  }
  function compact() {
    return P.map(function (p) { return [p.s, p.t, p.c, p.st, p.n, p.se, p.te]; });
  }
  function fromCompact(a) {
    return a.map(function (x) { return { s: x[0], t: x[1], c: x[2], st: x[3] || '', n: x[4] || '', se: x[5], te: x[6] }; });
  }
  /* True when `pairs` hold every piece exactly once, in order. */
  function sound(pairs) {
    var ns = 0, nt = 0;
    for (var k = 0; k < pairs.length; k++) {
      var p = pairs[k];
      if (!Array.isArray(p.s) || !Array.isArray(p.t) || (!p.s.length && !p.t.length)) return false;
      for (var j = 0; j < p.s.length; j++) if (p.s[j] !== ns++) return false;
      for (j = 0; j < p.t.length; j++) if (p.t[j] !== nt++) return false;
    }
    return ns === S.length && nt === T.length;
  }
  var saveTimer = null;
  function save() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 250);
  }
  function saveNow() {
    clearTimeout(saveTimer);
    var rec = { v: 1, src_hash: meta.src_hash, tgt_hash: meta.tgt_hash, nS: S.length, nT: T.length,
                saved: new Date().toISOString(), pairs: compact() };
    try {
      localStorage.setItem(KEY, JSON.stringify(rec));
      localStorage.setItem(PAGE_KEY, JSON.stringify({ src_hash: meta.src_hash, tgt_hash: meta.tgt_hash,
        src_name: meta.src_name, tgt_name: meta.tgt_name, saved: rec.saved }));
      document.documentElement.dataset.saved = rec.saved;
    } catch (e) {
      say('warn', 'Could not save your work in this browser (' + e.name + '); export a CSV to keep it.');
    }
  }
  function restore() {
    var rec = null, page = null;
    try {
      rec = JSON.parse(localStorage.getItem(KEY) || 'null');
      page = JSON.parse(localStorage.getItem(PAGE_KEY) || 'null');
    } catch (e) {
      say('warn', 'Saved work cannot be read in this browser (' + e.name + '); work will not be kept.');
      return;
    }
    if (rec) {
      var pairs = rec.nS === S.length && rec.nT === T.length && Array.isArray(rec.pairs) ? fromCompact(rec.pairs) : null;
      if (pairs && sound(pairs)) {
        P = pairs;
        var done = P.filter(function (p) { return p.st === 'ok' || p.st === 'reject'; }).length;
        say('info', 'Restored your work on these documents, saved ' + rec.saved.replace('T', ' ').slice(0, 16) +
          ' UTC (' + done + ' of ' + P.length + ' reviewed).');
      } else {
        say('warn', 'Work saved for these documents does not fit this page (it was made from another segmentation); it is not applied. "Start over" forgets it.');
      }
      return;
    }
    if (page && (page.src_hash !== meta.src_hash || page.tgt_hash !== meta.tgt_hash)) {
      say('warn', 'The work last saved from this file belongs to other documents (' + page.src_name + ' ↔ ' +
        page.tgt_name + ', saved ' + String(page.saved).replace('T', ' ').slice(0, 16) +
        ' UTC); it is not applied here. It stays saved in this browser for the page made from those documents.');
    }
  }

  /* ---- focus and navigation ---- */
  function setCur(k, scroll) {
    if (k < 0 || k >= P.length) return;
    var old = cur;
    cur = k;
    if (old !== k) refresh(old);
    refresh(k);
    if (scroll !== false) els[k].scrollIntoView({ block: 'nearest' });
    els[k].focus({ preventScroll: true });
  }
  function step(d, pred) {
    for (var k = cur + d; k >= 0 && k < P.length; k += d) {
      if (visible(k) && (!pred || pred(P[k]))) { setCur(k); return true; }
    }
    return false;
  }
  function gotoHash() {
    var m = /^#p(\d+)$/.exec(location.hash);
    if (!m) return;
    var o = +m[1];
    for (var k = 0; k < P.length; k++) {
      if (origins(P[k]).indexOf(o) >= 0) {
        if (!visible(k)) { filter = ''; query = ''; $('f').value = ''; $('q').value = ''; applyFilter(); }
        setCur(k);
        els[k].scrollIntoView({ block: 'center' });
        return;
      }
    }
  }

  /* ---- operations ---- */
  function snapshot() {
    undoStack.push(JSON.stringify({ P: compact(), cur: cur }));
    if (undoStack.length > 200) undoStack.shift();
  }
  function changed() { progress(); applyFilter(); save(); }
  function verdict(v) {
    var p = P[cur];
    snapshot();
    p.st = p.st === v ? '' : v;
    refresh(cur);
    changed();
    if (p.st) step(1);
  }
  function fresh(p) { p.c = null; p.st = ''; return p; }
  function merge() {
    if (cur >= P.length - 1) return say('info', 'The last pair has no next pair to merge with.');
    var a = P[cur], b = P[cur + 1];
    snapshot();
    var m = fresh({ s: a.s.concat(b.s), t: a.t.concat(b.t), n: [a.n, b.n].filter(Boolean).join(' '), se: null, te: null });
    if (a.se != null || b.se != null) m.se = [srcText(a), srcText(b)].filter(Boolean).join(' ');
    if (a.te != null || b.te != null) m.te = [tgtText(a), tgtText(b)].filter(Boolean).join(' ');
    P.splice(cur, 2, m);
    replaceRows(cur, 2, 1);
    say('', '');
    changed();
    setCur(cur);
  }
  function dropEdits(p) {
    if (p.se != null || p.te != null) {
      p.se = p.te = null;
      say('info', 'The edited text of that pair was set back to the original segments.');
    }
  }
  function split() {
    var p = P[cur];
    if (p.s.length < 2 && p.t.length < 2) return say('info', 'Only a pair with more than one segment on a side can be split; "o" unlinks a 1-1 pair.');
    snapshot();
    dropEdits(p);
    var a = fresh({ s: p.s.slice(0, 1), t: p.t.slice(0, 1), n: p.n, se: null, te: null });
    var b = fresh({ s: p.s.slice(1), t: p.t.slice(1), n: '', se: null, te: null });
    P.splice(cur, 1, a, b);
    replaceRows(cur, 1, 2);
    changed();
    setCur(cur);
  }
  function unlink() {
    var p = P[cur];
    if (!p.s.length || !p.t.length) return say('info', 'This pair already has only one side.');
    snapshot();
    dropEdits(p);
    P.splice(cur, 1, fresh({ s: p.s, t: [], n: p.n, se: null, te: null }), fresh({ s: [], t: p.t, n: '', se: null, te: null }));
    replaceRows(cur, 1, 2);
    changed();
    setCur(cur);
  }
  /* Move piece j of `side` of the current pair up (d = -1) or down (+1);
     d = 0 makes it a pair of its own. */
  function move(side, j, d) {
    var k = cur, p = P[k], pl = p[side], other = side === 's' ? 't' : 's';
    if (d === -1 && (k === 0 || j !== 0)) return;
    if (d === 1 && (k === P.length - 1 || j !== pl.length - 1)) return;
    snapshot();
    dropEdits(p);
    var piece = pl[j], start = k, oldN = 1, repl;
    if (d !== 0) {
      var q = P[k + d];
      dropEdits(q);
      pl.splice(j, 1);
      if (d < 0) q[side].push(piece); else q[side].unshift(piece);
      fresh(p); fresh(q);
      start = d < 0 ? k - 1 : k;
      oldN = 2;
      repl = d < 0 ? [q, p] : [p, q];
      var gone = !p.s.length && !p.t.length;
      if (gone) repl = [q];
      P.splice.apply(P, [start, 2].concat(repl));
      replaceRows(start, 2, repl.length);
      changed();
      setCur(gone ? start : k);
      return;
    }
    var alone = { s: [], t: [], n: '', se: null, te: null };
    alone[side] = [piece];
    fresh(alone);
    if (j === 0) {
      pl.shift(); fresh(p); repl = [alone, p];
    } else if (j === pl.length - 1) {
      pl.pop(); fresh(p); repl = [p, alone];
    } else {
      var rest = { s: [], t: [], n: '', se: null, te: null };
      rest[side] = pl.slice(j + 1);
      p[side] = pl.slice(0, j);
      fresh(p); fresh(rest);
      repl = [p, alone, rest];
    }
    repl = repl.filter(function (x) { return x.s.length || x.t.length; });
    P.splice.apply(P, [k, 1].concat(repl));
    replaceRows(k, 1, repl.length);
    changed();
    setCur(k + repl.indexOf(alone));
  }
  function keyMove(side, d) {
    var pl = P[cur][side];
    if (!pl.length) return say('info', 'That side of the pair is empty.');
    move(side, d < 0 ? 0 : pl.length - 1, d);
  }
  function edit() {
    editing = cur;
    refresh(cur);
    $('es').focus();
  }
  function endEdit(keep) {
    if (editing < 0) return;
    var k = editing, p = P[k];
    if (keep) {
      var s = $('es').value, t = $('et').value, n = $('en').value;
      snapshot();
      p.se = s === joined(p.s, S) ? null : s;
      p.te = t === joined(p.t, T) ? null : t;
      p.n = n;
    }
    editing = -1;
    refresh(k);
    if (keep) changed();
    els[k].focus({ preventScroll: true });
  }
  function undo() {
    var u = undoStack.pop();
    if (!u) return say('info', 'Nothing to undo.');
    u = JSON.parse(u);
    P = fromCompact(u.P);
    cur = Math.min(u.cur, P.length - 1);
    editing = -1;
    renderAll();
    changed();
    toc();
    setCur(cur);
  }
  function acceptShown() {
    snapshot();
    var n = 0;
    for (var k = 0; k < P.length; k++) {
      if (visible(k) && !P[k].st) { P[k].st = 'ok'; n++; refresh(k); }
    }
    changed();
    say('info', n + ' pair(s) accepted.');
  }

  /* ---- exports ---- */
  function guard(s) { return /^'*[=+\-@\t\r]/.test(s) ? "'" + s : s; }
  function csvCell(s) { return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  function exportCsv() {
    var out = ['pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text,moved,status,note'];
    /* A moved pair's place in the target, renumbered as the rows are. */
    function movedCell(p) {
      var o = p.t.length ? T[p.t[0]].o : null;
      if (o == null || mvOf[o] == null) return '';
      for (var k = 0; k < P.length; k++) if (origins(P[k])[0] >= mvOf[o]) return String(k);
      return String(P.length);
    }
    P.forEach(function (p, k) {
      out.push([String(k), ids(p.s, S).join('+'), ids(p.t, T).join('+'), kind(p),
        p.c == null ? '' : p.c.toFixed(3), guard(srcText(p)), guard(tgtText(p)), movedCell(p), p.st, guard(p.n)].map(csvCell).join(','));
    });
    return '\ufeff' + out.join('\r\n') + '\r\n';
  }
  function xml(s) {
    return String(s).replace(/[&<>"\r]|[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\ud800-\udfff]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' }[c] || '\ufffd';
    });
  }
  function norm(s) { return s.split(/\s+/).filter(Boolean).join(' '); }
  /* The TMX `tolk convert --to tmx` writes from the exported CSV: rejected
     pairs, one-sided pairs and pairs whose sides are the same text left out. */
  function exportTmx() {
    var o = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n' +
      '  <header creationtool="tolk" creationtoolversion="' + xml(meta.version) + '" segtype="sentence" o-tmf="tolk" adminlang="en" srclang="' +
      xml(meta.src_locale) + '" datatype="plaintext"/>\n  <body>\n';
    var left = { reject: 0, one: 0, same: 0 };
    P.forEach(function (p, k) {
      var s = srcText(p), t = tgtText(p);
      if (p.st === 'reject') { left.reject++; return; }
      if (!s || !t) { left.one++; return; }
      if (s.trim() && norm(s) === norm(t)) { left.same++; return; }
      o += '    <tu tuid="' + k + '">\n';
      if (p.c != null) o += '      <prop type="x-confidence">' + p.c.toFixed(3) + '</prop>\n';
      o += '      <prop type="x-type">' + kind(p) + '</prop>\n';
      if (p.st) o += '      <prop type="x-status">' + p.st + '</prop>\n';
      if (p.n) o += '      <note>' + xml(p.n) + '</note>\n';
      o += '      <tuv xml:lang="' + xml(meta.src_locale) + '"><seg>' + xml(s) + '</seg></tuv>\n' +
        '      <tuv xml:lang="' + xml(meta.tgt_locale) + '"><seg>' + xml(t) + '</seg></tuv>\n    </tu>\n';
    });
    exportTmx.left = left;
    return o + '  </body>\n</tmx>\n';
  }
  function stem() {
    var n = (meta.src_name || 'tolk-review').split(/[\\/]/).pop();
    return n.replace(/\.(md|txt|html?|docx|pdf|csv|tsv)$/i, '');
  }
  function download(name, text, type) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
  }

  /* ---- events ---- */
  list.addEventListener('click', function (e) {
    var row = e.target.closest('.pr');
    if (!row) return;
    var k = els.indexOf(row);
    if (k < 0) return;
    var b = e.target.closest('button');
    if (e.target.closest('a')) return;
    if (k !== cur && !b) { if (editing < 0) setCur(k, false); return; }
    if (!b) return;
    var op = b.dataset.op;
    if (op === 'save') return endEdit(true);
    if (op === 'cancel') return endEdit(false);
    if (k !== cur) setCur(k, false);
    if (op === 'accept') verdict('ok');
    else if (op === 'reject') verdict('reject');
    else if (op === 'edit') edit();
    else if (op === 'merge') merge();
    else if (op === 'split') split();
    else if (op === 'unlink') unlink();
    else {
      var sg = b.closest('.sg');
      move(sg.dataset.side, +sg.dataset.j, op === 'up' ? -1 : op === 'down' ? 1 : 0);
    }
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target, inField = t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT');
    if (editing >= 0 && inField) {
      if (e.key === 'Escape') { e.preventDefault(); endEdit(false); }
      else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); endEdit(true); }
      return;
    }
    if (inField) {
      if (e.key === 'Escape' || (e.key === 'Enter' && t.id === 'q')) { t.blur(); els[cur] && els[cur].focus({ preventScroll: true }); }
      return;
    }
    if (editing >= 0) return;
    /* Enter and space on a button or link do what they always do. */
    if ((e.key === 'Enter' || e.key === ' ') && t && (t.tagName === 'BUTTON' || t.tagName === 'A' || t.tagName === 'SUMMARY')) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') { e.preventDefault(); undo(); return; }
    if (e.ctrlKey || e.metaKey) return;
    var k = e.key, done = true;
    if (e.altKey && k === 'ArrowUp') keyMove('s', -1);
    else if (e.altKey && k === 'ArrowDown') keyMove('s', 1);
    else if (e.shiftKey && k === 'ArrowUp') keyMove('t', -1);
    else if (e.shiftKey && k === 'ArrowDown') keyMove('t', 1);
    else if (e.altKey) done = false;
    else if (k === 'j' || k === 'ArrowDown') step(1);
    else if (k === 'k' || k === 'ArrowUp') step(-1);
    else if (k === 'n') { if (!step(1, function (p) { return !p.st; })) say('info', 'No pair below without a verdict.'); }
    else if (k === 'a') verdict('ok');
    else if (k === 'r' || k === 'x') verdict('reject');
    else if (k === 'e' || k === 'Enter') edit();
    else if (k === 'm') merge();
    else if (k === 's') split();
    else if (k === 'o') unlink();
    else if (k === 'z') undo();
    else if (k === '/') $('q').focus();
    else done = false;
    if (done) e.preventDefault();
  });
  $('f').addEventListener('change', function () { filter = this.value; applyFilter(); });
  var qTimer = null;
  $('q').addEventListener('input', function () {
    var v = this.value;
    clearTimeout(qTimer);
    qTimer = setTimeout(function () { query = v.trim().toLowerCase(); applyFilter(); }, 150);
  });
  $('undo').addEventListener('click', undo);
  $('acceptShown').addEventListener('click', acceptShown);
  $('exportCsv').addEventListener('click', function () {
    download(stem() + '.reviewed.csv', exportCsv(), 'text/csv;charset=utf-8');
    say('info', 'Exported ' + stem() + '.reviewed.csv: tolk convert ' + stem() + '.reviewed.csv --to tmx (or xliff) makes a translation memory of it.');
  });
  $('exportTmx').addEventListener('click', function () {
    var text = exportTmx(), l = exportTmx.left;
    download(stem() + '.reviewed.tmx', text, 'application/xml');
    say('info', 'Exported ' + stem() + '.reviewed.tmx; left out: ' + l.reject + ' rejected, ' + l.one +
      ' one-sided, ' + l.same + ' with the same text on both sides.');
  });
  $('discard').addEventListener('click', function () {
    snapshot();
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing saved */ }
    P = initial.map(copyPair);
    renderAll(); changed(); toc(); setCur(0);
    say('info', 'Started over from the aligner\'s pairs ("Undo" brings your work back).');
  });
  window.addEventListener('hashchange', gotoHash);
  window.addEventListener('pagehide', saveNow);

  /* Scripting and test hooks: the exports as text. */
  window.tolk = { csv: exportCsv, tmx: exportTmx, pairs: function () { return P.length; } };

  /* ---- start ---- */
  var m = /[?&]filter=(\w+)/.exec(location.search);
  if (m) { filter = m[1]; $('f').value = filter; }
  restore();
  renderAll();
  toc();
  progress();
  applyFilter();
  headerHeight();
  window.addEventListener('resize', headerHeight);
  /* Off-screen groups are sized like the first one until they are shown. */
  if (list.firstElementChild && list.children.length > 1) {
    document.documentElement.style.setProperty('--gh', list.firstElementChild.offsetHeight + 'px');
  }
  if (location.hash) gotoHash(); else if (P.length) els[0].focus({ preventScroll: true });
  requestAnimationFrame(function () {
    setTimeout(function () { document.documentElement.dataset.ready = performance.now().toFixed(1); }, 0);
  });
})();
