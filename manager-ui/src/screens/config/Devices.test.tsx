// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../store';
import { fakeServer, hall, resetAfterEach, seedManager } from '../../testing/fixtures';
import { Devices } from './Devices';

resetAfterEach();

const device = (id: string, kind: string, over: object = {}) => ({
  id,
  kind,
  branchId: 'demo-hall',
  counterId: null,
  name: id,
  config: {},
  paired: true,
  revoked: false,
  tokenExpiresAt: null,
  lastSeenAt: null,
  online: false,
  pairingExpiresAt: null,
  ...over,
});

function devicesServer() {
  const server = fakeServer();
  server.routes['devices:list'] = () => [
    200,
    [
      device('kiosk-1', 'kiosk', { name: 'Entrance kiosk', online: true }),
      device('display-1', 'display', { name: 'Hall board', lastSeenAt: Date.UTC(2026, 0, 5, 8, 30) }),
      device('pad-1', 'pad', { name: 'Pad 1', counterId: 'ctr-1', paired: false }),
    ],
  ];
  return server;
}

describe('devices', () => {
  it('lists devices by kind with presence and pairing state', async () => {
    setLocale('en');
    seedManager(hall());
    devicesServer();
    render(<Devices />);
    await screen.findByText('Entrance kiosk');
    expect(document.querySelector('[data-device=kiosk-1]')?.textContent).toContain('Online');
    expect(document.querySelector('[data-device=display-1]')?.textContent).toContain('Offline');
    expect(document.querySelector('[data-device=pad-1]')?.textContent).toContain('Not paired');
    expect(document.querySelector('[data-kind=led]')).toBeNull();
  });

  it('creates a kiosk and shows its pairing link, code, QR code and expiry', async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = devicesServer();
    server.routes['devices:create'] = () => [
      201,
      {
        device: device('kiosk-2', 'kiosk', { name: '二号取号机', paired: false }),
        pairingUrl: 'http://hall.local/kiosk/?pair=12345678',
        pairingCode: '12345678',
        expiresAt: Date.UTC(2026, 0, 5, 9, 0),
      },
    ];
    const { container } = render(<Devices />);
    await screen.findByText('Entrance kiosk');
    fireEvent.input(container.querySelector('input[name=device-name]')!, { target: { value: '二号取号机' } });
    fireEvent.click(container.querySelector('[data-action=add-device]')!);
    const card = await screen.findByTestId('pairing-card');
    expect(screen.getByTestId('pairing-code').textContent).toBe('1234 5678');
    expect(screen.getByTestId('pairing-url').getAttribute('href')).toBe(
      'http://hall.local/kiosk/?pair=12345678',
    );
    expect(card.querySelector('svg path')?.getAttribute('d')?.length).toBeGreaterThan(100);
    expect(server.requestsTo('devices:create')[0]?.body).toEqual({
      kind: 'kiosk',
      name: '二号取号机',
      config: {},
    });
  });

  it('a pad needs a counter; revoking asks once', async () => {
    setLocale('en');
    seedManager(hall());
    const server = devicesServer();
    const { container } = render(<Devices />);
    await screen.findByText('Entrance kiosk');
    fireEvent.change(container.querySelector('select[name=device-kind]')!, { target: { value: 'pad' } });
    fireEvent.input(container.querySelector('input[name=device-name]')!, { target: { value: 'Pad 2' } });
    const add = container.querySelector('[data-action=add-device]') as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    fireEvent.change(container.querySelector('select[name=device-counter]')!, { target: { value: 'ctr-2' } });
    expect(add.disabled).toBe(false);
    fireEvent.click(document.querySelector('[data-device=display-1] [data-action=revoke]')!);
    expect(screen.getByRole('dialog').textContent).toContain('Revoke the device "Hall board"?');
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await waitFor(() => expect(server.requestsTo('device:revoke')).toHaveLength(1));
    expect(server.requestsTo('device:revoke')[0]?.params).toEqual({ deviceId: 'display-1' });
  });

  it('sets a kiosk printer on TCP with paper width and Chinese mode', async () => {
    setLocale('en');
    seedManager(hall());
    const server = devicesServer();
    const { container } = render(<Devices />);
    await screen.findByText('Entrance kiosk');
    fireEvent.click(document.querySelector('[data-device=kiosk-1] [data-action=configure]')!);
    fireEvent.change(container.ownerDocument.querySelector('select[name=printer-kind]')!, {
      target: { value: 'tcp' },
    });
    fireEvent.input(container.ownerDocument.querySelector('input[name=printer-host]')!, {
      target: { value: '10.0.0.20' },
    });
    fireEvent.change(container.ownerDocument.querySelector('select[name=printer-paper]')!, {
      target: { value: '58mm' },
    });
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await waitFor(() => expect(server.requestsTo('device:update')).toHaveLength(1));
    expect(server.requestsTo('device:update')[0]?.body).toEqual({
      config: { printer: { kind: 'tcp', host: '10.0.0.20', paper: '58mm' } },
    });
  });
});
