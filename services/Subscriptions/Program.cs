using Streaming.ServiceDefaults;
using Streaming.Subscriptions.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSubscriptions();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
