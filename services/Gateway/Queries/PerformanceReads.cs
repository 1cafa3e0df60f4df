namespace Streaming.Gateway.Queries;

/// <summary>Which roll-up a whole UTC day or month is read from (layout: PerformanceCounterLayout).</summary>
public enum RollupKind
{
    /// <summary>Per offer and marketplace over all titles (<c>all-day</c>, <c>all-month</c>), fields <c>|{offer}|{marketplace}|m</c>.</summary>
    AllTitles,

    /// <summary>Per title (<c>titles:{day or month}</c>), fields <c>m:{titleId}</c>, <c>s:{titleId}</c>.</summary>
    Titles,
}

/// <summary>
/// One quarter-detail day hash to read: of one title, or (null) of all titles; with <paramref name="Totals"/>, the
/// day's quarter totals over all titles instead (no offer or marketplace in its fields).
/// </summary>
public readonly record struct QuarterRead(int Partition, DateOnly Day, string? TitleId, bool Totals = false);

/// <summary>One roll-up hash to read, whole (<see cref="TitleIds"/> null) or only the fields of these titles.</summary>
public sealed record RollupRead(int Partition, RollupKind Kind, RollupSegment Segment, bool Month, IReadOnlyList<string>? TitleIds);

/// <summary>One roll-up hash as read, with the bucket its whole day or month falls in.</summary>
public sealed record RollupHash(int Bucket, RollupKind Kind, IReadOnlyList<KeyValuePair<string, long>> Fields);

/// <summary>
/// The Redis reads that answer a plan, per partition. A partition whose roll-ups are complete (its layout marker set)
/// reads each whole UTC month and day of <see cref="PerformancePlan.Cover"/> from one roll-up hash and the days left
/// from the quarter detail; any other partition reads every day from the quarter detail, as before roll-ups existed.
/// Roll-ups answer what they hold: all titles per offer and marketplace, or per title when offers and marketplaces need
/// not be told apart; the days left of a query over all titles that filters and groups nothing are read from each
/// day's quarter totals. A query that needs titles and offers or marketplaces together reads the quarter detail (no
/// roll-up keeps that breakdown; docs/benchmarks.md says why). No I/O.
/// </summary>
public sealed record PerformanceReads(IReadOnlyList<QuarterRead> Quarters, IReadOnlyList<RollupRead> Rollups, IReadOnlyList<(int Partition, DateOnly Day)> TitlesOfDays)
{
    /// <param name="plan">The checked query.</param>
    /// <param name="upgraded">Per partition, whether its roll-ups are complete.</param>
    /// <param name="titleIds">The titles to read (a filter or the caller's own titles, in order); null: every title.</param>
    /// <param name="allTitles">Every title with counters, for partitions read from the quarter detail when the plan
    /// groups by title without a list (see <see cref="NeedsAllTitles"/>); null when not needed.</param>
    public static PerformanceReads For(PerformancePlan plan, IReadOnlyList<bool> upgraded, IReadOnlyList<string>? titleIds, IReadOnlyList<string>? allTitles)
    {
        var quarters = new List<QuarterRead>();
        var rollups = new List<RollupRead>();
        var titlesOfDays = new List<(int, DateOnly)>();
        if (titleIds is { Count: 0 })
        {
            return new PerformanceReads(quarters, rollups, titlesOfDays); // a distributor without titles reads nothing
        }
        RollupKind? kind = titleIds is null && !plan.ReadsTitles ? RollupKind.AllTitles
            : plan.NeedsOfferDetail ? null
            : RollupKind.Titles;
        for (var partition = 0; partition < upgraded.Count; partition++)
        {
            if (!upgraded[partition] || kind is null)
            {
                AddQuarterDays(quarters, partition, plan.UtcDays, titleIds ?? (plan.ReadsTitles ? allTitles ?? [] : null));
                continue;
            }
            rollups.AddRange(plan.Cover.Months.Select(m => new RollupRead(partition, kind.Value, m, Month: true, titleIds)));
            rollups.AddRange(plan.Cover.Days.Select(d => new RollupRead(partition, kind.Value, d, Month: false, titleIds)));
            if (kind == RollupKind.AllTitles && !plan.NeedsOfferDetail)
            {
                // Nothing filtered or grouped: each day's quarter totals answer, without the offer × marketplace split.
                quarters.AddRange(plan.Cover.QuarterDays.Select(d => new QuarterRead(partition, d, null, Totals: true)));
            }
            else if (titleIds is null && plan.ReadsTitles)
            {
                // Grouped by title: only the titles the day's roll-up names have quarter detail in this partition that day.
                titlesOfDays.AddRange(plan.Cover.QuarterDays.Select(d => (partition, d)));
            }
            else
            {
                AddQuarterDays(quarters, partition, plan.Cover.QuarterDays, titleIds);
            }
        }
        return new PerformanceReads(quarters, rollups, titlesOfDays);
    }

    /// <summary>Whether <see cref="For"/> needs every title's id: grouped by title without a list, and some partition (or
    /// the whole query, when it splits offers or marketplaces) read from the quarter detail.</summary>
    public static bool NeedsAllTitles(PerformancePlan plan, IReadOnlyList<bool> upgraded, IReadOnlyList<string>? titleIds) =>
        titleIds is null && plan.ReadsTitles && (plan.NeedsOfferDetail || upgraded.Contains(false));

    /// <summary>The UTC days read from the quarter detail (<see cref="Quarters"/> and <see cref="TitlesOfDays"/>), each once.</summary>
    public IReadOnlyList<DateOnly> QuarterDays() => [.. Quarters.Select(q => q.Day).Concat(TitlesOfDays.Select(t => t.Day)).Distinct()];

    /// <summary>These reads without the quarter detail of <paramref name="days"/> (their sums are known).</summary>
    public PerformanceReads Without(IReadOnlySet<DateOnly> days) =>
        days.Count == 0 ? this : this with
        {
            Quarters = [.. Quarters.Where(q => !days.Contains(q.Day))],
            TitlesOfDays = [.. TitlesOfDays.Where(t => !days.Contains(t.Day))],
        };

    /// <summary>Hashes read before the titles of <see cref="TitlesOfDays"/> are known (each of those is one more).</summary>
    public int KeyCount => Quarters.Count + Rollups.Count + TitlesOfDays.Count;

    private static void AddQuarterDays(List<QuarterRead> reads, int partition, IReadOnlyList<DateOnly> days, IReadOnlyList<string>? titleIds)
    {
        foreach (var day in days)
        {
            if (titleIds is null) reads.Add(new QuarterRead(partition, day, null));
            else reads.AddRange(titleIds.Select(t => new QuarterRead(partition, day, t)));
        }
    }
}
