using Streaming.ServiceDefaults;
using Streaming.Sessionization.Extensions;

var builder = WebApplication.CreateBuilder(args);
if (ErrorsCommand.IsInvokedBy(args))
{
    return await ErrorsCommand.RunAsync(builder.Configuration, args, Console.Out, SessionizationExtensions.Queues);
}
builder.AddServiceDefaults();
builder.AddSessionization();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
return 0;

public partial class Program;
