using Streaming.EngagementRanking.Extensions;
using Streaming.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEngagementRanking();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
