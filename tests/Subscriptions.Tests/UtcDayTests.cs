using static Streaming.Subscriptions.Tests.Ev;

namespace Streaming.Subscriptions.Tests;

/// <summary>
/// Trial starts and paid conversions also count on the UTC date of their instant, the live view's "today"; lines read
/// "{UTC day} {metric} {change}". Local days are as before (checked in <see cref="TimelineTests"/>).
/// </summary>
public sealed class UtcDayTests
{
    private static string[] UtcLines(Tally tally) =>
        [.. tally.UtcDays.Select(d => $"{DateOnly.FromDayNumber(d.Key.Day):yyyy-MM-dd} {d.Key.Metric} {d.Value}").Order(StringComparer.Ordinal)];

    [Fact]
    public void A_start_counts_on_the_UTC_date_of_its_instant_whatever_the_local_date()
    {
        // 23:30 at −08:00 on 1 January is 07:30Z on 2 January; 00:30 at +14:00 on 4 January is 10:30Z on 3 January.
        var (_, sum, _) = Run(Hours72, [Trial("t", "2026-01-01T23:30-08:00"), Paid("p", "2026-01-04T00:30+14:00")]);

        Assert.Equal(["2026-01-02 TrialStarts 1", "2026-01-03 PaidConversions 1"], UtcLines(sum));
        Assert.Contains("2026-01-01 TrialStarts 1", Lines(sum));
        Assert.Contains("2026-01-04 PaidConversions 1", Lines(sum));
    }

    [Fact]
    public void Cancellations_and_paid_starts_are_not_kept_per_UTC_day()
    {
        var (_, sum, _) = Run(Hours72, [Paid("p", "2026-01-01T10:00+00:00"), Cancel("c", "2026-01-01T11:00+00:00"),
            Trial("t", "2026-01-01T12:00+00:00"), Cancel("c2", "2026-01-01T13:00+00:00")]);

        Assert.Equal(["2026-01-01 TrialStarts 1"], UtcLines(sum));
    }

    [Fact]
    public void A_late_earlier_trial_takes_the_UTC_count_back_from_the_trial_it_turns_into_a_rejection()
    {
        var (_, _, results) = Run(Hours72, [Trial("t2", "2026-01-02T10:00+00:00")], [Trial("t1", "2026-01-01T23:00+00:00")]);

        Assert.Equal(["2026-01-02 TrialStarts 1"], UtcLines(results[0].Delta));
        Assert.Equal(["2026-01-01 TrialStarts 1", "2026-01-02 TrialStarts -1"], UtcLines(results[1].Delta));
    }
}
