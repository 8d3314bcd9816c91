import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSseParser, decodeNotification, encodeNotification, figuresChanged, SSE_HEARTBEAT, sseFrame, type LiveEvent, type LiveNotice } from '../src/domain/live';

describe('the NOTIFY payload between instances', () => {
  it('carries the round and the instance that wrote', () => {
    expect(decodeNotification(encodeNotification(figuresChanged({ period: 'm10-2026' }), 'a1'))).toEqual({ origin: 'a1', notice: figuresChanged({ period: 'm10-2026' }) });
    expect(decodeNotification(encodeNotification(figuresChanged({ period: null }), 'a1'))).toEqual({ origin: 'a1', notice: figuresChanged({ period: null }) });
  });

  it('carries a playlist edited, by its id', () => {
    const edited: LiveNotice = { type: 'playlist', playlist: { id: 7 } };
    expect(decodeNotification(encodeNotification(edited, 'a1'))).toEqual({ origin: 'a1', notice: edited });
  });

  it('reads anything else (an older instance, garbage, nothing, a bad id) as a change of anything', () => {
    for (const p of ['1764700000000', '', null, undefined, '{', '[1]', '{"p":5}', '{"pl":0}', '{"pl":"7"}', '{"pl":1.5}']) {
      expect(decodeNotification(p).notice, String(p)).toEqual({ type: 'change', change: { period: null } });
    }
  });
});

describe('the event stream', () => {
  const events: LiveEvent[] = [
    { type: 'hello', heartbeatMs: 1000 },
    { type: 'change', change: { period: 'm10-2026' } },
    { type: 'change', change: { period: null } },
    { type: 'playlist', playlist: { id: 12 } },
    { type: 'refused', message: 'Đường dẫn trình chiếu không còn hiệu lực' },
  ];

  it('reads back what it writes, heartbeats skipped', () => {
    const feed = createSseParser();
    const text = events.map(sseFrame).join(SSE_HEARTBEAT);
    expect(feed(text)).toEqual(events);
  });

  it('whatever pieces the network cuts the text into, and with \\r\\n line ends', () => {
    const text = (SSE_HEARTBEAT + events.map(sseFrame).join(SSE_HEARTBEAT)).replace(/\n/g, '\r\n');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
        const at = [...new Set([0, ...cuts, text.length])].sort((a, b) => a - b);
        const feed = createSseParser();
        const got = at.slice(1).flatMap((end, i) => feed(text.slice(at[i], end)));
        expect(got).toEqual(events);
      }),
    );
  });

  it('skips events it does not know and data that is not JSON', () => {
    const feed = createSseParser();
    expect(feed('event: other\ndata: {}\n\nevent: change\ndata: not json\n\ndata: {"period":"x"}\n\nevent: playlist\ndata: {"id":"x"}\n\n')).toEqual([]);
  });
});
