using Streaming.EngagementRanking.Admin;
using Streaming.EngagementRanking.Extensions;
using Streaming.ServiceDefaults;
using Streaming.Tenancy;

var builder = WebApplication.CreateBuilder(args);
if (MonthCommand.IsInvokedBy(args))
{
    return await MonthCommand.RunAsync(builder.Configuration, args, Console.Out);
}
if (ErrorsCommand.IsInvokedBy(args))
{
    return await ErrorsCommand.RunAsync(builder.Configuration, args, Console.Out, EngagementRankingExtensions.Queues);
}
builder.AddServiceDefaults();
builder.AddEngagementRanking();
builder.AddTenancy(); // the operator key, for /metrics outside the management port

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.Run();
return 0;

public partial class Program;
