/**
 * The staff screens' shared Preact pieces (`@guichet/counter-ui/staff`): the sign-in form, the
 * modal dialog, the language switch, the language/session store they read, and their words.
 * See README.md for what belongs here and who may import it.
 */
import './staff.css';

export { Dialog, trapTarget } from './Dialog';
export { InputField } from './InputField';
export { LanguageSwitch } from './LanguageSwitch';
export { Login } from './Login';
export { createStaffStore, type Session, type StaffStore, staff } from './store';
export { format, refusalWords, STAFF_EN, STAFF_ZH, type StaffKey } from './strings';
export { LOAD_RETRY_MIN_MS, useSessionLoad } from './useSessionLoad';
