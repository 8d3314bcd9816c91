# NQ57 Dashboard: one image serving the API and the built web app on port 3000.
# Node.js 24, the active LTS (Node 20 left support on 30/04/2026); keep it equal to .nvmrc.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY api/package.json api/
COPY web/package.json web/
RUN npm ci
COPY . .
RUN npm run build -w web && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# never run as root
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# migrations are applied by the app on start (api/src/app.ts), before it listens
CMD ["node", "node_modules/tsx/dist/cli.mjs", "api/src/server.ts"]
