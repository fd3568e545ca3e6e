// The case lookup of the public site: works from file:// (a USB stick) and from any web server.
// A case number's shard is FNV-1a of its characters modulo 1024 (console/report/public_site.py).
(function () {
  "use strict";
  var SHARDS = 1024;
  var loaded = {};
  var waiting = {};

  function shardOf(number) {
    var h = 0x811c9dc5;
    for (var i = 0; i < number.length; i++) {
      h ^= number.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % SHARDS;
  }

  window.hotlineShard = function (n, cases) {
    loaded[n] = cases;
    (waiting[n] || []).forEach(function (fn) { fn(cases); });
    delete waiting[n];
  };

  function load(n, done, failed) {
    if (loaded[n]) { done(loaded[n]); return; }
    (waiting[n] = waiting[n] || []).push(done);
    var s = document.createElement("script");
    s.src = "cases/" + ("000" + n).slice(-4) + ".js";
    s.onerror = function () { delete waiting[n]; failed(); };
    document.body.appendChild(s);
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function show(result, c) {
    result.textContent = "";
    var card = el("article", null, "case");
    card.appendChild(el("h3", c.number));
    var meta = el("p", [c.received, c.district, c.category, c.type, c.status].filter(Boolean).join(" · "), "meta");
    card.appendChild(meta);
    card.appendChild(el("h4", "诉求内容"));
    card.appendChild(el("p", c.description || "—"));
    card.appendChild(el("h4", "办理过程"));
    var ol = el("ol", null, "steps");
    c.steps.forEach(function (s) {
      var li = el("li");
      li.appendChild(el("time", s.at));
      li.appendChild(document.createTextNode(" " + s.step + (s.unit ? "：" + s.unit : "")));
      ol.appendChild(li);
    });
    card.appendChild(ol);
    if (c.photos && c.photos.length) {
      card.appendChild(el("h4", "现场照片"));
      var photos = el("p", null, "photos");
      c.photos.forEach(function (src) {
        var img = el("img");
        img.src = src;
        img.alt = "现场照片";
        img.loading = "lazy";
        photos.appendChild(img);
      });
      card.appendChild(photos);
    }
    card.appendChild(el("h4", "办理结果"));
    card.appendChild(el("p", c.reply || "办理中，尚无答复。"));
    if (c.satisfied !== null) {
      card.appendChild(el("p", "回访：" + (c.satisfied ? "满意" : "不满意"), "meta"));
    }
    result.appendChild(card);
  }

  var form = document.getElementById("lookup-form");
  var result = document.getElementById("result");
  var input = document.getElementById("number");

  function lookup(number) {
    result.textContent = "查询中…";
    load(shardOf(number), function (cases) {
      if (cases[number]) { show(result, cases[number]); }
      else { result.textContent = "未找到工单 " + number + "：请核对编号；涉密和举报类诉求不公开。"; }
    }, function () {
      result.textContent = "未找到工单 " + number + "：请核对编号；涉密和举报类诉求不公开。";
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var number = input.value.trim().toUpperCase();
    if (number) { lookup(number); }
  });
  // index.html#CD-S001-20261127-0042 opens that case: a link a citizen can keep
  var fromLink = decodeURIComponent(window.location.hash.slice(1)).trim().toUpperCase();
  if (fromLink) { input.value = fromLink; lookup(fromLink); }
})();
