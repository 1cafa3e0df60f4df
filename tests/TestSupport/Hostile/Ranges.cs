using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Streaming.TestSupport.Hostile;

/// <summary>
/// A from/to pair: its parameters, the error the check across them gives (named by parameter; null: none), whether it
/// holds the data day, and how many days it spans (what hour buckets depend on).
/// </summary>
public sealed record RangeCase(string Note, QueryParam[] Params, string? Error, bool HoldsData, int Days);

/// <summary>
/// Ranges of the performance and channel queries, around the data day and today, and the absurd ones: years 0001,
/// 1969, 3000 and 9999, to before from, more than three years, dates that do not exist.
/// </summary>
public static class Ranges
{
    private static readonly string[] AbsurdBounds = ["0001-01-01", "1969-12-31", "3000-01-01", "9999-12-31", "1969-12-31T23:00:00Z", "3000-01-01T00:00:00+14:00"];

    private static readonly string[] NotDates =
        ["2026-02-30", "2026-13-01", "yesterday", "10000-01-01", "2026-03-10T10:00:00", "2026-03-10T25:00:00Z", "2026-3-1", "１９７０-01-01"];

    /// <summary>Ranges of <c>/v1/metrics/performance</c>: dates or date-times with offsets.</summary>
    public static Gen<RangeCase> Performance(GatewayWorld world)
    {
        var anchor = world.DataDay ?? world.Today.AddDays(-50);
        var holds = world.DataDay is not null;
        return Gen.Frequency(
            (6, from a in Gen.Choose(2, 60) from b in Gen.Choose(2, 60) select Dates("around the data", anchor.AddDays(-a), anchor.AddDays(b), null, holds)),
            (3, Away(anchor)),
            (2, DateTimes(anchor, holds)),
            (1, from days in Gen.Elements(300, 350, 400, 420, 500, 700, 1000) from a in Gen.Choose(2, days - 3)
                select Dates($"{days} days", anchor.AddDays(-a), anchor.AddDays(days - 1 - a), null, holds)),
            (1, TooLong(anchor)),
            (1, from k in Gen.Choose(1, 400) select Dates("to before from", anchor, anchor.AddDays(-k), "to", false)),
            (1, Gen.Constant(new RangeCase("at the end of 2999", [P("from", "2999-12-31T23:00:00-14:00"), P("to", "2999-12-31")], "to", false, 1))),
            (1, Gen.Elements(
                Dates("December 2999", new DateOnly(2999, 12, 1), new DateOnly(2999, 12, 31), null, false),
                Dates("January 1970", new DateOnly(1970, 1, 1), new DateOnly(1970, 1, 31), null, false))),
            (2, Refused(AbsurdBounds)),
            (1, Refused(NotDates)),
            (2, OnlyFrom(world, holds)),
            (1, from k in Gen.Choose(30, 300) select new RangeCase("only to, later", [P("to", Day(world.Today.AddDays(k)))], null, false, k + 7)),
            (1, from k in Gen.Choose(30, 400) select new RangeCase("only to, earlier", [P("to", Day(world.Today.AddDays(-k)))], "to", false, 0)),
            (1, Gen.Constant(new RangeCase("the default week", [], null, false, 7))));
    }

    /// <summary>Ranges of <c>/v1/metrics/channels/{id}</c>: dates only; to defaults to today, from to 29 days before to.</summary>
    public static Gen<RangeCase> Channel(GatewayWorld world) => Gen.Frequency(
        (6, from a in Gen.Choose(0, 400) from k in Gen.Choose(0, 400) select Dates("days", world.Today.AddDays(-a), world.Today.AddDays(k - a), null, false)),
        (1, TooLong(world.Today)),
        (1, from k in Gen.Choose(1, 400) select Dates("to before from", world.Today, world.Today.AddDays(-k), "to", false)),
        (2, Refused([.. AbsurdBounds, .. NotDates, "2026-03-10T10:00:00Z"])),
        (1, from k in Gen.Choose(30, 1000) select new RangeCase("only from", [P("from", Day(world.Today.AddDays(-k)))], null, false, k + 1)),
        (1, from k in Gen.Choose(30, 400) select new RangeCase("only from, later", [P("from", Day(world.Today.AddDays(k)))], "to", false, 0)),
        (1, from k in Gen.Choose(-400, 400) select new RangeCase("only to", [P("to", Day(world.Today.AddDays(k)))], null, false, 30)),
        (1, Gen.Constant(new RangeCase("the default 30 days", [], null, false, 30))));

    private static Gen<RangeCase> Away(DateOnly anchor) =>
        from c in Gen.Choose(2, 100)
        from k in Gen.Choose(0, 60)
        from after in Gen.Elements(false, true)
        select after
            ? Dates("after the data", anchor.AddDays(c), anchor.AddDays(c + k), null, false)
            : Dates("before the data", anchor.AddDays(-c - k), anchor.AddDays(-c), null, false);

    /// <summary>Instants with offsets a few days either side of the anchor; '+' sent encoded or raw (a space, which the gateway reads as '+').</summary>
    private static Gen<RangeCase> DateTimes(DateOnly anchor, bool holds) =>
        from a in Gen.Choose(2, 30)
        from b in Gen.Choose(2, 30)
        from minutes in Gen.Choose(0, 1439)
        from offset in Gen.Elements("Z", "+01:00", "-08:00", "+14:00", "-12:00", "+05:45")
        from raw in Gen.Elements(false, true)
        from same in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        let start = Instant(anchor.AddDays(-a), minutes, offset)
        let end = same ? start : Instant(anchor.AddDays(b), minutes, offset)
        select new RangeCase(same ? "from = to" : "date-times", [Encoded("from", start, raw), Encoded("to", end, raw)], same ? "to" : null, holds && !same, a + b + 1);

    private static Gen<RangeCase> TooLong(DateOnly anchor) => Gen.OneOf(
        from k in Gen.Choose(0, 3000) select Dates("over 3 years", anchor.AddDays(-400), anchor.AddDays(-400).AddYears(3).AddDays(k), "to", false),
        Gen.Constant(Dates("1970 to 2999", new DateOnly(1970, 1, 1), new DateOnly(2999, 12, 31), "to", false)),
        Gen.Constant(Dates("100 years", new DateOnly(1970, 1, 1), new DateOnly(2069, 12, 31), "to", false)));

    private static Gen<RangeCase> OnlyFrom(GatewayWorld world, bool holds) => Gen.OneOf(
        from k in Gen.Choose(30, 399) select new RangeCase("only from", [P("from", Day(world.Today.AddDays(-k)))], null, holds, k + 1),
        from k in Gen.Choose(30, 400) select new RangeCase("only from, later", [P("from", Day(world.Today.AddDays(k)))], "to", false, 0),
        from k in Gen.Choose(1130, 3000) select new RangeCase("only from, long ago", [P("from", Day(world.Today.AddDays(-k)))], "to", false, 0));

    /// <summary>From, to or both refused on their own: the check across them is never reached.</summary>
    private static Gen<RangeCase> Refused(string[] values) =>
        from value in Gen.Elements(values)
        from which in Gen.Elements("from", "to", "both")
        select new RangeCase($"{which} = {value}", which switch
        {
            "from" => [QueryParam.Bad("from", value)],
            "to" => [QueryParam.Bad("to", value)],
            _ => [QueryParam.Bad("from", value), QueryParam.Bad("to", value)],
        }, null, false, 0);

    private static RangeCase Dates(string note, DateOnly from, DateOnly to, string? error, bool holds) =>
        new(note, [P("from", Day(from)), P("to", Day(to))], error, holds, to.DayNumber - from.DayNumber + 1);

    private static QueryParam P(string name, string value) => QueryParam.Valid(name, value);

    private static QueryParam Encoded(string name, string value, bool rawPlus) =>
        rawPlus ? new QueryParam(name, Uri.EscapeDataString(value).Replace("%2B", "+")) : QueryParam.Valid(name, value);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateOnly day, int minutes, string offset) =>
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes)).ToString("HH:mm:ss", CultureInfo.InvariantCulture) + offset;
}
