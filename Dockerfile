# Haloscope's container image: the one release binary (site embedded) on a slim Debian, run as a non-root
# user. Build from the repository root:  docker build -t haloscope:latest .
# (Not built on the project's build machine, which cannot pull base images. The first build compiles
# cargo-leptos and the wasm-bindgen CLI from source: expect half an hour or more.)

# --- stage 1: the tools of scripts/setup.sh, then the release build of scripts/build.sh ---
FROM rust:1.95-bookworm AS build
# npm installs binaryen's wasm-opt (the root package-lock.json), and build.sh runs a Node script; the image
# has no Node.js of its own
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
# rust-toolchain.toml names "stable": use the image's own toolchain instead of downloading another one
ENV RUSTUP_TOOLCHAIN=${RUST_VERSION}
WORKDIR /src
# the tools first, in their own layer, so that a source change does not rebuild them
COPY rust-toolchain.toml package.json package-lock.json ./
COPY scripts/setup.sh scripts/setup.sh
RUN bash scripts/setup.sh run
COPY . .
# build.sh: the front end, the glue's compile hint (node scripts/glue_hint.cjs), then the server with the
# site embedded -> target/release/haloscope
RUN bash scripts/build.sh \
 && install -D -m 0755 target/release/haloscope /out/haloscope

# --- stage 2: the binary alone ---
FROM debian:bookworm-slim
# CA certificates for rediss:// (and any TLS that does not carry its own roots)
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 haloscope \
 && useradd --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin haloscope \
 && install -d -o 10001 -g 10001 -m 0700 /data
COPY --from=build /out/haloscope /usr/local/bin/haloscope
USER 10001:10001
ENV HALOSCOPE_LISTEN=0.0.0.0:3000 HALOSCOPE_DATA_DIR=/data
EXPOSE 3000
ENTRYPOINT ["/usr/local/bin/haloscope"]
