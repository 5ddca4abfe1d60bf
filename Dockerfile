# syntax=docker/dockerfile:1
# Lakeport portal: build with the SDK, run on the ASP.NET runtime as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the files that decide it, so the layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props nuget.config ./
COPY src/Portal.Services/Portal.Services.csproj src/Portal.Services/
COPY src/Portal/Portal.csproj src/Portal/
RUN dotnet restore src/Portal/Portal.csproj
COPY src/ src/
COPY samples/ samples/
RUN dotnet publish src/Portal/Portal.csproj --no-restore -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# State, logs, keys and the local lake live in one folder; mount a volume there to keep them.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Portal__Local__Root=/data
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME ["/data"]
USER $APP_UID
EXPOSE 8080
# The runtime image has no curl: point the orchestrator's probe at GET /healthz.
ENTRYPOINT ["dotnet", "Portal.dll"]
