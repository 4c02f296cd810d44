// The replication-flow preview webview. Renders the Mermaid diagrams it is given (the bundled
// Mermaid, securityLevel 'strict', theme from the VS Code body class) and reports clicks as ids:
// a click target id of the shown cluster, a diagram index, or a cluster index. It never receives
// or sends file locations.
// @ts-check
/* global mermaid, acquireVsCodeApi */
(function () {
  'use strict';

  /** @type {{ postMessage(m: unknown): void; getState(): any; setState(s: unknown): void }} */
  const vscode =
    typeof acquireVsCodeApi === 'function'
      ? acquireVsCodeApi()
      : {
          postMessage() {},
          getState() {
            return undefined;
          },
          setState() {},
        };

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const els = {
    document: $('document'),
    clusterLabel: $('cluster-label'),
    cluster: /** @type {HTMLSelectElement} */ ($('cluster')),
    save: /** @type {HTMLButtonElement} */ ($('save')),
    notice: $('notice'),
    problems: $('problems'),
    diagrams: $('diagrams'),
  };

  /** @type {any} */
  let state = readInitialState();
  let renderCount = 0;
  let renderedTheme = '';

  function readInitialState() {
    try {
      const text = $('initial-state').textContent || 'null';
      const s = JSON.parse(text);
      return isState(s) ? s : undefined;
    } catch {
      return undefined;
    }
  }

  /** Light shape check of what arrives by message. */
  function isState(/** @type {any} */ s) {
    return (
      !!s &&
      typeof s === 'object' &&
      typeof s.uri === 'string' &&
      typeof s.document === 'string' &&
      Array.isArray(s.clusters) &&
      Array.isArray(s.diagrams) &&
      Array.isArray(s.problems) &&
      typeof s.selected === 'number' &&
      s.diagrams.every(
        (/** @type {any} */ d) =>
          d &&
          typeof d.mermaid === 'string' &&
          typeof d.title === 'string' &&
          d.nodes &&
          typeof d.nodes === 'object' &&
          Array.isArray(d.texts),
      )
    );
  }

  function mermaidTheme() {
    const c = document.body.classList;
    if (c.contains('vscode-high-contrast-light')) return 'neutral';
    if (c.contains('vscode-high-contrast')) return 'dark';
    if (c.contains('vscode-dark')) return 'dark';
    return 'default';
  }

  const own = (/** @type {object} */ o, /** @type {string} */ k) => Object.prototype.hasOwnProperty.call(o, k);
  const norm = (/** @type {string | null} */ t) => (t || '').replace(/\s+/g, ' ').trim();

  function header() {
    els.document.textContent = state ? state.document : '';
    const clusters = state ? state.clusters : [];
    els.cluster.replaceChildren(
      ...clusters.map((/** @type {string} */ title, /** @type {number} */ i) => {
        const o = document.createElement('option');
        o.value = String(i);
        o.textContent = title;
        o.selected = i === state.selected;
        return o;
      }),
    );
    els.clusterLabel.hidden = clusters.length < 2;
    if (clusters.length === 1) els.document.textContent = `${state.document} · ${clusters[0]}`;
    els.save.disabled = !state || state.diagrams.length === 0;
    els.notice.hidden = !(state && state.notice);
    els.notice.textContent = (state && state.notice) || '';
    const problems = state ? state.problems : [];
    els.problems.replaceChildren(
      ...problems.map((/** @type {any} */ p) => {
        const li = document.createElement('li');
        li.className = `problem ${p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'info'}`;
        li.textContent = p.message;
        if (typeof p.target === 'string') {
          li.classList.add('flow-link');
          li.tabIndex = 0;
          li.dataset.target = p.target;
        }
        return li;
      }),
    );
    els.problems.hidden = problems.length === 0;
  }

  async function render() {
    const run = ++renderCount;
    header();
    const theme = mermaidTheme();
    renderedTheme = theme;
    const diagrams = state ? state.diagrams : [];
    /** @type {Record<string, unknown>} */
    const config = {
      startOnLoad: false,
      securityLevel: 'strict',
      theme,
      suppressErrorRendering: true,
      // Narrow margins and actor boxes: the preview beside an editor is about 700 px wide, and
      // Mermaid scales a wider diagram down (text must stay readable: test/render/render.mjs).
      sequence: {
        showSequenceNumbers: false,
        mirrorActors: false,
        diagramMarginX: 8,
        diagramMarginY: 8,
        actorMargin: 30,
        width: 110,
        messageFontSize: 14,
        noteFontSize: 13,
        actorFontSize: 14,
        wrap: false,
      },
      flowchart: { curve: 'basis', wrappingWidth: 400, rankSpacing: 30, nodeSpacing: 24, padding: 10 },
    };
    const font = getComputedStyle(document.body).getPropertyValue('--vscode-font-family').trim();
    if (font) config.fontFamily = font;
    mermaid.initialize(config);
    /** @type {HTMLElement[]} */
    const cards = [];
    for (let i = 0; i < diagrams.length; i++) {
      const d = diagrams[i];
      const card = document.createElement('section');
      card.className = `diagram ${d.kind === 'topology' ? 'topology' : 'sequence'}`;
      card.dataset.diagram = String(i);
      const head = document.createElement('div');
      head.className = 'diagram-head';
      const h = document.createElement('h2');
      h.textContent = d.title;
      const copy = document.createElement('button');
      copy.type = 'button';
      copy.className = 'copy';
      copy.textContent = 'Copy Mermaid source';
      copy.dataset.copy = String(i);
      head.append(h, zoomControls(i), copy);
      const figure = document.createElement('div');
      figure.className = 'figure';
      try {
        const { svg } = await mermaid.render(`flow-${run}-${i}`, d.mermaid);
        if (run !== renderCount) return;
        figure.innerHTML = svg;
        prepareZoom(figure);
        markClickable(figure, d);
      } catch (err) {
        if (run !== renderCount) return;
        const pre = document.createElement('pre');
        pre.className = 'render-error';
        pre.textContent = `Mermaid could not draw this diagram: ${err instanceof Error ? err.message : String(err)}`;
        figure.append(pre);
      }
      card.append(head, figure);
      cards.push(card);
    }
    if (run !== renderCount) return;
    els.diagrams.replaceChildren(...cards);
    applyZoomAll();
    document.body.dataset.rendered = String(run);
  }

  // Zoom: 'fit' (the default) scales a diagram to the preview's width, but never below MIN_FIT (a
  // wider diagram scrolls horizontally instead, so its text stays readable); a number is a fixed
  // scale (1 = Mermaid's own size). One setting per diagram kind, kept with the panel state.
  const MIN_FIT = 0.7;
  const ZOOM_STEP = 1.25;
  /** @type {Record<string, 'fit' | number>} */
  let zooms = {};
  try {
    const saved = vscode.getState();
    if (saved && saved.zooms && typeof saved.zooms === 'object') zooms = saved.zooms;
  } catch {
    zooms = {};
  }

  function zoomControls(/** @type {number} */ i) {
    const group = document.createElement('span');
    group.className = 'zoom';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Zoom');
    const button = (/** @type {string} */ action, /** @type {string} */ text, /** @type {string} */ title) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'zoom-button';
      b.dataset.zoom = action;
      b.dataset.diagram = String(i);
      b.textContent = text;
      b.title = title;
      b.setAttribute('aria-label', title);
      return b;
    };
    const level = document.createElement('span');
    level.className = 'zoom-level';
    group.append(
      button('out', '−', 'Zoom out'),
      level,
      button('in', '+', 'Zoom in'),
      button('fit', 'Fit', 'Fit to width'),
    );
    return group;
  }

  /** Lets the SVG be sized by us (Mermaid makes it 100% wide with a max-width). */
  function prepareZoom(/** @type {HTMLElement} */ figure) {
    const svg = figure.querySelector('svg');
    if (!svg) return;
    const vb = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
    const natural = vb.length === 4 && vb[2] > 0 ? vb[2] : svg.getBoundingClientRect().width;
    svg.dataset.naturalWidth = String(natural);
    svg.removeAttribute('width');
    svg.style.maxWidth = 'none';
  }

  function zoomOf(/** @type {HTMLElement} */ card) {
    const kind = card.classList.contains('topology') ? 'topology' : 'sequence';
    const z = zooms[kind];
    return { kind, zoom: typeof z === 'number' && z > 0 && z < 10 ? z : 'fit' };
  }

  function applyZoom(/** @type {HTMLElement} */ card) {
    const figure = /** @type {HTMLElement | null} */ (card.querySelector('.figure'));
    const svg = figure && figure.querySelector('svg');
    if (!figure || !svg) return;
    const natural = Number(svg.dataset.naturalWidth) || 0;
    if (!natural) return;
    const { zoom } = zoomOf(card);
    const scale = zoom === 'fit' ? Math.max(MIN_FIT, Math.min(1, figure.clientWidth / natural)) : zoom;
    svg.style.width = `${Math.round(natural * scale)}px`;
    card.dataset.scale = scale.toFixed(3);
    const level = card.querySelector('.zoom-level');
    if (level) level.textContent = `${Math.round(scale * 100)}%`;
    const fit = card.querySelector('button[data-zoom="fit"]');
    if (fit) fit.setAttribute('aria-pressed', String(zoom === 'fit'));
  }

  function applyZoomAll() {
    for (const card of els.diagrams.querySelectorAll('section.diagram')) applyZoom(/** @type {HTMLElement} */ (card));
  }

  function zoom(/** @type {HTMLElement} */ card, /** @type {string} */ action) {
    const { kind } = zoomOf(card);
    const current = Number(card.dataset.scale) || 1;
    if (action === 'fit') zooms[kind] = 'fit';
    else if (action === 'in') zooms[kind] = Math.min(4, current * ZOOM_STEP);
    else if (action === 'out') zooms[kind] = Math.max(0.25, current / ZOOM_STEP);
    for (const c of els.diagrams.querySelectorAll(`section.diagram.${kind}`)) applyZoom(/** @type {HTMLElement} */ (c));
    saveState();
  }

  function saveState() {
    if (state) vscode.setState({ uri: state.uri, selected: state.selected, zooms });
  }

  window.addEventListener('resize', applyZoomAll);

  /** The click target of an element inside diagram `d`, if any. */
  function targetOf(/** @type {Element | null} */ el, /** @type {any} */ d, /** @type {Element} */ stop) {
    for (let n = el; n && n !== stop; n = n.parentElement) {
      const dataId = n.getAttribute('data-id');
      const et = n.getAttribute('data-et');
      if (dataId && (et === 'participant' || et === 'life-line') && own(d.nodes, dataId)) return d.nodes[dataId];
      const m = /(?:^|-)flowchart-([A-Za-z0-9_]+)-\d+$/.exec(n.id || '');
      if (m && own(d.nodes, m[1])) return d.nodes[m[1]];
      const cls = n.getAttribute('class') || '';
      if (/\b(messageText|noteText)\b/.test(cls)) return textTarget(n, d);
      if (n.tagName.toLowerCase() === 'g' && /\bnote\b/.test(n.getAttribute('data-et') || '')) {
        const t = n.querySelector('.noteText');
        if (t) return textTarget(t, d);
      }
    }
    return undefined;
  }

  /** Sequence texts: a message's lines are consecutive .messageText siblings; any of them may name a network. */
  function textTarget(/** @type {Element} */ el, /** @type {any} */ d) {
    /** @type {Element[]} */
    const group = [el];
    const isMsg = (/** @type {Element | null} */ e) => !!e && /\bmessageText\b/.test(e.getAttribute('class') || '');
    if (isMsg(el)) {
      for (let p = el.previousElementSibling; isMsg(p); p = /** @type {Element} */ (p).previousElementSibling)
        group.push(/** @type {Element} */ (p));
      for (let p = el.nextElementSibling; isMsg(p); p = /** @type {Element} */ (p).nextElementSibling)
        group.push(/** @type {Element} */ (p));
    }
    const lines = group.flatMap((g) => {
      const spans = [...g.querySelectorAll('tspan')];
      return spans.length ? spans.map((s) => norm(s.textContent)) : [norm(g.textContent)];
    });
    for (const [text, target] of d.texts) if (lines.includes(norm(text))) return target;
    return undefined;
  }

  function markClickable(/** @type {HTMLElement} */ figure, /** @type {any} */ d) {
    const candidates = figure.querySelectorAll('g.node, [data-et="participant"], text.messageText, text.noteText');
    for (const c of candidates) {
      if (targetOf(c, d, figure)) {
        c.classList.add('flow-link');
        c.setAttribute('tabindex', '0');
        c.setAttribute('role', 'button');
      }
    }
  }

  function activate(/** @type {Event} */ ev) {
    const t = /** @type {Element} */ (ev.target);
    const zoomButton = t.closest('button.zoom-button');
    const zoomCard = zoomButton && zoomButton.closest('section.diagram');
    if (zoomButton instanceof HTMLElement && zoomCard instanceof HTMLElement) {
      zoom(zoomCard, zoomButton.dataset.zoom || 'fit');
      return;
    }
    const copy = t.closest('button.copy');
    if (copy instanceof HTMLElement) {
      vscode.postMessage({ type: 'copy', diagram: Number(copy.dataset.copy) });
      return;
    }
    const problem = t.closest('li.problem');
    if (problem instanceof HTMLElement && problem.dataset.target) {
      vscode.postMessage({ type: 'reveal', target: problem.dataset.target });
      return;
    }
    const card = t.closest('section.diagram');
    if (!(card instanceof HTMLElement) || !state) return;
    const d = state.diagrams[Number(card.dataset.diagram)];
    if (!d) return;
    const target = targetOf(t, d, card);
    if (target) vscode.postMessage({ type: 'reveal', target });
  }

  document.addEventListener('click', activate);
  document.addEventListener('keydown', (ev) => {
    if (
      (ev.key === 'Enter' || ev.key === ' ') &&
      ev.target instanceof Element &&
      ev.target.classList.contains('flow-link')
    ) {
      ev.preventDefault();
      activate(ev);
    }
  });
  els.save.addEventListener('click', () => vscode.postMessage({ type: 'save' }));
  els.cluster.addEventListener('change', () =>
    vscode.postMessage({ type: 'selectCluster', index: Number(els.cluster.value) }),
  );

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || m.type !== 'update' || !isState(m.state)) return;
    state = m.state;
    saveState();
    void render();
  });

  // VS Code changes the body class when the color theme changes.
  new MutationObserver(() => {
    if (state && mermaidTheme() !== renderedTheme) void render();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  if (state) void render();
  vscode.postMessage({ type: 'ready' });
})();
