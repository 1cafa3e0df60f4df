using Streaming.Ingest.Endpoints;
using Streaming.Ingest.Extensions;
using Streaming.Ingest.WebPlayers;
using Streaming.ServiceDefaults;
using Streaming.Tenancy;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMessageBus();
builder.AddRedis(readiness: false); // only the catalog and keys, cached: ingest works on through a Redis outage
builder.AddTenancy(playerKeyInQuery: true);
builder.AddIngest();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseWebPlayerCors();
app.UseAuthorization();
app.UseRateLimits();
app.MapApiDocuments("Ingest API");
app.MapEventEndpoints();
app.Run();

public partial class Program;
