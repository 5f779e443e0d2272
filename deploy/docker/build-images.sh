#!/usr/bin/env bash
# Packages the three services and builds their images under exactly the names the Kustomize overlays deploy:
#   REGISTRY=localhost/socialcrawl (default)        -> the base and the dev overlay (load them into kind/minikube)
#   REGISTRY=registry.example.com/socialcrawl       -> the prod overlay (then push them)
# Names are always fully qualified, never a bare Docker Hub name. The deploy tests compare this script's names
# (--dry-run) with the rendered overlays; change the tag here and in the kustomizations' images: together.
#
# Usage: deploy/docker/build-images.sh [--dry-run]
# Environment: REGISTRY, TAG (default 0.1.0), CONTAINER_CLI (docker or podman; default docker), SKIP_PACKAGE=1.
# Afterwards, for a local cluster (docs/operations.md, "Images"):
#   kind load docker-image <image>...      or      minikube image load <image>
set -euo pipefail
cd "$(dirname "$0")/../.."

REGISTRY=${REGISTRY:-localhost/socialcrawl}
TAG=${TAG:-0.1.0}
CONTAINER_CLI=${CONTAINER_CLI:-docker}
dry_run=0
case "${1:-}" in
  --dry-run) dry_run=1 ;;
  "") ;;
  *) echo "usage: $0 [--dry-run]" >&2; exit 2 ;;
esac

case "${REGISTRY%%/*}" in
  *.*|*:*|localhost) ;;
  *) echo "build-images: REGISTRY must start with a registry host (localhost/..., registry.example.com/...): $REGISTRY" >&2
     exit 2 ;;
esac

run() {
  echo "+ $*"
  if [ "$dry_run" = 0 ]; then "$@"; fi
}

if [ "${SKIP_PACKAGE:-0}" != 1 ]; then
  run ./mvnw -B -q -DskipTests package -pl gateway-service,billing-service,upstream-proxy-service -am
fi

images=()
# Dockerfile (deploy/docker/<name>.Dockerfile) and module (the build context, holding target/quarkus-app).
for pair in gateway:gateway-service billing:billing-service proxy:upstream-proxy-service; do
  dockerfile=${pair%%:*}
  module=${pair#*:}
  image="$REGISTRY/$module:$TAG"
  run "$CONTAINER_CLI" build -f "deploy/docker/$dockerfile.Dockerfile" -t "$image" "$module"
  images+=("$image")
done

echo "Images: ${images[*]}"
echo "kind:     kind load docker-image ${images[*]}"
echo "minikube: for i in ${images[*]}; do minikube image load \$i; done"
