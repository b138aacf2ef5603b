/**
 * Figures for one `egec serve` under load, each beside its baseline measured in the same run:
 * login and failed login against raw argon2id verifications/s, activation against raw hashes/s,
 * GET / against bare Fastify; memory idle and under the login load; and the event loop's delay
 * under that load against the time of one verification (were hashing on the event loop, every
 * request would wait for the hashes queued before it).
 */
import type { SmtpSink } from '../src/test-support/smtp-sink.js';
import { identifiantOf } from './client-files.js';
import { scrape, type EgecServer } from './egec-server.js';
import type { Figure } from './figures.js';
import { LOOP_RESOLUTION_MS, oneVerifyMs, rawHashes, rawVerifies } from './hash-baseline.js';
import { load } from './load.js';
import type { BenchOptions } from './options.js';
import { ACTIVATION_CONNECTIONS, activations, bareFastify, failedLogins, identificationPage, mailedPassword, validLogins } from './web-scenarios.js';

/** Requests/s of the /healthz probe beside the login load: enough samples for a p99, no load. */
const HEALTHZ_PROBE_RATE = 50;
const VERIFY_COUNT = 'egec_password_hash_duration_seconds_count{operation="verify"}';

export async function webFigures(server: EgecServer, sink: SmtpSink, options: BenchOptions, rows: number, dir: string): Promise<Figure[]> {
  const o = { durationS: options.durationS, connections: options.connections };
  const { argon2, durationS, connections } = options;
  // What a request would take at the raw rate with `connections` in flight (Little's law).
  const littleMs = (perSecond: number) => (connections / perSecond) * 1000;
  const verifyMs = await oneVerifyMs(argon2);

  await identificationPage(server, { ...o, durationS: 1 }); // warm-up (JIT, pools)
  const idleRss = server.rssMb();
  const page = await identificationPage(server, o);
  const bare = await bareFastify(server, o, dir);

  const rawHash = await rawHashes(argon2, durationS, connections);
  const activation = await activations(server, o, rows);
  const password = await mailedPassword(server, sink, 0);

  const rawLogin = await rawVerifies(argon2, durationS, connections);
  const verifiesBefore = await scrape(server, VERIFY_COUNT);
  await scrape(server, 'egec_nodejs_eventloop_lag_p99_seconds'); // a scrape resets the delay monitor
  let peakRss = server.rssMb();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssMb())), 200);
  const [login, probe] = await Promise.all([
    validLogins(server, o, identifiantOf(0), password),
    // Paced: a probe sent back to back would itself load the two cores the logins hash on.
    load(server.url('/healthz'), { durationS, connections: 1, rate: HEALTHZ_PROBE_RATE, expectStatus: 200 }),
  ]);
  clearInterval(sampler);
  const loopP99Ms = (await scrape(server, 'egec_nodejs_eventloop_lag_p99_seconds')) * 1000 - LOOP_RESOLUTION_MS;
  // The healthz probe verifies nothing: every verification in the delta is a login's.
  const verifiesPerLogin = ((await scrape(server, VERIFY_COUNT)) - verifiesBefore) / login.requests;
  const rawFailed = await rawVerifies(argon2, durationS, connections);
  const failed = await failedLogins(server, o, rows);

  const verifies = (r: { perSecond: number }) => ({ name: 'raw argon2id verify/s', value: r.perSecond });
  const activationConnections = Math.max(connections, ACTIVATION_CONNECTIONS);
  const ideal = (r: { perSecond: number }) => ({ name: 'connections / raw rate', value: littleMs(r.perSecond) });
  const oneVerify = { name: 'one raw verify, ms', value: verifyMs };
  return [
    { name: 'login, valid password', value: login.rps, unit: 'req/s', baseline: verifies(rawLogin), targets: [{ on: 'ratio', op: '>=', limit: 0.9 }] },
    { name: 'argon2id verifications per login', value: verifiesPerLogin, unit: '' },
    { name: 'login p50', value: login.p50Ms, unit: 'ms', baseline: ideal(rawLogin) },
    { name: 'login p99', value: login.p99Ms, unit: 'ms', baseline: ideal(rawLogin) },
    { name: 'failed login', value: failed.rps, unit: 'req/s', baseline: verifies(rawFailed), targets: [{ on: 'ratio', op: '>=', limit: 0.9 }] },
    { name: 'failed login p99', value: failed.p99Ms, unit: 'ms', baseline: ideal(rawFailed) },
    { name: 'GET / (identification page)', value: page.rps, unit: 'req/s', baseline: { name: 'bare Fastify, same bytes', value: bare.rps }, targets: [{ on: 'ratio', op: '>=', limit: 0.8 }] },
    { name: 'GET / p99', value: page.p99Ms, unit: 'ms', baseline: { name: 'bare Fastify p99', value: bare.p99Ms } },
    { name: `activation (known email, ${activationConnections} connections)`, value: activation.rps, unit: 'req/s', baseline: { name: 'raw argon2id hash/s', value: rawHash.perSecond }, targets: [{ on: 'ratio', op: '>=', limit: 0.85 }] },
    { name: 'activation p99', value: activation.p99Ms, unit: 'ms', baseline: { name: 'connections / raw rate', value: (activationConnections / rawHash.perSecond) * 1000 } },
    { name: 'RSS of egec serve, idle', value: idleRss, unit: 'MB', targets: [{ on: 'value', op: '<=', limit: 200 }] },
    { name: 'RSS of egec serve, login load (peak)', value: peakRss, unit: 'MB', targets: [{ on: 'value', op: '<=', limit: 200 }] },
    // Were argon2id on the event loop, every turn would wait for whole hashes. The control is a Node
    // process whose loop does nothing while the same hashing runs: what the cores' contention alone
    // costs an event loop (on a quiet machine both stay far below one verification).
    { name: 'event-loop delay p99, login load', value: loopP99Ms, unit: 'ms', baseline: { name: 'idle loop, same raw verify load', value: rawLogin.loopDelayP99Ms }, targets: [{ on: 'ratio', op: '<=', limit: 1.5 }] },
    { name: 'event-loop delay p99, login load, vs hash', value: loopP99Ms, unit: 'ms', baseline: oneVerify },
    { name: 'GET /healthz p99 under login load', value: probe.p99Ms, unit: 'ms', baseline: oneVerify },
  ];
}
