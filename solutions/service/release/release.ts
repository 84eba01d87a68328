/**
 * The service's release registry is lab 07's (`solutions/lab-07-roll-out-safely/src/release.ts`),
 * running that lab's reference split, shadow path, promotion rule and metrics.
 */
export * from '../../lab-07-roll-out-safely/src/release';
