using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>
/// <c>demo-setup</c>: what a new user needs to watch the simulator's numbers: its titles and channels in the catalog,
/// alternately under two demo distributors, an access key per distributor and the simulator's two ingest keys,
/// printed as <c>NAME=value</c> lines for a shell to read (the keys are shown once). Run again, it issues new keys.
/// </summary>
public static class DemoSetupCommand
{
    public static readonly (string Id, string Name, string Variable)[] Distributors =
    [
        ("demo-north", "Northern Lights Pictures", "DEMO_NORTH_ACCESS_KEY"),
        ("demo-south", "Southern Cross Films", "DEMO_SOUTH_ACCESS_KEY"),
    ];

    public const string PlayerKeyVariable = "LOADGEN_PLAYER_KEY";
    public const string BillingKeyVariable = "LOADGEN_BILLING_KEY";

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var gateway = args.Url("gateway", "http://127.0.0.1:5102");
        var operatorKey = AdminClient.OperatorKey(args);
        args.RejectUnknown();
        foreach (var line in await SetUpAsync(gateway, operatorKey, cancellationToken)) Console.WriteLine($"{line.Key}={line.Value}");
        return ExitCodes.Ok;
    }

    /// <summary>Does the set-up and gives the keys by variable name, in the order printed.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> SetUpAsync(Uri gateway, string operatorKey, CancellationToken cancellationToken)
    {
        using var admin = new AdminClient(gateway, operatorKey);

        // A series goes to one distributor whole, so every season stays with its episodes.
        var works = Catalogue.Create(new Random(0)).Titles
            .GroupBy(t => t.SeasonId is null ? t.TitleId : t.TitleId[..t.TitleId.LastIndexOf("-s", StringComparison.Ordinal)])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var channels = Audience.Channels.Items.Order(StringComparer.Ordinal).ToList();
        var lines = new List<KeyValuePair<string, string>>();
        for (var d = 0; d < Distributors.Length; d++)
        {
            var (id, name, variable) = Distributors[d];
            lines.Add(new(variable, await admin.DistributorAccessKeyAsync(id, name, cancellationToken)));
            await admin.PutTitlesAsync(id, works.Where((_, i) => i % Distributors.Length == d).SelectMany(w => w.Select(t => t.TitleId)), cancellationToken);
            await admin.PutChannelsAsync(id, channels.Where((_, i) => i % Distributors.Length == d), cancellationToken);
        }
        lines.Add(new(PlayerKeyVariable, await admin.IngestKeyAsync("player", "player simulator", cancellationToken)));
        lines.Add(new(BillingKeyVariable, await admin.IngestKeyAsync("billing", "billing simulator", cancellationToken)));
        return lines;
    }
}
