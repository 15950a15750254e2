// Property tests are reproducible: fast-check runs with a fixed seed unless FC_SEED is set (e.g. FC_SEED=random).
import fc from 'fast-check';

const env = process.env.FC_SEED;
if (env !== 'random') fc.configureGlobal({ seed: env ? Number(env) : 20261124 });
