import '@guichet/server/kit/fonts.css';
import { render } from 'preact';
import { App } from './screens/App';
import { locale } from './store';
import './styles.css';

/** /manager/ is the manager area: hall overview, front desk, notices and emergency. */
document.documentElement.lang = locale.value;
document.title = 'Guichet · 管理 · Manager';
render(<App />, document.getElementById('app')!);
