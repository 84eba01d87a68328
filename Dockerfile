# The spam API as a container image.
#   docker build -t spam-api .
#   docker run --rm -p 127.0.0.1:3000:3000 spam-api
#
# Two stages: `build` has compilers and every npm package (to compile TypeScript and the
# native SQLite module); `runtime` gets only the compiled JavaScript, the production
# packages the service requires, and the model. Offline machines: run deploy/base-image.sh
# first to build a local stand-in for the base image.

FROM node:20-bookworm-slim AS build
# python3, make and g++ compile better-sqlite3 when no prebuilt binary can be downloaded;
# npm_config_nodedir points node-gyp at the headers shipped with Node instead of downloading them.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local npm_config_update_notifier=false
WORKDIR /app

# Dependencies first, so editing code does not reinstall them (nor recompile SQLite).
# Of the install scripts, only better-sqlite3's matters here: the service's one native module.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3

COPY tsconfig.json ./
COPY deploy/tsconfig.build.json deploy/runtime-deps.ts deploy/
COPY mlkit mlkit
COPY server-template server-template
COPY solutions solutions
RUN npx tsc -p deploy/tsconfig.build.json \
 && find server-template solutions/service -type f ! -name '*.ts' -exec cp --parents {} dist/ \;

# Production packages: only those the compiled code requires, at their locked versions, from
# the npm cache the install above filled. Their install scripts are skipped: the one native
# module, better-sqlite3, was compiled above and its binary is copied, so the runtime stage
# needs no compiler.
RUN mkdir prod \
 && node dist/deploy/runtime-deps.js dist package.json prod/package.json \
 && cp package-lock.json prod/ \
 && cd prod \
 && npm install --omit=dev --omit=optional --ignore-scripts --prefer-offline --no-audit --no-fund \
 && mkdir -p node_modules/better-sqlite3/build/Release \
 && cp ../node_modules/better-sqlite3/build/Release/better_sqlite3.node node_modules/better-sqlite3/build/Release/ \
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
 && rm -rf /app/dist/deploy

FROM node:20-bookworm-slim AS runtime
# tini as PID 1 forwards SIGTERM to node and reaps zombies; the service itself drains
# requests on SIGTERM and exits 0.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    MODELS_DIR=/app/models \
    MODEL_NAME=spam \
    PREDICTION_LOG=/app/data/predictions.sqlite \
    LOG_LEVEL=info
WORKDIR /app
COPY --from=build /app/prod/package.json ./package.json
COPY --from=build /app/prod/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY models ./models
# The prediction log is the only thing the service writes.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/solutions/service/main.js"]
