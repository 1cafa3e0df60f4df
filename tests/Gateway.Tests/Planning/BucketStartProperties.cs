using FsCheck.Xunit;
using static Streaming.Gateway.Tests.Planning.Plans;

namespace Streaming.Gateway.Tests.Planning;

/// <summary>Bucket starts hold in zones with daylight saving, half-hour and 45-minute offsets, and half-hour shifts.</summary>
public sealed class BucketStartProperties
{
    private static readonly string[] Zones =
    [
        "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe",
        "America/Santiago", "Pacific/Chatham", "America/St_Johns", "Africa/Casablanca", "America/Havana",
    ];

    [Property(MaxTest = 300)]
    public bool Day_buckets_are_one_per_local_day_each_starting_as_its_date_begins(byte zone, ushort dayOffset, byte length)
    {
        var tz = Zones[zone % Zones.Length];
        var first = new DateOnly(2020, 1, 1).AddDays(dayOffset % 3650);
        var last = first.AddDays(length % 60);
        var plan = Plan($"from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}&tz={tz}");
        var calendar = new ZoneCalendar(plan.Zone);

        return plan.BucketStarts.Count == last.DayNumber - first.DayNumber + 1 &&
               plan.BucketStarts.Select((start, i) =>
                   calendar.LocalDate(start) == first.AddDays(i) &&
                   calendar.LocalDate(start.AddTicks(-1)) == first.AddDays(i - 1)).All(ok => ok);
    }

    [Property(MaxTest = 300)]
    public bool Hour_buckets_start_on_the_local_hour_one_to_two_hours_apart(byte zone, ushort dayOffset, byte length)
    {
        var tz = Zones[zone % Zones.Length];
        var first = new DateOnly(2020, 1, 1).AddDays(dayOffset % 3650);
        var plan = Plan($"from={first:yyyy-MM-dd}&to={first.AddDays(length % 40):yyyy-MM-dd}&tz={tz}&granularity=hour");
        var calendar = new ZoneCalendar(plan.Zone);

        var onTheHour = plan.BucketStarts.Skip(1).All(s => calendar.ToLocal(s) is { Minute: 0, Second: 0 });
        var gaps = plan.BucketStarts.Zip(plan.BucketStarts.Skip(1), (a, b) => b - a).ToList();
        return onTheHour && gaps.All(g => g >= TimeSpan.FromHours(1) && g <= TimeSpan.FromHours(2)) &&
               plan.BucketStarts[0] <= plan.From && plan.To - plan.BucketStarts[^1] <= TimeSpan.FromHours(2);
    }
}
