using System.Security.Cryptography;
using System.Text;

namespace Streaming.Gateway.Queries;

/// <summary>
/// The versions of a query's UTC days in every partition, as read before any counter (layout:
/// PerformanceCounterLayout.DayVersions): a token per partition and day, "-" for a day no commit has changed since day
/// versions exist (its counters have not changed since then either). A hash read after these versions is at least as
/// new as they say, so it may be kept under them: a later query that reads the same versions reads the same counters.
/// </summary>
public sealed class CounterVersions
{
    /// <summary>The token of a day that holds no version: no commit has changed it since versions exist.</summary>
    public const string Unchanged = "-";

    private readonly IReadOnlyList<DateOnly> _days;
    private readonly string[][] _tokens; // [partition][index of the day in _days]

    /// <param name="days">The days read, in order, without repeats.</param>
    /// <param name="tokens">Per partition, the token of each of <paramref name="days"/> (null: none, <see cref="Unchanged"/>).</param>
    public CounterVersions(IReadOnlyList<DateOnly> days, IReadOnlyList<IReadOnlyList<string?>> tokens)
    {
        _days = days;
        _tokens = [.. tokens.Select(p => p.Select(t => t ?? Unchanged).ToArray())];
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var partition in _tokens)
        {
            foreach (var token in partition)
            {
                digest.AppendData(Encoding.UTF8.GetBytes(token)); // a token is a GUID or "-": never holds a newline
                digest.AppendData("\n"u8);
            }
        }
        Digest = Convert.ToHexString(digest.GetHashAndReset());
    }

    /// <summary>A fingerprint of every token: changes whenever the counters of any of the days do, in any partition.</summary>
    public string Digest { get; }

    /// <summary>The version of one partition's counters of one UTC day; null when the day was not read.</summary>
    public string? Of(int partition, DateOnly day)
    {
        var index = IndexOf(day);
        return index < 0 ? null : _tokens[partition][index];
    }

    /// <summary>The version of one UTC day's counters in every partition (their tokens in partition order); null when the day was not read.</summary>
    public string? OfEveryPartition(DateOnly day)
    {
        var index = IndexOf(day);
        return index < 0 ? null : string.Join(',', _tokens.Select(p => p[index]));
    }

    /// <summary>
    /// The version of one partition's counters of a whole UTC month (its roll-up changes whenever a day of it does): the
    /// tokens of its days in order; null when some day of the month was not read.
    /// </summary>
    public string? OfMonth(int partition, int year, int month)
    {
        var first = IndexOf(new DateOnly(year, month, 1));
        var days = DateTime.DaysInMonth(year, month);
        if (first < 0 || first + days > _days.Count || _days[first + days - 1] != new DateOnly(year, month, days))
        {
            return null;
        }
        return string.Join(',', _tokens[partition], first, days);
    }

    private int IndexOf(DateOnly day)
    {
        if (_days.Count == 0) return -1;
        var index = day.DayNumber - _days[0].DayNumber;
        return index >= 0 && index < _days.Count && _days[index] == day ? index : -1;
    }
}
