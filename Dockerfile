# The app image for docker-compose.yml (or any container platform). Node 20, built once at image build time;
# `npm start` then only migrates (and seeds an empty database unless SEED_DEMO=0) and serves.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is compiled from source when no prebuilt binary matches (the SQLite backend stays available).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 SKIP_BUILD=1
# Owned by the unprivileged user: .next/cache and data/ (the generated TOTP key when TOTP_ENCRYPTION_KEY is unset).
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /app/data && chown node:node /app/data
EXPOSE 3000
USER node
CMD ["npm", "start"]
