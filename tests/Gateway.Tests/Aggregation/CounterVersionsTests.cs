namespace Streaming.Gateway.Tests.Aggregation;

/// <summary>The versions a query's hashes are kept under: per partition and day, and per partition and whole month.</summary>
public sealed class CounterVersionsTests
{
    private static readonly DateOnly[] February = [.. Enumerable.Range(1, 28).Select(d => new DateOnly(2026, 2, d))];

    private static CounterVersions Versions(IReadOnlyList<DateOnly> days, int changedDay, string token) =>
        new(days, [days.Select(_ => (string?)null).ToList(), days.Select(d => d.Day == changedDay ? token : null).ToList()]);

    [Fact]
    public void A_day_has_its_token_a_day_without_one_is_unchanged_and_a_day_not_read_has_none()
    {
        var versions = Versions(February, 27, "v1");

        Assert.Equal("v1", versions.Of(1, new DateOnly(2026, 2, 27)));
        Assert.Equal(CounterVersions.Unchanged, versions.Of(0, new DateOnly(2026, 2, 27)));
        Assert.Null(versions.Of(1, new DateOnly(2026, 3, 1)));
        Assert.Null(versions.Of(1, new DateOnly(2026, 1, 31)));
    }

    [Fact]
    public void A_month_changes_with_any_of_its_days_and_has_no_version_unless_every_day_was_read()
    {
        var before = Versions(February, 27, "v1");
        var after = Versions(February, 27, "v2");

        Assert.NotNull(before.OfMonth(1, 2026, 2));
        Assert.NotEqual(before.OfMonth(1, 2026, 2), after.OfMonth(1, 2026, 2));
        Assert.Equal(before.OfMonth(0, 2026, 2), after.OfMonth(0, 2026, 2));
        Assert.NotEqual(before.Digest, after.Digest);
        Assert.Null(Versions(February[1..], 27, "v1").OfMonth(1, 2026, 2));  // February 1 not read
        Assert.Null(Versions(February[..^1], 27, "v1").OfMonth(1, 2026, 2)); // February 28 not read
    }
}
