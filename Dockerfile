# The Archboard server as a container image: one process per container, shared
# mode when ARCHBOARD_REDIS_URL and ARCHBOARD_DATABASE_URL are set (docs/deploy.md).
#   docker build -t archboard .
#   docker run -p 8787:8787 -e ARCHBOARD_SECRET=... -e ARCHBOARD_REDIS_URL=redis://redis:6379 \
#     -e ARCHBOARD_DATABASE_URL=postgres://archboard:...@postgres/archboard archboard
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8787 HOST=0.0.0.0 DATA_DIR=/data
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787
# /ready fails while draining or when PostgreSQL or Redis cannot be reached.
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Docker sends SIGTERM on stop: the server drains and exits.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "server/main.ts"]
