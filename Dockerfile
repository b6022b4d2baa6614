# The Shoal agent as an image.
#
#   mvn -B -q package -DskipTests          # builds agent/target/shoal-agent.jar
#   docker build -t shoal/agent .
#   docker run -d --name shoal --network host --privileged \
#     -v /var/run/docker.sock:/var/run/docker.sock -v /var/lib/shoal:/var/lib/shoal \
#     shoal/agent --api-host 0.0.0.0
#   cat /var/lib/shoal/admin.token         # the admin token of the new cluster (ca.crt is beside it)
#
# The agent drives the host's Docker engine through the mounted socket and (for the overlay network)
# programs the host's network stack, hence host networking and --privileged. BASE can name any image
# with a Java 17+ runtime, e.g. one built locally where no registry is reachable.
ARG BASE=eclipse-temurin:17-jre
FROM ${BASE}
# iptables: the member firewall and pod isolation; iproute2: the overlay network.
RUN apt-get update && apt-get install -y --no-install-recommends iptables iproute2 && rm -rf /var/lib/apt/lists/*
COPY agent/target/shoal-agent.jar /opt/shoal/shoal-agent.jar
VOLUME /var/lib/shoal
EXPOSE 7070
ENTRYPOINT ["java", \
  "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", \
  "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", \
  "--add-opens", "java.management/sun.management=ALL-UNNAMED", \
  "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", \
  "-jar", "/opt/shoal/shoal-agent.jar", "--data-dir", "/var/lib/shoal"]
