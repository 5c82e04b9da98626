import '@guichet/server/kit/fonts.css';
import { redeemPairingCode } from '@guichet/server/kit';
import { render } from 'preact';
import { Pad, padToken, TOKEN_KEY } from './pad/Pad';
import { ConsoleApp } from './screens/ConsoleApp';
import { locale } from './store';
import './styles.css';

/** /counter/ is the clerk's console; /counter/pad is the rating pad facing the citizen. */
const root = document.getElementById('app')!;
const isPad = /\/pad\/?$/.test(location.pathname);
document.documentElement.lang = isPad ? 'zh-CN' : locale.value;
document.title = isPad ? '服务评价 · Rating' : 'Guichet 窗口 · Counter';
if (isPad) {
  // A pairing link (`/counter/pad?pair=<code>`) is exchanged for the pad's token first.
  void redeemPairingCode(TOKEN_KEY).then((pairing) =>
    render(<Pad token={padToken()} codeRefused={pairing.kind === 'refused'} />, root),
  );
} else render(<ConsoleApp />, root);
