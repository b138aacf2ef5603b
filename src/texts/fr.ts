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
    emailHint: 'Celui transmis à nos services et enregistré dans votre dossier Client.',
  },
  portal: {
    siteName: 'eGEC',
    /** Address of the firm's logo, empty when none (set from EGEC_BRAND_LOGO). */
    siteLogo: '',
    otherLanguage: 'English',
    otherLanguageCode: 'en',
    backToIdentification: "Retour à l'identification",
    identificationPageTitle: 'Identification',
    activationPageTitle: 'Activation du compte',
    sentPageTitle: 'Courriel envoyé',
    spacePageTitle: 'Espace client',
    errorPageTitle: 'Erreur',
  },
  fields: {
    identifiantMissing: 'Saisissez votre identifiant (10 chiffres).',
    passwordMissing: 'Saisissez votre mot de passe.',
    showPassword: 'Afficher le mot de passe',
    emailMissing: 'Saisissez votre courriel.',
    emailTooLong: 'Ce courriel est trop long (254 caractères au plus).',
    emailControl: 'Ce courriel contient des caractères non autorisés (retour à la ligne…).',
    emailMalformed: 'Ce courriel est incomplet : une adresse comme nom@exemple.fr est attendue.',
    tooLong: 'Cette saisie est trop longue.',
    repeated: 'Le formulaire est incomplet ou mal formé : rechargez la page et recommencez.',
  },
  /** Beyond the memo: ENVOYER refused by the rate limits (429). The memo's Service IT line follows. */
  activation: {
    limited: "Trop de demandes d'activation pour ce courriel ou depuis cette connexion : aucun courriel n'a été envoyé et aucun mot de passe n'a été changé.",
    retryIn: 'Réessayez dans {wait}.',
    waitSeconds: '{count} s',
    waitMinutes: '{count} min',
    waitHours: '{hours} h {minutes} min',
  },
  sent: {
    status: 'Envoi :',
    pending: 'en cours de remise au serveur de messagerie.',
    accepted: 'accepté par le serveur de messagerie le',
    retrying: "le serveur de messagerie ne répond pas, nouvel essai automatique. Si le courriel n'arrive pas, contacter le Service IT.",
    failed: "échec de l'envoi. Contacter le Service IT.",
    superseded: 'remplacé par un envoi plus récent.',
    refresh: 'Actualiser',
  },
  space: {
    hello: 'Bonjour',
    civility: { 'M.': 'M.', Mme: 'Mme' },
    identifiant: 'Votre identifiant',
    email: 'Courriel enregistré',
    previousLogin: 'Connexion précédente',
    firstLogin: 'première connexion',
    logout: 'Déconnexion',
  },
  mailbox: {
    title: 'Boîte aux lettres intégrée',
    heading: 'Boîte aux lettres intégrée',
    warning:
      "Pour essayer eGEC seulement : aucun serveur de messagerie n'est configuré (EGEC_SMTP_URL), les courriels restent ici et montrent les mots de passe.",
    empty: 'Aucun courriel pour le moment.',
    to: 'À',
    subject: 'Objet',
    date: 'Date',
    back: 'Tous les courriels',
    refresh: 'Actualiser',
  },
  errors: {
    expired: 'La page a expiré. Rechargez-la et recommencez.',
    notFound: "Cette page n'existe pas.",
    forbidden: 'Accès refusé.',
    badRequest: 'Requête invalide.',
    unexpected: 'Une erreur est survenue. Réessayez dans un instant ; si le problème persiste, contacter le Service IT.',
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
  security: {
    refusedTitle: 'Demande refusée',
    crossSite: "Cette demande ne vient pas d'une page d'eGEC ; elle a été refusée. Ouvrez eGEC à son adresse habituelle, puis recommencez.",
    accountLocked: 'Compte temporairement bloqué après plusieurs essais infructueux.',
    accountLockedHelp:
      'Réessayez plus tard, ou demandez un nouveau mot-de-passe dans le pavé Activation du compte : le compte sera débloqué.',
    loginLimited: 'Trop de tentatives de connexion depuis votre adresse. Réessayez dans {wait}.',
    loginLimitedHelp: 'Si vous avez oublié votre mot de passe, demandez-en un nouveau dans le pavé Activation du compte, ou contactez {contact}.',
  },
  backOffice: backOfficeFr,
} as const;

type Widen<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? readonly Widen<U>[]
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language's catalogue has. */
export type Texts = Widen<typeof fr>;
