using Streaming.Gateway;
using Streaming.Gateway.Dashboard;
using Streaming.Gateway.Endpoints;
using Streaming.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedis();
builder.AddGateway();
builder.AddDashboard();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseCors();
app.UseRateLimits();
app.UseDashboard();
app.MapApiDocuments("Gateway API");
app.MapPerformanceEndpoints();
app.MapEngagementEndpoints();
app.MapChannelEndpoints();
app.MapLiveEndpoints();
app.Run();

public partial class Program;
