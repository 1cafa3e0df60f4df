# One image recipe for every ASP.NET Core service; SERVICE names its folder under services/.
# Built from the repository root: docker build -f infra/service.Dockerfile --build-arg SERVICE=Ingest .
# Base images are pinned to exact versions: the SDK and runtime the tests run on (10.0.401 bundles 10.0.12); bump
# them together.
ARG SERVICE

# Only what restore reads (project and props files), so the restore layer below is reused until one of them changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS projects
WORKDIR /src
COPY contracts/ contracts/
COPY services/ services/
RUN find . -type f ! -name '*.csproj' ! -name '*.props' -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
ARG SERVICE
WORKDIR /src
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY --from=projects /src ./
RUN dotnet restore "services/${SERVICE}/${SERVICE}.csproj"
COPY contracts/ contracts/
COPY services/ services/
RUN dotnet publish "services/${SERVICE}/${SERVICE}.csproj" -c Release -o /app --no-restore --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble
ARG SERVICE
# DOTNET_GCgen0size: a 64 MB young generation per GC heap for batch-sized, short-lived allocations (infra/run-all.sh
# says why); the runtime reads it only from the environment.
ENV SERVICE=${SERVICE} ASPNETCORE_HTTP_PORTS=8080 DOTNET_GCgen0size=0x4000000
WORKDIR /app
COPY --from=build /app .
# The image's unprivileged user (app, uid 1654); 8080 needs no privilege.
USER $APP_UID
EXPOSE 8080
# The runtime image has no curl: ask /health/ready over bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"/app/${SERVICE}.dll\""]
