/**
 * Every text a French-speaking user sees. The memo's texts are quoted word for word (its
 * spelling included: « b-a-l », « m-d-p », « mot-de-passe »); do not "correct" them, clients
 * compare the screen with the memo they hold.
 */
import { backOfficeFr } from './back-office.fr.js';

export const fr = {
  lang: 'fr',
  memo: {
    identificationTitle: 'Identification',
    identifiantLabel: 'Identifiant',
    passwordLabel: 'Mot de passe',
    loginButton: 'Connexion',
    credentialsLink: 'identifiant, mot de passe.....',
    forgottenLink: 'mot-de-passe oublié',
    activationTitle: 'Activation du compte',
    emailLabel: 'Courriel',
    sendButton: 'ENVOYER',
    mailSent: 'Un courriel a été envoyé dans votre b-a-l, avec des instructions.',
    mailDelay: 'La réception peut atteindre 5 min. Vérifiez éventuellement dans vos SPAMS',
    notRecognized: 'Identifiant et/ou m-d-p non reconnu(s)',
    retryCarefully: "Recommencer l'opération, en prenant soin de saisir correctement le courriel.",
    contactIt: 'Si le problème persiste, contacter le Service IT.',
  },
  backOffice: backOfficeFr,
} as const;

type Widen<T> = T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language's catalogue has. */
export type Texts = Widen<typeof fr>;
