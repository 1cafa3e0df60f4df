using static Streaming.Gateway.Tests.Planning.Plans;

namespace Streaming.Gateway.Tests.Planning;

public sealed class PerformancePlannerTests
{
    [Fact]
    public void New_York_spring_forward_day_has_23_hour_buckets_without_2am()
    {
        var plan = Plan("from=2026-03-08&to=2026-03-08&tz=America/New_York&granularity=hour");

        Assert.Equal(23, plan.BucketStarts.Count);
        Assert.Equal(
            ["2026-03-08T00:00:00-05:00", "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00"],
            Iso(plan.BucketStarts.Take(4)));
        Assert.Equal("2026-03-08T23:00:00-04:00", InstantText.Iso(plan.BucketStarts[^1]));
    }

    [Fact]
    public void New_York_spring_forward_day_bucket_spans_05Z_to_04Z_next_day()
    {
        var plan = Plan("from=2026-03-08&to=2026-03-08&tz=America/New_York");

        var start = Assert.Single(plan.BucketStarts);
        Assert.Equal(new DateTime(2026, 3, 8, 5, 0, 0, DateTimeKind.Utc), start.UtcDateTime);
        Assert.Equal(new DateTime(2026, 3, 9, 4, 0, 0, DateTimeKind.Utc), plan.To.UtcDateTime);
        Assert.Equal("2026-03-08T00:00:00-05:00", InstantText.Iso(plan.From));
        Assert.Equal("2026-03-09T00:00:00-04:00", InstantText.Iso(plan.To));
    }

    [Fact]
    public void New_York_fall_back_day_has_25_hour_buckets_with_two_1am_hours_told_apart_by_offset()
    {
        var plan = Plan("from=2026-11-01&to=2026-11-01&tz=America/New_York&granularity=hour");

        Assert.Equal(25, plan.BucketStarts.Count);
        Assert.Equal(
            ["2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"],
            Iso(plan.BucketStarts.Take(4)));
        Assert.Equal(new DateTime(2026, 11, 1, 5, 0, 0, DateTimeKind.Utc), plan.BucketStarts[1].UtcDateTime);
        Assert.Equal(new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc), plan.BucketStarts[2].UtcDateTime);
    }

    [Fact]
    public void Fall_back_quarters_go_to_the_1am_hour_of_their_offset()
    {
        var plan = Plan("from=2026-11-01&to=2026-11-01&tz=America/New_York&granularity=hour");
        var day = new DateOnly(2026, 11, 1);

        Assert.Equal(1, plan.BucketOf(day, 5 * 4 + 3)); // 05:45Z = 01:45 EDT
        Assert.Equal(2, plan.BucketOf(day, 6 * 4)); // 06:00Z = 01:00 EST
        Assert.Equal(3, plan.BucketOf(day, 7 * 4)); // 07:00Z = 02:00 EST
        Assert.Equal(-1, plan.BucketOf(day, 3 * 4 + 3)); // 03:45Z = 23:45 EDT the day before
    }

    [Fact]
    public void Havana_fall_back_at_midnight_starts_the_day_at_the_first_of_its_two_midnights()
    {
        // 2025: TZDB 2026 keeps Cuba on -04:00 from 2026 on, so 2026-11-01 has a single midnight.
        var plan = Plan("from=2025-11-02&to=2025-11-02&tz=America/Havana&granularity=hour");

        Assert.Equal("2025-11-02T00:00:00-04:00", InstantText.Iso(plan.From));
        Assert.Equal(25, plan.BucketStarts.Count);
        Assert.Equal(["2025-11-02T00:00:00-04:00", "2025-11-02T00:00:00-05:00", "2025-11-02T01:00:00-05:00"],
            Iso(plan.BucketStarts.Take(3)));
        Assert.Equal("2025-11-01T00:00:00-04:00", InstantText.Iso(Plan("from=2025-11-01&to=2025-11-01&tz=America/Havana").From));
        Assert.Equal("2025-11-02T00:00:00-04:00", InstantText.Iso(Plan("from=2025-11-01&to=2025-11-01&tz=America/Havana").To));
    }

    [Fact]
    public void Zone_names_match_in_any_case_and_answer_with_the_IANA_spelling()
    {
        var plan = Plan("from=2026-03-08&to=2026-03-08&tz=europe/BERLIN");

        Assert.Equal("Europe/Berlin", plan.Zone.Id);
        Assert.Equal("2026-03-08T00:00:00+01:00", InstantText.Iso(plan.From));
    }

    [Fact]
    public void Lord_Howe_half_hour_shifts_make_one_hour_bucket_last_ninety_minutes()
    {
        // Spring: 02:00 +10:30 becomes 02:30 +11:00, so no 02:00; autumn: 02:00 +11:00 becomes 01:30 +10:30.
        var spring = Plan("from=2026-10-04&to=2026-10-04&tz=Australia/Lord_Howe&granularity=hour");
        var autumn = Plan("from=2026-04-05&to=2026-04-05&tz=Australia/Lord_Howe&granularity=hour");

        Assert.Equal(23, spring.BucketStarts.Count);
        Assert.Equal(["2026-10-04T01:00:00+10:30", "2026-10-04T03:00:00+11:00"], Iso(spring.BucketStarts.Skip(1).Take(2)));
        Assert.Equal(24, autumn.BucketStarts.Count);
        Assert.Equal(["2026-04-05T01:00:00+11:00", "2026-04-05T02:00:00+10:30"], Iso(autumn.BucketStarts.Skip(1).Take(2)));
        Assert.Equal(TimeSpan.FromHours(24.5), autumn.To - autumn.From);
    }

    [Fact]
    public void Kolkata_day_runs_from_1830Z_the_day_before_with_hours_on_the_half_hour_UTC()
    {
        var plan = Plan("from=2026-11-27&to=2026-11-27&tz=Asia/Kolkata&granularity=hour");

        Assert.Equal(new DateTime(2026, 11, 26, 18, 30, 0, DateTimeKind.Utc), plan.From.UtcDateTime);
        Assert.Equal(new DateTime(2026, 11, 27, 18, 30, 0, DateTimeKind.Utc), plan.To.UtcDateTime);
        Assert.Equal(24, plan.BucketStarts.Count);
        Assert.Equal(new DateTime(2026, 11, 26, 19, 30, 0, DateTimeKind.Utc), plan.BucketStarts[1].UtcDateTime);
        Assert.Equal([new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27)], plan.UtcDays);
        Assert.Equal(-1, plan.BucketOf(new DateOnly(2026, 11, 26), 18 * 4 + 1)); // 18:15Z
        Assert.Equal(0, plan.BucketOf(new DateOnly(2026, 11, 26), 18 * 4 + 2)); // 18:30Z
        Assert.Equal(23, plan.BucketOf(new DateOnly(2026, 11, 27), 18 * 4 + 1)); // 18:15Z
        Assert.Equal(-1, plan.BucketOf(new DateOnly(2026, 11, 27), 18 * 4 + 2)); // 18:30Z: the next day
    }

    [Fact]
    public void Month_buckets_start_at_the_local_first_of_each_month_including_the_one_holding_from()
    {
        var plan = Plan("from=2026-01-15&to=2026-04-10&tz=Europe/Berlin&granularity=month");

        Assert.Equal(
            ["2026-01-01T00:00:00+01:00", "2026-02-01T00:00:00+01:00", "2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00"],
            Iso(plan.BucketStarts));
        Assert.Equal("2026-01-15T00:00:00+01:00", InstantText.Iso(plan.From));
        Assert.Equal("2026-04-11T00:00:00+02:00", InstantText.Iso(plan.To));
        Assert.Equal(-1, plan.BucketOf(new DateOnly(2026, 1, 14), 22 * 4 + 3)); // 22:45Z = Jan 14 23:45 Berlin
        Assert.Equal(0, plan.BucketOf(new DateOnly(2026, 1, 14), 23 * 4)); // 23:00Z = Jan 15 00:00 Berlin, the first
        Assert.Equal(3, plan.BucketOf(new DateOnly(2026, 4, 10), 21 * 4 + 3)); // 21:45Z = Apr 10 23:45 Berlin, the last
        Assert.Equal(-1, plan.BucketOf(new DateOnly(2026, 4, 10), 22 * 4));
    }

    [Fact]
    public void Default_range_is_today_in_tz_and_the_six_days_before()
    {
        // 2026-11-27T03:00Z is still the 26th in Los Angeles.
        var plan = Plan("tz=America/Los_Angeles", new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal("2026-11-20T00:00:00-08:00", InstantText.Iso(plan.From));
        Assert.Equal("2026-11-27T00:00:00-08:00", InstantText.Iso(plan.To));
        Assert.Equal(7, plan.BucketStarts.Count);
        Assert.Equal(Granularity.Day, plan.Granularity);
        Assert.Equal("UTC", Plan("").Zone.Id);
        Assert.Equal("2026-11-21T00:00:00+00:00", InstantText.Iso(Plan("").From));
    }

    [Fact]
    public void Date_time_bounds_include_from_and_exclude_to_at_quarter_resolution()
    {
        var plan = Plan("from=2026-03-08T10:20:00%2B01:00&to=2026-03-08T12:00:00Z&granularity=hour");

        Assert.Equal("2026-03-08T09:20:00+00:00", InstantText.Iso(plan.From));
        Assert.Equal(["2026-03-08T09:00:00+00:00", "2026-03-08T10:00:00+00:00", "2026-03-08T11:00:00+00:00"], Iso(plan.BucketStarts));
        var day = new DateOnly(2026, 3, 8);
        Assert.Equal(-1, plan.BucketOf(day, 37)); // 09:15 starts before from
        Assert.Equal(0, plan.BucketOf(day, 38)); // 09:30 is the first quarter starting at or after 09:20
        Assert.Equal(2, plan.BucketOf(day, 47)); // 11:45
        Assert.Equal(-1, plan.BucketOf(day, 48)); // 12:00 is to, exclusive
    }

    [Fact]
    public void A_date_and_a_date_time_mix_and_an_unencoded_plus_is_read_as_an_offset()
    {
        var plan = Plan("from=2026-03-08&to=2026-03-09T06:00:00+01:00&tz=Europe/Berlin");

        Assert.Equal("2026-03-08T00:00:00+01:00", InstantText.Iso(plan.From));
        Assert.Equal("2026-03-09T06:00:00+01:00", InstantText.Iso(plan.To));
        Assert.Equal(["2026-03-08T00:00:00+01:00", "2026-03-09T00:00:00+01:00"], Iso(plan.BucketStarts));
    }

    [Fact]
    public void Total_is_one_bucket_starting_at_from()
    {
        var plan = Plan("from=2026-03-08T10:20:00Z&to=2026-05-01&granularity=total&tz=Europe/Berlin");

        Assert.Equal(["2026-03-08T11:20:00+01:00"], Iso(plan.BucketStarts));
    }

    [Fact]
    public void Title_filter_or_title_grouping_reads_title_keys_otherwise_the_rollup()
    {
        Assert.False(Plan("offer=prime&groupBy=marketplace").ReadsTitles);
        Assert.True(Plan("titleId=t1").ReadsTitles);
        Assert.True(Plan("groupBy=title").ReadsTitles);
    }

    [Fact]
    public void Exactly_three_years_is_allowed()
    {
        var plan = Plan("from=2024-01-01&to=2026-12-31&granularity=month&tz=America/New_York");

        Assert.Equal(36, plan.BucketStarts.Count);
    }
}
