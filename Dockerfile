# The onestop server with the web app built in. Build: docker build -t onestop .
FROM rust:1.95-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/build-web && cargo build --release -p onestop-api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/onestop onestop \
    && mkdir -p /var/lib/onestop && chown onestop /var/lib/onestop
COPY --from=build /src/target/release/onestop /usr/local/bin/onestop
COPY --from=build /src/frontend/dist /usr/share/onestop/web
# The customer's plan, for `onestop init --plan /usr/share/onestop/plan.json`.
COPY --from=build /src/crates/api/seed/plan.json /usr/share/onestop/plan.json
USER onestop
ENV ONESTOP_BIND=0.0.0.0:8080 \
    ONESTOP_DATA_DIR=/var/lib/onestop \
    ONESTOP_WEB_DIR=/usr/share/onestop/web \
    ONESTOP_LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["onestop"]
CMD ["serve"]
