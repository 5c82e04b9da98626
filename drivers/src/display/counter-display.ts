import type { DisplayLink, SerialBus } from './serial-bus.js';

export interface CounterDisplayMessages {
  /** Template for a call; `{code}` and `{counter}` are replaced. Default '{code}'. */
  called: string;
  idle: string;
  paused: string;
  closed: string;
  /** How long a newly called code blinks before it stays steady. */
  calledBlinkSeconds: number;
}

export const DEFAULT_COUNTER_MESSAGES: Readonly<CounterDisplayMessages> = Object.freeze({
  called: '{code}',
  idle: '',
  paused: 'PAUSE',
  closed: 'CLOSED',
  calledBlinkSeconds: 10,
});

/**
 * What the LED display above one counter shows. It only states the desired content; the bus
 * delivers it, retries, and replays it after an unplug, so these methods return at once.
 */
export class CounterDisplay {
  readonly messages: CounterDisplayMessages;

  constructor(
    private readonly bus: SerialBus,
    readonly address: number,
    messages: Partial<CounterDisplayMessages> = {},
  ) {
    this.messages = { ...DEFAULT_COUNTER_MESSAGES, ...messages };
  }

  /** The called ticket code, blinking for `calledBlinkSeconds`, then steady. */
  showCalled(code: string, counterNumber: number): void {
    const text = this.messages.called
      .replaceAll('{code}', code)
      .replaceAll('{counter}', String(counterNumber).padStart(2, '0'));
    this.bus.setContent(this.address, { kind: 'show', text, blinkSeconds: this.messages.calledBlinkSeconds });
  }

  showIdle(): void {
    this.showSteady(this.messages.idle);
  }

  showPaused(): void {
    this.showSteady(this.messages.paused);
  }

  showClosed(): void {
    this.showSteady(this.messages.closed);
  }

  showText(text: string): void {
    this.showSteady(text);
  }

  setBrightness(level0to15: number): void {
    this.bus.setBrightness(this.address, level0to15);
  }

  /** Blink (or stop blinking) the text already shown; QLP/1 only, ignored by other protocols. */
  blink(on: boolean, periodMs = 500, count = 0): void {
    this.bus.setBlink(this.address, on, periodMs, count);
  }

  get link(): DisplayLink {
    return this.bus.link(this.address);
  }

  private showSteady(text: string): void {
    this.bus.setContent(
      this.address,
      text === '' ? { kind: 'clear' } : { kind: 'show', text, blinkSeconds: 0 },
    );
  }
}
