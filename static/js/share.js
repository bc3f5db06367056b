// Enhancements only: drafts (copy = select all, email and Share as edited, "Still to fill in"),
// print opens folds, "Try it" previews in place through the JSON API.
(() => {
  const $ = (s, n = document) => n.querySelector(s), A = (s, f) => document.querySelectorAll(s).forEach(f),
    byId = n => document.getElementById(n), say = (b, t) => { const s = $(".copy-status", b.parentNode); if (s) s.textContent = t; };
  addEventListener("beforeprint", () => A("details:not([open])", d => { d.open = d.dataset.p = 1; }));
  addEventListener("afterprint", () => A("details[data-p]", d => { d.open = false; delete d.dataset.p; }));
  A("[data-copy]", b => {
    const f = byId(b.dataset.copy);
    b.hidden = false;
    b.onclick = () => {
      f.focus(); f.select(); f.setSelectionRange(0, f.value.length);
      (navigator.clipboard && isSecureContext ? navigator.clipboard.writeText(f.value)
        : document.execCommand("copy") ? Promise.resolve() : Promise.reject())
        .then(() => say(b, "Copied"), () => say(b, "Selected: choose Copy to copy it"));
    };
  });
  navigator.share && A("[data-share]", b => {
    const f = byId(b.dataset.share);
    b.hidden = false;
    b.onclick = () => navigator.share(f.readOnly ? { url: f.value } : { text: f.value }).catch(() => {});
  });
  A("[data-mail]", a => a.onclick = () => { a.href = a.href.replace(/body=.*/, "body=" + encodeURIComponent(byId(a.dataset.mail).value)); });
  A("textarea.message-text", t => t.oninput = () => {
    const p = byId(t.id + "-fill"), m = [...new Set(t.value.match(/\[[^\]\n]{1,40}\]/g))];
    p.hidden = !m.length;
    p.innerHTML = "Still to fill in: " + m.map(x => "<mark>" + esc(x) + "</mark>").join(", ");
  });

  function esc(t) { return t.replace(/&/g, "&amp;").replace(/</g, "&lt;"); }
  const box = $("#try"), R = $(".reasons"), note = $("#try-note");
  if (!note || !$("svg", R)) return;
  const head = $(".verdict"), art = head.parentNode, h1 = $("#verdict-headline"), cls = art.className,
    K = [h1, R, $(".verdict-kicker", head), $(".verdict-why", head), $(".verdict-note", head)], was = K.map(n => n && n.innerHTML),
    num = v => (v > 0 ? "+" : v < 0 ? "−" : "") + Math.abs(v).toFixed(1),
    put = (s, t) => $(s, note).textContent = t;
  head.ariaLive = "polite";
  const back = () => {
    K.forEach((n, i) => n && (n.innerHTML = was[i]));
    art.className = cls;
    note.hidden = true;
  };
  const chart = d => {
    const s = $("svg", R), F = d.factors, big = Math.max(...F.map(f => Math.abs(f.contribution)));
    let y = 30, g = s.innerHTML.split("<g")[0];
    for (const f of F) {
      const c = f.contribution, p = c > 0, w = Math.max(2, Math.round(1500 * Math.abs(c) / big) / 10);
      g += `<g class="bar-${p ? "pro" : "con"}">`;
      for (const t of f.label.match(/\S.{0,41}(?=\s|$)/g)) g += `<text x="0" y="${(y += 19) - 4}" class="bar-label">${esc(t)}</text>`;
      g += `<line x1="200" x2="200" y1="${y}" y2="${(y += 4) + 20}" class="axis"/><rect x="${p ? 200 : 200 - w}" y="${y}" width="${w}" height="16" rx="2" class="bar"/><text x="${p ? 206 + w : 194 - w}" y="${y + 13}" text-anchor="${p ? "start" : "end"}" class="bar-value">${num(c)}</text></g>`;
      y += 30;
    }
    s.innerHTML = g;
    s.setAttribute("viewBox", "0 0 400 " + y);
    s.setAttribute("height", y);
    const x = Math.round(80 + (Math.max(-10, Math.min(10, d.score)) + 10) * 192) / 10;
    $("path.marker", R).setAttribute("d", `M${x - 7} 0 L${x + 7} 0 L${x} 12 Z`);
    $("rect.marker", R).setAttribute("x", x - 1.5);
    $("#scale-caption strong", R).textContent = d.score_words;
    $("tbody", R).innerHTML = F.map(f => `<tr><td>${esc(f.label)}</td><td class="num">${num(f.contribution)}</td><td>for ${f.contribution > 0 ? "going" : "declining"}</td></tr>`).join("");
  };
  const show = (d, s) => {
    const v = d.verdict, ch = $(".try-change", note);
    back();
    if (!d.factors.length) throw Error();
    h1.firstChild.textContent = v.label + " ";
    h1.lastChild.textContent = v.lean ? "Leaning towards " + (v.lean == "go" ? "going" : "declining") : v.strength_label;
    K.slice(2).forEach((n, i) => n && (n.textContent = [box.dataset.kicker, v.why, v.note][i] || ""));
    art.className = "result result-" + (v.code.match(/go|decline/) || ["toss_up"])[0];
    chart(d);
    put(".try-a", s.selectedOptions[0].text);
    put(".try-q", s.labels[0].firstChild.data.trim());
    put(".try-v", v.label);
    $(".try-same", note).hidden = v.code != box.dataset.code;
    [ch.name, ch.value] = [s.name, s.value];
    $(".try-back", note).onclick = e => { e.preventDefault(); back(); s.focus(); };
    head.prepend(note);
    note.hidden = false;
    note.focus();
  };
  box.addEventListener("submit", e => {
    const f = e.target, s = $("select", f), a = JSON.parse(box.dataset.answers);
    e.preventDefault();
    a[s.name] = s.value;
    fetch(box.dataset.api, { method: "POST", body: JSON.stringify({ answers: a }) })
      .then(r => r.ok ? r.json() : Promise.reject())
      .then(d => show(d, s))
      .catch(() => f.submit());
  });
})();
