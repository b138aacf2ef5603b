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
  mail: {
    subject: 'eGEC application – Email no. {number} of {date} at {time}',
    sequence: 'Email no. {number} of {date} at {time}',
    civilityMr: 'Mr',
    civilityMrs: 'Ms',
    greetingNamed: 'Hello {civility} {name},',
    greeting: 'Hello,',
    intro: 'To sign in to the application ( {url} ), please note the details below.',
    account: 'Client file: {name}',
    identifiantIs: 'Your client ID is:',
    passwordIs: 'Your password is:',
    notesTitle: 'NOTES:',
    notes: [
      'Mind **upper and lower case**.',
      "'0' = Zero, 'O' = capital letter O.",
      "If you copy and paste, make sure you have **not copied any 'spaces'** before or after the client ID and the password.",
      "If you have trouble signing in, click 'forgotten password' (sign-in page) to get a new password.",
      'If you have received several emails, use **only the last one**.',
    ],
    thanks: 'Thank you.',
    footer: '*** AUTOMATIC MESSAGE FROM THE SERVER. DO NOT REPLY TO THIS EMAIL ***',
  },
};
