/** The release's admin routes are lab 07's (`solutions/lab-07-roll-out-safely/src/admin-routes.ts`). */
export * from '../../lab-07-roll-out-safely/src/admin-routes';
