import '@guichet/server/kit/fonts.css';
import { render } from 'preact';
import { bootKiosk } from './kiosk/actions';
import { KioskApp } from './kiosk/KioskApp';
import { bootPhone } from './phone/actions';
import { PhoneApp } from './phone/PhoneApp';
import './styles.css';

/** /kiosk/track is the citizen's phone page; everything else under /kiosk/ is the kiosk. */
const root = document.getElementById('app');
if (root) {
  if (/\/track\/?$/.test(window.location.pathname)) {
    document.documentElement.classList.add('is-phone');
    bootPhone();
    render(<PhoneApp />, root);
  } else {
    document.documentElement.classList.add('is-kiosk');
    void bootKiosk();
    render(<KioskApp />, root);
  }
}
