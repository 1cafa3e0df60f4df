using Streaming.ServiceDefaults;
using Streaming.Subscriptions.Extensions;

var builder = WebApplication.CreateBuilder(args);
if (ErrorsCommand.IsInvokedBy(args))
{
    return await ErrorsCommand.RunAsync(builder.Configuration, args, Console.Out, SubscriptionsExtensions.Queues);
}
builder.AddServiceDefaults();
builder.AddSubscriptions();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
return 0;

public partial class Program;
