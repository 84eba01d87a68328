/** The release's metrics are lab 07's (`solutions/lab-07-roll-out-safely/src/release-metrics.ts`). */
export * from '../../lab-07-roll-out-safely/src/release-metrics';
