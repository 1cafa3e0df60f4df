using Streaming.FaultSuite.Faults;

namespace Streaming.FaultSuite;

/// <summary>
/// The table the suite ends with: one row per fault, then what was checked at the end. A failover column (kill →
/// traffic flowing again, before the repair) when a fault was measured for it (cluster mode).
/// </summary>
public static class Report
{
    public static void Print(IReadOnlyList<PhaseResult> rows)
    {
        var failover = rows.Any(r => r.Failover is not null);
        string F(PhaseResult r) => !failover ? "" : r.Failover is { } f ? $" {f.TotalSeconds:0.0} s |" : " |";
        Console.WriteLine();
        Console.WriteLine($"| fault | downtime |{(failover ? " failover |" : "")} time to recover | events acknowledged | events counted | messages to _error | |");
        Console.WriteLine($"|---|---:|{(failover ? "---:|" : "")}---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var recovered = r.Recovered is { } t ? $"{t.TotalSeconds:0.0} s" : "not recovered";
            var verdict = r.Ok ? "ok" : r.Problem ?? (r.Recovered is null ? "no recovery" : r.Counted != r.Acknowledged ? "counted ≠ acknowledged" : "dead-lettered");
            Console.WriteLine($"| {r.Fault} | {r.Downtime.TotalSeconds:0.0} s |{F(r)} {recovered} | {r.Acknowledged:N0} | {r.Counted?.ToString("N0") ?? "?"} | {r.DeadLettered?.ToString("N0") ?? "?"} | {verdict} |");
        }
        Console.WriteLine($"| total | |{(failover ? " |" : "")} | {rows.Sum(r => r.Acknowledged):N0} | {rows.Sum(r => r.Counted ?? 0):N0} | {rows.Sum(r => r.DeadLettered ?? 0):N0} | |");
    }
}
