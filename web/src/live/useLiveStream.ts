// One live stream per page (issue 13): every change the server announces reads again exactly the
// queries it touches (./invalidate.ts), a playlist edited reads that playlist again; a stream back
// after a loss reads every figure and playlist again (what changed meanwhile is unknown).
// Returns the stream's state, which the big screen shows and which turns polling on only where
// the stream cannot be opened (./stream.ts).
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ANY_CHANGE } from '@nq57/shared';
import { applyChange, applyPlaylistChange } from './invalidate';
import { connectLive, type LiveState } from './stream';

export interface LiveStreamOptions {
  /** a briefing link's token, sent as x-briefing-token */
  token?: string | null;
  playlist?: number | null;
  /** the round the screen's address pins (?ky=), which a briefing link's stream then follows */
  period?: string;
  /** a new identity (signed in or out) opens a new stream */
  who?: string | null;
  enabled?: boolean;
}

export function useLiveStream({ token = null, playlist = null, period, who = null, enabled = true }: LiveStreamOptions = {}) {
  const client = useQueryClient();
  const [live, setLive] = useState<{ state: LiveState; message?: string }>({ state: 'connecting' });
  useEffect(() => {
    if (!enabled) return;
    return connectLive({
      headers: token ? { 'x-briefing-token': token } : undefined,
      playlist,
      period,
      onChange: (change) => void applyChange(client, change),
      onPlaylist: (playlist) => void applyPlaylistChange(client, playlist),
      onResync: () => {
        void applyChange(client, ANY_CHANGE);
        void applyPlaylistChange(client, 'any');
      },
      onState: (state, message) => setLive({ state, message }),
    });
  }, [client, token, playlist, period, who, enabled]);
  return live;
}
