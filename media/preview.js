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
      sequence: { showSequenceNumbers: false, mirrorActors: false },
      flowchart: { curve: 'basis', wrappingWidth: 400 },
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
      head.append(h, copy);
      const figure = document.createElement('div');
      figure.className = 'figure';
      try {
        const { svg } = await mermaid.render(`flow-${run}-${i}`, d.mermaid);
        if (run !== renderCount) return;
        figure.innerHTML = svg;
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
    document.body.dataset.rendered = String(run);
  }

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
    vscode.setState({ uri: state.uri, selected: state.selected });
    void render();
  });

  // VS Code changes the body class when the color theme changes.
  new MutationObserver(() => {
    if (state && mermaidTheme() !== renderedTheme) void render();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  if (state) void render();
  vscode.postMessage({ type: 'ready' });
})();
