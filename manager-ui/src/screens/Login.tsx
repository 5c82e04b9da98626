import { Login as StaffLogin } from '@guichet/counter-ui/staff';
import { t } from '../store';

/**
 * Sign in with a username or staff number. Only managers, supervisors and admins get in; a
 * clerk's new session is ended at once and the clerk is sent, in both languages, to the
 * counter console.
 */
export function Login() {
  return (
    <StaffLogin
      title={t('loginTitle')}
      hint={t('loginHint')}
      admit={(user) => user.role !== 'clerk'}
      refusal={
        <div class="refusal" role="alert" data-testid="clerk-refused">
          <p lang="zh-CN">{t('clerkRefused')}</p>
          <p lang="en">{t('clerkRefusedEn')}</p>
          <a class="btn btn-primary" href="/counter/">
            {t('goToCounter')}
          </a>
        </div>
      }
    />
  );
}
