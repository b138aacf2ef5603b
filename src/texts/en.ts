import { backOfficeEn } from './back-office.en.js';
import type { Texts } from './fr.js';

/** English, the second locale. The memo's French names of panels stay recognisable in brackets. */
export const en: Texts = {
  lang: 'en',
  memo: {
    identificationTitle: 'Sign in (Identification)',
    identifiantLabel: 'Client ID',
    passwordLabel: 'Password',
    loginButton: 'Sign in',
    credentialsLink: 'client ID, password.....',
    forgottenLink: 'forgotten password',
    activationTitle: 'Account activation (Activation du compte)',
    emailLabel: 'Email',
    sendButton: 'SEND',
    mailSent: 'An email with instructions has been sent to your mailbox.',
    mailDelay: 'It may take up to 5 min to arrive. Check your spam folder too',
    notRecognized: 'Client ID and/or password not recognised',
    retryCarefully: 'Try again, taking care to type the email address correctly.',
    contactIt: 'If the problem persists, contact the IT Service.',
  },
  backOffice: backOfficeEn,
};
