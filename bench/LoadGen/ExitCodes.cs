namespace Streaming.Bench.LoadGen;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int BadArguments = 1;
    public const int IngestUnreachable = 2;
    public const int GaveUp = 3;
}
