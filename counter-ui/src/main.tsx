import { render } from 'preact';
import { Pad, padToken } from './pad/Pad';
import { ConsoleApp } from './screens/ConsoleApp';
import { locale } from './store';
import './styles.css';

/** /counter/ is the clerk's console; /counter/pad is the rating pad facing the citizen. */
const root = document.getElementById('app')!;
const isPad = /\/pad\/?$/.test(location.pathname);
document.documentElement.lang = isPad ? 'zh-CN' : locale.value;
document.title = isPad ? '服务评价 · Rating' : 'Guichet 窗口 · Counter';
render(isPad ? <Pad token={padToken()} /> : <ConsoleApp />, root);
