using Streaming.Ingest.Endpoints;
using Streaming.Ingest.Extensions;
using Streaming.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMessageBus();
builder.AddIngest();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRateLimits();
app.MapApiDocuments("Ingest API");
app.MapEventEndpoints();
app.Run();

public partial class Program;
