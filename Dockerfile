# Builds Tributary from this checkout and runs it on a JRE. Used by docker-compose.yml.
FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package && cp target/tributary-*.jar /tributary.jar

FROM eclipse-temurin:17.0.15_6-jre
RUN useradd --system --uid 10001 tributary && mkdir /data && chown tributary /data
USER tributary
COPY --from=build /tributary.jar /opt/tributary/tributary.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/tributary/tributary.jar", "--tributary.data-dir=/data"]
