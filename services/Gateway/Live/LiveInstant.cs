using System.Globalization;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Live;

/// <summary>The instants one live update is about, from the gateway's clock. No I/O.</summary>
public readonly record struct LiveInstant
{
    public LiveInstant(DateTimeOffset now)
    {
        var whole = now.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;
        At = new DateTimeOffset(whole, TimeSpan.Zero);
    }

    /// <summary>The clock rounded down to the whole second: every field of the update is taken at this instant.</summary>
    public DateTimeOffset At { get; }

    public long AtMs => At.ToUnixTimeMilliseconds();

    /// <summary>The last complete wall-clock second, [At − 1 s, At), as the Unix second its counts are filed under.</summary>
    public long LastCompleteSecond => LiveLayout.SecondOf(AtMs) - 1;

    /// <summary>"Today": the UTC date of <see cref="At"/>.</summary>
    public DateOnly Today => DateOnly.FromDateTime(At.UtcDateTime);

    public string AtText => At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
