using System.Globalization;
using Streaming.Bench.LoadGen;
using Streaming.Bench.LoadGen.Benchmark;
using Streaming.Bench.LoadGen.Simulation;
using Streaming.Bench.LoadGen.Wire;

// Figures print the same everywhere (1,234,567.8), whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Args cli;
try
{
    cli = Args.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return ExitCodes.BadArguments;
}

if (cli.WantsHelp || cli.Command.Length == 0)
{
    Console.WriteLine(Usage.Text);
    return cli.WantsHelp ? ExitCodes.Ok : ExitCodes.BadArguments;
}

using var shutdown = new Shutdown();
try
{
    return cli.Command switch
    {
        "simulate" => await SimulateCommand.RunAsync(SimulateOptions.From(cli), shutdown.Token),
        "bench" => await BenchCommand.RunAsync(BenchOptions.From(cli), shutdown.Token),
        "demo-setup" => await DemoSetupCommand.RunAsync(cli, shutdown.Token),
        _ => throw new ArgumentException($"unknown command '{cli.Command}' (simulate, bench or demo-setup; --help for usage)"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return ExitCodes.BadArguments;
}
catch (IngestUnreachableException e)
{
    Console.Error.WriteLine(e.Message);
    return ExitCodes.IngestUnreachable;
}
catch (BenchAbortedException e)
{
    Console.Error.WriteLine($"bench aborted: {e.Message}");
    return ExitCodes.GaveUp;
}
catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped");
    return ExitCodes.Ok;
}
