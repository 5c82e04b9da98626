import { Login as StaffLogin } from '../staff';
import { t } from '../store';

/** Sign in with a username or a staff number (工号) and a password; every staff role may open a counter. */
export function Login() {
  return <StaffLogin title={t('loginTitle')} />;
}
