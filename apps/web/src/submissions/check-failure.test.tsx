import type { CheckOutcome, RecordedExchange } from '@groundwork/contracts';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { CheckFailure } from './check-failure';

type FailedOutcome = Extract<CheckOutcome, { status: 'fail' }>;

const CURL = `curl -i 'http://127.0.0.1:8080/chat' -H 'upgrade: websocket'`;
const WEBSOCAT = `websocat 'ws://127.0.0.1:8080/chat'`;

const upgrade: RecordedExchange = {
  method: 'GET',
  url: 'http://127.0.0.1:8080/chat',
  request: { headers: { upgrade: 'websocket' }, bodyBytes: 0 },
  response: {
    status: 101,
    headers: { upgrade: 'websocket' },
    bodyExcerpt: '',
    bodyBytes: 0,
    isBodyTruncated: false,
  },
  timingMs: 5003,
  curl: CURL,
};

function failure(exchange: RecordedExchange): FailedOutcome {
  return {
    status: 'fail',
    expected: 'a "subscribed" message',
    actual: 'no "subscribed" message within 5 s',
    hint: 'The WebSocket at /chat did not deliver a "subscribed" message.',
    topic: 'websockets',
    exchange,
  };
}

function renderFailure(outcome: FailedOutcome) {
  return render(
    <MemoryRouter>
      <CheckFailure outcome={outcome} topicTitle="WebSockets" />
    </MemoryRouter>,
  );
}

function mockClipboard() {
  const writeText = vi.fn().mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return writeText;
}

describe('CheckFailure', () => {
  it('lists a WebSocket conversation frame by frame, saying in words who sent each', () => {
    renderFailure(
      failure({
        ...upgrade,
        frames: [
          { direction: 'sent', atMs: 0.4, text: '{"type":"subscribe","room":"lobby"}' },
          { direction: 'received', atMs: 120.4, text: '{"text":"\u001b[31mred\u0000]]>"}' },
          { direction: 'event', atMs: 5002, text: 'closed with code 1000' },
        ],
        websocat: WEBSOCAT,
      }),
    );
    const list = screen.getByRole('list', { name: 'Frames' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      '→ sent0 ms{"type":"subscribe","room":"lobby"}',
      // what a page would hide is shown as an escape
      String.raw`← received120 ms{"text":"\x1b[31mred\x00]]>"}`,
      '· event5002 msclosed with code 1000',
    ]);
  });

  it('offers the websocat command, not the curl of the upgrade, and copies it', async () => {
    const writeText = mockClipboard();
    renderFailure(failure({ ...upgrade, frames: [], websocat: WEBSOCAT }));
    expect(screen.getByText(WEBSOCAT)).toBeTruthy();
    expect(screen.queryByText(CURL)).toBeNull();
    expect(screen.queryByRole('list', { name: 'Frames' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy command' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(writeText).toHaveBeenCalledWith(WEBSOCAT);
  });

  it('keeps the curl command for an HTTP failure, with no frames list', async () => {
    const writeText = mockClipboard();
    renderFailure(failure(upgrade));
    expect(screen.getByText(CURL)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Frames' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy curl' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(writeText).toHaveBeenCalledWith(CURL);
  });
});
