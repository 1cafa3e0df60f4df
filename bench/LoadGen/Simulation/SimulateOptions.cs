namespace Streaming.Bench.LoadGen.Simulation;

public sealed record SimulateOptions(Uri Ingest, int Viewers, double Speed, TimeSpan Duration, int Seed, int MaxBatch)
{
    public static SimulateOptions From(Args args)
    {
        var options = new SimulateOptions(
            args.Url("ingest", "http://127.0.0.1:5101"),
            args.Int("viewers", 300, min: 1),
            args.Double("speed", 1, min: 1),
            TimeSpan.FromSeconds(args.Double("duration", 0, min: 0)),
            args.Int("seed", 42),
            args.Int("max-batch", 1000, min: 1));
        args.RejectUnknown();
        return options;
    }
}
