/**
 * Guarded by bench/workloads/options.ts and bench/workloads/mcBooks.ts (a second compileBook in one process must
 * not slow the kernels down). Internal.
 *
 * The compiled book and its option columns are built by constructors, not object literals: V8 creates a literal's
 * boilerplate on its second execution, which changed the field metadata of these maps and deoptimized every kernel
 * compiled against them ("code dependencies") on the second compileBook of a process; the re-optimization, racing
 * on-stack replacement, could settle ~1.7x slower for the rest of the process.
 */
import type { CompiledBook } from '../compiledBook.js';
import type { BlackColumns } from './optionKernel.js';

export class Columns implements BlackColumns {
  start: BlackColumns['start'];
  lnCK: BlackColumns['lnCK'];
  invV: BlackColumns['invV'];
  halfV: BlackColumns['halfV'];
  v: BlackColumns['v'];
  w: BlackColumns['w'];
  wQdCF: BlackColumns['wQdCF'];
  wQdK: BlackColumns['wQdK'];
  cfInvK: BlackColumns['cfInvK'];
  constructor(c: BlackColumns) {
    this.start = c.start;
    this.lnCK = c.lnCK;
    this.invV = c.invV;
    this.halfV = c.halfV;
    this.v = c.v;
    this.w = c.w;
    this.wQdCF = c.wQdCF;
    this.wQdK = c.wQdK;
    this.cfInvK = c.cfInvK;
  }
}

/** The compiled book's constructor (see above). */
export class Compiled implements CompiledBook {
  n: CompiledBook['n'];
  names: CompiledBook['names'];
  S0: CompiledBook['S0'];
  lnS0: CompiledBook['lnS0'];
  mu: CompiledBook['mu'];
  sig: CompiledBook['sig'];
  chol: CompiledBook['chol'];
  lin: CompiledBook['lin'];
  linConst: CompiledBook['linConst'];
  vsSd: CompiledBook['vsSd'];
  vsIndex: CompiledBook['vsIndex'];
  nZ: CompiledBook['nZ'];
  nOpt: CompiledBook['nOpt'];
  nBlack: CompiledBook['nBlack'];
  black: CompiledBook['black'];
  optAsset: CompiledBook['optAsset'];
  optKind: CompiledBook['optKind'];
  optCall: CompiledBook['optCall'];
  optQD: CompiledBook['optQD'];
  optK: CompiledBook['optK'];
  optInvK: CompiledBook['optInvK'];
  optLnCK: CompiledBook['optLnCK'];
  optCF: CompiledBook['optCF'];
  optV: CompiledBook['optV'];
  optValue0: CompiledBook['optValue0'];
  hasOpt: CompiledBook['hasOpt'];
  dist: CompiledBook['dist'];
  dof: CompiledBook['dof'];
  mode: CompiledBook['mode'];
  dgTheta: CompiledBook['dgTheta'];
  dgDelta: CompiledBook['dgDelta'];
  dgGamma: CompiledBook['dgGamma'];
  dgVegaV: CompiledBook['dgVegaV'];
  constructor(b: CompiledBook) {
    this.n = b.n;
    this.names = b.names;
    this.S0 = b.S0;
    this.lnS0 = b.lnS0;
    this.mu = b.mu;
    this.sig = b.sig;
    this.chol = b.chol;
    this.lin = b.lin;
    this.linConst = b.linConst;
    this.vsSd = b.vsSd;
    this.vsIndex = b.vsIndex;
    this.nZ = b.nZ;
    this.nOpt = b.nOpt;
    this.nBlack = b.nBlack;
    this.black = b.black;
    this.optAsset = b.optAsset;
    this.optKind = b.optKind;
    this.optCall = b.optCall;
    this.optQD = b.optQD;
    this.optK = b.optK;
    this.optInvK = b.optInvK;
    this.optLnCK = b.optLnCK;
    this.optCF = b.optCF;
    this.optV = b.optV;
    this.optValue0 = b.optValue0;
    this.hasOpt = b.hasOpt;
    this.dist = b.dist;
    this.dof = b.dof;
    this.mode = b.mode;
    this.dgTheta = b.dgTheta;
    this.dgDelta = b.dgDelta;
    this.dgGamma = b.dgGamma;
    this.dgVegaV = b.dgVegaV;
  }
}
