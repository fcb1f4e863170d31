# PaySys Sandbox as a tiny service container: one Native-AOT binary on a runtime-deps base, non-root, port 8080.
#
#   docker build -t paysys-sandbox .          (restore needs the network: add --network host where builds have
#                                              no bridge network, as on the project's CI machines)
#   docker run -p 8080:8080 paysys-sandbox
#   docker run -v $PWD/scenarios:/scenarios paysys-sandbox scenarios run /scenarios   (replays scenario files in-process)
#
# SDK_IMAGE: Microsoft's "-aot" SDK variant (mcr.microsoft.com/dotnet/sdk:10.0-noble-aot) carries what a Native-AOT
# publish needs besides the SDK (clang, zlib1g-dev); the plain sdk:10.0 tag lacks them. BASE_IMAGE: the chiseled
# runtime-deps image (no shell, no package manager, user "app" = 1654). docker/test-image.sh builds this same file
# on locally made stand-ins for both (--build-arg SDK_IMAGE=… --build-arg BASE_IMAGE=…).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble-aot
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer is reused until a package changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY sandbox/PaySys.Sandbox/PaySys.Sandbox.csproj sandbox/PaySys.Sandbox/
# The catalogue generator (an analyzer the sandbox project references through Catalogues.targets) restores with it.
COPY contracts/Catalogues.targets contracts/
COPY contracts/PaySys.Contracts.Generator/PaySys.Contracts.Generator.csproj contracts/PaySys.Contracts.Generator/
# `paysys-sandbox scenarios run`: the runner library and the reference client it calls through.
COPY contracts/PaySys.Client/PaySys.Client.csproj contracts/PaySys.Client/
COPY scenarios/PaySys.Scenarios.Runner/PaySys.Scenarios.Runner.csproj scenarios/PaySys.Scenarios.Runner/
RUN dotnet restore sandbox/PaySys.Sandbox -r linux-x64
COPY contracts/ contracts/
COPY scenarios/PaySys.Scenarios.Runner/ scenarios/PaySys.Scenarios.Runner/
COPY sandbox/PaySys.Sandbox/ sandbox/PaySys.Sandbox/
RUN dotnet publish sandbox/PaySys.Sandbox -c Release -r linux-x64 --no-restore -o /app -p:TreatWarningsAsErrors=true
# An empty /state for PAYSYS_STATE_DIR, owned by the image's user: a named volume mounted there starts with that owner.
RUN mkdir -p /state

FROM ${BASE_IMAGE}
ARG VERSION=0.1.0
ARG SOURCE_URL=""
LABEL org.opencontainers.image.title="PaySys Sandbox" \
      org.opencontainers.image.description="Stateful emulator of the PaySys payment gateway (JSON-RPC over HTTP) for integration tests: magic test cards, OTP outbox, virtual clock, control API at /_sandbox" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="NOASSERTION" \
      org.opencontainers.image.version="${VERSION}"
WORKDIR /app
# The binary and its appsettings.json (quiet logging; the content root is the working directory). Nothing else.
COPY --from=build /app/PaySys.Sandbox /app/appsettings.json /app/
# State across restarts is opt-in: -e PAYSYS_STATE_DIR=/state -v paysys-state:/state (docs/state.md). No VOLUME line,
# so a CI service container without it leaves no anonymous volume behind.
COPY --from=build --chown=1654:1654 /state /state
USER 1654
EXPOSE 8080
ENV PAYSYS_URLS=http://0.0.0.0:8080
# The binary checks itself (no curl in the image); it reads the port from PAYSYS_URLS.
# A sub-second interval makes "healthy" follow readiness closely (Docker < 25 has no --start-interval);
# each check is one short run of the native binary.
HEALTHCHECK --interval=500ms --timeout=3s --start-period=5s --retries=3 CMD ["/app/PaySys.Sandbox","healthcheck"]
ENTRYPOINT ["/app/PaySys.Sandbox"]
