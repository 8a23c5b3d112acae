// The search box of journeymap's default theme. The index (search/index.js, written at
// build time) and the elasticlunr library are loaded as scripts the first time the box is
// used: a page opened from file://, a zip or any sub-path may load a script but not fetch a
// file. Every text shown comes from the index and is set as text, never as HTML.
(function () {
  'use strict';
  var box = document.querySelector('.search[data-root]');
  if (!box) return;
  var root = box.getAttribute('data-root');
  var input = document.getElementById('search-input');
  var panel = document.getElementById('search-panel');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var filters = {
    kind: document.getElementById('search-kind'),
    owner: document.getElementById('search-owner'),
    impression: document.getElementById('search-impression'),
  };
  var SPLIT = /[^\p{L}\p{N}]+/u;
  var MAX_SHOWN = 50;
  var state = 'idle'; // idle, loading, ready, failed
  var index = null;
  var data = null;

  function loadScript(src, done, failed) {
    var script = document.createElement('script');
    script.src = src;
    script.async = false;
    script.onload = done;
    script.onerror = failed;
    document.head.appendChild(script);
  }

  function load() {
    if (state !== 'idle') return;
    state = 'loading';
    say(status.getAttribute('data-loading'));
    var waiting = 2;
    var fail = function () {
      state = 'failed';
      say(status.getAttribute('data-error'));
    };
    var loaded = function () {
      waiting -= 1;
      if (waiting === 0) ready();
    };
    loadScript(root + 'theme/elasticlunr.min.js', loaded, fail);
    loadScript(root + 'search/index.js', loaded, fail);
  }

  function ready() {
    data = window.journeymapSearch;
    if (!data || !window.elasticlunr) {
      state = 'failed';
      say(status.getAttribute('data-error'));
      return;
    }
    window.elasticlunr.tokenizer.setSeperator(SPLIT);
    index = unpack(data);
    var kinds = {};
    var owners = {};
    var impressions = {};
    data.docs.forEach(function (doc) {
      kinds[doc[1]] = true;
      doc[4] = doc[4].map(function (o) { return data.owners[o]; });
      doc[2] = doc[2].replace(/(^|\/)(#|$)/, '$1index.html$2');
      doc[4].forEach(function (o) { owners[o] = true; });
      doc[5].forEach(function (i) { impressions[i] = true; });
    });
    fill(filters.kind, Object.keys(data.kinds).filter(function (k) { return kinds[k]; }), data.kinds);
    fill(filters.owner, Object.keys(owners).sort(), null);
    fill(filters.impression, Object.keys(data.impressions).filter(function (i) { return impressions[i]; }), data.impressions);
    state = 'ready';
    run();
  }

  // The index as the build wrote it compactly (see src/render/search_index.rs): field lengths
  // per document, and per field each word with its documents as gaps (or [gap, count]).
  function unpack(data) {
    var store = { docs: {}, docInfo: {}, length: data.lengths.length, save: false };
    data.lengths.forEach(function (lengths, doc) {
      var info = {};
      data.index.fields.forEach(function (field, k) { info[field] = lengths[k]; });
      store.docs[doc] = null;
      store.docInfo[doc] = info;
    });
    data.index.documentStore = store;
    var loaded = window.elasticlunr.Index.load(data.index);
    data.index.fields.forEach(function (field) {
      var tree = new window.elasticlunr.InvertedIndex();
      var words = data.postings[field] || {};
      Object.keys(words).forEach(function (word) {
        var doc = 0;
        words[word].forEach(function (entry) {
          var count = typeof entry === 'number' ? 1 : entry[1];
          doc += typeof entry === 'number' ? entry : entry[0];
          tree.addToken(word, { ref: String(doc), tf: Math.sqrt(count) });
        });
      });
      loaded.index[field] = tree;
    });
    return loaded;
  }

  function fill(select, values, labels) {
    values.forEach(function (value) {
      var option = document.createElement('option');
      option.value = value;
      option.textContent = labels ? labels[value] : value;
      select.appendChild(option);
    });
  }

  function say(text) {
    status.textContent = text || '';
  }

  // As the index holds words: lower case, accents dropped ("Café" finds "cafe" and back); a
  // word of parts joined by hyphens is looked up joined ("e-mail" as "email"), as the index
  // holds it beside its parts (search_index.rs, `hyphen_joined`).
  var HYPHEN = /([\p{L}\p{N}])[-\u2010\u2011]+(?=[\p{L}\p{N}])/gu;
  function words(query) {
    return query.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(HYPHEN, '$1')
      .split(SPLIT).filter(function (w) { return w.length > 0; });
  }

  // The panel hangs from the box's right edge; where that would put it past the left of the
  // window (a header that wraps puts the box at the left), it hangs from the box's left edge.
  function show(open) {
    panel.hidden = !open;
    if (!open) return;
    panel.style.left = '';
    panel.style.right = '';
    if (panel.getBoundingClientRect().left < 0) {
      panel.style.left = '0';
      panel.style.right = 'auto';
    }
  }

  // The documents a word of the query finds, as the prefix of an indexed word. A word that
  // finds nothing is tried again without a common ending (plural, past tense, -ing; Dutch
  // -en), so that "transfers" finds "transfer" and "transferred". Words are not stemmed in
  // the index (see search_index.rs), which keeps this forgiving in both languages.
  // A word that still finds nothing, of five letters or more, is taken for a typing mistake:
  // it is looked up as the indexed word with the same first letter that begins closest to it
  // (one letter added, left out, changed or two swapped; two for a word of eight letters or
  // more), the most used of those first, and the status says so ("hairdyer" finds
  // "hairdryer"). A short word is more often a real word the site does not hold.
  var ENDINGS = ['ing', 'ies', 'es', 'ed', 'en', 's'];
  var OPTIONS = { fields: { title: { boost: 3 }, body: { boost: 1 } }, expand: true };
  var corrected = [];
  function hits(word) {
    var found = index.search(word, OPTIONS);
    for (var i = 0; found.length === 0 && i < ENDINGS.length; i++) {
      var ending = ENDINGS[i];
      var stem = word.slice(0, word.length - ending.length);
      if (stem.length >= 4 && word.slice(stem.length) === ending) found = index.search(stem, OPTIONS);
    }
    if (found.length === 0 && word.length >= 5) {
      var near = nearest(word);
      if (near) {
        found = index.search(near, OPTIONS);
        if (found.length > 0) corrected.push([word, near]);
      }
    }
    return found;
  }

  var vocabulary = null;
  // Every indexed word with the number of documents it is in.
  function indexedWords() {
    if (vocabulary) return vocabulary;
    var counts = {};
    Object.keys(data.postings).forEach(function (field) {
      Object.keys(data.postings[field]).forEach(function (word) {
        counts[word] = (counts[word] || 0) + data.postings[field][word].length;
      });
    });
    vocabulary = Object.keys(counts).sort().map(function (word) { return [word, counts[word]]; });
    return vocabulary;
  }

  function nearest(word) {
    var most = word.length >= 8 ? 2 : 1;
    var best = null;
    indexedWords().forEach(function (entry) {
      if (entry[0][0] !== word[0]) return;
      var distance = prefixDistance(word, entry[0], most);
      if (distance > most) return;
      if (!best || distance < best[1] || (distance === best[1] && entry[1] > best[2])) {
        best = [entry[0], distance, entry[1]];
      }
    });
    return best ? best[0] : null;
  }

  // The fewest letters to add, leave out, change or swap (two side by side) to turn `typed`
  // into the beginning of `word`, or more than `most` when that is more than `most`.
  function prefixDistance(typed, word, most) {
    var m = typed.length;
    var n = Math.min(word.length, m + most);
    if (n < m - most) return most + 1;
    var rows = [];
    for (var i = 0; i <= m; i++) {
      rows.push([i]);
      for (var j = 1; j <= n; j++) {
        if (i === 0) { rows[i].push(j); continue; }
        var cost = typed[i - 1] === word[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && typed[i - 1] === word[j - 2] && typed[i - 2] === word[j - 1]) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(d);
      }
      var low = Math.min.apply(null, rows[i]);
      if (low > most) return most + 1;
    }
    var end = rows[m];
    var best = most + 1;
    for (var k = Math.max(0, m - most); k <= n; k++) best = Math.min(best, end[k]);
    return best;
  }

  function run() {
    var query = words(input.value);
    show(query.length > 0 || state !== 'ready');
    if (state !== 'ready') return;
    list.textContent = '';
    if (query.length === 0) {
      say('');
      return;
    }
    // Every word must match (as a prefix, see `hits`) the title or the text of a document.
    corrected = [];
    var scores = null;
    query.forEach(function (word) {
      var next = {};
      hits(word).forEach(function (hit) {
        if (scores === null) next[hit.ref] = hit.score;
        else if (hit.ref in scores) next[hit.ref] = scores[hit.ref] + hit.score;
      });
      scores = next;
    });
    var refs = Object.keys(scores).sort(function (a, b) {
      return scores[b] - scores[a] || Number(a) - Number(b);
    });
    var kind = filters.kind.value;
    var owner = filters.owner.value;
    var impression = filters.impression.value;
    var found = refs
      .map(function (ref) { return data.docs[Number(ref)]; })
      .filter(function (doc) {
        return doc && (!kind || doc[1] === kind) && (!owner || doc[4].indexOf(owner) >= 0) &&
          (!impression || doc[5].indexOf(impression) >= 0);
      });
    // Past MAX_SHOWN results the status says how many are shown, and how to narrow them.
    var counted = found.length > MAX_SHOWN ? 'data-count-more' : 'data-count';
    var said = found.length === 0 ? status.getAttribute('data-none')
      : status.getAttribute(counted).replace('{count}', String(found.length))
        .replace('{shown}', String(MAX_SHOWN));
    var corrections = corrected.map(function (pair) {
      return status.getAttribute('data-corrected').replace('{typed}', pair[0]).replace('{word}', pair[1]);
    });
    say(corrections.concat([said]).join(' '));
    found.slice(0, MAX_SHOWN).forEach(function (doc) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = root + doc[2];
      var badge = document.createElement('span');
      badge.className = 'search-kind kind-' + doc[1];
      badge.textContent = data.kinds[doc[1]] || doc[1];
      var title = document.createElement('span');
      title.className = 'search-title';
      title.textContent = doc[0];
      link.appendChild(badge);
      link.appendChild(document.createTextNode(' '));
      link.appendChild(title);
      if (doc[3]) {
        var context = document.createElement('span');
        context.className = 'search-context';
        context.textContent = doc[3];
        link.appendChild(document.createTextNode(' '));
        link.appendChild(context);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  input.addEventListener('focus', function () {
    load();
    if (input.value) show(true);
  });
  input.addEventListener('input', run);
  Object.keys(filters).forEach(function (name) {
    filters[name].addEventListener('change', run);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      show(false);
    } else if (event.key === 'ArrowDown' && list.firstElementChild) {
      event.preventDefault();
      list.firstElementChild.firstElementChild.focus();
    } else if (event.key === 'Enter' && list.firstElementChild) {
      list.firstElementChild.firstElementChild.click();
    }
  });
  list.addEventListener('keydown', function (event) {
    var item = event.target.parentElement;
    if (event.key === 'ArrowDown' && item.nextElementSibling) {
      event.preventDefault();
      item.nextElementSibling.firstElementChild.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (item.previousElementSibling ? item.previousElementSibling.firstElementChild : input).focus();
    } else if (event.key === 'Escape') {
      show(false);
      input.focus();
    }
  });
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName);
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
  document.addEventListener('click', function (event) {
    if (!box.contains(event.target)) show(false);
  });
})();
