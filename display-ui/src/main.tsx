import '@guichet/server/kit/fonts.css';
import { render } from 'preact';
import { DisplayApp } from './app.js';
import { App } from './components/App.js';
import './styles.css';

const app = new DisplayApp(window);
const root = document.getElementById('app');
if (root) render(<App app={app} />, root);
void app.start();
