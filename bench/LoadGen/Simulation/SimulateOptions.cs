namespace Streaming.Bench.LoadGen.Simulation;

/// <param name="DemoSetup">The gateway to run <c>demo-setup</c> on first (with the operator key), for the keys; null when they are given.</param>
public sealed record SimulateOptions(
    Uri Ingest, int Viewers, double Speed, TimeSpan Duration, int Seed, int MaxBatch, string PlayerKey, string BillingKey, Uri? DemoSetup, string OperatorKey)
{
    public static SimulateOptions From(Args args)
    {
        var setUp = args.String("demo-setup", "") is { Length: > 0 } ? args.Url("demo-setup", "") : null;
        var options = new SimulateOptions(
            args.Url("ingest", "http://127.0.0.1:5101"),
            args.Int("viewers", 300, min: 1),
            args.Double("speed", 1, min: 1),
            TimeSpan.FromSeconds(args.Double("duration", 0, min: 0)),
            args.Int("seed", 42),
            args.Int("max-batch", 1000, min: 1),
            setUp is null ? Key(args, "player-key", DemoSetupCommand.PlayerKeyVariable, "player") : "",
            setUp is null ? Key(args, "billing-key", DemoSetupCommand.BillingKeyVariable, "billing") : "",
            setUp,
            setUp is null ? "" : Wire.AdminClient.OperatorKey(args));
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
