# The router image: the shaded jar built by 'mvn -B -q package -DskipTests'.
FROM eclipse-temurin:17-jre
WORKDIR /opt/agent-router
COPY target/agent-router.jar agent-router.jar
ENTRYPOINT ["java", "-Xmx512m", "-jar", "/opt/agent-router/agent-router.jar"]
CMD ["run", "--config", "/etc/agent-router/router.properties"]
