import { describe, expect, it } from 'vitest';
import { localesOf, resolveConfig, showsCall, showsService } from './config.js';

describe('resolveConfig', () => {
  it('treats missing fields as all services and counters, board layout, orientation from the screen, branch locales, voice clips on, repeat 1', () => {
    for (const raw of [undefined, null, {}, 'nonsense', { voice: {} }]) {
      expect(resolveConfig(raw)).toEqual({
        services: null,
        counters: null,
        layout: 'board',
        orientation: 'auto',
        locales: null,
        voice: { enabled: true, repeat: 1, engine: 'clips' },
      });
    }
  });

  it('keeps what the admin set and clamps what makes no sense', () => {
    const c = resolveConfig({
      services: ['svc-social', 'B'],
      layout: 'portrait',
      locales: ['en', 'fr'],
      voice: { enabled: false, repeat: 40, engine: 'browser' },
    });
    expect(c).toEqual({
      services: ['svc-social', 'B'],
      counters: null,
      layout: 'board',
      orientation: 'portrait',
      locales: ['en'],
      voice: { enabled: false, repeat: 5, engine: 'browser' },
    });
    expect(resolveConfig({ layout: 'grid', orientation: 'landscape', voice: { engine: 'x' } })).toMatchObject(
      {
        layout: 'grid',
        orientation: 'landscape',
        voice: { engine: 'clips' },
      },
    );
    expect(localesOf(c, null)).toEqual(['en']);
    expect(localesOf(resolveConfig({}), { locales: ['zh-CN', 'en'] } as never)).toEqual(['zh-CN', 'en']);
  });

  it('filters services and calls by id or prefix, and calls by counter', () => {
    const c = resolveConfig({ services: ['svc-social', 'B'], counters: ['ctr-1', 'ctr-2'] });
    const services = [
      { id: 'svc-social', prefix: 'A' },
      { id: 'svc-medical', prefix: 'B' },
      { id: 'svc-enquiry', prefix: 'D' },
    ] as never[];
    expect(showsService(c, { id: 'svc-medical', prefix: 'B' })).toBe(true);
    expect(showsService(c, { id: 'svc-enquiry', prefix: 'D' })).toBe(false);
    const call = (serviceId: string, counterId: string) => ({ serviceId, counterId }) as never;
    expect(showsCall(c, call('svc-medical', 'ctr-1'), services)).toBe(true);
    expect(showsCall(c, call('svc-enquiry', 'ctr-1'), services)).toBe(false);
    expect(showsCall(c, call('svc-social', 'ctr-3'), services)).toBe(false);
  });
});
