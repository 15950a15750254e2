/** Builds the robustness describe-block of one module from its specs. */
import { describe, expect, it } from 'vitest';
import {
  exportedFunctions,
  firstSample,
  junkProperty,
  keyProperty,
  keySweep,
  noMutationProperty,
  sweep,
  type Fn,
  type Spec,
} from './harness.js';

/**
 * @param mod the module object (`import * as mod`)
 * @param specs one spec per exported function
 * @param exempt exports that are not functions under test, with the reason in the caller
 */
export function robustnessSuite(
  title: string,
  mod: Record<string, unknown>,
  specs: Spec[],
  exempt: readonly string[] = [],
): void {
  describe(`robustness: ${title}`, () => {
    it('every exported function has a spec (a newly exported function fails here until it is covered)', () => {
      expect(specs.map((s) => s.name).sort()).toEqual(exportedFunctions(mod, exempt));
    });
    for (const spec of specs) {
      const fn = mod[spec.name] as Fn;
      describe(spec.name, () => {
        if (spec.exhaustive !== false) {
          it('every field × every junk value: finite result or a RiskInputError naming the field', () => {
            expect(sweep(spec, fn, firstSample(spec.args))).toEqual([]);
          });
        }
        it('random valid input, random field, random junk (fast-check)', () => junkProperty(spec, fn));
        it('every object × an added key and each key misspelt: a RiskInputError naming that key', () => {
          expect(keySweep(spec, fn, firstSample(spec.args)).failures).toEqual([]);
        });
        it('random valid input, random object, added or misspelt key (fast-check)', () => {
          keyProperty(spec, fn);
        });
        it('valid inputs are not mutated and may be deep-frozen (fast-check)', () => noMutationProperty(spec, fn));
      });
    }
  });
}
