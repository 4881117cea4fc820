# syntax=docker/dockerfile:1
# One image for the API and the worker; docker-compose.yml chooses the entry point per service.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The console is an npm workspace: its package.json takes part in the install.
COPY apps/console/package.json ./apps/console/
# No install scripts: `prepare` would compile before the sources are here, and the
# platform binaries the apps need (Temporal core bridge, swc) ship inside their packages.
# `npm install` from the lock rather than `npm ci`: the lock was made against a registry
# mirror without other platforms' optional binaries, which `npm ci` insists on finding in it.
RUN npm install --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.paths.json ./
COPY apps ./apps
COPY libs ./libs
COPY workflows ./workflows
COPY activities ./activities
# tsc-alias makes the libraries' names (@jiebang/contracts …, tsconfig.paths.json) relative in dist, for plain node.
RUN npx tsc -p tsconfig.build.json \
 && npx tsc-alias -p tsconfig.build.json \
 && npm run build:console \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# The worker service overrides this with dist/apps/worker/src/main.js.
CMD ["node", "dist/apps/api/src/main.js"]
