#!/usr/bin/env bash
# One release: migrate the database with the new image, then roll the replicas onto it.
#   deploy/k8s/rollout.sh registry.example.com/cryptodigest:1.2.3 [namespace]
# The ConfigMap and Secret must exist (configmap.yaml, your copy of secret.example.yaml).
set -euo pipefail
cd "$(dirname "$0")"
image=${1:?usage: rollout.sh <image> [namespace]}
ns=(--namespace "${2:-default}")

# A finished Job cannot be changed: remove the last release's before starting this one's.
kubectl "${ns[@]}" delete job cryptodigest-migrate --ignore-not-found --wait=true
sed "s|image: registry.example.com/cryptodigest:1.0.0|image: ${image}|" migrate-job.yaml | kubectl "${ns[@]}" apply -f -
if ! kubectl "${ns[@]}" wait --for=condition=complete job/cryptodigest-migrate --timeout=15m; then
  echo "the migration did not complete; the replicas were left as they are. Its log:" >&2
  kubectl "${ns[@]}" logs job/cryptodigest-migrate >&2 || true
  exit 1
fi

# The same image for the replicas, in one apply (a second step would start a rollout to the placeholder).
kubectl kustomize . | sed "s|image: registry.example.com/cryptodigest:1.0.0|image: ${image}|" | kubectl "${ns[@]}" apply -f -
kubectl "${ns[@]}" rollout status deployment/cryptodigest --timeout=10m
