// The live-training view: draws the frames the server sends (core/present/live_frames.py) on
// canvases and plays them back at display rate. render() is called every time the
// server sends new data; everything that must survive between calls (the canvases, the
// queue of frames, the curves) lives in one LiveView object kept on the component's
// parent element, so a new tick never rebuilds the picture.
//
// Contract with tests: the root element carries data-epoch (the epoch of the frame on
// screen), data-frames-drawn (frames drawn since the page loaded), data-playing ("1"
// while the server trains, "0" once it has said it paused) and data-queued (frames
// received but not shown yet): paused and nothing queued means the picture is final;
// data-payloads counts the server's messages (ticks and page runs) since the page loaded;
// data-scale is the text scale it draws at (presenter mode: 1.5).

const MAGIC = "TRL1";
const POINT_SCALE = 32767;
const MAX_LAG_TICKS = 2.5; // at most this many ticks of frames wait to be shown
const RUSH_MS = 8; // after Pause, what is still queued plays out at this beat
const CHART_MS = 100; // the curves change slowly: redrawn at most ten times a second
const WIDE_PX = 480; // narrower than this, the curves go under the plane
const ANNOUNCE_MS = 5000; // while playing, a screen reader hears the figures this often

// This module is the view's library: Streamlit mounts it once per page run (outside the
// live fragment) and it hands its render function to the small component that the
// fragment updates on every tick (MOUNT_JS in __init__.py), so a tick does not carry
// this code again.
export default function () {
  const registry = window.__trainingLiveView || (window.__trainingLiveView = makeRegistry());
  registry.resolve(render);
  // The class board's gallery draws its thumbnails with this library's plane (GALLERY_JS).
  const gallery = window.__classGallery || (window.__classGallery = makeRegistry());
  gallery.resolve(renderGallery);
}

function makeRegistry() {
  let resolve;
  const ready = new Promise((r) => { resolve = r; });
  return { ready, resolve };
}

function render(component) {
  const { data, parentElement, setStateValue } = component;
  let view = parentElement.__trainingLiveView;
  if (!view || !view.root.isConnected) {
    view = new LiveView(parentElement, setStateValue);
    parentElement.__trainingLiveView = view;
  }
  view.receive(data);
}

// ---------------------------------------------------------------- decoding

function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data && data.buffer instanceof ArrayBuffer) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  return null;
}

function parsePayload(bytes) {
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MAGIC) throw new Error("live view: not a TRL1 payload");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  const body = bytes.subarray(8 + n);
  const part = (at) => body.subarray(at[0], at[0] + at[1]);
  return { header, part };
}

async function inflate(block) {
  const stream = new Blob([block]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Rows were sent as their first byte and then differences (mod 256): a prefix sum.
function undoRowDelta(bytes, r) {
  for (let row = 0; row < bytes.length; row += r) {
    let acc = bytes[row];
    for (let i = row + 1; i < row + r; i++) {
      acc = (acc + bytes[i]) & 255;
      bytes[i] = acc;
    }
  }
  return bytes;
}

function decodePoints(bytes) {
  const n = Math.floor(bytes.length / 5);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const x1 = new Float32Array(n), x2 = new Float32Array(n), flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = dv.getInt16(5 * i, true) / POINT_SCALE;
    x2[i] = dv.getInt16(5 * i + 2, true) / POINT_SCALE;
    flags[i] = dv.getUint8(5 * i + 4);
  }
  return { n, x1, x2, flags };
}

// ---------------------------------------------------------------- the view

class LiveView {
  constructor(parent, setStateValue) {
    this.setStateValue = setStateValue;
    this.root = document.createElement("div");
    this.root.className = "trn-live";
    this.root.dataset.epoch = "0";
    this.root.dataset.framesDrawn = "0";
    this.root.dataset.playing = "0";
    this.root.dataset.queued = "0";
    this.root.dataset.payloads = "0";
    this.payloads = 0;
    // The plane is three stacked canvases, so a frame redraws only what changed: the
    // heat map at the grid's own resolution (the browser scales it up, smoothly), the
    // p = ½ line, and the points (redrawn only when they, the size or the style change).
    this.board = document.createElement("div");
    this.board.className = "trn-live-board trn-live-plane";
    this.board.setAttribute("role", "img");
    this.heat = document.createElement("canvas");
    this.heat.className = "trn-live-heat";
    this.lines = document.createElement("canvas");
    this.lines.className = "trn-live-lines";
    this.marks = document.createElement("canvas");
    this.marks.className = "trn-live-marks";
    this.board.append(this.heat, this.lines, this.marks);
    this.side = document.createElement("div");
    this.side.className = "trn-live-side";
    this.charts = document.createElement("canvas");
    this.charts.className = "trn-live-charts";
    this.side.appendChild(this.charts);
    // The picture's text alternative: the epoch and the figures, in a polite live
    // region, once on every pause or step and every few seconds while playing.
    this.spoken = document.createElement("div");
    this.spoken.className = "trn-live-sr";
    this.spoken.setAttribute("role", "status");
    this.spoken.setAttribute("aria-live", "polite");
    this.lastSpoken = -Infinity;
    this.root.append(this.board, this.side, this.spoken);
    parent.appendChild(this.root);

    this.run = null;
    this.header = {};
    this.style = null;
    this.labels = {};
    this.points = null;
    this.lut = null;
    this.shown = null; // the frame on screen
    this.queue = [];
    this.framesDrawn = 0;
    this.curves = emptyCurves();
    this.chain = Promise.resolve(); // payloads are decoded strictly in order
    this.lastShow = 0;
    this.rushUntil = -1; // frames up to this epoch play at RUSH_MS
    this.frameMs = 1000 / 30;
    this.tickMs = 1000;
    this.looping = false;
    this.dirty = true;
    this.marksKey = null; // what the points canvas was drawn for
    this.resize = new ResizeObserver(() => { this.dirty = true; this.kick(); });
    this.resize.observe(this.root);
  }

  receive(data) {
    const bytes = asBytes(data);
    if (!bytes) return;
    this.chain = this.chain
      .then(() => this.ingest(bytes))
      .catch((err) => console.error("live view:", err));
  }

  async ingest(bytes) {
    const { header, part } = parsePayload(bytes);
    this.payloads += 1;
    this.root.dataset.payloads = String(this.payloads);
    if (header.run !== this.run) {
      this.run = header.run;
      this.queue = [];
      this.shown = null;
      this.curves = emptyCurves();
    }
    this.header = header;
    if (header.style) {
      this.style = header.style;
      this.root.dataset.scale = String(header.style.scale || 1);
    }
    if (header.labels) this.labels = header.labels;
    if (header.lut) this.lut = part(header.lut).slice();
    if (header.points) {
      this.points = decodePoints(part(header.points.at));
      this.marksKey = null;
    }
    this.frameMs = 1000 / (header.fps || 30);
    this.root.classList.toggle("trn-live-compact", !!header.compact);
    this.board.setAttribute("aria-label", this.labels.plane || "");

    const frames = await this.decodeFrames(header, part);
    if (header.history) this.takeHistory(header.history);
    // Frames newer than the last one queued or shown join the queue. After a page run
    // (the learner changed something, paused, stepped) what is still queued plays out
    // quickly, so the newest state shows without delay.
    const last = this.queue.length ? this.queue[this.queue.length - 1] : this.shown;
    this.queue.push(...(last ? frames.filter((f) => f.epoch > last.epoch) : frames));
    const newest = this.queue.length ? this.queue[this.queue.length - 1].epoch : -1;
    if (!header.playing) this.rushUntil = newest;
    else if (header.catch_up) this.rushUntil = last ? last.epoch : -1;
    this.tickMs = 1000 * (header.tick || 1);
    this.bound();
    this.root.dataset.playing = header.playing ? "1" : "0";
    this.root.dataset.queued = String(this.queue.length);
    this.dirty = true;
    this.kick();
  }

  async decodeFrames(header, part) {
    const g = header.grids;
    if (!g) return [];
    let block = part(g.at);
    if (g.codec === "deflate") {
      if (typeof DecompressionStream === "undefined") {
        // An old browser: ask the server for uncompressed frames from now on.
        this.setStateValue("raw", true);
        return [];
      }
      block = await inflate(block);
    } else {
      block = block.slice();
    }
    const size = g.r * g.r;
    undoRowDelta(block, g.r);
    return header.frames.map((f, i) => ({
      epoch: f[0], trainLoss: f[1], testLoss: f[2], trainAcc: f[3], testAcc: f[4],
      grads: f[5], text: header.texts ? header.texts[i] : null, r: g.r,
      grid: block.subarray(i * size, (i + 1) * size),
    }));
  }

  // Latency stays bounded: frames more than MAX_LAG_TICKS behind are skipped (the
  // curves come from the record the server sends, so none of it is lost), e.g. after
  // the tab was in the background.
  bound() {
    const keep = Math.max(2, Math.round(MAX_LAG_TICKS * this.tickMs / this.frameMs));
    if (this.queue.length > keep) this.queue.splice(0, this.queue.length - keep);
  }

  // The time between two frames. Frames come a tick's worth at a time; playing them a
  // little slower while few are left (and faster while many wait) keeps a small reserve,
  // so a tick that arrives late does not leave the picture standing still.
  beat() {
    const next = this.queue[0];
    if (next && next.epoch <= this.rushUntil) return RUSH_MS;
    const held = this.queue.length * this.frameMs;
    if (held < 0.4 * this.tickMs) return this.frameMs * 1.15;
    if (held > 1.6 * this.tickMs) return this.frameMs * 0.85;
    return this.frameMs;
  }

  kick() {
    if (this.looping) return;
    this.looping = true;
    requestAnimationFrame((t) => this.loop(t));
  }

  loop(now) {
    if (!this.root.isConnected) {
      this.looping = false;
      this.resize.disconnect();
      if (this.metricGuard) this.metricGuard.disconnect();
      return;
    }
    let next = null;
    const beat = this.beat();
    if (this.queue.length && now - this.lastShow >= beat - 2) {
      next = this.queue.shift();
      // Keep a steady beat; after a gap, start the beat again from now.
      this.lastShow = now - this.lastShow > 2 * beat ? now : this.lastShow + beat;
    }
    if (next) this.show(next, now);
    else if (this.dirty) this.draw(now);
    this.root.dataset.queued = String(this.queue.length);
    if (this.queue.length || this.dirty) requestAnimationFrame((t) => this.loop(t));
    else this.looping = false;
  }

  show(frame, now) {
    this.shown = frame;
    this.draw(now);
    this.announce(frame, now);
    this.framesDrawn += 1;
    this.root.dataset.epoch = String(frame.epoch);
    this.root.dataset.framesDrawn = String(this.framesDrawn);
    this.syncMetrics(frame);
  }

  announce(frame, now) {
    const template = this.labels.announce;
    if (!template || !frame.text) return;
    const settled = !this.header.playing && !this.queue.length;
    if (!settled && now - this.lastSpoken < ANNOUNCE_MS) return;
    this.lastSpoken = now;
    const [epoch, train, test, acc] = frame.text;
    const said = template.replace("{epoch}", epoch).replace("{train}", train).replace("{test}", test)
      .replace("{acc}", acc);
    if (this.spoken.textContent !== said) this.spoken.textContent = said;
  }

  // The four live figures are Streamlit metrics (readable text for everyone). The server
  // sets them once per tick to its newest figures, which run ahead of the frame on
  // screen; this keeps them in step with the picture, and puts them back (before the
  // browser paints) whenever Streamlit rewrites them while playing.
  syncMetrics(frame) {
    const key = this.header.metrics;
    if (!key || !frame.text) return;
    this.metricTexts = frame.text;
    const box = document.querySelector(`.st-key-${key}`);
    if (!box) return;
    if (box !== this.metricBox) {
      if (this.metricGuard) this.metricGuard.disconnect();
      this.metricBox = box;
      this.metricGuard = new MutationObserver(() => {
        if (this.header.playing && this.root.isConnected) this.writeMetrics();
      });
      this.metricGuard.observe(box, { subtree: true, childList: true, characterData: true });
    }
    this.writeMetrics();
  }

  writeMetrics() {
    const values = this.metricBox.querySelectorAll('[data-testid="stMetricValue"]');
    this.metricTexts.forEach((text, i) => {
      const node = values[i] && firstText(values[i]);
      if (node && node.nodeValue !== text) node.nodeValue = text;
    });
  }

  // The curves are the server's record (core/nn/history.py): rows at one even stride,
  // each with the range of its epochs. A full record replaces them; a tick's rows
  // replace this view's last row (it may have grown) and add what is new. Nothing is
  // thinned here: the record's one rule, on the server, decides what is kept.
  takeHistory(h) {
    const rows = curvesFrom(h);
    if (h.replace || !this.curves.epoch.length) {
      this.curves = rows;
      return;
    }
    const c = this.curves, from = rows.first[0];
    let keep = c.first.length;
    while (keep > 0 && c.first[keep - 1] >= from) keep--;
    for (const key of Object.keys(c)) c[key] = c[key].slice(0, keep).concat(rows[key]);
  }

  // -------------------------------------------------------------- drawing

  draw(now = performance.now()) {
    const layoutChanged = this.dirty;
    this.dirty = false;
    if (!this.style) return;
    const dpr = window.devicePixelRatio || 1;
    // Beside each other down to the instrument's output column on a laptop (~540 px).
    const wide = this.root.clientWidth >= WIDE_PX && !this.header.compact;
    this.root.classList.toggle("trn-live-stack", !wide);
    const side = Math.max(120, Math.floor(this.board.clientWidth));
    this.board.style.height = `${side}px`;
    this.drawPlane(side, dpr);
    const charts = this.header.charts || [];
    const due = layoutChanged || !this.queue.length || now - (this.chartsDrawn || 0) >= CHART_MS;
    if (charts.length && due) {
      this.chartsDrawn = now;
      const w = Math.max(160, Math.floor(this.side.clientWidth));
      // Beside the plane the curves share its height (so the view is no taller than the
      // plane); stacked under it, each gets a fixed height. Type scales with the style.
      const k = this.style.scale || 1;
      const each = this.header.compact ? 140 * k
        : wide ? Math.max(110 * k, Math.min(220 * k, side / charts.length)) : 180 * k;
      fitCanvas(this.charts, w, each * charts.length, dpr);
      this.drawCharts(charts, dpr);
    } else if (!charts.length) {
      fitCanvas(this.charts, 0, 0, dpr);
    }
  }

  drawPlane(side, dpr) {
    const st = this.style, f = this.shown;
    fitCanvas(this.lines, side, side, dpr);
    const S = this.lines.width;
    const ctx = this.lines.getContext("2d");
    ctx.clearRect(0, 0, S, S);
    if (f && this.lut) {
      this.paintGrid(f, side);
      drawContour(ctx, f.grid, f.r, S / f.r, st.text, 1.6 * dpr);
    }
    const key = [side, dpr, this.header.show_test, this.header.lim, st.class0, st.class1, st.font, st.scale].join("|");
    if (key !== this.marksKey) {
      this.marksKey = key;
      fitCanvas(this.marks, side, side, dpr);
      this.drawMarks(dpr);
    }
  }

  drawMarks(dpr) {
    const ctx = this.marks.getContext("2d");
    const S = this.marks.width, st = this.style;
    ctx.clearRect(0, 0, S, S);
    if (this.points) this.drawPoints(ctx, S, dpr);
    ctx.strokeStyle = st.muted;
    ctx.lineWidth = dpr;
    ctx.strokeRect(0.5 * dpr, 0.5 * dpr, S - dpr, S - dpr);
    ctx.fillStyle = st.text;
    ctx.font = `${12 * dpr * (st.scale || 1)}px ${st.font}`;
    ctx.textBaseline = "bottom";
    ctx.textAlign = "right";
    ctx.fillText("x₁ →", S - 6 * dpr, S - 4 * dpr);
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText("↑ x₂", 6 * dpr, 4 * dpr);
  }

  // The probability grid through the colour table, at the grid's resolution; the
  // browser scales the canvas up (bilinear). Discretized: upsampled here first (×4),
  // then split at ½, so the edge between the two colours is smooth, not blocky.
  paintGrid(f, side) {
    const r = f.r, lut = this.lut, g = f.grid;
    this.heat.style.width = this.heat.style.height = `${side}px`;
    if (!this.header.discretize) {
      const img = gridImage(this.heat, r, r, (i) => g[i], lut);
      this.heat.getContext("2d").putImageData(img, 0, 0);
      return;
    }
    const k = 4, n = r * k;
    const img = gridImage(this.heat, n, n, (idx) => {
      const y = Math.floor(idx / n), x = idx - y * n;
      const sy = Math.min(Math.max((y + 0.5) / k - 0.5, 0), r - 1);
      const sx = Math.min(Math.max((x + 0.5) / k - 0.5, 0), r - 1);
      const y0 = Math.floor(sy), x0 = Math.floor(sx);
      const y1 = Math.min(y0 + 1, r - 1), x1 = Math.min(x0 + 1, r - 1);
      const wy = sy - y0, wx = sx - x0;
      const top = g[y0 * r + x0] * (1 - wx) + g[y0 * r + x1] * wx;
      const bot = g[y1 * r + x0] * (1 - wx) + g[y1 * r + x1] * wx;
      return top * (1 - wy) + bot * wy >= 127.5 ? 255 : 0;
    }, lut);
    this.heat.getContext("2d").putImageData(img, 0, 0);
  }

  // Circles (class 1) and triangles (class 0), as vector shapes: crisp on a projector.
  // Training points are filled with a dark outline; test points are hollow rings.
  drawPoints(ctx, S, dpr) {
    const st = this.style, p = this.points, lim = this.header.lim || 1.1;
    const rad = Math.max(2.5, (S / dpr) / 90) * dpr;
    const showTest = !!this.header.show_test;
    const sx = (x) => ((x + lim) / (2 * lim)) * S;
    const sy = (y) => ((lim - y) / (2 * lim)) * S;
    for (const test of [false, true]) {
      if (test && !showTest) continue;
      for (const cls of [0, 1]) {
        ctx.beginPath();
        for (let i = 0; i < p.n; i++) {
          const f = p.flags[i];
          if ((f & 1) !== cls || ((f & 2) !== 0) !== test) continue;
          shape(ctx, cls, sx(p.x1[i]), sy(p.x2[i]), rad);
        }
        const colour = cls ? st.class1 : st.class0;
        if (test) {
          ctx.fillStyle = "#ffffff";
          ctx.fill();
          ctx.lineWidth = Math.max(1.5 * dpr, 0.45 * rad);
          ctx.strokeStyle = colour;
          ctx.stroke();
        } else {
          ctx.fillStyle = colour;
          ctx.fill();
          ctx.lineWidth = dpr;
          ctx.strokeStyle = st.text;
          ctx.stroke();
        }
      }
    }
  }

  drawCharts(names, dpr) {
    const ctx = this.charts.getContext("2d");
    const W = this.charts.width, H = this.charts.height;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, W, H);
    const each = H / names.length;
    names.forEach((name, i) => {
      const box = { x: 0, y: i * each, w: W, h: each };
      const spec = this.chartSpec(name);
      if (spec) drawChart(ctx, box, spec, this.style, dpr);
    });
  }

  // The rows up to the frame on screen (the record runs ahead of the playback).
  visibleCurves() {
    const c = this.curves;
    if (!this.shown) return c;
    let n = c.epoch.length;
    while (n > 0 && c.epoch[n - 1] > this.shown.epoch) n--;
    if (n === c.epoch.length) return c;
    const out = {};
    for (const key of Object.keys(c)) out[key] = c[key].slice(0, n);
    return out;
  }

  chartSpec(name) {
    const c = this.visibleCurves(), L = this.labels, st = this.style;
    const base = { xlabel: L.epoch, x: c.epoch, first: c.first };
    if (name === "loss") {
      return {
        ...base, title: L.loss_title, ylabel: L.loss, zero: true,
        series: [
          { name: L.train, colour: st.series[0], dash: [], y: c.trainLoss, lo: c.trainLossLo, hi: c.trainLossHi },
          { name: L.test, colour: st.series[1], dash: [5, 3], y: c.testLoss, lo: c.testLossLo, hi: c.testLossHi },
        ],
      };
    }
    if (name === "accuracy") {
      return {
        ...base, title: L.accuracy_title, ylabel: L.accuracy,
        ymin: 0, ymax: 1, yticks: [0, 0.5, 1], percent: true, guide: 0.5,
        series: [{ name: null, colour: st.series[2], dash: [], y: c.testAcc, lo: c.testAccLo, hi: c.testAccHi }],
      };
    }
    if (name === "grad") {
      const layers = (L.layers || []).length || (c.grads.length ? c.grads[0].length : 0);
      const column = (rows, j) => rows.map((g) => (g && g[j] !== null && g[j] !== undefined ? Math.max(g[j], 1e-12) : null));
      const series = [];
      for (let j = 0; j < layers; j++) {
        series.push({
          name: (L.layers || [])[j] || `${j + 1}`, colour: st.series[j % st.series.length], dash: [],
          y: column(c.grads, j), lo: column(c.gradsLo, j), hi: column(c.gradsHi, j),
        });
      }
      return { ...base, title: L.grad_title, ylabel: L.grad, log: true, series };
    }
    return null;
  }
}

// ---------------------------------------------------------------- helpers

function emptyCurves() {
  return {
    epoch: [], first: [], trainLoss: [], trainLossLo: [], trainLossHi: [], testLoss: [], testLossLo: [],
    testLossHi: [], testAcc: [], testAccLo: [], testAccHi: [], grads: [], gradsLo: [], gradsHi: [],
  };
}

// The payload's record rows (training_views.history_header) in the view's own names.
function curvesFrom(h) {
  return {
    epoch: h.epoch, first: h.first, trainLoss: h.train_loss, trainLossLo: h.train_loss_lo,
    trainLossHi: h.train_loss_hi, testLoss: h.test_loss, testLossLo: h.test_loss_lo, testLossHi: h.test_loss_hi,
    testAcc: h.test_acc, testAccLo: h.test_acc_lo, testAccHi: h.test_acc_hi, grads: h.grad,
    gradsLo: h.grad_lo, gradsHi: h.grad_hi,
  };
}

function firstText(el) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node && !node.nodeValue.trim()) node = walker.nextNode();
  return node;
}

function fitCanvas(canvas, cssW, cssH, dpr) {
  canvas.style.width = `${cssW}px`;
  canvas.style.height = `${cssH}px`;
  const w = Math.round(cssW * dpr), h = Math.round(cssH * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
}

function gridImage(canvas, w, h, valueAt, lut) {
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const img = new ImageData(w, h);
  const px = img.data;
  for (let i = 0, n = w * h; i < n; i++) {
    const q = valueAt(i) * 3;
    px[4 * i] = lut[q]; px[4 * i + 1] = lut[q + 1]; px[4 * i + 2] = lut[q + 2]; px[4 * i + 3] = 255;
  }
  return img;
}

// A triangle pointing up with inradius 0.75·rad (the circle's area), centroid at (x, y).
function shape(ctx, cls, x, y, rad) {
  if (cls === 1) {
    ctx.moveTo(x + rad, y);
    ctx.arc(x, y, rad, 0, 2 * Math.PI);
    return;
  }
  const R = 1.5 * rad; // circumradius = 2 · inradius
  ctx.moveTo(x, y - R);
  ctx.lineTo(x + R * 0.8660254, y + R / 2);
  ctx.lineTo(x - R * 0.8660254, y + R / 2);
  ctx.closePath();
}

// The p = ½ line (byte 127.5) by marching squares over the grid's cell centres. The
// bytes are smoothed first (3 × 3 mean): where the network's output is almost flat,
// rounding to bytes would otherwise make the line zigzag along the rounding steps.
function drawContour(ctx, grid, r, cell, colour, width) {
  const g = smooth3(grid, r);
  const t = 127.5;
  ctx.beginPath();
  const at = (i, j) => g[i * r + j];
  const lerp = (a, b) => (t - a) / (b - a);
  for (let i = 0; i < r - 1; i++) {
    for (let j = 0; j < r - 1; j++) {
      const a = at(i, j), b = at(i, j + 1), c = at(i + 1, j + 1), d = at(i + 1, j);
      const pts = [];
      if ((a < t) !== (b < t)) pts.push([j + lerp(a, b), i]);
      if ((b < t) !== (c < t)) pts.push([j + 1, i + lerp(b, c)]);
      if ((d < t) !== (c < t)) pts.push([j + lerp(d, c), i + 1]);
      if ((a < t) !== (d < t)) pts.push([j, i + lerp(a, d)]);
      for (let k = 0; k + 1 < pts.length; k += 2) {
        ctx.moveTo((pts[k][0] + 0.5) * cell, (pts[k][1] + 0.5) * cell);
        ctx.lineTo((pts[k + 1][0] + 0.5) * cell, (pts[k + 1][1] + 0.5) * cell);
      }
    }
  }
  ctx.strokeStyle = colour;
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = width;
  ctx.stroke();
  ctx.globalAlpha = 1;
}

function smooth3(g, r) {
  const out = new Float32Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      let sum = 0, n = 0;
      for (let di = -1; di <= 1; di++) {
        const ii = i + di;
        if (ii < 0 || ii >= r) continue;
        for (let dj = -1; dj <= 1; dj++) {
          const jj = j + dj;
          if (jj < 0 || jj >= r) continue;
          sum += g[ii * r + jj]; n++;
        }
      }
      out[i * r + j] = sum / n;
    }
  }
  return out;
}

function niceTicks(lo, hi, count) {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(+v.toPrecision(12));
  return out;
}

function fmtTick(v, spec) {
  if (spec.percent) return `${Math.round(v * 100)}%`;
  if (spec.log) return `1e${Math.round(Math.log10(v))}`;
  if (Math.abs(v) >= 1000) return v.toLocaleString("en-US");
  return `${+v.toPrecision(3)}`;
}

// The lowest-to-highest range of each row, as a light area in the series' colour, one
// polygon per run of joined rows.
function drawBand(ctx, s, xs, joined, ok, tx, ty) {
  ctx.fillStyle = s.colour;
  ctx.globalAlpha = 0.18;
  let run = [];
  const flush = () => {
    if (run.length > 1) {
      ctx.beginPath();
      run.forEach((i, k) => (k ? ctx.lineTo(tx(xs[i]), ty(s.hi[i])) : ctx.moveTo(tx(xs[i]), ty(s.hi[i]))));
      for (let k = run.length - 1; k >= 0; k--) ctx.lineTo(tx(xs[run[k]]), ty(s.lo[run[k]]));
      ctx.closePath();
      ctx.fill();
    }
    run = [];
  };
  for (let i = 0; i < xs.length; i++) {
    if (!ok(s.lo[i]) || !ok(s.hi[i])) { flush(); continue; }
    if (run.length && !joined(i)) flush();
    run.push(i);
  }
  flush();
  ctx.globalAlpha = 1;
}

// A small line chart: title and legend on top, y axis on the left, epochs along x.
// Type and the room around it grow with the style's scale (presenter mode: 1.5, so the
// smallest text, 12 px, is 18 px on a projector).
function drawChart(ctx, box, spec, st, dpr) {
  const plot = chartPlot(box, spec, st, dpr);
  drawLegend(ctx, box, spec, st, dpr);
  drawAxes(ctx, box, spec, st, dpr, plot);
  drawSeries(ctx, spec, dpr, plot);
}

// The charts' type: size in CSS pixels at the style's scale 1.
function chartFont(st, dpr, size, weight = "") {
  return `${weight} ${size * dpr * (st.scale || 1)}px ${st.font}`;
}

// Where the plot sits in the box (x0..x1 left to right, y0..y1 bottom to top), the data's
// ranges, and tx / ty, which take a value to its pixel.
function chartPlot(box, spec, st, dpr) {
  const k = st.scale || 1;
  const pad = { l: 48 * dpr * k, r: 10 * dpr, t: 40 * dpr * k, b: 30 * dpr * k };
  const x0 = box.x + pad.l, x1 = box.x + box.w - pad.r;
  const y0 = box.y + box.h - pad.b, y1 = box.y + pad.t;
  const xs = spec.x;
  const xmin = xs.length ? xs[0] : 0;
  const xmax = xs.length ? Math.max(xs[xs.length - 1], xmin + 1) : 1;
  const [ymin, ymax] = yRange(spec);
  const tx = (v) => x0 + ((v - xmin) / (xmax - xmin)) * (x1 - x0);
  const ty = spec.log
    ? (v) => y0 - ((Math.log10(v) - Math.log10(ymin)) / (Math.log10(ymax) - Math.log10(ymin))) * (y0 - y1)
    : (v) => y0 - ((v - ymin) / (ymax - ymin)) * (y0 - y1);
  return { x0, x1, y0, y1, xmin, xmax, ymin, ymax, tx, ty };
}

// The spec's own y range, else one that holds every value and band (powers of ten on a
// log axis; from 0 when the spec asks for zero, with 5 % of room on top).
function yRange(spec) {
  if (spec.ymin !== undefined && spec.ymax !== undefined) return [spec.ymin, spec.ymax];
  let lo = Infinity, hi = -Infinity;
  for (const s of spec.series) {
    for (const values of [s.y, s.lo || [], s.hi || []]) {
      for (const v of values) if (v !== null && isFinite(v) && !(spec.log && v <= 0)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
  }
  if (!isFinite(lo)) { lo = spec.log ? 1e-3 : 0; hi = 1; }
  if (spec.log) {
    const ymin = Math.pow(10, Math.floor(Math.log10(lo)));
    let ymax = Math.pow(10, Math.ceil(Math.log10(hi)));
    if (ymax <= ymin) ymax = ymin * 10;
    return [ymin, ymax];
  }
  const ymin = spec.zero ? 0 : lo;
  return [ymin, hi > ymin ? hi * 1.05 : ymin + 1];
}

// The title, and under it a short line in each named series' colour and dash.
function drawLegend(ctx, box, spec, st, dpr) {
  const k = st.scale || 1;
  ctx.fillStyle = st.text;
  ctx.font = chartFont(st, dpr, 14, "600");
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  ctx.fillText(spec.title || "", box.x + 4 * dpr, box.y + 2 * dpr * k);

  let lx = box.x + 4 * dpr;
  ctx.font = chartFont(st, dpr, 12);
  for (const s of spec.series) {
    if (!s.name) continue;
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 2.5 * dpr;
    ctx.setLineDash(s.dash.map((d) => d * dpr));
    ctx.beginPath();
    ctx.moveTo(lx, box.y + 27 * dpr * k);
    ctx.lineTo(lx + 18 * dpr * k, box.y + 27 * dpr * k);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = st.text;
    ctx.textBaseline = "middle";
    ctx.fillText(s.name, lx + 22 * dpr * k, box.y + 27 * dpr * k);
    lx += 22 * dpr * k + ctx.measureText(s.name).width + 14 * dpr * k;
  }
}

// The y ticks: the spec's own, else about four (one per few powers of ten on a log axis).
function yTicks(spec, ymin, ymax) {
  if (spec.yticks) return spec.yticks;
  if (!spec.log) return niceTicks(ymin, ymax, 4);
  const ticks = [];
  const a = Math.round(Math.log10(ymin)), b = Math.round(Math.log10(ymax));
  const stride = Math.max(1, Math.ceil((b - a) / 4));
  for (let e = a; e <= b; e += stride) ticks.push(Math.pow(10, e));
  return ticks;
}

// The grid behind the y ticks and their labels, the whole epochs along x, the two axis
// lines, the x label, and the spec's guide line (dotted) if it has one.
function drawAxes(ctx, box, spec, st, dpr, plot) {
  const { x0, x1, y0, y1, xmin, xmax, ymin, ymax, tx, ty } = plot;
  ctx.font = chartFont(st, dpr, 12);
  ctx.lineWidth = dpr;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of yTicks(spec, ymin, ymax)) {
    const y = ty(v);
    ctx.strokeStyle = st.grid;
    ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(x1, y); ctx.stroke();
    ctx.fillStyle = st.text;
    ctx.fillText(fmtTick(v, spec), x0 - 5 * dpr, y);
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const v of niceTicks(xmin, xmax, 4)) {
    if (v !== Math.round(v)) continue;
    const x = tx(v);
    ctx.strokeStyle = st.muted;
    ctx.beginPath(); ctx.moveTo(x, y0); ctx.lineTo(x, y0 + 4 * dpr); ctx.stroke();
    ctx.fillStyle = st.text;
    ctx.fillText(fmtTick(v, {}), x, y0 + 6 * dpr);
  }
  ctx.strokeStyle = st.muted;
  ctx.beginPath(); ctx.moveTo(x0, y1); ctx.lineTo(x0, y0); ctx.lineTo(x1, y0); ctx.stroke();
  ctx.fillStyle = st.muted;
  ctx.textAlign = "right";
  ctx.textBaseline = "bottom";
  ctx.fillText(spec.xlabel || "", x1, box.y + box.h - 1 * dpr);

  if (spec.guide !== undefined) {
    ctx.strokeStyle = st.muted;
    ctx.setLineDash([2 * dpr, 3 * dpr]);
    ctx.beginPath(); ctx.moveTo(x0, ty(spec.guide)); ctx.lineTo(x1, ty(spec.guide)); ctx.stroke();
    ctx.setLineDash([]);
  }
}

// The lines, clipped to the plot (a little above and below it): each row stands for a
// run of epochs, whose range is the band behind its line; the bands go first, so every
// line is drawn over every band.
function drawSeries(ctx, spec, dpr, plot) {
  const { x0, x1, y0, y1, tx, ty } = plot;
  const xs = spec.x;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, y1 - 2 * dpr, x1 - x0, y0 - y1 + 4 * dpr);
  ctx.clip();
  const ok = (v) => v !== null && v !== undefined && isFinite(v) && !(spec.log && v <= 0);
  // Rows i-1 and i join only when row i starts right after row i-1 ends: no line is
  // drawn across epochs the record does not hold.
  const joined = (i) => i > 0 && (!spec.first || spec.first[i] === xs[i - 1] + 1);
  for (const s of spec.series) if (s.lo && s.hi) drawBand(ctx, s, xs, joined, ok, tx, ty);
  for (const s of spec.series) drawLine(ctx, s, xs, joined, ok, tx, ty, dpr);
  ctx.restore();
}

// One series' line, broken where a value is missing or rows do not join; its points are
// dots too when there are few rows (a lone point would not show at all otherwise).
function drawLine(ctx, s, xs, joined, ok, tx, ty, dpr) {
  ctx.strokeStyle = s.colour;
  ctx.fillStyle = s.colour;
  ctx.lineWidth = 2 * dpr;
  ctx.setLineDash(s.dash.map((d) => d * dpr));
  ctx.beginPath();
  let pen = false, count = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = s.y[i];
    if (!ok(v)) { pen = false; continue; }
    const x = tx(xs[i]), y = ty(v);
    if (pen && joined(i)) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    pen = true; count++;
  }
  ctx.stroke();
  ctx.setLineDash([]);
  if (count === 1 || (xs.length <= 12 && count)) {
    for (let i = 0; i < xs.length; i++) {
      const v = s.y[i];
      if (!ok(v)) continue;
      ctx.beginPath(); ctx.arc(tx(xs[i]), ty(v), 2.5 * dpr, 0, 2 * Math.PI); ctx.fill();
    }
  }
}

// ---------------------------------------------------------------- the class's gallery

// The teacher's board: every learner's boundary as a thumbnail, drawn as the live plane
// is (the grid through the colour table, the p = ½ line over it), from the 32 × 32 bytes
// each learner's page reports. data = { lut, size, items: [{ id, sig, grid, title,
// lines, label }] } (grid and lut in base64); a thumbnail whose sig has not changed is
// not drawn again. The root carries data-count and data-draw-ms (the last redraw's
// main-thread time), for tests and the benchmark.
function renderGallery(component) {
  const start = performance.now();
  const { data, parentElement } = component;
  const d = data || {};
  let root = parentElement.querySelector(".class-gallery");
  if (!root) {
    root = document.createElement("div");
    root.className = "class-gallery";
    root.setAttribute("role", "list");
    parentElement.appendChild(root);
  }
  const lut = fromBase64(d.lut || "");
  const size = d.size || 120;
  const text = getComputedStyle(parentElement).color || "#1f2933";
  const old = new Map([...root.children].map((el) => [el.dataset.id, el]));
  let previous = null;
  for (const item of d.items || []) {
    let figure = old.get(item.id);
    old.delete(item.id);
    if (!figure) figure = galleryFigure(item.id);
    figure.style.width = `${size + 48}px`;  // the thumbnail and its lines: one width, so rows line up
    if (figure.dataset.sig !== item.sig || figure.dataset.size !== String(size)) {
      drawThumbnail(figure.firstChild, fromBase64(item.grid), lut, size, text);
      figure.dataset.sig = item.sig;
      figure.dataset.size = String(size);
    }
    const words = [item.title, ...(item.lines || [])];
    const said = words.join("\n");
    if (figure.dataset.text !== said) {  // a caption that did not change is left alone (no layout)
      figure.lastChild.replaceChildren(...words.map((line, i) => {
        const row = document.createElement(i === 0 ? "strong" : "span");
        row.textContent = line;
        return row;
      }));
      figure.firstChild.setAttribute("aria-label", item.label || item.title);
      figure.dataset.text = said;
    }
    const wanted = previous ? previous.nextSibling : root.firstChild;
    if (wanted !== figure) root.insertBefore(figure, wanted);
    previous = figure;
  }
  for (const gone of old.values()) gone.remove();
  root.dataset.count = String((d.items || []).length);
  root.dataset.drawMs = (performance.now() - start).toFixed(1);
}

function galleryFigure(id) {
  const figure = document.createElement("figure");
  figure.className = "class-gallery-item";
  figure.setAttribute("role", "listitem");
  figure.dataset.id = id;
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  figure.append(canvas, document.createElement("figcaption"));
  return figure;
}

function drawThumbnail(canvas, grid, lut, size, colour) {
  const dpr = window.devicePixelRatio || 1;
  const r = Math.round(Math.sqrt(grid.length));
  fitCanvas(canvas, size, size, dpr);
  const cells = document.createElement("canvas");
  cells.getContext("2d").putImageData(gridImage(cells, r, r, (i) => grid[i], lut), 0, 0);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, 0, 0, canvas.width, canvas.height);
  if (r > 1) drawContour(ctx, grid, r, canvas.width / r, colour, 1.2 * dpr);
}

function fromBase64(text) {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}
