/** The seeded PRNG, so that a failing run can be replayed from its seed. */
export { mulberry32 } from '../../shared/random'
