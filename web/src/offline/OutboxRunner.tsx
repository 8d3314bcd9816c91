// At the app's root, for a signed-in account only (loaded then, never on an anonymous visit): sends
// what waits in the outbox at once, then on every chance (./runner.ts), and brings the query cache
// up to date with each answer, whoever got it (this page, another tab, the service worker). A
// session found gone asks `me` again, which sends the officer to sign in (applyOutboxEvent).
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { applyOutboxEvent, outboxTransport } from '../api/mutations';
import { onOutbox } from './events';
import { startOutbox } from './runner';

export default function OutboxRunner({ username }: { username: string }) {
  const client = useQueryClient();
  useEffect(() => onOutbox((e) => applyOutboxEvent(client, e)), [client]);
  useEffect(() => startOutbox(outboxTransport), [username]);
  return null;
}
