using Streaming.FaultSuite.Faults;

namespace Streaming.FaultSuite;

/// <summary>The table the suite ends with: one row per fault, then what was checked at the end.</summary>
public static class Report
{
    public static void Print(IReadOnlyList<PhaseResult> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| fault | downtime | time to recover | events acknowledged | events counted | messages to _error | |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var recovered = r.Recovered is { } t ? $"{t.TotalSeconds:0.0} s" : "not recovered";
            var verdict = r.Ok ? "ok" : r.Problem ?? (r.Recovered is null ? "no recovery" : r.Counted != r.Acknowledged ? "counted ≠ acknowledged" : "dead-lettered");
            Console.WriteLine($"| {r.Fault} | {r.Downtime.TotalSeconds:0.0} s | {recovered} | {r.Acknowledged:N0} | {r.Counted?.ToString("N0") ?? "?"} | {r.DeadLettered?.ToString("N0") ?? "?"} | {verdict} |");
        }
        Console.WriteLine($"| total | | | {rows.Sum(r => r.Acknowledged):N0} | {rows.Sum(r => r.Counted ?? 0):N0} | {rows.Sum(r => r.DeadLettered ?? 0):N0} | |");
    }
}
