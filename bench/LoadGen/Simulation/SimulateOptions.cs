namespace Streaming.Bench.LoadGen.Simulation;

public sealed record SimulateOptions(Uri Ingest, int Viewers, double Speed, TimeSpan Duration, int Seed, int MaxBatch, string PlayerKey, string BillingKey)
{
    public static SimulateOptions From(Args args)
    {
        var options = new SimulateOptions(
            args.Url("ingest", "http://127.0.0.1:5101"),
            args.Int("viewers", 300, min: 1),
            args.Double("speed", 1, min: 1),
            TimeSpan.FromSeconds(args.Double("duration", 0, min: 0)),
            args.Int("seed", 42),
            args.Int("max-batch", 1000, min: 1),
            Key(args, "player-key", "LOADGEN_PLAYER_KEY", "player"),
            Key(args, "billing-key", "LOADGEN_BILLING_KEY", "billing"));
        args.RejectUnknown();
        return options;
    }

    /// <summary>An ingest key from its option or, kept out of the process list, the environment.</summary>
    private static string Key(Args args, string option, string variable, string kind) =>
        args.String(option, Environment.GetEnvironmentVariable(variable) ?? "") is { Length: > 0 } key
            ? key
            : throw new ArgumentException($"--{option} (or the environment variable {variable}) is required: an ingest key of kind {kind} " +
                                          "(POST /v1/admin/ingest-keys on the gateway, or LoadGen demo-setup)");
}
