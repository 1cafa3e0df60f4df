using Streaming.ServiceDefaults;
using Streaming.Subscriptions.Extensions;
using Streaming.Tenancy;

var builder = WebApplication.CreateBuilder(args);
if (ErrorsCommand.IsInvokedBy(args))
{
    return await ErrorsCommand.RunAsync(builder.Configuration, args, Console.Out, SubscriptionsExtensions.Queues);
}
if (PartitionsCommand.IsInvokedBy(args))
{
    return await PartitionsCommand.RunAsync(builder.Configuration, args, Console.Out);
}
builder.AddServiceDefaults();
builder.AddSubscriptions();
builder.AddTenancy(); // the operator key, for /metrics outside the management port

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.Run();
return 0;

public partial class Program;
