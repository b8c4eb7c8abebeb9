# syntax=docker/dockerfile:1
#
# Brandstats in containers: the node jar (launcher/target/brandstats-node.jar, 44 MB), the same node as
# brandstats.jar without the embedded MariaDB's binaries (150 MB), for nodes on an external database.
#
#   Build:  docker build -t brandstats .
#   Run:    docker run --rm -p 8080:8080 -e BRANDSTATS_DB_HOST=db.internal -e BRANDSTATS_DB_PASSWORD=... brandstats
#   Then:   http://localhost:8080/dashboard/, http://localhost:8080/docs/, http://localhost:8080/metrics
#
# All in one container, with the embedded MariaDB and its data in the /data volume: build with the full jar,
#   docker build --build-arg JAR=brandstats.jar -t brandstats-all .
#   docker run --rm -p 8080:8080 -v brandstats-data:/data brandstats-all --demo
# Every key of config/brandstats.yaml can be set as BRANDSTATS_... variable. A two-node cluster on MySQL 8:
# docker-compose.yml; on Kubernetes: deploy/kubernetes/.

# ---- build: the Maven wrapper on a JDK 17, as the README builds it ----
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY . .
# The Maven repository is kept between builds on the same machine (BuildKit cache), not in the image.
ARG JAR=brandstats-node.jar
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -DskipTests \
 && cp launcher/target/${JAR} /brandstats.jar

# ---- run: a JRE 17, a non-root user, the jar ----
FROM eclipse-temurin:17-jre-jammy
# The embedded MariaDB's server binary links these system libraries (the same list as .ci/run), for an image
# built with JAR=brandstats.jar; curl is for the health check below.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcrypt1 libsystemd0 libstdc++6 libgcrypt20 liblzma5 libzstd1 liblz4-1 libcap2 curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 brandstats \
 && useradd --system --uid 10001 --gid brandstats --home-dir /app --shell /usr/sbin/nologin brandstats \
 && mkdir -p /app /data \
 && chown brandstats:brandstats /data
COPY --from=build /brandstats.jar /app/brandstats.jar
USER brandstats
WORKDIR /app
ENV BRANDSTATS_EMBEDDED_DATA_DIR=/data
# The JVM flags the README recommends: the validator's huge method compiled, and bounds (an all-in-one
# node stays under 256 MiB RSS under load); override with -e JAVA_TOOL_OPTIONS=... for a bigger node.
ENV MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:-DontCompileHugeMethods -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=96m -XX:MaxDirectMemorySize=32m"
VOLUME ["/data"]
EXPOSE 8080
# Ready means every service on the node answers with its database (GET /health/ready is 200, else 503).
# The embedded database's first start takes up to a minute on a small machine: hence the start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${BRANDSTATS_HTTP_PORT:-8080}/health/ready" || exit 1
# SIGTERM (docker stop) drains: readiness 503 at once, the node's services leave the cluster's routing, in-flight
# work finishes, after node.drainGrace (5 s) the gateway stops; docker stop's default 10 s covers it.
ENTRYPOINT ["java", "-jar", "/app/brandstats.jar"]
