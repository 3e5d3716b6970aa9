# syntax=docker/dockerfile:1
# The one image recipe for all seven services. Build from the repository root:
#   docker build --build-arg SERVICE=device-poller --build-arg APP_VERSION=$TAG -t platform/device-poller:$TAG .
# The build stage compiles the workspace (`pnpm build`) and runs `pnpm deploy:service`, i.e.
# `pnpm deploy --prod`: the runtime stage gets the service's dist/ and production dependencies
# only (no TypeScript sources, no tsx, no devDependencies). e2e/src/deploy-artifact.int.test.ts runs
# the same two commands and boots the result, since CI has no Docker engine.
ARG SERVICE
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG SERVICE
RUN test -n "$SERVICE" || { echo 'build with --build-arg SERVICE=<directory under services/>' >&2; exit 1; }
WORKDIR /src
COPY package.json ./
# Exactly the pnpm of package.json's packageManager (corepack's signature check fails on key rotations).
RUN npm install -g "$(node -p "require('./package.json').packageManager.split('+')[0]")" \
 && npm cache clean --force
ENV npm_config_update_notifier=false \
    npm_config_manage_package_manager_versions=false
COPY . .
# copy, not hard links: /out leaves this stage, the store cache mount does not.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm-store \
    export npm_config_store_dir=/pnpm-store npm_config_package_import_method=copy \
 && pnpm install --frozen-lockfile \
 && pnpm build \
 && pnpm deploy:service "$SERVICE" /out

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 passes SIGTERM straight to node and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# The release (`--build-arg APP_VERSION=$TAG`); backup-worker stamps it into every backup header.
ARG APP_VERSION=dev
ENV NODE_ENV=production \
    APP_VERSION=${APP_VERSION}
# Root-owned and read-only to the app; the process writes nothing but BACKUP_DIR (backup-worker).
COPY --from=build /out /app
RUN mkdir -p /var/lib/platform/backups && chown -R node:node /var/lib/platform
USER node
WORKDIR /app
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
# node directly, not `pnpm start`: pnpm does not forward SIGTERM to its child (pnpm/pnpm#2653), so the
# ShutdownManager must be the process that gets it. Migrations run from the same image:
#   node node_modules/@platform/db/dist/bin/migrate.js up
CMD ["node", "dist/main.js"]
