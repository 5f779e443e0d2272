package dev.socialcrawl.deploy;

/** The Kustomize directories this repository ships, relative to deploy/. */
enum Target {
    BASE("k8s/base"),
    DEV("k8s/overlays/dev"),
    PROD("k8s/overlays/prod"),
    MONITORING("monitoring");

    private final String dir;

    Target(String dir) {
        this.dir = dir;
    }

    String dir() {
        return dir;
    }
}
