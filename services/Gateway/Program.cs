using Streaming.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedis();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
