// Keystroke → results painted, and where the time went, for the measuring tools
// (measureSearchLatency.ts, measureTypingDuringSync.ts). Reports only: nothing here passes or
// fails on a time.
//
// In the page: each key's time (the event's own time stamp, so a main thread that was busy
// when the key came is counted), the frame that showed the letter typed, the search call sent
// over the API socket and its answer's arrival, the list's commit (the listbox's data-query
// names the text it answers), and the frame painted after it. In main (which runs in the
// measuring process): from the call's message to its answer handed to the socket.
import { performance } from 'node:perf_hooks';
import { createWriteStream } from 'node:fs';
import { WebSocket as NodeSocket } from 'ws';
import type { CDPSession, Page } from 'playwright-core';
import { percentile } from '../bench/percentiles';

/** The calls to main that bring a search box its list (the renderer's own copy of the search makes none). */
const SEARCH_CALLS = ['search', 'findAtDoor'];

export type KeystrokeSample = {
  value: string;
  /** keydown → the first frame painted with the results for this text (or a newer one). */
  ms: number;
  /** A newer key came before this one's results: it is answered by the newer results. */
  overtaken: boolean;
  /** keydown → the frame that showed the letter typed. */
  echo: number;
  /** keydown → the page's keydown listener ran (the browser's input delivery, and a busy page). */
  toHandle: number;
  /** keydown → the call for this text sent (null: no call of its own). */
  toSend: number | null;
  roundTrip: number | null;
  toCommit: number | null;
  toPaint: number;
  callId: number | null;
  /** Main's part of the round trip: the call's message read → its answer sent. */
  mainMs: number | null;
};

type MainCall = { readMs: number; sentMs: number | null; name: string };

/**
 * Main's side of each API call, timed in this process: from the socket's message event to the
 * answer handed to the socket. Only the small `{ "id": … }` messages of the API socket are
 * looked at, never the storage socket's traffic.
 */
export function timeMainsSide(): Map<number, MainCall> {
  const calls = new Map<number, MainCall>();
  const prototype = NodeSocket.prototype as unknown as { emit: (...args: unknown[]) => boolean; send: (...args: unknown[]) => void };
  const emit = prototype.emit;
  const send = prototype.send;
  const idOf = (text: string) => /^\{"id":(\d+),/.exec(text)?.[1];
  prototype.emit = function (this: unknown, ...args: unknown[]) {
    const [event, data] = args;
    if (event === 'message' && Buffer.isBuffer(data) && data.length < 2000) {
      const text = data.toString();
      const id = idOf(text);
      const name = /"name":"(\w+)"/.exec(text)?.[1];
      if (id && name) calls.set(Number(id), { readMs: performance.now(), sentMs: null, name });
    }
    return emit.apply(this, args);
  };
  prototype.send = function (this: unknown, ...args: unknown[]) {
    const [data] = args;
    if (typeof data === 'string' && data.startsWith('{"id":')) {
      const call = calls.get(Number(idOf(data.slice(0, 40))));
      if (call && call.sentMs === null) call.sentMs = performance.now();
    }
    send.apply(this, args);
  };
  return calls;
}

/** Before the page's own scripts: each call over the API socket, and its answer's arrival. */
export const recordApiSocket = `(() => {
  const wire = window.__wire = { calls: new Map() };
  const Native = window.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    if (typeof data === 'string' && this.url.includes('/ws/api')) {
      try {
        const call = JSON.parse(data);
        wire.calls.set(call.id, { name: call.name, query: call.payload && call.payload.query, sentAt: performance.now(), answeredAt: null });
      } catch {}
    }
    return send.call(this, data);
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (String(args[0]).includes('/ws/api')) {
        // Added before the client's onmessage, so it runs first and sees the answer arrive.
        this.addEventListener('message', (event) => {
          const id = /^\\{"id":(\\d+),/.exec(event.data);
          const call = id && wire.calls.get(Number(id[1]));
          if (call) call.answeredAt = performance.now();
        });
      }
    }
  };
})()`;

/** Before the page's own scripts: every task of the page's main thread over 50 ms (what would hold a key up). */
export const recordLongTasks = `(() => {
  const tasks = window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask' });
})()`;

/**
 * Waits for the renderer's copy of the customer search (renderer/search/localSearch.ts) to be
 * loaded, and says how long that took and what it held the page's main thread up by.
 */
export async function reportSearchCopyLoad(page: Page, log: (line: string) => void): Promise<void> {
  // (Polled from here: waitForFunction evaluates in the page, which its CSP forbids.)
  const deadline = Date.now() + 600_000;
  while (!(await page.evaluate('performance.getEntriesByName("customer-search-ready").length > 0'))) {
    if (Date.now() > deadline) throw new Error('the page\'s copy of the customer search never loaded');
    await page.waitForTimeout(200);
  }
  const load = await page.evaluate(`(() => {
    const started = performance.getEntriesByName('customer-search-load')[0].startTime;
    const ready = performance.getEntriesByName('customer-search-ready')[0];
    const during = window.__longTasks.filter((task) => task.start + task.duration >= started && task.start <= ready.startTime);
    return { ms: ready.startTime - started, customers: ready.detail.customers, longTasks: during.length, longest: Math.max(0, ...during.map((task) => task.duration)) };
  })()`) as { ms: number; customers: number; longTasks: number; longest: number };
  log(`the page's copy of the search: ${load.customers} customers loaded in ${Math.round(load.ms)} ms; tasks over 50 ms meanwhile: ${load.longTasks}, the longest ${Math.round(load.longest)} ms`);
}

/** Starts recording the keystrokes of one search box and its list (by their test ids); clears earlier samples. */
export async function probeSearchBox(page: Page, input: string, list: string): Promise<void> {
  // (A string, not a function: this file is type-checked without the DOM library.)
  await page.evaluate(`(() => {
    const input = document.querySelector('[data-testid="${input}"]');
    const list = document.querySelector('[data-testid="${list}"]');
    const searchCalls = ${JSON.stringify(SEARCH_CALLS)};
    if (window.__latency) window.__latency.stop();
    const latency = window.__latency = { pending: [], samples: [] };
    let keyAt = 0, handledAt = 0;
    // The event's time stamp is when the key came, not when a busy page got round to it.
    const onKeyDown = (event) => { keyAt = event.timeStamp; handledAt = performance.now(); };
    const onInput = () => {
      if (input.value.trim() === '') return;
      const item = { value: input.value.trim(), at: keyAt, handledAt, echoAt: null };
      // A key that leaves the text searched for as it was (a space between two words): the
      // list shown already answers it, painted with the letter.
      if ((list.getAttribute('data-query') || '') === item.value && latency.pending.length === 0) {
        requestAnimationFrame(() => setTimeout(() => {
          const paintedAt = performance.now();
          latency.samples.push({ value: item.value, ms: paintedAt - item.at, overtaken: false, echo: paintedAt - item.at, toHandle: item.handledAt - item.at, toSend: null, roundTrip: null, toCommit: null, toPaint: 0, callId: null });
        }, 0));
        return;
      }
      latency.pending.push(item);
      // The frame that shows the letter typed: the earliest the results could be shown.
      requestAnimationFrame(() => setTimeout(() => { item.echoAt = performance.now(); }, 0));
    };
    const check = () => {
      const shown = list.getAttribute('data-query') || '';
      const index = latency.pending.findIndex((item) => item.value === shown);
      if (index < 0) return;
      const committedAt = performance.now();
      // Keystrokes overtaken by a newer one are never asked for: they are counted as answered
      // when the newer answer is painted (what staff see), measured from their own key.
      const answered = latency.pending.splice(0, index + 1);
      // rAF runs just before the frame is painted, a task queued from it just after.
      requestAnimationFrame(() => setTimeout(() => {
        const paintedAt = performance.now();
        const last = answered[answered.length - 1];
        // The call that brought this answer: the latest one sent for the text shown since its
        // key (none: the renderer's own copy of the search answered in the page).
        let call = null, callId = null;
        for (const [id, candidate] of window.__wire.calls) {
          if (searchCalls.includes(candidate.name) && candidate.query === shown && candidate.sentAt >= last.at && candidate.answeredAt !== null && candidate.answeredAt <= committedAt) { call = candidate; callId = id; }
        }
        for (const item of answered) {
          const own = item === last;
          latency.samples.push({
            value: item.value, ms: paintedAt - item.at, overtaken: !own,
            echo: item.echoAt === null ? paintedAt - item.at : item.echoAt - item.at,
            toHandle: item.handledAt - item.at,
            toSend: own && call ? call.sentAt - item.at : null,
            roundTrip: own && call ? call.answeredAt - call.sentAt : null,
            toCommit: own && call ? committedAt - call.answeredAt : null,
            toPaint: paintedAt - committedAt,
            callId: own ? callId : null,
          });
        }
      }, 0));
    };
    input.addEventListener('keydown', onKeyDown, true);
    input.addEventListener('input', onInput);
    const observer = new MutationObserver(check);
    observer.observe(list, { attributes: true, attributeFilter: ['data-query'], childList: true, subtree: true });
    latency.stop = () => {
      input.removeEventListener('keydown', onKeyDown, true);
      input.removeEventListener('input', onInput);
      observer.disconnect();
    };
  })()`);
}

/** The samples recorded since `probeSearchBox`, with main's part of each call. */
export async function takeSamples(page: Page, mainCalls: ReadonlyMap<number, MainCall>): Promise<KeystrokeSample[]> {
  const samples = await page.evaluate('(() => { const taken = window.__latency.samples; window.__latency.samples = []; return taken; })()') as Omit<KeystrokeSample, 'mainMs'>[];
  return samples.map((sample) => {
    const call = sample.callId === null ? undefined : mainCalls.get(sample.callId);
    return { ...sample, mainMs: call && call.sentMs !== null ? call.sentMs - call.readMs : null };
  });
}

export function figures(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  max ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} ms`;
}

export function reportKeystrokes(title: string, samples: readonly KeystrokeSample[], options: { each?: boolean } = {}): void {
  console.log(`\n${title}:`);
  console.log(`  keystrokes ${samples.length}  ${figures(samples.map((sample) => sample.ms))}  (overtaken by a newer key: ${samples.filter((sample) => sample.overtaken).length})`);
  // Frames are 16.7 ms apart: "late by 0" is the results in the very frame that showed the letter.
  const late = samples.map((sample) => Math.max(0, Math.round((sample.ms - sample.echo) / (1000 / 60))));
  const count = (test: (frames: number) => boolean) => late.filter(test).length;
  console.log(`  results in the frame that showed the letter: ${count((frames) => frames === 0)}, one frame later: ${count((frames) => frames === 1)}, two or more later: ${count((frames) => frames >= 2)}`);
  console.log(`  keydown → the letter painted: ${figures(samples.map((sample) => sample.echo))}`);
  const own = samples.filter((sample) => sample.roundTrip !== null);
  console.log(`  answered in the page (the renderer's copy of the search): ${samples.filter((sample) => !sample.overtaken && sample.roundTrip === null).length}, by a call to main: ${own.length}`);
  const part = (name: string, pick: (sample: KeystrokeSample) => number | null) =>
    own.length > 0 && console.log(`    ${name.padEnd(36)} ${figures(own.map(pick).filter((value): value is number => value !== null))}`);
  if (own.length > 0) console.log(`  where it went (${own.length} keystrokes whose own call brought the list):`);
  part('keydown → page handles it', (sample) => sample.toHandle);
  part('keydown → call sent', (sample) => sample.toSend);
  part('round trip over the API socket', (sample) => sample.roundTrip);
  part('  of which main (read → answer sent)', (sample) => sample.mainMs);
  part('answer → list committed', (sample) => sample.toCommit);
  part('committed → frame painted', (sample) => sample.toPaint);
  if (!options.each) return;
  for (const sample of samples) {
    const parts = sample.roundTrip === null
      ? `  (echo ${sample.echo.toFixed(1)})`
      : `  (echo ${sample.echo.toFixed(1)}, handled ${sample.toHandle.toFixed(1)}, send ${sample.toSend!.toFixed(1)}, trip ${sample.roundTrip.toFixed(1)}, main ${sample.mainMs?.toFixed(1) ?? '?'}, commit ${sample.toCommit!.toFixed(1)}, paint ${sample.toPaint.toFixed(1)})`;
    console.log(`  ${sample.value.padEnd(16)} ${sample.ms.toFixed(1)} ms${sample.overtaken ? ' (overtaken)' : ''}${parts}`);
  }
}

/** A Chromium trace over CDP (Playwright's own tracing records its actions, not the renderer's work). */
export async function startChromiumTrace(cdp: CDPSession): Promise<{ stop(path: string): Promise<void> }> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing', 'v8.execute', 'toplevel', 'input', 'latencyInfo', 'benchmark', 'cc', 'viz'],
    },
  });
  return {
    async stop(path) {
      const done = new Promise<string>((resolveStream) => cdp.once('Tracing.tracingComplete', (event) => resolveStream(event.stream!)));
      await cdp.send('Tracing.end');
      const stream = await done;
      const out = createWriteStream(path);
      for (;;) {
        const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
        out.write(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64') : chunk.data);
        if (chunk.eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      await new Promise<void>((closed) => out.end(closed));
      console.log(`trace written to ${path}`);
    },
  };
}
