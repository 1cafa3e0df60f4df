using System.Diagnostics;
using System.Globalization;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// CPU time spent by the pipeline's processes (named by <c>--cpu ingest=PID,redis=PID,…</c>) and by this generator:
/// user plus system time, read from <c>/proc/PID/stat</c> (fields 14 and 15, in clock ticks of 10 ms: Linux's
/// USER_HZ is 100) and, for the generator, from the runtime. Differences of two readings divided by the events of a
/// run give the CPU microseconds each component spent per event.
/// </summary>
public sealed class CpuMeter(IReadOnlyList<(string Name, int Pid)> processes)
{
    public const string Generator = "generator";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    public bool IsEmpty => processes.Count == 0;

    /// <summary>Parses <c>name=pid[,name=pid…]</c>; empty gives a meter that measures nothing.</summary>
    public static CpuMeter Parse(string spec)
    {
        var processes = new List<(string, int)>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=');
            if (pair.Length != 2 || pair[0].Length == 0 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
            {
                throw new ArgumentException($"--cpu takes name=pid pairs separated by commas, not '{part}'");
            }
            processes.Add((pair[0], pid));
        }
        return new CpuMeter(processes);
    }

    /// <summary>CPU time so far of each process (a process gone since reads as missing) and of this generator.</summary>
    public Dictionary<string, TimeSpan> Read()
    {
        var reading = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (name, pid) in processes)
        {
            if (ReadProc(pid) is { } time) reading[name] = reading.GetValueOrDefault(name) + time;
        }
        reading[Generator] = Process.GetCurrentProcess().TotalProcessorTime;
        return reading;
    }

    /// <summary>Microseconds of CPU per event between two readings, per component present in both.</summary>
    public static Dictionary<string, double> PerEvent(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after, long events) =>
        after.Where(a => before.ContainsKey(a.Key)).ToDictionary(a => a.Key, a => (a.Value - before[a.Key]).TotalMicroseconds / events, StringComparer.Ordinal);

    private static TimeSpan? ReadProc(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks * Tick;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
