# billing-service image, JVM mode, Quarkus fast-jar layout.
# Built by deploy/docker/build-images.sh (all three, under the names the overlays deploy), which runs, from the
# repository root, after packaging: docker build -f deploy/docker/billing.Dockerfile -t localhost/socialcrawl/billing-service:0.1.0 billing-service
# The base is pinned to an exact Temurin release; add its @sha256 digest when you build
# (`crane digest docker.io/library/eclipse-temurin:17.0.17_10-jre-noble`), see docs/operations.md.
FROM docker.io/library/eclipse-temurin:17.0.17_10-jre-noble

RUN groupadd --system --gid 10001 socialcrawl \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /deployments --shell /usr/sbin/nologin socialcrawl

WORKDIR /deployments
# Root-owned and read-only for the app user. Dependencies change least often, so they are the first layer.
COPY target/quarkus-app/lib/ /deployments/lib/
COPY target/quarkus-app/*.jar /deployments/
COPY target/quarkus-app/app/ /deployments/app/
COPY target/quarkus-app/quarkus/ /deployments/quarkus/

USER 10001:10001
# 8081: the internal API; 9081: management (/q/health/*, /q/metrics).
EXPOSE 8081 9081
# java is PID 1 (exec form), so SIGTERM reaches Quarkus directly and starts its graceful shutdown.
# /tmp is the only writable path (an emptyDir in Kubernetes; the root filesystem is read-only).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/deployments/quarkus-run.jar"]
