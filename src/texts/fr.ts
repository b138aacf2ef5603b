/**
 * Every text a French-speaking user sees. The memo's texts are quoted word for word (its
 * spelling included: « b-a-l », « m-d-p », « mot-de-passe »); do not "correct" them, clients
 * compare the screen with the memo they hold.
 */
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
  /**
   * The credentials mail (memo point 4). `{…}` are filled in; `**…**` is the memo's bold, shown
   * bold in the HTML part and plain in the text part.
   */
  mail: {
    subject: 'Application eGEC – Courriel n°{number} du {date} à {time}',
    sequence: 'Courriel n°{number} du {date} à {time}',
    civilityMr: 'M.',
    civilityMrs: 'Mme',
    greetingNamed: '{civility} {name}, bonjour,',
    greeting: 'Bonjour,',
    intro: "Pour vous connecter à l'application ( {url} ), Veuillez noter les informations ci-dessous.",
    account: 'Dossier client : {name}',
    identifiantIs: 'Votre identifiant CLIENT est:',
    passwordIs: 'Votre mot-de-passe est:',
    notesTitle: 'NOTES:',
    notes: [
      'Respectez les **majuscules et minuscules**.',
      "'0' = Zero, 'O' = Lettre O majuscule.",
      "Si vous effectuez un 'copier/coller', assurez-vous de ne **pas avoir copié des 'espaces'** devant ou derrière l'identifiant et le mot-de-passe .",
      "Si vous rencontrez des difficultés pour vous connecter, cliquez sur 'mot-de-passe oublié' (page d'authentification) pour générer un nouveau mot-de-passe.",
      'Si vous avez réceptionné plusieurs mails, prenez en compte **uniquement le dernier**.',
    ],
    thanks: 'Merci.',
    footer: '*** MESSAGE AUTOMATIQUE DU SERVEUR. NE PAS RÉPONDRE À CE COURRIEL ***',
  },
} as const;

type Widen<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? readonly Widen<U>[]
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language's catalogue has. */
export type Texts = Widen<typeof fr>;
