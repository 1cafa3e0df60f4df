using Streaming.ServiceDefaults;
using Streaming.Sessionization.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSessionization();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
