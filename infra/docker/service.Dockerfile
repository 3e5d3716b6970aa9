# syntax=docker/dockerfile:1
# The one recipe for every service image. services/<name>/Dockerfile are copies of this file with
# SERVICE preset, written by infra/docker/sync-dockerfiles.sh: edit this file, then run that script.
# Build from the repository root (the context must be the whole workspace):
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=device-poller -t platform/device-poller .
#   docker build -f services/device-poller/Dockerfile -t platform/device-poller .
ARG SERVICE

FROM node:20-bookworm-slim AS base
# tini as PID 1 reaps the esbuild helper tsx spawns and passes SIGTERM straight to node.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json ./
# Exactly the pnpm of package.json's packageManager: pnpm 10 otherwise downloads that version at
# run time and then drops signals between the two (pnpm/pnpm#9948). corepack is skipped because
# its signature check fails on key rotations.
RUN npm install -g "$(node -p "require('./package.json').packageManager.split('+')[0]")" \
 && npm cache clean --force
ENV npm_config_update_notifier=false \
    npm_config_manage_package_manager_versions=false

# Only the package.json files, so the install layer below is rebuilt when a manifest or the
# lockfile changes, not on every source edit.
FROM base AS manifests
COPY packages ./packages
COPY services ./services
RUN find packages services -type f ! -name package.json -delete \
 && find packages services -mindepth 1 -type d -empty -delete

FROM base AS deps
ARG SERVICE
RUN test -n "$SERVICE" || { echo 'build with --build-arg SERVICE=<directory under services/>' >&2; exit 1; }
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
COPY --from=manifests /app/packages ./packages
COPY --from=manifests /app/services ./services
# "<service>..." installs the service and the workspace packages it depends on (with their dev
# dependencies: tsx runs the TypeScript sources and @platform/db's migrate script needs it).
RUN --mount=type=cache,id=pnpm-store,target=/pnpm-store \
    pnpm install --frozen-lockfile --store-dir /pnpm-store --package-import-method copy \
      --filter "@platform/${SERVICE}..."

FROM base AS runtime
ARG SERVICE
# The release (`--build-arg APP_VERSION=$TAG`); backup-worker stamps it into every backup header.
# The default `dev` makes it fall back to the service's package.json version.
ARG APP_VERSION=dev
ENV NODE_ENV=production \
    APP_VERSION=${APP_VERSION}
COPY --from=deps /app ./
COPY tsconfig.base.json tsconfig.json ./
COPY packages ./packages
COPY services/${SERVICE} ./services/${SERVICE}
# backup-worker's BACKUP_DIR; owned by node so a fresh Docker volume mounted here inherits it
# (k8s sets fsGroup instead).
RUN mkdir -p /var/lib/platform/backups && chown -R node:node /var/lib/platform
# Files stay root-owned and read-only to the app; tsx writes its cache to /tmp only (mount an
# emptyDir there when the root filesystem is read-only).
USER node
WORKDIR /app/services/${SERVICE}
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
# The start script (`tsx src/main.ts`) without its wrappers: `pnpm start` does not wait for its
# child on SIGTERM (pnpm/pnpm#2653), so the ShutdownManager must be the process that gets it.
# Migrations run in this image too: `pnpm --filter @platform/db migrate up` (see docs/deployment.md).
CMD ["node", "--import", "tsx", "src/main.ts"]
