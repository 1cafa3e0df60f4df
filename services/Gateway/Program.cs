using Streaming.Gateway;
using Streaming.Gateway.Dashboard;
using Streaming.Gateway.Endpoints;
using Streaming.ServiceDefaults;
using Streaming.Tenancy;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedis();
builder.AddTenancy(acceptsSessionCookie: true);
builder.AddGateway();
builder.AddDashboard();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimits();
app.UseDashboard();
app.MapApiDocuments("Gateway API");
app.MapPerformanceEndpoints();
app.MapEngagementEndpoints();
app.MapChannelEndpoints();
app.MapLiveEndpoints();
app.MapAdminEndpoints();
app.MapSessionEndpoints();
app.Run();

public partial class Program;
