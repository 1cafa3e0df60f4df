# One image recipe for every ASP.NET Core service; SERVICE names its folder under services/.
# Built from the repository root: docker build -f infra/service.Dockerfile --build-arg SERVICE=Ingest .
ARG SERVICE

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY contracts/ contracts/
COPY services/ services/
RUN dotnet publish "services/${SERVICE}/${SERVICE}.csproj" -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG SERVICE
# DOTNET_GCgen0size: a 64 MB young generation per GC heap for batch-sized, short-lived allocations (infra/run-all.sh
# says why); the runtime reads it only from the environment.
ENV SERVICE=${SERVICE} ASPNETCORE_HTTP_PORTS=8080 DOTNET_GCgen0size=0x4000000
WORKDIR /app
COPY --from=build /app .
EXPOSE 8080
# The runtime image has no curl: ask /health/ready over bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"/app/${SERVICE}.dll\""]
