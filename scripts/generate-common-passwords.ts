/**
 * Writes `assets/common-passwords.txt`: passwords people pick most, as lower-case lines.
 *
 * Source: made here, offline and reproducibly, from base words that head every public
 * breach-frequency list (English and French: « password », « azerty », « soleil », first names,
 * football clubs…) combined with the endings people add to reach a length rule (digits runs,
 * years, « ! »), plus keyboard walks and digit runs. Only lines of 8 characters or more are kept:
 * shorter ones are refused by length anyway. Run: `npx tsx scripts/generate-common-passwords.ts`.
 */
import fs from 'node:fs';

const words = `password passw0rd motdepasse motdepass iloveyou jetaime princess princesse sunshine soleil
qwerty qwertyuiop azerty azertyuiop qwertz asdfgh asdfghjkl zxcvbnm wxcvbn football soccer baseball
basketball dragon monkey letmein welcome bienvenue admin administrator administrateur root master
shadow superman batman spiderman pokemon starwars trustno1 whatever freedom chocolate chocolat
computer internet secret secure security access login changeme default bonjour salut coucou
doudou chouchou loulou nounours cheval chaton chouette amour toujours lapin papillon marseille
paris lyon toulouse bordeaux nantes lille france allezlom psg olympique liverpool chelsea arsenal
barcelona realmadrid juventus manchester nicolas camille julien thomas alexandre antoine maxime
sebastien pierre jeanne marie sophie isabelle nathalie stephanie celine julie laura sarah emma
michael jessica jennifer ashley daniel matthew andrew joshua charlie robert thomas jordan hunter
ranger buster tigger summer winter autumn spring flower jasmine angel angels anthony hello
hellokitty helloworld killer pepper ginger cookie cheese orange banana apple purple yellow
silver golden diamond maggie bailey charlie michelle nicole lovely loveme lover family familia
friends forever mustang ferrari porsche mercedes corvette harley yamaha ninja samurai matrix
warrior phoenix tiger lion eagle falcon wolf jordan23 michael23 azerty123 qwerty123 abc123
abcdef abcdefg abcdefgh abcd1234 aaaaaa zzzzzz unknown test testing tester user guest service
support helpdesk cabinet comptable expert compta egec client office bureau entreprise societe
motdepasseoublie nouveau nouveaumotdepasse changeme123 welcome123 letmein123 password123`
  .split(/\s+/)
  .filter(Boolean);

const endings = ['', '1', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '!', '1!', '123!', '1234!', '@123', '01',
  '007', '69', '99', '00', '11', '13', '2', '22', '23', '#1', '.', '?', '*'];
for (let year = 1970; year <= 2030; year++) endings.push(String(year), `${year}!`);

const walks = ['1qaz2wsx3edc', '1qaz2wsx', 'qazwsxedc', 'qazwsxedcrfv', 'zaq12wsx', 'zaq1zaq1', '1q2w3e4r5t', '1q2w3e4r5t6y',
  '1q2w3e4r', 'q1w2e3r4t5y6', 'a1z2e3r4t5y6', 'azertyuiopqsdfghjklm', 'qwertyuiopasdfghjkl', 'poiuytreza', 'mnbvcxz',
  'qwe123qwe123', 'asd123asd123', '!qaz@wsx', '!q2w3e4r', 'p@ssw0rd', 'p@ssword', 'pa$$word', 'passw0rd!', 'p@$$w0rd'];

const out = new Set<string>();
const add = (candidate: string) => {
  if (candidate.length >= 8) out.add(candidate.toLowerCase());
};
for (const word of words) {
  for (const ending of endings) add(word + ending);
  for (const ending of ['', '1', '123', '!']) add(word + word + ending);
}
for (const walk of walks) for (const ending of ['', '1', '!', '123', '2024', '2025', '2026']) add(walk + ending);
for (let length = 8; length <= 20; length++) {
  add('1234567890'.repeat(2).slice(0, length));
  add('0987654321'.repeat(2).slice(0, length));
  for (const c of '0123456789abcdefghijklmnopqrstuvwxyz!*.') add(c.repeat(length));
}
const file = new URL('../assets/common-passwords.txt', import.meta.url);
fs.writeFileSync(file, `${[...out].sort().join('\n')}\n`);
process.stdout.write(`${out.size} lines written to ${file.pathname}\n`);
